#!/usr/bin/env python3
"""Nearest facility, k nearest and within 5 km, side by side: DistanceKernel against its peers.

Generates ONE seeded input — N query points and M facilities uniform in the Laos box — writes it
once, and in the same run times on exactly that input:

* the kernel, through Benchmarks/Sources/DistanceKernelRunner (built in release mode): nearest
  (haversine and geodesic), k nearest (k = 3, haversine) and within-radius counts (5 km,
  haversine), on all cores and on one thread (and on the counts of ``--threads``). Reading the
  inputs is outside the clock; each run times the index build and the query on separate clocks,
  so there is "build + query" (the kernel converts lon/lat to 3-D points inside both) and "query
  alone";
* scipy ``cKDTree`` on 3-D unit vectors: the lon/lat → unit-vector conversion, the build, the
  query and the chord → metres conversion, with ``workers=-1`` and ``workers=1``; and once more
  with the unit vectors made before the clock starts (build + query only), so that the
  comparison is honest both ways. Also k = 3, and ``query_ball_point(..., return_length=True)``
  with the chord radius 2·sin(r / 2R) for within 5 km (build included, and on a tree built
  before the clock);
* scikit-learn ``BallTree(metric="haversine")``: degrees → radians, build, query, × R;
* shapely 2 ``STRtree.query_nearest`` in planar degrees: making the point geometries, the build,
  the query (``all_matches=False``).

The runs are interleaved: R rounds, each timing every kernel configuration once (one runner
process per configuration and round, with an untimed warm-up run of its own) and every peer once
(each peer gets one untimed warm-up call in the first round), so that a change of load on a shared
machine falls on all of them alike. The medians over the R rounds are compared. The 1-minute load
average before and after and the share of CPU time other processes used meanwhile are printed.
Then the answers are checked (the script exits 1 on a real disagreement):

* the kernel's answers are identical (bit for bit) on all cores and on one thread (and on every
  count of ``--threads``);
* kernel haversine nearest vs cKDTree and vs BallTree: the same facility, except for near ties
  (the two facilities' distances < 1e-6 m apart, counted and reported), and distances within
  1e-6 m; the same for k = 3 against cKDTree, rank by rank;
* within 5 km: counts identical to cKDTree's ``query_ball_point``;
* geodesic nearest: a seeded sample of queries against a brute force over all facilities with
  pyproj ``Geod(ellps="WGS84").inv`` (GeographicLib): the same facility (near ties aside),
  distances within 1 mm;
* shapely answers in planar degrees, so its nearest differs by design: the count is reported,
  never failed on.

Inputs: numpy ``default_rng(SEED)`` with SEED = 20261122: first the M facility longitudes, then
their M latitudes, then the N query longitudes, then their N latitudes, each ``rng.uniform`` over
lon 100.08–107.64, lat 13.91–22.51. The geodesic sample: ``default_rng(SEED + 1).choice(N, S,
replace=False)``, sorted.

Usage (from the repository root; ``make bench-peers`` does both steps):

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -r Benchmarks/requirements.txt
    .venv-bench/bin/python Benchmarks/bench_peers.py [--repeat 5] [--json FILE] [--markdown FILE]

``--threads 4,8`` also times the kernel (every operation) and cKDTree nearest (``workers=N``) on
those thread counts, besides all cores and one (Notebooks/04_kernel_profile.ipynb plots time
against threads).
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
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyproj
import scipy
import shapely
import sklearn
from scipy.spatial import cKDTree
from sklearn.neighbors import BallTree

from machine_state import cpu_jiffies, own_cpu_seconds, wait_for_quiet

SEED = 20261122
LON_RANGE = (100.08, 107.64)
LAT_RANGE = (13.91, 22.51)
R = 6_371_008.8  # the kernel's sphere: the mean radius of WGS 84, metres
RADIUS_M = 5_000.0
K = 3
TIE_M = 1e-6  # two facilities closer than this in distance are a near tie
DISTANCE_TOLERANCE_M = 1e-6
GEODESIC_TOLERANCE_M = 1e-3

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "Benchmarks"
PRODUCT = "distance-kernel-runner"


# ----------------------------------------------------------------------------- the inputs

def make_inputs(queries: int, facilities: int, seed: int):
    rng = np.random.default_rng(seed)
    f_lon = rng.uniform(*LON_RANGE, facilities)
    f_lat = rng.uniform(*LAT_RANGE, facilities)
    q_lon = rng.uniform(*LON_RANGE, queries)
    q_lat = rng.uniform(*LAT_RANGE, queries)
    return f_lon, f_lat, q_lon, q_lat


def write_lonlat(path: Path, lon: np.ndarray, lat: np.ndarray) -> None:
    np.column_stack([lon, lat]).astype("<f8").tofile(path)


def unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lon_r, lat_r = np.radians(lon), np.radians(lat)
    cos_lat = np.cos(lat_r)
    return np.column_stack((cos_lat * np.cos(lon_r), cos_lat * np.sin(lon_r), np.sin(lat_r)))


def chord_to_metres(chord: np.ndarray) -> np.ndarray:
    """Great-circle metres on the kernel's sphere from a chord of the unit sphere."""
    return 2 * R * np.arcsin(np.minimum(chord / 2, 1.0))


