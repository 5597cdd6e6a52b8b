#!/usr/bin/env python3
"""healthcoverage.dask at scale (make bench-scale): POINTS seeded points over the Laos box, written
partition by partition as Parquet (never all in memory; each partition a strip of longitude, as
tiles of a real settlement layer would be), × FACILITIES seeded facilities: the nearest facility
(haversine) and the count within RADIUS metres of every point, on a Dask LocalCluster of 2 worker
processes of 1 thread each, results written as GeoParquet partitions. Reports the wall time, points
per second per core and each worker's peak memory, and checks the answers of one whole partition
(SAMPLE points) against scipy's cKDTree on unit vectors recomputed in one process (the chord is
monotonic in the great-circle distance, so its nearest is the haversine nearest, and a radius
becomes a chord).

    bench_scale.py [--points 1e8] [--partitions 100] [--facilities 1e5] [--radius 5000] [--folder out/bench-scale]

The peer on the same partitions: DuckDB spatial (2 threads, ST_Distance_Sphere: haversine on a sphere
of 6,371,000 m, points given as latitude then longitude, as it reads them),
nearest and counts by a grid join: facilities copied into the 3 × 3 cells of 0.05° around their own,
so that every facility within 5.1 km of a point meets it (the counts within 5 km are exact); a
nearest is exact when it lies within 5.1 km, and the points for which it does not are counted and
reported (none on these inputs). (dask-geopandas sjoin_nearest is not run yet.)
"""

import argparse
import json
import math
import os
import pathlib
import resource
import shutil
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy.spatial import cKDTree

WEST, EAST, SOUTH, NORTH = 100.0, 107.7, 13.9, 22.5
SPHERE = 6_371_008.8


def generate(folder, points, partitions, seed):
    """The points, partition by partition (kept when a previous run made the same ones)."""
    stamp = folder / "points.json"
    wanted = {"points": points, "partitions": partitions, "seed": seed}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return folder / "points"
    shutil.rmtree(folder / "points", ignore_errors=True)
    (folder / "points").mkdir(parents=True)
    width = (EAST - WEST) / partitions
    per = points // partitions
    for index in range(partitions):
        random = np.random.default_rng(seed + index)
        count = per + (1 if index < points % partitions else 0)
        lon = random.uniform(WEST + index * width, WEST + (index + 1) * width, count)
        lat = random.uniform(SOUTH, NORTH, count)
        pq.write_table(pa.table({"lon": lon, "lat": lat}), folder / "points" / f"part-{index:05d}.parquet", compression="snappy")
    stamp.write_text(json.dumps(wanted))
    return folder / "points"


def unit_vectors(lon, lat):
    lon, lat = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duckdb_peer(source, flon, flat, radius_m):
    """DuckDB spatial's nearest (facility, metres) and counts within radius_m for every point, in
    the order of the partitions; and the seconds each took."""
    import duckdb
    import duckdb_extensions

    duckdb_extensions.import_extension("spatial")
    connection = duckdb.connect()
    connection.execute(f"LOAD spatial; SET threads = 2; SET temp_directory = '{tempfile.gettempdir()}/duckdb-spill'")
    connection.register("facility_frame", pd.DataFrame({"id": np.arange(len(flon), dtype=np.int32), "lon": flon, "lat": flat}))
    # The smallest width of a cell of 0.05° in the box, metres: every facility within it is in the 3 × 3 block.
    reach = 0.05 * _METRES_PER_DEGREE_MIN * math.cos(math.radians(NORTH))
    assert reach >= radius_m, "the cells must be at least the radius"

    def candidates(cell):
        return f"""
            CREATE OR REPLACE TEMP TABLE f AS
            SELECT id, lon, lat, ST_Point(lat, lon) AS point, cx + dx AS cx, cy + dy AS cy
            FROM (SELECT *, floor(lon / {cell})::INTEGER AS cx, floor(lat / {cell})::INTEGER AS cy FROM facility_frame),
                 range(-1, 2) AS a(dx), range(-1, 2) AS b(dy);
        """

    connection.execute(candidates(0.05))
    # Partition by partition, as a DuckDB job over a partitioned data set would go: the whole join at
    # once spilled more than 20 GB to disk at 10⁷ points.
    nearest_parts, within_parts, nearest_seconds, within_seconds = [], [], 0.0, 0.0
    for file in sorted(source.glob("*.parquet")):
        points = f"""(SELECT *, floor(lon / 0.05)::INTEGER AS cx, floor(lat / 0.05)::INTEGER AS cy
                      FROM read_parquet('{file}', filename = true, file_row_number = true)) p"""
        started = time.perf_counter()
        nearest_parts.append(connection.execute(f"""
            SELECT p.filename, p.file_row_number AS row, arg_min(f.id, d) AS facility, min(d) AS distance_m
            FROM {points} JOIN f USING (cx, cy), LATERAL (SELECT ST_Distance_Sphere(ST_Point(p.lat, p.lon), f.point) AS d)
            GROUP BY ALL
        """).df())
        nearest_seconds += time.perf_counter() - started
        started = time.perf_counter()
        within_parts.append(connection.execute(f"""
            SELECT p.filename, p.file_row_number AS row, count(*) FILTER (WHERE d <= {radius_m}) AS within
            FROM {points} JOIN f USING (cx, cy), LATERAL (SELECT ST_Distance_Sphere(ST_Point(p.lat, p.lon), f.point) AS d)
            GROUP BY ALL
        """).df())
        within_seconds += time.perf_counter() - started
    nearest, within = pd.concat(nearest_parts), pd.concat(within_parts)
    far = int((nearest["distance_m"] > reach).sum())
    return nearest, within, far, nearest_seconds, within_seconds


_METRES_PER_DEGREE_MIN = 110_574.0


