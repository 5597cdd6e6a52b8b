#!/usr/bin/env python3
"""Independent checks of what `coverage traveltime` writes, without any of the toolkit's code.

Given the output folder and the inputs of the run (--friction, --dem, --neighbours, --max-minutes),
this script reads the rasters with GDAL's command-line tools (``gdalinfo -json``, ``gdal_translate
-of XYZ``), finds every cell's least travel time to each facility by its own Dijkstra, written
from the convention the issue states, and checks:

* ``travel_minutes.tif``: float32 on the friction raster's grid and CRS, nodata -9999; every cell
  reachable here is reachable there and no other, at the same minutes within 1e-6 relative (the
  file holds float32);
* ``nearest_source.tif``: int32, nodata -1, each cell's source the facility reaching it first, the
  one listed first of those that tie (equal within 1e-9 relative);
* ``travel_sources.csv``: each facility's cell is the one containing its point (pyproj), its
  ``cells_reached_first`` and ``area_km2`` those of the allocation;
* ``isochrones.geojson``: per threshold, every cell centre reached within it lies inside the
  polygon and every other outside (cells within 1e-6 of the threshold skipped), its ``cells`` and
  ``area_km2`` the count and area of those cells;
* ``travel_catchments.geojson``: each facility's polygon holds the centres of the cells it reaches
  first and no others;
* ``villages_minutes.csv`` (with ``--villages``): each village of the layer, in order, in the cell
  its point lies in (pyproj), with that cell's minutes here (within 0.005 + 1e-6 relative: the file
  rounds to 0.01) and the facility reaching it first, or ``outside the raster`` / ``not reached``;
  ``population_within.csv``: per threshold, the villages and people within it, summed here.

The convention: friction in seconds per metre; a move between neighbouring cells costs the mean
of their frictions × the distance between their centres: in a projected CRS the cell sizes of the
geotransform (√2 on diagonals, √5 on knight's moves with 16 neighbours); in a geographic CRS the
WGS 84 geodesic between the centres (pyproj). With a DEM, the cost is scaled by Tobler's
hiking function for walking from the cell reached to the cell it is reached from (towards the
facility): speed(S) = 6 e^(-3.5 |S + 0.05|), factor speed(0) / speed(S), S = rise / run.
"""

import argparse
import csv
import heapq
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import shape

KINGS = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
KNIGHTS = [(-2, -1), (-2, 1), (-1, -2), (-1, 2), (1, -2), (1, 2), (2, -1), (2, 1)]


class Raster:
    """A raster's cells, geotransform, CRS and nodata, as GDAL's tools read them."""

    def __init__(self, path: Path):
        info = json.loads(subprocess.run(["gdalinfo", "-json", str(path)], check=True, capture_output=True, text=True).stdout)
        self.columns, self.rows = info["size"]
        self.transform = info["geoTransform"]
        self.wkt = info["coordinateSystem"]["wkt"]
        band = info["bands"][0]
        self.type = band["type"]
        self.nodata = band.get("noDataValue")
        text = subprocess.run(["gdal_translate", "-q", "-of", "XYZ", str(path), "/vsistdout/"], check=True, capture_output=True, text=True).stdout
        values = np.array([float(line.split()[2]) for line in text.splitlines() if line.strip()])
        self.values = values.reshape(self.rows, self.columns)
        if self.nodata is not None:
            self.values[self.values == self.nodata] = np.nan
        self.crs = pyproj.CRS.from_wkt(self.wkt)

    def centre(self, row: int, column: int) -> tuple[float, float]:
        x0, width, _, y0, _, height = self.transform
        return x0 + (column + 0.5) * width, y0 + (row + 0.5) * height


def search(friction: Raster, dem: Raster | None, start: tuple[int, int], offsets, limit_seconds: float) -> np.ndarray:
    """Seconds from every cell to `start` (inf where unreachable), one source."""
    geod = pyproj.Geod(ellps="WGS84") if friction.crs.is_geographic else None
    rows, columns = friction.rows, friction.columns
    f = friction.values
    passable = np.isfinite(f) & (f > 0)
    if dem is not None:
        passable &= np.isfinite(dem.values)
    times = np.full((rows, columns), np.inf)
    times[start] = 0.0
    heap = [(0.0, start)]
    x0, width, _, y0, _, height = friction.transform
    while heap:
        t, (r, c) = heapq.heappop(heap)
        if t > times[r, c]:
            continue
        for dr, dc in offsets:
            nr, nc = r + dr, c + dc
            if not (0 <= nr < rows and 0 <= nc < columns) or not passable[nr, nc]:
                continue
            if geod is None:
                run = math.hypot(dc * width, dr * height)
            else:
                (ax, ay), (bx, by) = friction.centre(r, c), friction.centre(nr, nc)
                run = geod.inv(ax, ay, bx, by)[2]
            cost = (f[r, c] + f[nr, nc]) / 2 * run
            if dem is not None:
                slope = (dem.values[r, c] - dem.values[nr, nc]) / run
                cost *= math.exp(-3.5 * 0.05) / math.exp(-3.5 * abs(slope + 0.05))
            arrival = t + cost
            if arrival <= limit_seconds and arrival < times[nr, nc]:
                times[nr, nc] = arrival
                heapq.heappush(heap, (arrival, (nr, nc)))
    return times


