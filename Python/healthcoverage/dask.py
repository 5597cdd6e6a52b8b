"""The kernels over a Dask dataframe of points, on any Dask cluster (a LocalCluster here; the
scheduler address is all that changes elsewhere). Exact: every partition gets every facility that
can matter to it, so each answer equals the one-process answer.

    import dask.dataframe as dd
    import healthcoverage.dask as hcd
    points = dd.read_parquet("points/")                       # columns lon, lat (degrees, WGS 84)
    nearest = hcd.nearest(points, facility_lon, facility_lat)  # + facility, distance_m
    counts = hcd.within(points, facility_lon, facility_lat, radius_m=5_000)   # + within
    table = hcd.zonal_counts(points, polygons_wkb, zone_keys, weight="population").compute()
    hcd.write_parquet(nearest, "out/nearest/")                # GeoParquet partitions, whole or nothing
    minutes, source = hcd.travel_time(friction, 500, sources, max_minutes=120, tile=2048)   # dask arrays

- nearest: the facilities are broadcast to every partition (10⁵ facilities are 1.6 MB).
- within a radius: each partition gets only the facilities within the radius of its points'
  bounding box (widened by the radius in degrees, conservatively), so a tile of points meets the
  facilities its radius touches and no other.
- zonal counts: each partition gets the polygons whose bounding boxes touch its own; the partial
  tables are summed by zone key.
- travel time: the grid in tiles, each computed over a window with a halo of max_minutes × the
  fastest speed of the grid (no path that arrives in time can leave it), with the sources in it.
"""

import json
import math
import os
import pathlib
import shutil
import uuid

import numpy as np
import pandas as pd

import healthcoverage as hc

# Metres per degree of latitude, at least (the meridian arc is 110,574 m a degree at the equator);
# a degree of longitude is at least this × cos(latitude).
_METRES_PER_DEGREE = 110_574.0


def _require_columns(frame, columns):
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"the points lack the column(s) {missing} (they have {list(frame.columns)})")


def nearest(points, facility_lon, facility_lat, metric="geodesic", threads=0, lon="lon", lat="lat"):
    """`points` with two more columns: `facility` (the position of the nearest facility, -1 for none)
    and `distance_m`."""
    _require_columns(points, [lon, lat])
    flon, flat = hc._coordinates(facility_lon, facility_lat, ("facility_lon", "facility_lat"))

    def partition(frame, flon, flat):
        facility, metres = hc.nearest(flon, flat, frame[lon].to_numpy(), frame[lat].to_numpy(), metric=metric, threads=threads)
        return frame.assign(facility=facility, distance_m=metres)

    meta = points._meta.assign(facility=np.int32(0), distance_m=np.float64(0))
    return points.map_partitions(partition, flon, flat, meta=meta)


def _widened_box(lon, lat, radius_m):
    """The points' bounding box widened by radius_m in every direction (degrees, conservative)."""
    south, north = float(np.min(lat)), float(np.max(lat))
    margin_lat = radius_m / _METRES_PER_DEGREE * 1.01
    widest = min(89.9, max(abs(south), abs(north)) + margin_lat)
    margin_lon = radius_m / (_METRES_PER_DEGREE * math.cos(math.radians(widest))) * 1.01
    return float(np.min(lon)) - margin_lon, south - margin_lat, float(np.max(lon)) + margin_lon, north + margin_lat


def within(points, facility_lon, facility_lat, radius_m, metric="geodesic", threads=0, lon="lon", lat="lat"):
    """`points` with one more column, `within`: how many facilities lie within radius_m metres."""
    _require_columns(points, [lon, lat])
    flon, flat = hc._coordinates(facility_lon, facility_lat, ("facility_lon", "facility_lat"))
    if not (radius_m >= 0 and math.isfinite(radius_m)):
        raise ValueError(f"radius_m must be a finite number of metres ≥ 0, not {radius_m}")

    def partition(frame, flon, flat):
        if len(frame) == 0:
            return frame.assign(within=np.zeros(0, dtype=np.int32))
        qlon, qlat = frame[lon].to_numpy(dtype=np.float64), frame[lat].to_numpy(dtype=np.float64)
        if not (np.isfinite(qlon).all() and np.isfinite(qlat).all()):
            # The kernel names the point; no box can be made around a NaN.
            hc.within(flon, flat, qlon, qlat, radius_m, metric=metric)
        west, south, east, north = _widened_box(qlon, qlat, radius_m)
        near = (flon >= west) & (flon <= east) & (flat >= south) & (flat <= north)
        counts = hc.within(flon[near], flat[near], qlon, qlat, radius_m, metric=metric, threads=threads)
        return frame.assign(within=counts)

    return points.map_partitions(partition, flon, flat, meta=points._meta.assign(within=np.int32(0)))