def haversine_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle metres between lon/lat degrees, by the unit-vector chord (as the kernel measures)."""
    a, b = unit_vectors(np.atleast_1d(lon1), np.atleast_1d(lat1)), unit_vectors(np.atleast_1d(lon2), np.atleast_1d(lat2))
    return chord_to_metres(np.linalg.norm(a - b, axis=1))


# ----------------------------------------------------------------------------- timing

def thread_counts(text: str) -> list[int]:
    """``--threads 4,8`` → [4, 8]."""
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("thread counts are positive integers, comma-separated")
    return counts


def build_runner(scratch: Path) -> Path:
    command = ["swift", "build", "-c", "release", "--package-path", str(BENCHMARKS),
               "--scratch-path", str(scratch), "--product", PRODUCT]
    print("building:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, stdout=sys.stderr)
    bin_dir = subprocess.run(command[:-2] + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / PRODUCT


def run_kernel(runner: Path, folder: Path, operation: str, metric: str, threads: int, repeat: int) -> dict:
    prefix = folder / f"{operation}-{metric}-{threads}"
    command = [str(runner), "--facilities", str(folder / "facilities.f64"), "--queries", str(folder / "queries.f64"),
               "--operation", operation, "--metric", metric, "--threads", str(threads), "--repeat", str(repeat),
               "--k", str(K), "--radius-m", repr(RADIUS_M), "--answers", str(prefix)]
    print(f"  kernel: {operation} {metric}, {threads} thread{'s' if threads > 1 else ''}", file=sys.stderr)
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if operation == "within-radius":
        report["counts"] = np.fromfile(f"{prefix}.counts.i32", dtype="<i4")
    else:
        report["indices"] = np.fromfile(f"{prefix}.indices.i32", dtype="<i4")
        report["distances"] = np.fromfile(f"{prefix}.distances.f64", dtype="<f8")
    return report


# ----------------------------------------------------------------------------- the peers

def ckdtree_nearest(f_lon, f_lat, q_lon, q_lat, k: int, workers: int):
    """Conversion + build + query + chord → metres, all timed."""
    tree = cKDTree(unit_vectors(f_lon, f_lat))
    chord, index = tree.query(unit_vectors(q_lon, q_lat), k=k, workers=workers)
    return index, chord_to_metres(chord)


def balltree_nearest(f_lon, f_lat, q_lon, q_lat):
    """Degrees → radians ([lat, lon], as BallTree's haversine wants) + build + query + × R."""
    tree = BallTree(np.radians(np.column_stack((f_lat, f_lon))), metric="haversine")
    angle, index = tree.query(np.radians(np.column_stack((q_lat, q_lon))), k=1)
    return index[:, 0], angle[:, 0] * R


def shapely_nearest(f_lon, f_lat, q_lon, q_lat):
    """Point geometries + STRtree build + query_nearest, planar degrees."""
    tree = shapely.STRtree(shapely.points(f_lon, f_lat))
    pairs = tree.query_nearest(shapely.points(q_lon, q_lat), all_matches=False)
    answers = np.full(len(q_lon), -1, dtype=np.int64)
    answers[pairs[0]] = pairs[1]
    return answers


def ckdtree_within(f_lon, f_lat, q_lon, q_lat, chord: float, workers: int):
    tree = cKDTree(unit_vectors(f_lon, f_lat))
    return tree.query_ball_point(unit_vectors(q_lon, q_lat), chord, workers=workers, return_length=True)


# ----------------------------------------------------------------------------- agreement

def compare_nearest(name, kernel_idx, kernel_d, peer_idx, peer_d, f_lon, f_lat, q_lon, q_lat) -> dict:
    """Same facility except near ties (< TIE_M apart), distances within DISTANCE_TOLERANCE_M."""
    kernel_idx = kernel_idx.astype(np.int64)
    peer_idx = np.asarray(peer_idx).astype(np.int64)
    differ = np.flatnonzero(kernel_idx != peer_idx)
    ties, real = [], []
    if differ.size:
        dk = haversine_m(f_lon[kernel_idx[differ]], f_lat[kernel_idx[differ]], q_lon[differ], q_lat[differ])
        dp = haversine_m(f_lon[peer_idx[differ]], f_lat[peer_idx[differ]], q_lon[differ], q_lat[differ])
        for position, query in enumerate(differ):
            case = {"query": int(query), "kernel": int(kernel_idx[query]), name: int(peer_idx[query]),
                    "kernel_m": float(kernel_d[query]), f"{name}_m": float(peer_d[query]),
                    "gap_m": float(abs(dk[position] - dp[position]))}
            (ties if case["gap_m"] < TIE_M else real).append(case)
    gap = np.abs(kernel_d - peer_d)
    worst = float(gap.max()) if gap.size else 0.0
    far = np.flatnonzero(gap > DISTANCE_TOLERANCE_M)
    return {"peer": name, "queries": int(kernel_idx.size), "same_facility": int(kernel_idx.size - differ.size),
            "near_ties": len(ties), "near_tie_cases": ties[:10], "disagreements": len(real),
            "disagreement_cases": real[:10], "max_distance_difference_m": worst,
            "distances_beyond_tolerance": int(far.size), "ok": not real and far.size == 0}


def geodesic_check(kernel_idx, kernel_d, f_lon, f_lat, q_lon, q_lat, sample: int, seed: int, haversine_idx) -> dict:
    """Brute force with pyproj (GeographicLib) over every facility for a seeded sample of queries."""
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(len(q_lon), size=min(sample, len(q_lon)), replace=False))
    geod = pyproj.Geod(ellps="WGS84")
    m = len(f_lon)
    best_idx = np.empty(chosen.size, dtype=np.int64)
    best_d = np.empty(chosen.size)
    second_gap = np.empty(chosen.size)
    start = time.perf_counter()
    block = max(1, 1_000_000 // max(1, m))
    for first in range(0, chosen.size, block):
        queries = chosen[first:first + block]
        n = queries.size
        _, _, d = geod.inv(np.repeat(q_lon[queries], m), np.repeat(q_lat[queries], m), np.tile(f_lon, n), np.tile(f_lat, n))
        d = d.reshape(n, m)
        order = np.argsort(d, axis=1, kind="stable")[:, :2]  # stable: the lowest index first on exact ties
        rows = np.arange(n)
        best_idx[first:first + n] = order[:, 0]
        best_d[first:first + n] = d[rows, order[:, 0]]
        second_gap[first:first + n] = d[rows, order[:, 1]] - d[rows, order[:, 0]] if m > 1 else np.inf
    seconds = time.perf_counter() - start
    k_idx = kernel_idx[chosen].astype(np.int64)
    differ = np.flatnonzero(k_idx != best_idx)
    ties = [int(chosen[i]) for i in differ if second_gap[i] < TIE_M]
    real = [{"query": int(chosen[i]), "kernel": int(k_idx[i]), "pyproj": int(best_idx[i]),
             "kernel_m": float(kernel_d[chosen[i]]), "pyproj_m": float(best_d[i])} for i in differ if second_gap[i] >= TIE_M]
    gap = np.abs(kernel_d[chosen] - best_d)
    far = int((gap > GEODESIC_TOLERANCE_M).sum())
    return {"peer": "pyproj Geod(ellps='WGS84').inv brute force", "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
            "queries": int(chosen.size), "pairs_measured": int(chosen.size) * m, "brute_force_seconds": seconds,
            "same_facility": int(chosen.size - differ.size), "near_ties": len(ties), "disagreements": len(real),
            "disagreement_cases": real[:10], "max_distance_difference_m": float(gap.max()) if gap.size else 0.0,
            "distances_beyond_tolerance": far,
            "geodesic_nearest_differs_from_haversine_nearest": int((kernel_idx != haversine_idx).sum()),
            "ok": not real and far == 0}


# ----------------------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1_000_000, help="query points (default 1,000,000)")
    parser.add_argument("--facilities", type=int, default=10_000, help="facilities (default 10,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per implementation (default 5; medians are compared)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--geodesic-sample", type=int, default=2_000, help="queries checked against pyproj by brute force (default 2,000)")
    parser.add_argument("--scratch-path", type=Path, default=ROOT / ".build-bench", help="SwiftPM scratch path for the runner")
    parser.add_argument("--runner", type=Path, help="a runner already built (skips the build)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before timing, wait up to SECONDS for 3 s at ≥ 90 %% idle CPU (default 0: do not wait)")
    parser.add_argument("--threads", type=thread_counts, default=[], metavar="N,N,…",
                        help="more thread counts for the kernel and cKDTree nearest, besides all cores and 1 (default: none)")
    parser.add_argument("--json", type=Path, help="also write everything measured as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown table here")
    args = parser.parse_args()
    if args.repeat < 5:
        print("note: fewer than 5 rounds; medians of 5 or more are the ones to quote", file=sys.stderr)

    runner = args.runner or build_runner(args.scratch_path)
    cores = os.cpu_count() or 1
    thread_list = sorted({cores, 1, *args.threads}, reverse=True)  # all cores first, then fewer
    more_threads = [t for t in thread_list if t not in (cores, 1)]
    repeat = args.repeat
    f_lon, f_lat, q_lon, q_lat = make_inputs(args.queries, args.facilities, args.seed)
    chord_radius = 2 * np.sin(RADIUS_M / (2 * R))

    idle_at_start = wait_for_quiet(args.wait_quiet) if args.wait_quiet > 0 else None
    load_before = os.getloadavg()
    started = datetime.now(timezone.utc)
    busy_before, total_before = cpu_jiffies()
    own_before = own_cpu_seconds()
    build_query = "median_total_seconds"
    query_alone = "median_query_seconds"
    f_unit, q_unit = unit_vectors(f_lon, f_lat), unit_vectors(q_lon, q_lat)  # only for the "made before the clock" rows
    prebuilt = cKDTree(f_unit)
    v = scipy.__version__
    # (key, label, threads, what is timed, the call, the kernel figure it is compared with)
    peer_specs = [
        ("ckdtree", f"scipy {v} `cKDTree` (3-D unit vectors), `workers=-1`", cores, "lon/lat → unit vectors, build, query, chord → m",
         lambda: ckdtree_nearest(f_lon, f_lat, q_lon, q_lat, 1, -1), ("nearest", "haversine", build_query)),
        ("ckdtree_preconverted", f"scipy {v} `cKDTree`, `workers=-1`, unit vectors made before the clock", cores, "build, query",
         lambda: cKDTree(f_unit).query(q_unit, k=1, workers=-1), ("nearest", "haversine", build_query)),
        ("ckdtree_one", f"scipy {v} `cKDTree` (3-D unit vectors), `workers=1`", 1, "lon/lat → unit vectors, build, query, chord → m",
         lambda: ckdtree_nearest(f_lon, f_lat, q_lon, q_lat, 1, 1), ("nearest", "haversine", build_query)),
        ("balltree", f"scikit-learn {sklearn.__version__} `BallTree(metric=\"haversine\")`", 1, "degrees → radians, build, query, × R",
         lambda: balltree_nearest(f_lon, f_lat, q_lon, q_lat), ("nearest", "haversine", build_query)),
        ("shapely", f"shapely {shapely.__version__} `STRtree.query_nearest` (planar degrees, GEOS {shapely.geos_version_string})", 1,
         "point geometries, build, query", lambda: shapely_nearest(f_lon, f_lat, q_lon, q_lat), ("nearest", "haversine", build_query)),
        ("ckdtree_k3", f"scipy {v} `cKDTree` k = 3, `workers=-1`", cores, "lon/lat → unit vectors, build, query, chord → m",
         lambda: ckdtree_nearest(f_lon, f_lat, q_lon, q_lat, K, -1), ("k-nearest", "haversine", build_query)),
        ("ball_point", f"scipy {v} `cKDTree.query_ball_point(return_length=True)`, `workers=-1`", cores,
         "lon/lat → unit vectors, build, query",
         lambda: ckdtree_within(f_lon, f_lat, q_lon, q_lat, chord_radius, -1), ("within-radius", "haversine", build_query)),
        ("ball_point_one", f"scipy {v} `cKDTree.query_ball_point(return_length=True)`, `workers=1`", 1,
         "lon/lat → unit vectors, build, query",
         lambda: ckdtree_within(f_lon, f_lat, q_lon, q_lat, chord_radius, 1), ("within-radius", "haversine", build_query)),
        ("ball_point_prebuilt", f"scipy {v} `cKDTree.query_ball_point(return_length=True)`, `workers=-1`, "
         "tree and unit vectors made before the clock", cores, "query",
         lambda: prebuilt.query_ball_point(q_unit, chord_radius, workers=-1, return_length=True),
         ("within-radius", "haversine", query_alone)),
    ]
    peer_specs += [
        (f"ckdtree_workers_{t}", f"scipy {v} `cKDTree` (3-D unit vectors), `workers={t}`", t,
         "lon/lat → unit vectors, build, query, chord → m",
         lambda t=t: ckdtree_nearest(f_lon, f_lat, q_lon, q_lat, 1, t), ("nearest", "haversine", build_query))
        for t in more_threads]
    kernel_configs = [(operation, metric, threads) for threads in thread_list
                      for operation, metric in (("nearest", "haversine"), ("nearest", "geodesic"), ("within-radius", "haversine"),
                                                ("k-nearest", "haversine"))]

    # Interleaved rounds: each round times every kernel configuration once (the runner makes one
    # untimed warm-up run of its own) and every peer once (after one untimed warm-up in the first
    # round), so that a change of load on the machine falls on all of them alike.
    kernel_runs = {config: {"build_seconds": [], "query_seconds": [], "total_seconds": [], "total_cpu_seconds": []}
                   for config in kernel_configs}
    kernel_answers = {}
    peer_runs = {spec[0]: [] for spec in peer_specs}
    peer_cpu = {spec[0]: [] for spec in peer_specs}
    peer_answers = {}
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as name:
        folder = Path(name)
        write_lonlat(folder / "facilities.f64", f_lon, f_lat)
        write_lonlat(folder / "queries.f64", q_lon, q_lat)
        for round_number in range(repeat):
            print(f"round {round_number + 1} of {repeat}", file=sys.stderr)
            for config in kernel_configs:
                report = run_kernel(runner, folder, *config, repeat=1)
                for field in ("build_seconds", "query_seconds", "total_seconds", "total_cpu_seconds"):
                    kernel_runs[config][field] += report[field]
                kernel_answers[config] = report
            for key, label, _, _, function, _ in peer_specs:
                print(f"  {label}", file=sys.stderr)
                if round_number == 0:
                    function()  # warm-up
                cpu_at = time.process_time()  # this process, all threads (scipy's workers included)
                started_at = time.perf_counter()
                peer_answers[key] = function()
                peer_runs[key].append(time.perf_counter() - started_at)
                peer_cpu[key].append(time.process_time() - cpu_at)

    kernel = {}
    for config, runs in kernel_runs.items():
        answers = kernel_answers[config]
        kernel[config] = {**runs, "median_build_seconds": statistics.median(runs["build_seconds"]),
                          "median_query_seconds": statistics.median(runs["query_seconds"]),
                          "median_total_seconds": statistics.median(runs["total_seconds"]),
                          "median_total_cpu_seconds": statistics.median(runs["total_cpu_seconds"]),
                          **{field: answers[field] for field in ("indices", "distances", "counts") if field in answers}}
    peers = {key: {"label": label, "threads": threads, "timed": scope, "run_seconds": peer_runs[key],
                   "median_seconds": statistics.median(peer_runs[key]), "cpu_seconds": peer_cpu[key],
                   "median_cpu_seconds": statistics.median(peer_cpu[key]), "kernel": kernel_key}
             for key, label, threads, scope, _, kernel_key in peer_specs}
    ck_idx, ck_d = peer_answers["ckdtree"]
    bt_idx, bt_d = peer_answers["balltree"]
    sh_idx = peer_answers["shapely"]
    ck3_idx, ck3_d = peer_answers["ckdtree_k3"]
    ball_counts = peer_answers["ball_point"]

    print("checking the answers…", file=sys.stderr)
    agreement = {}
    # The kernel: identical answers whatever the thread count.
    determinism = {}
    for operation, metric in (("nearest", "haversine"), ("nearest", "geodesic"), ("within-radius", "haversine"), ("k-nearest", "haversine")):
        fields = ("counts",) if operation == "within-radius" else ("indices", "distances")
        for threads in [1, *more_threads]:
            a, b = kernel[(operation, metric, cores)], kernel[(operation, metric, threads)]
            key = f"{operation} {metric}" if threads == 1 else f"{operation} {metric} ({threads} threads)"
            determinism[key] = all(np.array_equal(a[f].view(np.uint8), b[f].view(np.uint8)) for f in fields)
    agreement["kernel_same_answers_all_threads_and_one"] = determinism
    hav = kernel[("nearest", "haversine", cores)]
    agreement["nearest_haversine_vs_ckdtree"] = compare_nearest("ckdtree", hav["indices"], hav["distances"], ck_idx, ck_d,
                                                                 f_lon, f_lat, q_lon, q_lat)
    agreement["nearest_haversine_vs_balltree"] = compare_nearest("balltree", hav["indices"], hav["distances"], bt_idx, bt_d,
                                                                  f_lon, f_lat, q_lon, q_lat)
    k3 = kernel[("k-nearest", "haversine", cores)]
    agreement["k3_haversine_vs_ckdtree"] = compare_nearest(
        "ckdtree", k3["indices"], k3["distances"], ck3_idx.reshape(-1), ck3_d.reshape(-1),
        np.asarray(f_lon), np.asarray(f_lat), np.repeat(q_lon, K), np.repeat(q_lat, K))
    shapely_differ = int((sh_idx != hav["indices"].astype(np.int64)).sum())
    agreement["nearest_vs_shapely_planar_degrees"] = {
        "differ": shapely_differ, "share": shapely_differ / len(q_lon),
        "note": "planar degrees, not great-circle metres: differences are by design, not failures"}
    within = kernel[("within-radius", "haversine", cores)]
    mismatch = np.flatnonzero(within["counts"].astype(np.int64) != np.asarray(ball_counts).astype(np.int64))
    agreement["within_5km_counts_vs_ckdtree_query_ball_point"] = {
        "queries": len(q_lon), "identical": int(len(q_lon) - mismatch.size), "mismatches": int(mismatch.size),
        "mismatch_cases": [{"query": int(i), "kernel": int(within["counts"][i]), "ckdtree": int(ball_counts[i])} for i in mismatch[:10]],
        "total_pairs_within": int(within["counts"].sum()), "queries_with_none": int((within["counts"] == 0).sum()),
        "ok": mismatch.size == 0}
    geo = kernel[("nearest", "geodesic", cores)]
    print(f"  geodesic: brute force over {args.geodesic_sample:,} queries × {args.facilities:,} facilities with pyproj…", file=sys.stderr)
    agreement["nearest_geodesic_vs_pyproj"] = geodesic_check(geo["indices"], geo["distances"], f_lon, f_lat, q_lon, q_lat,
                                                             args.geodesic_sample, args.seed + 1, hav["indices"])
    load_after = os.getloadavg()
    busy_after, total_after = cpu_jiffies()
    ticks = os.sysconf("SC_CLK_TCK")
    # CPU time that other processes used while this script ran: all busy time less our own.
    other_seconds = max(0.0, (busy_after - busy_before) / ticks - (own_cpu_seconds() - own_before))
    available_seconds = (total_after - total_before) / ticks
    other_share = other_seconds / available_seconds if available_seconds > 0 else float("nan")

    # ------------------------------------------------------------------------- ratios and the table
    def km(operation, metric, threads, scope=build_query):
        return kernel[(operation, metric, threads)][scope]

    ratios = {
        "nearest_haversine_ckdtree_over_kernel_same_threads": peers["ckdtree"]["median_seconds"] / km("nearest", "haversine", cores),
        "nearest_haversine_ckdtree_preconverted_over_kernel": peers["ckdtree_preconverted"]["median_seconds"] / km("nearest", "haversine", cores),
        "nearest_haversine_ckdtree_over_kernel_one_thread": peers["ckdtree_one"]["median_seconds"] / km("nearest", "haversine", 1),
        "geodesic_over_haversine": km("nearest", "geodesic", cores) / km("nearest", "haversine", cores),
        "geodesic_over_haversine_query_alone": km("nearest", "geodesic", cores, query_alone) / km("nearest", "haversine", cores, query_alone),
        "within_5km_ball_point_over_kernel": peers["ball_point"]["median_seconds"] / km("within-radius", "haversine", cores),
        "within_5km_ball_point_prebuilt_over_kernel_query_alone":
            peers["ball_point_prebuilt"]["median_seconds"] / km("within-radius", "haversine", cores, query_alone),
        "nearest_haversine_one_thread_over_all": km("nearest", "haversine", 1) / km("nearest", "haversine", cores),
        "nearest_haversine_one_thread_over_all_query_alone":
            km("nearest", "haversine", 1, query_alone) / km("nearest", "haversine", cores, query_alone),
    }
    targets = [
        ("nearest, haversine, build included: cKDTree / kernel, same threads ≥ 4", ratios["nearest_haversine_ckdtree_over_kernel_same_threads"], 4.0, True),
        ("geodesic / haversine kernel time ≤ 2", ratios["geodesic_over_haversine"], 2.0, False),
        ("within 5 km: query_ball_point / kernel > 1", ratios["within_5km_ball_point_over_kernel"], 1.0, None),
        (f"kernel 1 thread / {cores} threads ≥ 1.8", ratios["nearest_haversine_one_thread_over_all"], 1.8, True),
    ]

    load = (f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; other processes used "
            f"{100 * other_share:.0f} % of the CPU time while it ran")
    lines = [f"{args.queries:,} query points × {args.facilities:,} facilities, uniform in lon {LON_RANGE[0]}–{LON_RANGE[1]}, "
             f"lat {LAT_RANGE[0]}–{LAT_RANGE[1]}, seed {args.seed}; {cores} cores; medians of {repeat} interleaved rounds "
             f"(after one warm-up each); {started:%Y-%m-%d %H:%M} UTC; {load}.", ""]
    lines += [f"| implementation | threads | timed | median (s) | CPU (s) | kernel, same work (s) | kernel speed-up, same threads | "
              f"vs kernel on {cores} threads | vs kernel on 1 thread |",
              "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    kernel_rows = [
        (("nearest", "haversine"), "nearest, haversine"), (("nearest", "geodesic"), "nearest, geodesic (WGS 84)"),
        (("k-nearest", "haversine"), f"k nearest, k = {K}, haversine"), (("within-radius", "haversine"), "within 5 km counts, haversine"),
    ]
    for (operation, metric), title in kernel_rows:
        for threads in thread_list:
            report = kernel[(operation, metric, threads)]
            lines.append(f"| **kernel** {title} | {threads} | build + query (query alone) | {report['median_total_seconds']:.4f} "
                         f"({report['median_query_seconds']:.4f}) | {report['median_total_cpu_seconds']:.4f} | | | | |")
    for key, row in peers.items():
        operation, metric, scope = row["kernel"]
        same = kernel[(operation, metric, row["threads"])][scope]
        what = "build + query" if scope == build_query else "query alone"
        lines.append(f"| {row['label']} | {row['threads']} | {row['timed']} | {row['median_seconds']:.4f} | "
                     f"{row['median_cpu_seconds']:.4f} | {same:.4f} ({what}) | "
                     f"**{row['median_seconds'] / same:.1f}×** | {row['median_seconds'] / km(operation, metric, cores, scope):.1f}× | "
                     f"{row['median_seconds'] / km(operation, metric, 1, scope):.1f}× |")
    lines += ["", "| what the issue asks | measured | target | |", "|---|---:|---:|---|"]
    for text, value, bound, at_least in targets:  # at_least: True ≥, False ≤, None >
        met = value >= bound if at_least else value <= bound if at_least is False else value > bound
        sign = "≥" if at_least else "≤" if at_least is False else ">"
        lines.append(f"| {text} | {value:.2f} | {sign} {bound:g} | {'met' if met else '**not met**'} |")
    lines += ["", f"Also: cKDTree with the unit vectors made before the clock / kernel build + query: "
              f"{ratios['nearest_haversine_ckdtree_preconverted_over_kernel']:.2f}; cKDTree `workers=1` / kernel 1 thread: "
              f"{ratios['nearest_haversine_ckdtree_over_kernel_one_thread']:.2f}; geodesic / haversine, query alone: "
              f"{ratios['geodesic_over_haversine_query_alone']:.2f}; prebuilt `query_ball_point` / kernel within query alone: "
              f"{ratios['within_5km_ball_point_prebuilt_over_kernel_query_alone']:.2f}; 1 thread / {cores} threads, query alone: "
              f"{ratios['nearest_haversine_one_thread_over_all_query_alone']:.2f}."]
    markdown = "\n".join(lines)

    a = agreement
    ok = (all(determinism.values()) and a["nearest_haversine_vs_ckdtree"]["ok"] and a["nearest_haversine_vs_balltree"]["ok"]
          and a["k3_haversine_vs_ckdtree"]["ok"] and a["within_5km_counts_vs_ckdtree_query_ball_point"]["ok"]
          and a["nearest_geodesic_vs_pyproj"]["ok"])

    def describe(result):
        return (f"{result['same_facility']:,} of {result['queries']:,} same facility, {result['near_ties']} near ties "
                f"(< {TIE_M:g} m apart), {result['disagreements']} disagreements; largest distance difference "
                f"{result['max_distance_difference_m']:.3g} m, {result['distances_beyond_tolerance']} beyond tolerance")

    w = a["within_5km_counts_vs_ckdtree_query_ball_point"]
    g = a["nearest_geodesic_vs_pyproj"]
    agreement_lines = [
        "Agreement:",
        f"- kernel, {cores} threads vs {''.join(f'{t}, ' for t in more_threads)}1 thread: " + ", ".join(f"{k} {'identical' if v else '**DIFFERENT**'}" for k, v in determinism.items()),
        f"- nearest haversine vs cKDTree: {describe(a['nearest_haversine_vs_ckdtree'])}",
        f"- nearest haversine vs BallTree: {describe(a['nearest_haversine_vs_balltree'])}",
        f"- k = {K} vs cKDTree (all ranks): {describe(a['k3_haversine_vs_ckdtree'])}",
        f"- within 5 km counts vs `query_ball_point`: {w['identical']:,} of {w['queries']:,} identical, {w['mismatches']} mismatches "
        f"({w['total_pairs_within']:,} query–facility pairs within 5 km; {w['queries_with_none']:,} queries with none)",
        f"- geodesic nearest vs pyproj brute force ({g['queries']:,} sampled queries, {g['pairs_measured']:,} geodesics, "
        f"{g['brute_force_seconds']:.1f} s): {g['same_facility']:,} same facility, {g['near_ties']} near ties, "
        f"{g['disagreements']} disagreements; largest distance difference {g['max_distance_difference_m']:.3g} m "
        f"(tolerance {GEODESIC_TOLERANCE_M:g} m); the geodesic nearest differs from the haversine nearest for "
        f"{g['geodesic_nearest_differs_from_haversine_nearest']:,} of {len(q_lon):,} queries",
        f"- shapely (planar degrees) picks another facility for {a['nearest_vs_shapely_planar_degrees']['differ']:,} queries "
        f"({100 * a['nearest_vs_shapely_planar_degrees']['share']:.2f} %): by design, not a failure",
    ]

    print(markdown)
    print()
    print("\n".join(agreement_lines))
    print()
    print("agreement: OK" if ok else "agreement: FAILED (see above)")

    results = {
        "started_utc": started.isoformat(timespec="seconds"), "seed": args.seed, "queries": args.queries,
        "facilities": args.facilities, "repeat": repeat, "radius_m": RADIUS_M, "k": K,
        "machine": {"cores": cores, "processor": platform.processor() or platform.machine(), "system": platform.platform(),
                    "python": platform.python_version(),
                    "load_average_1_5_15_min": {"before": list(load_before), "after": list(load_after)},
                    "other_processes_cpu_share": other_share, "idle_share_before_start": idle_at_start},
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                     "shapely": shapely.__version__, "geos": shapely.geos_version_string, "pyproj": pyproj.__version__,
                     "proj": pyproj.proj_version_str},
        "kernel": {f"{op} {metric} threads={t}": {k: v for k, v in r.items() if k not in ("indices", "distances", "counts")}
                   for (op, metric, t), r in kernel.items()},
        "peers": peers, "ratios": ratios, "agreement": agreement, "markdown": markdown, "ok": ok,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown + "\n\n" + "\n".join(agreement_lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