class Failures:
    def __init__(self):
        self.messages = []

    def check(self, ok: bool, message: str):
        if not ok:
            self.messages.append(message)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--friction", type=Path, required=True)
    parser.add_argument("--dem", type=Path)
    parser.add_argument("--neighbours", type=int, default=8)
    parser.add_argument("--max-minutes", type=float)
    parser.add_argument("--villages", type=Path, help="the --villages layer of the run")
    arguments = parser.parse_args()
    failures = Failures()
    friction = Raster(arguments.friction)
    dem = Raster(arguments.dem) if arguments.dem else None
    minutes = Raster(arguments.folder / "travel_minutes.tif")
    nearest = Raster(arguments.folder / "nearest_source.tif")
    failures.check(minutes.type == "Float32" and minutes.nodata == -9999, f"travel_minutes.tif: {minutes.type}, nodata {minutes.nodata}")
    failures.check(nearest.type == "Int32" and nearest.nodata == -1, f"nearest_source.tif: {nearest.type}, nodata {nearest.nodata}")
    for raster, name in [(minutes, "travel_minutes.tif"), (nearest, "nearest_source.tif")]:
        failures.check((raster.columns, raster.rows, raster.transform) == (friction.columns, friction.rows, friction.transform),
                       f"{name}: not the friction raster's grid")
        failures.check(raster.crs == friction.crs, f"{name}: not the friction raster's CRS")

    with open(arguments.folder / "travel_sources.csv", encoding="utf-8-sig") as f:
        table = list(csv.DictReader(f))
    used = [row for row in table if row["status"] == "used"]
    to_raster = pyproj.Transformer.from_crs("EPSG:4326", friction.crs, always_xy=True)
    starts = []
    for row in used:
        x, y = to_raster.transform(float(row["lon"]), float(row["lat"]))
        x0, width, _, y0, _, height = friction.transform
        cell = (int(math.floor((y - y0) / height)), int(math.floor((x - x0) / width)))
        failures.check(cell == (int(row["row"]), int(row["column"])), f"{row['facility_id']}: in cell {cell}, the table says {row['row']}, {row['column']}")
        starts.append(cell)

    offsets = KINGS + (KNIGHTS if arguments.neighbours == 16 else [])
    limit = arguments.max_minutes * 60 if arguments.max_minutes else math.inf
    per_source = np.stack([search(friction, dem, start, offsets, limit) for start in starts])
    best = per_source.min(axis=0)
    reachable = np.isfinite(best)
    found = np.isfinite(minutes.values)
    failures.check(np.array_equal(reachable, found), f"reachable cells: {int(reachable.sum())} here, {int(found.sum())} in the file")
    both = reachable & found
    expected_minutes = best[both] / 60
    relative = np.abs(minutes.values[both] - expected_minutes) / np.maximum(expected_minutes, 1e-9)
    worst = float(relative.max()) if relative.size else 0.0
    failures.check(worst <= 1e-6, f"minutes differ by up to {worst:.3g} relative")
    # The first listed of the sources within 1e-9 of the best.
    tied = per_source <= best * (1 + 1e-9) + 1e-12
    first = np.where(reachable, np.argmax(tied, axis=0), -1)
    allocation = nearest.values
    allocated = np.where(np.isfinite(allocation), allocation, -1).astype(int)
    mismatched = int((allocated != first).sum())
    failures.check(mismatched == 0, f"nearest_source.tif: {mismatched} cells name another source than the first of those reaching them first")
    cell_area = abs(friction.transform[1] * friction.transform[5]) if not friction.crs.is_geographic else None
    for index, row in enumerate(used):
        count = int((allocated == index).sum())
        failures.check(int(row["cells_reached_first"]) == count, f"{row['facility_id']}: {row['cells_reached_first']} cells in the table, {count} in the raster")
        if cell_area is not None:
            failures.check(abs(float(row["area_km2"]) - count * cell_area / 1e6) <= 0.0005, f"{row['facility_id']}: area_km2 {row['area_km2']}")

    # Polygons: cell centres in lon/lat.
    to_wgs84 = pyproj.Transformer.from_crs(friction.crs, "EPSG:4326", always_xy=True)
    rows_index, columns_index = np.indices((friction.rows, friction.columns))
    x0, width, _, y0, _, height = friction.transform
    lon, lat = to_wgs84.transform(x0 + (columns_index + 0.5) * width, y0 + (rows_index + 0.5) * height)
    polygons = 0
    if (arguments.folder / "isochrones.geojson").exists():
        for feature in json.loads((arguments.folder / "isochrones.geojson").read_text())["features"]:
            limit_minutes = feature["properties"]["max_minutes"]
            inside = reachable & (best / 60 <= limit_minutes)
            clear = np.abs(best / 60 - limit_minutes) > 1e-6 * max(limit_minutes, 1)
            geometry = shape(feature["geometry"]) if feature["geometry"] else shapely.Polygon()
            contained = shapely.contains_xy(geometry, lon, lat)
            wrong = int(((contained != inside) & clear).sum())
            failures.check(wrong == 0, f"isochrone {limit_minutes} min: {wrong} cell centres on the wrong side")
            failures.check(feature["properties"]["cells"] == int(inside.sum()), f"isochrone {limit_minutes} min: {feature['properties']['cells']} cells, {int(inside.sum())} here")
            if cell_area is not None:
                failures.check(abs(feature["properties"]["area_km2"] - inside.sum() * cell_area / 1e6) <= 0.0005, f"isochrone {limit_minutes} min: area")
            polygons += 1
        for feature in json.loads((arguments.folder / "travel_catchments.geojson").read_text())["features"]:
            index = feature["properties"]["source_index"]
            geometry = shape(feature["geometry"]) if feature["geometry"] else shapely.Polygon()
            contained = shapely.contains_xy(geometry, lon, lat)
            wrong = int((contained != (allocated == index)).sum())
            failures.check(wrong == 0, f"catchment of source {index}: {wrong} cell centres on the wrong side")
            polygons += 1

    checked_villages = 0
    if arguments.villages:
        features = json.loads(arguments.villages.read_text())["features"]
        with open(arguments.folder / "villages_minutes.csv", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        failures.check([r["village_code"] for r in rows] == [str(v["properties"]["village_code"]) for v in features], "villages_minutes.csv: not the layer's villages in order")
        ids = [row["facility_id"] for row in used]
        minutes_of = {}
        for feature, row in zip(features, rows):
            x, y = to_raster.transform(*feature["geometry"]["coordinates"])
            r = int(math.floor((y - friction.transform[3]) / friction.transform[5]))
            c = int(math.floor((x - friction.transform[0]) / friction.transform[1]))
            where = f"village {row['village_code']}"
            if not (0 <= r < friction.rows and 0 <= c < friction.columns):
                failures.check(row["status"] == "outside the raster" and row["minutes"] == "", f"{where}: outside the raster, the file says {row['status']!r}")
                continue
            failures.check((row["row"], row["column"]) == (str(r), str(c)), f"{where}: cell ({r}, {c}), the file says ({row['row']}, {row['column']})")
            if not reachable[r, c]:
                failures.check(row["status"] == "not reached" and row["minutes"] == "", f"{where}: not reached, the file says {row['minutes']!r}")
                continue
            expected = best[r, c] / 60
            failures.check(abs(float(row["minutes"]) - expected) <= 0.005 + 1e-6 * expected, f"{where}: {row['minutes']} min, {expected:.4f} here")
            failures.check(tied[ids.index(row["nearest_facility_id"]), r, c], f"{where}: {row['nearest_facility_id']} does not reach it first")
            minutes_of[row["village_code"]] = expected
            checked_villages += 1
        with open(arguments.folder / "population_within.csv", encoding="utf-8-sig") as f:
            for line in csv.DictReader(f):
                limit = float(line["max_minutes"])
                inside = [v for v in features if minutes_of.get(str(v["properties"]["village_code"]), math.inf) <= limit]
                people = sum(v["properties"]["population"] for v in inside)
                failures.check((int(line["villages"]), int(line["population"])) == (len(inside), people),
                               f"population_within.csv {limit:g} min: {line['villages']} villages, {line['population']} people; {len(inside)}, {people} here")

    print(f"check-traveltime: {arguments.folder.name}: {int(reachable.sum()):,} cells reached from {len(starts)} facilities, "
          f"minutes within {worst:.2g} relative of an independent Dijkstra ({arguments.neighbours} neighbours"
          f"{', Tobler on the DEM' if dem else ''}{', geographic' if friction.crs.is_geographic else ''}), allocation identical, "
          f"{polygons} polygons hold exactly their cells"
          f"{f', {checked_villages} villages read at their cells' if arguments.villages else ''}")
    for message in failures.messages:
        print(f"  FAILED: {message}")
    return 1 if failures.messages else 0


if __name__ == "__main__":
    sys.exit(main())