def zonal_counts(points, polygons_wkb, zone_keys, weight=None, threads=0, lon="lon", lat="lat"):
    """A Dask dataframe, one row per zone key: `points` (how many points lie in its polygon) and, with
    `weight`, the sum of that column over them. Points in no polygon are left out."""
    _require_columns(points, [lon, lat] + ([weight] if weight else []))
    import shapely

    blobs = [bytes(blob) for blob in polygons_wkb]
    keys = list(zone_keys)
    if len(keys) != len(blobs):
        raise ValueError(f"{len(blobs)} polygons but {len(keys)} zone keys")
    boxes = shapely.bounds(shapely.from_wkb(blobs))

    def partition(frame):
        if len(frame) == 0:
            return pd.DataFrame({"zone": pd.Series([], dtype=object), "points": pd.Series([], dtype=np.int64), "weight": pd.Series([], dtype=np.float64)})
        qlon, qlat = frame[lon].to_numpy(dtype=np.float64), frame[lat].to_numpy(dtype=np.float64)
        touching = np.flatnonzero((boxes[:, 0] <= qlon.max()) & (boxes[:, 2] >= qlon.min()) & (boxes[:, 1] <= qlat.max()) & (boxes[:, 3] >= qlat.min()))
        found = hc.locate([blobs[i] for i in touching], qlon, qlat, threads=threads)
        inside = found >= 0
        zone = np.asarray(keys, dtype=object)[touching[found[inside]]]
        weights = frame[weight].to_numpy(dtype=np.float64)[inside] if weight else np.ones(int(inside.sum()))
        table = pd.DataFrame({"zone": zone, "points": np.ones(len(zone), dtype=np.int64), "weight": weights})
        return table.groupby("zone", as_index=False).sum()

    meta = pd.DataFrame({"zone": pd.Series([], dtype=object), "points": pd.Series([], dtype=np.int64), "weight": pd.Series([], dtype=np.float64)})
    partial = points.map_partitions(partition, meta=meta)
    total = partial.groupby("zone").sum().reset_index()
    return total if weight else total.drop(columns="weight")