def main():
    # (The workers are processes that import this file: nothing runs at import.)
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=float, default=1e8)
    parser.add_argument("--partitions", type=int, default=100)
    parser.add_argument("--facilities", type=float, default=1e5)
    parser.add_argument("--radius", type=float, default=5_000)
    parser.add_argument("--folder", default="out/bench-scale")
    parser.add_argument("--seed", type=int, default=20)
    arguments = parser.parse_args()
    points, facilities = int(arguments.points), int(arguments.facilities)
    folder = pathlib.Path(arguments.folder)

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import healthcoverage.dask as hcd

    started = time.perf_counter()
    source = generate(folder, points, arguments.partitions, arguments.seed)
    print(f"bench_scale: {points:,} points in {arguments.partitions} partitions ready in {time.perf_counter() - started:.1f} s ({source})")
    random = np.random.default_rng(arguments.seed - 1)
    flon, flat = random.uniform(WEST, EAST, facilities), random.uniform(SOUTH, NORTH, facilities)

    results = {"points": points, "partitions": arguments.partitions, "facilities": facilities, "radius_m": arguments.radius,
               "workers": 2, "threads_per_worker": 1}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="8GiB") as cluster, \
            Client(cluster) as client:
        frame = dd.read_parquet(str(source))
        for name, job, column in [
            ("nearest", lambda: hcd.nearest(frame, flon, flat, metric="haversine", threads=1), "distance_m"),
            ("within", lambda: hcd.within(frame, flon, flat, arguments.radius, metric="haversine", threads=1), "within"),
        ]:
            client.restart()  # each job's peak memory on its own
            started = time.perf_counter()
            job()[column].sum().compute()  # every partition read and answered, nothing written
            compute = time.perf_counter() - started
            started = time.perf_counter()
            hcd.write_parquet(job(), folder / f"result-{name}")
            written = time.perf_counter() - started
            peaks = client.run(peak_rss_mib)
            results[name] = {"compute_s": round(compute, 2), "points_per_s_per_core": round(points / compute / 2),
                             "with_geoparquet_s": round(written, 2), "peak_mib_per_worker": sorted(round(value) for value in peaks.values())}
            print(f"bench_scale: {name}: {compute:.1f} s ({points / compute / 2:,.0f} points/s/core); written as GeoParquet "
                  f"{written:.1f} s; peak {', '.join(f'{value:.0f}' for value in sorted(peaks.values()))} MiB per worker")

    # One whole partition of the results, recomputed in one process by cKDTree on unit vectors.
    def first_partition(name, columns):
        files = sorted((folder / name).glob("*.parquet"), key=lambda path: int("".join(filter(str.isdigit, path.name)) or 0))
        return pd.read_parquet(files[0], columns=columns)

    sample = first_partition("result-nearest", ["lon", "lat", "facility", "distance_m"])
    tree = cKDTree(unit_vectors(flon, flat))
    chord, expected = tree.query(unit_vectors(sample["lon"].to_numpy(), sample["lat"].to_numpy()))
    metres = 2 * SPHERE * np.arcsin(np.minimum(1, chord / 2))
    same_facility = np.mean(sample["facility"].to_numpy() == expected)
    worst = np.max(np.abs(sample["distance_m"].to_numpy() - metres))
    within = first_partition("result-within", ["lon", "within"])
    assert np.array_equal(within["lon"].to_numpy(), sample["lon"].to_numpy()), "the two results' first partitions hold the same points"
    radius_chord = 2 * math.sin(arguments.radius / (2 * SPHERE))
    counts = np.array([len(found) for found in tree.query_ball_point(unit_vectors(sample["lon"].to_numpy(), sample["lat"].to_numpy()), radius_chord)])
    same_counts = np.mean(within["within"].to_numpy() == counts)
    results["sample"] = {"points": len(sample), "nearest_equal": float(same_facility), "largest_distance_difference_m": float(worst),
                         "within_equal": float(same_counts)}
    print(f"bench_scale: sample of {len(sample):,} points against cKDTree in one process: nearest equal for {same_facility:.6%} "
          f"(largest distance difference {worst:.2e} m), counts equal for {same_counts:.6%}")
    # The peer, alone on the machine (the cluster closed), on the same partitions.
    peer_nearest, peer_within, far, nearest_seconds, within_seconds = duckdb_peer(source, flon, flat, arguments.radius)
    first = sorted(source.glob("*.parquet"))[0].name
    mine = peer_nearest[peer_nearest["filename"].str.endswith(first)].sort_values("row")
    theirs = peer_within[peer_within["filename"].str.endswith(first)].set_index("row")["within"].reindex(range(len(sample)), fill_value=0)
    peer_same = float(np.mean(mine["facility"].to_numpy() == expected)) if len(mine) == len(sample) else 0.0
    peer_counts_same = float(np.mean(theirs.to_numpy() == counts))
    results["duckdb"] = {"nearest_s": round(nearest_seconds, 2), "within_s": round(within_seconds, 2),
                         "nearest_points_per_s_per_core": round(points / nearest_seconds / 2), "points_beyond_the_grid": far,
                         "sample_nearest_equal": peer_same, "sample_within_equal": peer_counts_same, "rows": len(peer_nearest)}
    print(f"bench_scale: DuckDB spatial: nearest {nearest_seconds:.1f} s ({points / nearest_seconds / 2:,.0f} points/s/core; "
          f"{far} points beyond the grid's reach), within {within_seconds:.1f} s; sample equal to cKDTree: nearest {peer_same:.6%}, "
          f"counts {peer_counts_same:.6%}")
    (folder / "bench-scale.json").write_text(json.dumps(results, indent=2))
    print(f"bench_scale: {folder / 'bench-scale.json'}")


if __name__ == "__main__":
    main()
