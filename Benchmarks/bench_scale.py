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

The peers on the same partitions:
- dask-geopandas on the same cluster: the points projected to UTM 48N (--crs), geopandas.sjoin_nearest
  and sjoin(predicate="dwithin") per partition with the projected facilities broadcast; planar, so its
  answers are the projection's (their agreement with the exact ones is reported);
- DuckDB spatial alone after the cluster (2 threads, ST_Distance_Sphere: haversine on a sphere of
  6,371,000 m, points given as latitude then longitude, as it reads them), partition by partition,
  nearest and counts by a grid join: facilities copied into the 3 × 3 cells of 0.05° around their
  own, so that every facility within 5.1 km of a point meets it (the counts within 5 km are exact);
  the points whose grid nearest lies beyond 5.1 km, or that met no facility, get a second pass against
  every facility, so its nearest is exact too.
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
    """DuckDB spatial's nearest and counts within radius_m for every point, partition by partition.
    Returns the first partition's answers (nearest: row, facility, distance_m; counts: row, within),
    how many points the second pass answered, how many the nearest answered in all, and the seconds
    of each job. Only the first partition's rows are kept: at 10⁸ points, keeping every row (with
    its file name) took the process past 24 GB and the OOM killer."""
    import duckdb
    import duckdb_extensions

    duckdb_extensions.import_extension("spatial")
    connection = duckdb.connect()
    connection.execute(f"LOAD spatial; SET threads = 2; SET temp_directory = '{tempfile.gettempdir()}/duckdb-spill'")
    connection.register("facility_frame", pd.DataFrame({"id": np.arange(len(flon), dtype=np.int32), "lon": flon, "lat": flat}))
    # The smallest width of a cell of 0.05° in the box, metres: every facility within it is in the 3 × 3 block.
    reach = 0.05 * _METRES_PER_DEGREE_MIN * math.cos(math.radians(NORTH))
    assert reach >= radius_m, "the cells must be at least the radius"
    connection.execute("""
        CREATE OR REPLACE TEMP TABLE f AS
        SELECT id, lon, lat, ST_Point(lat, lon) AS point, cx + dx AS cx, cy + dy AS cy
        FROM (SELECT *, floor(lon / 0.05)::INTEGER AS cx, floor(lat / 0.05)::INTEGER AS cy FROM facility_frame),
             range(-1, 2) AS a(dx), range(-1, 2) AS b(dy);
    """)
    # Partition by partition, as a DuckDB job over a partitioned data set would go: the whole join at
    # once spilled more than 20 GB to disk at 10⁷ points.
    files = sorted(source.glob("*.parquet"))
    first_nearest = first_within = None
    nearest_seconds = within_seconds = 0.0
    second_pass = answered = 0
    for file in files:
        points = f"""(SELECT *, floor(lon / 0.05)::INTEGER AS cx, floor(lat / 0.05)::INTEGER AS cy
                      FROM read_parquet('{file}', file_row_number = true)) p"""
        started = time.perf_counter()
        nearest = connection.execute(f"""
            SELECT p.file_row_number AS row, arg_min(f.id, d) AS facility, min(d) AS distance_m
            FROM {points} JOIN f USING (cx, cy), LATERAL (SELECT ST_Distance_Sphere(ST_Point(p.lat, p.lon), f.point) AS d)
            GROUP BY ALL
        """).df()
        # The second pass: a point whose grid nearest lies beyond the grid's reach, or that met no
        # facility at all, is compared with every facility.
        nearest = nearest[nearest["distance_m"] <= reach]
        missing = np.setdiff1d(np.arange(pq.ParquetFile(file).metadata.num_rows), nearest["row"].to_numpy())
        if len(missing):
            connection.register("missing_rows", pd.DataFrame({"row": missing}))
            rest = connection.execute(f"""
                SELECT q.file_row_number AS row, arg_min(f.id, ST_Distance_Sphere(ST_Point(q.lat, q.lon), ST_Point(f.lat, f.lon))) AS facility,
                       min(ST_Distance_Sphere(ST_Point(q.lat, q.lon), ST_Point(f.lat, f.lon))) AS distance_m
                FROM (SELECT * FROM read_parquet('{file}', file_row_number = true) WHERE file_row_number IN (SELECT row FROM missing_rows)) q,
                     facility_frame f
                GROUP BY ALL
            """).df()
            nearest = pd.concat([nearest, rest])
        nearest_seconds += time.perf_counter() - started
        second_pass += len(missing)
        answered += len(nearest)
        started = time.perf_counter()
        within = connection.execute(f"""
            SELECT p.file_row_number AS row, count(*) FILTER (WHERE d <= {radius_m}) AS within
            FROM {points} JOIN f USING (cx, cy), LATERAL (SELECT ST_Distance_Sphere(ST_Point(p.lat, p.lon), f.point) AS d)
            GROUP BY ALL
        """).df()
        within_seconds += time.perf_counter() - started
        if file == files[0]:
            first_nearest, first_within = nearest.sort_values("row"), within
    return first_nearest, first_within, second_pass, answered, nearest_seconds, within_seconds


_METRES_PER_DEGREE_MIN = 110_574.0


