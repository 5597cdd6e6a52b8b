#!/usr/bin/env python3
"""healthcoverage.dask on a Dask LocalCluster of 2 worker processes, against the same kernels in
one process: nearest (facilities broadcast), counts within 5 km (each partition with only the
facilities its radius touches), zonal counts of the shipped villages by district (polygons by
bounding box, partial tables summed), GeoParquet output read back, and bad input refused.

    check_dask.py GEODATA_FOLDER
"""

import json
import logging
import os
import pathlib
import sys
import tempfile

import dask.dataframe as dd
import geopandas
import numpy as np
import pandas as pd
import shapely
from distributed import Client, LocalCluster

import healthcoverage as hc
import healthcoverage.dask as hcd


def fail(message):
    print(f"check_dask: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


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
        print("check_dask: a partition without lon/lat, a NaN coordinate and mismatched zone keys are refused by name")


if __name__ == "__main__":
    main()
