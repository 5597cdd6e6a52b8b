#!/usr/bin/env python3
"""Point-in-district, side by side: DistanceKernel's PointInPolygonIndex against geopandas.

Generates N seeded uniform points over the bounding box of the district layer, writes them once,
and in the same run times

* the Swift runner (Benchmarks/Sources/PointInDistrictRunner, built in release mode), which reads
  the points and districts and builds its index before its clock starts, then assigns all points
  R times (on all cores, and on one core); and
* geopandas ``sjoin(points, districts, predicate="within")`` on exactly the same points and
  polygons (the GeoDataFrames are built before the clock starts; each timed run is one ``sjoin``
  call, spatial index included), R times;

then checks that both give the same district for every point and prints a table of the medians
and the speed-up. Each side gets one untimed warm-up run.

Seed: numpy ``default_rng(20231122)``; x = rng.uniform(minx, maxx, N), then y = rng.uniform(miny,
maxy, N), with the box from the districts' ``total_bounds``.

Usage (from the repository root, with the venv of Benchmarks/requirements.txt):

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -r Benchmarks/requirements.txt
    .venv-bench/bin/python Benchmarks/point_in_district.py [--points 1000000] [--repeat 5] [--json FILE]

Boundary semantics: the Swift index answers GEOS ``covers`` (a point on a border belongs to the
lowest-indexed district that has it on its boundary); ``sjoin(predicate="within")`` excludes
boundary points. The two can differ only for a point exactly on a district boundary; any such
point is listed (and is not counted as a disagreement when it lies on the Swift answer's boundary).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import geopandas
import numpy as np
import pandas
import pyogrio
import shapely

SEED = 20231122
ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "Benchmarks"
DEFAULT_DISTRICTS = ROOT / "GeoData" / "laos" / "districts.geojson"


def build_runner(scratch: Path) -> Path:
    """Builds the runner in release mode and returns the binary's path."""
    command = ["swift", "build", "-c", "release", "--package-path", str(BENCHMARKS),
               "--scratch-path", str(scratch), "--product", "point-in-district-runner"]
    print("building:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, stdout=sys.stderr)
    bin_dir = subprocess.run(command[:-2] + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / "point-in-district-runner"


def run_swift(runner: Path, points_file: Path, districts: Path, repeat: int, threads: int, answers: Path) -> dict:
    command = [str(runner), "--points", str(points_file), "--districts", str(districts), "--repeat", str(repeat),
               "--threads", str(threads), "--answers", str(answers)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    report = json.loads(output)
    report["answers"] = np.fromfile(answers, dtype="<i4")
    return report


def lowest_per_point(count: int, point_index: np.ndarray, district_index: np.ndarray) -> np.ndarray:
    """The lowest district index per point, −1 for none (the districts do not overlap, so there is
    at most one; the minimum keeps the comparison well defined if they did)."""
    answers = np.full(count, -1, dtype=np.int64)
    order = np.lexsort((district_index, point_index))[::-1]  # the lowest district is written last
    answers[point_index[order]] = district_index[order]
    return answers


def run_geopandas(xs: np.ndarray, ys: np.ndarray, districts: geopandas.GeoDataFrame, repeat: int):
    """Times ``sjoin(points, districts, predicate="within")`` warm and cold.

    For "within", geopandas inverts the join (geopandas/tools/sjoin.py): it builds an STRtree over
    the *points* and queries it with the districts using "contains"; that tree is cached on the
    points' GeoDataFrame. *Warm* runs reuse one points frame, so after the warm-up its tree is
    cached and not timed (the figure most favourable to geopandas); *cold* runs get a fresh frame
    each (made before the clock starts), so each call builds its tree, as a one-shot join does.
    """
    def frame():
        return geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(xs, ys), crs=districts.crs)

    def join(points):
        return geopandas.sjoin(points, districts, how="inner", predicate="within")

    warm_points = frame()
    joined = join(warm_points)  # warm-up: builds and caches the points' STRtree
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        joined = join(warm_points)
        warm.append(time.perf_counter() - start)
    cold = []
    for _ in range(repeat):
        fresh = frame()
        start = time.perf_counter()
        join(fresh)
        cold.append(time.perf_counter() - start)
        del fresh
    answers = lowest_per_point(len(xs), joined.index.to_numpy(), joined["index_right"].to_numpy())
    return warm, cold, answers


def run_shapely(xs: np.ndarray, ys: np.ndarray, districts: geopandas.GeoDataFrame, repeat: int):
    """The query inside a warm sjoin, bare: an STRtree over the points (built before the clock),
    queried with the districts, predicate "contains"; no DataFrame assembly. For context only."""
    tree = shapely.STRtree(shapely.points(xs, ys))
    polygons = districts.geometry.values
    tree.query(polygons, predicate="contains")  # warm-up (prepares the district polygons)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        pairs = tree.query(polygons, predicate="contains")
        runs.append(time.perf_counter() - start)
    return runs, lowest_per_point(len(xs), pairs[1], pairs[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000, help="number of points (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per side (default 5; the median is reported)")
    parser.add_argument("--districts", type=Path, default=DEFAULT_DISTRICTS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--scratch-path", type=Path, default=ROOT / ".build-bench", help="SwiftPM scratch path for the runner")
    parser.add_argument("--runner", type=Path, help="a runner already built (skips the build)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()

    runner = args.runner or build_runner(args.scratch_path)
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()

    districts = geopandas.read_file(args.districts, engine="pyogrio")
    minx, miny, maxx, maxy = districts.total_bounds
    rng = np.random.default_rng(args.seed)
    xs = rng.uniform(minx, maxx, args.points)
    ys = rng.uniform(miny, maxy, args.points)

    with tempfile.TemporaryDirectory(prefix="point-in-district-") as folder:
        points_file = Path(folder) / "points.f64"
        np.column_stack([xs, ys]).astype("<f8").tofile(points_file)
        swift_all = run_swift(runner, points_file, args.districts, args.repeat, cores, Path(folder) / "answers-all.i32")
        swift_one = run_swift(runner, points_file, args.districts, args.repeat, 1, Path(folder) / "answers-one.i32")
    gpd_runs, gpd_cold_runs, gpd_answers = run_geopandas(xs, ys, districts, args.repeat)
    shp_runs, shp_answers = run_shapely(xs, ys, districts, args.repeat)
    if not np.array_equal(shp_answers, gpd_answers):
        print("ERROR: bare shapely and geopandas disagree", file=sys.stderr)
        return 1

    # Point-by-point agreement.
    swift_answers = swift_all["answers"].astype(np.int64)
    if not np.array_equal(swift_answers, swift_one["answers"].astype(np.int64)):
        print("ERROR: the Swift answers differ between thread counts", file=sys.stderr)
        return 1
    differ = np.flatnonzero(swift_answers != gpd_answers)
    boundary_cases = []
    real_disagreements = []
    for i in differ:
        point = shapely.Point(xs[i], ys[i])
        on_boundary = swift_answers[i] >= 0 and districts.geometry.iloc[swift_answers[i]].boundary.intersects(point)
        (boundary_cases if on_boundary else real_disagreements).append(
            {"point": int(i), "lon": float(xs[i]), "lat": float(ys[i]), "swift": int(swift_answers[i]), "geopandas": int(gpd_answers[i])})

    gpd_median = statistics.median(gpd_runs)
    gpd_cold_median = statistics.median(gpd_cold_runs)
    results = {
        "date": date.today().isoformat(),
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": cores, "processor": platform.processor() or platform.machine(), "python": platform.python_version(),
                    "load_average_1_5_15_min": {"before": list(load_before), "after": list(os.getloadavg())}},
        "versions": {"geopandas": geopandas.__version__, "shapely": shapely.__version__, "geos": shapely.geos_version_string,
                     "pyogrio": pyogrio.__version__, "pandas": pandas.__version__, "numpy": np.__version__},
        "points": args.points, "districts": len(districts), "seed": args.seed, "repeat": args.repeat,
        "points_inside": int((swift_answers >= 0).sum()),
        "swift_all_cores": {k: v for k, v in swift_all.items() if k != "answers"},
        "swift_one_core": {k: v for k, v in swift_one.items() if k != "answers"},
        "geopandas": {"run_seconds": gpd_runs, "median_seconds": gpd_median},
        "geopandas_cold": {"run_seconds": gpd_cold_runs, "median_seconds": gpd_cold_median},
        "shapely_strtree_query": {"run_seconds": shp_runs, "median_seconds": statistics.median(shp_runs)},
        "speedup_all_cores": gpd_median / swift_all["median_seconds"],
        "speedup_one_core": gpd_median / swift_one["median_seconds"],
        "speedup_all_cores_vs_cold": gpd_cold_median / swift_all["median_seconds"],
        "agreeing_points": int(args.points - len(real_disagreements)),
        "boundary_cases": boundary_cases,
        "disagreements": real_disagreements,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")

    def runs(values):
        return ", ".join(f"{v:.4f}" for v in values)

    print(f"point-in-district: {args.points:,} points × {len(districts)} districts, seed {args.seed}, "
          f"{cores} cores, {results['date']}, medians of {args.repeat} runs")
    print(f"{results['points_inside']:,} points fall in a district; load average before {load_before[0]:.2f}, "
          f"after {results['machine']['load_average_1_5_15_min']['after'][0]:.2f} (other work on the machine skews timings)")
    print()
    print("| implementation | median (s) | speed-up vs geopandas (warm) | runs (s) |")
    print("|---|---:|---:|---|")
    print(f"| geopandas {geopandas.__version__} `sjoin(predicate=\"within\")`, warm: points' STRtree cached "
          f"(shapely {shapely.__version__}, GEOS {shapely.geos_version_string}) | {gpd_median:.4f} | 1.0× | {runs(gpd_runs)} |")
    print(f"| geopandas {geopandas.__version__} `sjoin(predicate=\"within\")`, cold: fresh points frame per call "
          f"| {gpd_cold_median:.4f} | {gpd_median / gpd_cold_median:.2f}× | {runs(gpd_cold_runs)} |")
    print(f"| shapely {shapely.__version__} points `STRtree.query(districts, predicate=\"contains\")`, bare (what a warm sjoin runs inside) "
          f"| {statistics.median(shp_runs):.4f} | {gpd_median / statistics.median(shp_runs):.1f}× | {runs(shp_runs)} |")
    print(f"| Swift `PointInPolygonIndex`, {cores} threads | {swift_all['median_seconds']:.4f} | "
          f"{results['speedup_all_cores']:.1f}× | {runs(swift_all['run_seconds'])} |")
    print(f"| Swift `PointInPolygonIndex`, 1 thread | {swift_one['median_seconds']:.4f} | "
          f"{results['speedup_one_core']:.1f}× | {runs(swift_one['run_seconds'])} |")
    print()
    print(f"index build (not timed above): {swift_all['build_seconds']:.3f} s, grid {swift_all['grid_columns']} × {swift_all['grid_rows']}")
    print(f"agreement: {results['agreeing_points']:,} of {args.points:,} points; "
          f"{len(boundary_cases)} on a boundary (covers vs within), {len(real_disagreements)} disagreements")
    for case in (boundary_cases + real_disagreements)[:10]:
        print("  ", case)
    return 0 if not real_disagreements else 1


if __name__ == "__main__":
    sys.exit(main())