def dask_geopandas_peer(client, source, flon, flat, radius_m, crs):
    """dask-geopandas on the same partitions and cluster: the points as a dask-geopandas frame
    projected to `crs`, geopandas.sjoin_nearest and sjoin(predicate="dwithin") per partition (the
    facilities, projected once, broadcast), as a dask-geopandas user writes it (dask-geopandas 0.5 has
    no sjoin_nearest of its own). Planar: the answers are those of the projection. Returns per job the
    seconds, each worker's peak MiB and the first partition's answer."""
    import dask.dataframe as dd
    import dask_geopandas
    import geopandas

    facilities = geopandas.GeoDataFrame({"facility": np.arange(len(flon), dtype=np.int32)},
                                        geometry=geopandas.points_from_xy(flon, flat), crs=4326).to_crs(crs)
    frame = dd.read_parquet(str(source))
    points = dask_geopandas.from_dask_dataframe(frame, geometry=dask_geopandas.points_from_xy(frame, "lon", "lat")).set_crs(4326).to_crs(crs)

    def nearest(part):
        joined = geopandas.sjoin_nearest(part, facilities, distance_col="distance_m")
        joined = joined[~joined.index.duplicated()]  # a tie lists each facility: keep one
        return pd.DataFrame({"facility": joined["facility"].to_numpy(), "distance_m": joined["distance_m"].to_numpy()}, index=joined.index)

    def within(part):
        joined = geopandas.sjoin(part, facilities, predicate="dwithin", distance=radius_m)
        return joined.groupby(level=0).size().reindex(part.index, fill_value=0).to_frame("within")

    results = {}
    for name, job, meta, column in [("nearest", nearest, {"facility": "i4", "distance_m": "f8"}, "distance_m"),
                                    ("within", within, {"within": "i8"}, "within")]:
        client.restart()
        answered = points.map_partitions(job, meta=meta)
        started = time.perf_counter()
        answered[column].sum().compute()
        seconds = time.perf_counter() - started
        peaks = sorted(round(value) for value in client.run(peak_rss_mib).values())
        results[name] = (seconds, peaks, answered.partitions[0].compute())
    return results


def main():
    # (The workers are processes that import this file: nothing runs at import.)
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=float, default=1e8)
    parser.add_argument("--partitions", type=int, default=100)
    parser.add_argument("--facilities", type=float, default=1e5)
    parser.add_argument("--radius", type=float, default=5_000)
    parser.add_argument("--folder", default="out/bench-scale")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--dask-geopandas", action=argparse.BooleanOptionalAction, default=True, help="run the dask-geopandas peer")
    parser.add_argument("--duckdb", action=argparse.BooleanOptionalAction, default=True, help="run the DuckDB peer")
    parser.add_argument("--crs", default="EPSG:32648", help="the projected CRS of the dask-geopandas peer (UTM 48N)")
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
        if arguments.dask_geopandas:
            peer = dask_geopandas_peer(client, source, flon, flat, arguments.radius, arguments.crs)

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
    if arguments.dask_geopandas:
        (nearest_s, nearest_peaks, nearest_part), (within_s, within_peaks, within_part) = peer["nearest"], peer["within"]
        same = float(np.mean(nearest_part["facility"].reindex(range(len(sample))).to_numpy() == expected))
        same_within = float(np.mean(within_part["within"].reindex(range(len(sample))).to_numpy() == counts))
        results["dask_geopandas"] = {"crs": arguments.crs, "nearest_s": round(nearest_s, 2), "within_s": round(within_s, 2),
                                     "nearest_points_per_s_per_core": round(points / nearest_s / 2),
                                     "within_points_per_s_per_core": round(points / within_s / 2),
                                     "peak_mib_per_worker": {"nearest": nearest_peaks, "within": within_peaks},
                                     "sample_nearest_equal": same, "sample_within_equal": same_within}
        print(f"bench_scale: dask-geopandas (planar, {arguments.crs}): nearest {nearest_s:.1f} s, within {within_s:.1f} s; peak "
              f"{nearest_peaks} / {within_peaks} MiB per worker; sample equal to cKDTree: nearest {same:.6%}, counts {same_within:.6%}")
    if arguments.duckdb:
        # DuckDB, alone on the machine (the cluster closed), on the same partitions.
        mine, theirs, far, answered, nearest_seconds, within_seconds = duckdb_peer(source, flon, flat, arguments.radius)
        theirs = theirs.set_index("row")["within"].reindex(range(len(sample)), fill_value=0)
        peer_same = float(np.mean(mine["facility"].to_numpy() == expected)) if len(mine) == len(sample) else 0.0
        peer_counts_same = float(np.mean(theirs.to_numpy() == counts))
        results["duckdb"] = {"nearest_s": round(nearest_seconds, 2), "within_s": round(within_seconds, 2),
                             "nearest_points_per_s_per_core": round(points / nearest_seconds / 2), "points_second_pass": far,
                             "sample_nearest_equal": peer_same, "sample_within_equal": peer_counts_same, "rows": answered}
        print(f"bench_scale: DuckDB spatial: nearest {nearest_seconds:.1f} s ({points / nearest_seconds / 2:,.0f} points/s/core; "
              f"{far} points by the second pass), within {within_seconds:.1f} s; sample equal to cKDTree: nearest {peer_same:.6%}, "
              f"counts {peer_counts_same:.6%}")
    (folder / "bench-scale.json").write_text(json.dumps(results, indent=2))
    print(f"bench_scale: {folder / 'bench-scale.json'}")


if __name__ == "__main__":
    main()