def travel_time(friction_s_per_m, cell_size_m, sources, max_minutes, tile=2048, neighbours=8, threads=0):
    """hc.travel_time over a grid cut into tiles of `tile` × `tile` cells, each computed by a worker
    over its window: the tile and a halo of max_minutes × the fastest speed of the grid around it.
    Exact: a path that reaches a cell within max_minutes is at most that long, so it lies in the
    window, and so does its source. Returns dask arrays (chunked by tile) of the minutes (NaN where
    unreached) and the position in `sources` of the source that reaches each cell first (-1).

    `friction_s_per_m` may be a numpy or a dask array (a raster read lazily); max_minutes is needed,
    since it bounds the halo."""
    import dask
    import dask.array as da

    if max_minutes is None or not (math.isfinite(max_minutes) and max_minutes > 0):
        raise ValueError(f"max_minutes must be a number of minutes > 0 (it bounds each tile's halo), not {max_minutes}")
    if int(tile) < 1:
        raise ValueError(f"tile must be at least one cell, not {tile}")
    if len(friction_s_per_m.shape) != 2:
        raise ValueError(f"friction_s_per_m must be a two-dimensional grid, not of shape {friction_s_per_m.shape}")
    width, height = (cell_size_m, cell_size_m) if np.isscalar(cell_size_m) else cell_size_m
    rows, columns = friction_s_per_m.shape
    cells = np.asarray(sources, dtype=np.int64).reshape(-1, 2)
    outside = np.flatnonzero((cells[:, 0] < 0) | (cells[:, 0] >= rows) | (cells[:, 1] < 0) | (cells[:, 1] >= columns))
    if len(outside):
        raise ValueError(f"source {outside[0]} at (row, column) {tuple(cells[outside[0]])} lies off the {rows} × {columns} grid")
    enterable = da.where(da.asarray(friction_s_per_m) > 0, friction_s_per_m, np.inf)
    slowness = float(da.nanmin(enterable).compute())  # seconds per metre of the fastest cell
    if not math.isfinite(slowness):
        raise ValueError("the friction grid has no cell that can be entered (every value NaN, inf or ≤ 0)")
    reach_m = max_minutes * 60 / slowness
    halo_rows, halo_columns = math.ceil(reach_m / height) + 1, math.ceil(reach_m / width) + 1
    tile = int(tile)

    def window_answer(friction, top, left, tile_rows, tile_columns, window_sources, positions):
        minutes = np.full((tile_rows, tile_columns), np.nan, dtype=np.float32)
        source = np.full((tile_rows, tile_columns), -1, dtype=np.int32)
        if len(window_sources):
            found, local = hc.travel_time(friction, (width, height), window_sources, max_minutes=max_minutes, neighbours=neighbours, threads=threads)
            minutes = found[top:top + tile_rows, left:left + tile_columns]
            local = local[top:top + tile_rows, left:left + tile_columns]
            source = np.where(local >= 0, positions[np.maximum(local, 0)], -1).astype(np.int32)
        return minutes, source

    minute_rows, source_rows = [], []
    for row0 in range(0, rows, tile):
        minute_row, source_row = [], []
        for column0 in range(0, columns, tile):
            row1, column1 = min(rows, row0 + tile), min(columns, column0 + tile)
            top, left = max(0, row0 - halo_rows), max(0, column0 - halo_columns)
            bottom, right = min(rows, row1 + halo_rows), min(columns, column1 + halo_columns)
            inside = np.flatnonzero((cells[:, 0] >= top) & (cells[:, 0] < bottom) & (cells[:, 1] >= left) & (cells[:, 1] < right))
            answer = dask.delayed(window_answer, nout=2)(
                friction_s_per_m[top:bottom, left:right], row0 - top, column0 - left, row1 - row0, column1 - column0,
                cells[inside] - [top, left], inside.astype(np.int32))
            shape = (row1 - row0, column1 - column0)
            minute_row.append(da.from_delayed(answer[0], shape, dtype=np.float32))
            source_row.append(da.from_delayed(answer[1], shape, dtype=np.int32))
        minute_rows.append(minute_row)
        source_rows.append(source_row)
    return da.block(minute_rows), da.block(source_rows)


def write_parquet(frame, folder, lon="lon", lat="lat"):
    """Writes `frame` as GeoParquet partitions (GeoParquet 1.0: a WKB point geometry from lon and lat,
    WGS 84, with each file's bounding box) into `folder`, whole or not at all: the partitions go to a
    staging folder beside it, which replaces `folder` only once every partition is written (a failed
    run leaves no half-written output). The points' WKB is laid out by numpy, 21 bytes a point, and
    handed to pyarrow without a copy: no geometry object is made per row."""
    import dask
    import pyproj

    _require_columns(frame, [lon, lat])
    crs = pyproj.CRS("EPSG:4326").to_json_dict()  # GeoParquet's PROJJSON, made once for every partition
    target = pathlib.Path(folder)
    staging = target.with_name(f".{target.name}.staging-{uuid.uuid4().hex[:8]}")
    try:
        staging.mkdir(parents=True)
        parts = frame.to_delayed()
        width = max(5, len(str(len(parts))))
        dask.compute(*[dask.delayed(_write_partition)(part, staging / f"part.{index:0{width}d}.parquet", lon, lat, crs)
                       for index, part in enumerate(parts)])
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


def _write_partition(part, path, lon, lat, crs):
    import pyarrow as pa
    import pyarrow.parquet as pq

    x, y = part[lon].to_numpy(dtype=np.float64), part[lat].to_numpy(dtype=np.float64)
    records = np.empty(len(x), dtype=np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")]))  # packed: 21 bytes
    records["order"], records["kind"], records["x"], records["y"] = 1, 1, x, y  # little-endian Point
    offsets = np.arange(0, 21 * (len(x) + 1), 21, dtype=np.int32)
    geometry = pa.Array.from_buffers(pa.binary(), len(x), [None, pa.py_buffer(offsets), pa.py_buffer(records)])
    table = pa.Table.from_pandas(part, preserve_index=False).append_column("geometry", geometry)
    bbox = [float(x.min()), float(y.min()), float(x.max()), float(y.max())] if len(x) else []
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {
        "encoding": "WKB", "geometry_types": ["Point"], "crs": crs, **({"bbox": bbox} if bbox else {})}}}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, use_dictionary=False)  # coordinates and distances rarely repeat: dictionaries only cost
