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

- nearest: the facilities are broadcast to every partition (10⁵ facilities are 1.6 MB).
- within a radius: each partition gets only the facilities within the radius of its points'
  bounding box (widened by the radius in degrees, conservatively), so a tile of points meets the
  facilities its radius touches and no other.
- zonal counts: each partition gets the polygons whose bounding boxes touch its own; the partial
  tables are summed by zone key.
"""

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


def write_parquet(frame, folder, lon="lon", lat="lat"):
    """Writes `frame` as GeoParquet partitions (a point geometry from lon and lat, WGS 84) into
    `folder`, whole or not at all: the partitions go to a staging folder beside it, which replaces
    `folder` only once every partition is written (a failed run leaves no half-written output)."""
    import dask_geopandas

    target = pathlib.Path(folder)
    staging = target.with_name(f".{target.name}.staging-{uuid.uuid4().hex[:8]}")
    try:
        geometric = dask_geopandas.from_dask_dataframe(frame, geometry=dask_geopandas.points_from_xy(frame, lon, lat, crs="EPSG:4326"))
        geometric.to_parquet(str(staging))
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target
