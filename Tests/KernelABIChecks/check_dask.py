#!/usr/bin/env python3
"""healthcoverage.dask on a Dask LocalCluster of 2 worker processes, against the same kernels in
one process: nearest (facilities broadcast), counts within 5 km (each partition with only the
facilities its radius touches), zonal counts of the shipped villages by district (polygons by
bounding box, partial tables summed), GeoParquet output read back, travel time in tiles with a
halo, and bad input refused.

    check_dask.py GEODATA_FOLDER
"""

import json
import logging
import os
import pathlib
import sys
import tempfile

import dask.array as da
import dask.dataframe as dd
import geopandas
import numpy as np
import pandas as pd
import shapely
from distributed import Client, LocalCluster

import healthcoverage as hc
import healthcoverage.dask as hcd

from verdict import check


def main():
    geodata = pathlib.Path(sys.argv[1])
    random = np.random.default_rng(2020)
    # Points sorted west to east, so that each partition is a strip (a tile) of the Laos box.
    n, partitions = 200_000, 8
    lon = np.sort(random.uniform(100, 107.7, n))
    lat = random.uniform(13.9, 22.5, n)
    flon, flat = random.uniform(100, 107.7, 5_000), random.uniform(13.9, 22.5, 5_000)
    points = dd.from_pandas(pd.DataFrame({"lon": lon, "lat": lat, "population": random.integers(1, 500, n)}), npartitions=partitions)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster):
        nearest = hcd.nearest(points, flon, flat).compute()
        facility, metres = hc.nearest(flon, flat, lon, lat)
        check(np.array_equal(nearest["facility"].to_numpy(), facility) and np.array_equal(nearest["distance_m"].to_numpy(), metres),
              "nearest on the cluster differs from one process")
        counts = hcd.within(points, flon, flat, radius_m=5_000).compute()
        check(np.array_equal(counts["within"].to_numpy(), hc.within(flon, flat, lon, lat, 5_000)), "within 5 km on the cluster differs")
        check(counts["within"].sum() > 0, "some points have a facility within 5 km")
        print(f"check_dask: nearest and counts within 5 km of {n:,} points × {len(flon):,} facilities in {partitions} partitions "
              "on 2 workers equal one process exactly")

        districts = json.loads((geodata / "districts.geojson").read_text(encoding="utf-8"))["features"]
        wkb = shapely.to_wkb([shapely.geometry.shape(feature["geometry"]) for feature in districts])
        keys = [feature["properties"]["pcode"] for feature in districts]
        villages = geopandas.read_file(geodata / "villages.geojson")
        village_points = dd.from_pandas(
            pd.DataFrame({"lon": villages.geometry.x, "lat": villages.geometry.y, "population": villages["population"]}), npartitions=4)
        table = hcd.zonal_counts(village_points, wkb, keys, weight="population").compute().set_index("zone").sort_index()
        located = hc.locate(wkb, villages.geometry.x.to_numpy(), villages.geometry.y.to_numpy())
        inside = located >= 0
        expected = (pd.DataFrame({"zone": np.asarray(keys)[located[inside]], "population": villages["population"].to_numpy()[inside]})
                    .groupby("zone")["population"].agg(["count", "sum"]).sort_index())
        check(list(table.index) == list(expected.index), "zonal counts: the zones differ")
        check(np.array_equal(table["points"].to_numpy(), expected["count"].to_numpy()), "zonal counts: the point counts differ")
        check(np.array_equal(table["weight"].to_numpy(), expected["sum"].to_numpy(dtype=np.float64)), "zonal counts: the population sums differ")
        print(f"check_dask: zonal counts of the {len(villages):,} shipped villages by district ({len(table)} districts, "
              f"{int(table['weight'].sum()):,} people) equal one process")

        with tempfile.TemporaryDirectory() as folder:
            out = hcd.write_parquet(hcd.nearest(points, flon, flat), pathlib.Path(folder) / "nearest")
            back = geopandas.read_parquet(out)
            check(len(back) == n and back.crs.to_epsg() == 4326 and np.array_equal(back.geometry.x.to_numpy(), lon),
                  "the GeoParquet partitions read back differ")
            check(not any(path.name.startswith(".") for path in pathlib.Path(folder).iterdir()), "a staging folder was left behind")
        print(f"check_dask: written as GeoParquet partitions and read back by geopandas ({n:,} rows, EPSG:4326)")

        # A worker that dies in the middle: the nanny starts another, the scheduler runs its partition
        # again, and the answer is whole and exact.
        with tempfile.TemporaryDirectory() as folder:
            marker = pathlib.Path(folder) / "died"

            def die_once(frame):
                if len(frame) and frame["lon"].iloc[0] > 104 and not marker.exists():
                    marker.touch()
                    os._exit(1)
                return frame

            survived = hcd.nearest(points.map_partitions(die_once, meta=points._meta), flon, flat).compute()
            check(marker.exists(), "no worker died")
            check(np.array_equal(survived["facility"].to_numpy(), facility) and np.array_equal(survived["distance_m"].to_numpy(), metres),
                  "after a worker died, the answer differs from one process")
        print("check_dask: a worker killed in the middle of a partition is replaced; the answer is whole and equal to one process")

        # Travel time in tiles with a halo: a seeded walking grid of 500 m cells (0.6–2 s/m), a road
        # at 30 km/h, an impassable river crossed by one bridge; 40 sources, 90 minutes: the halo is
        # 91 cells around tiles of 64, so most windows are a part of the grid.
        grid = random.uniform(0.6, 2.0, (300, 420)).astype(np.float32)
        grid[150, :] = 0.12
        grid[:, 210] = np.nan
        grid[150, 210] = 0.12
        sources = np.column_stack([random.integers(0, 300, 40), random.integers(0, 420, 40)])
        grid[sources[:, 0], sources[:, 1]] = 1.0
        alone, alone_source = hc.travel_time(grid, 500, sources, max_minutes=90)
        for friction, kind in [(grid, "numpy"), (da.from_array(grid, chunks=(100, 100)), "dask")]:
            minutes, source = hcd.travel_time(friction, 500, sources, max_minutes=90, tile=64)
            minutes, source = minutes.compute(), source.compute()
            check(np.array_equal(minutes, alone, equal_nan=True), f"travel time in tiles ({kind} grid) differs from one process: "
                  f"{int(np.sum(~((minutes == alone) | (np.isnan(minutes) & np.isnan(alone)))))} cells")
            check(np.array_equal(source, alone_source), f"the sources of the tiled travel time ({kind} grid) differ from one process")
        reached = int(np.isfinite(alone).sum())
        check(0 < reached < alone.size, "the check's grid is partly reached within 90 minutes")
        print(f"check_dask: travel time over a 300 × 420 grid in tiles of 64 with a halo of 91 cells (90 min × 30 km/h) equals "
              f"one process, minutes and sources, from a numpy and a dask grid ({reached:,} cells reached)")

        def refused(call, words):
            try:
                call()
            except (ValueError, hc.HealthCoverageError) as error:
                check(all(word in str(error) for word in words), f"the error says {error!s:.200}, expected {words}")
                return
            fail(f"expected an error mentioning {words}")

        refused(lambda: hcd.nearest(points.rename(columns={"lat": "y"}), flon, flat), ["lat"])
        bad = dd.from_pandas(pd.DataFrame({"lon": [102.0, np.nan], "lat": [18.0, 18.0]}), npartitions=1)
        refused(lambda: hcd.within(bad, flon, flat, 5_000).compute(), ["1"])
        refused(lambda: hcd.zonal_counts(points, wkb, keys[:3]), ["zone keys"])
        refused(lambda: hcd.travel_time(grid, 500, sources, max_minutes=None), ["max_minutes", "halo"])
        refused(lambda: hcd.travel_time(grid, 500, [(300, 0)], max_minutes=60), ["source 0", "off the"])
        print("check_dask: a partition without lon/lat, a NaN coordinate, mismatched zone keys, a travel time without a limit "
              "and a source off the grid are refused by name")


if __name__ == "__main__":
    main()
