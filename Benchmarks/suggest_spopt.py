#!/usr/bin/env python3
"""`coverage suggest`, side by side: the Swift tool against pysal spopt's MCLP solved exactly by CBC.

Both sides solve one maximal covering location problem (MCLP), defined here (the contract):

* **target and radius**: a tier (``--tier``, default health_centre) or a service (``--service S``);
  the radius is the first ``max_km`` of that target in standards.yaml (health_centre: 5 km);
* **existing facilities**: every facility of the layer (nationwide, whatever the region) with
  ``tier == T`` (for provincial_hospital: provincial or central hospitals, as the report counts
  them), or for a service every facility whose ``services`` contain it;
* **demand**: the villages of the region (``--region``, default national = every village; a region
  is a list of province pcodes in regions.json, matched on the villages' ``province_pcode``),
  weighted by ``--weight`` (population, under5, births_live or women_15_49);
* **already covered**: a village whose WGS 84 geodesic distance (pyproj ``Geod(ellps="WGS84").inv``)
  to its nearest existing facility is ≤ the radius (inclusive). The nearest is found as
  report_geopandas.py finds it (its ``nearest_geodesic``, imported: a cKDTree on unit vectors, every
  facility within 2 % of the great-circle nearest measured with pyproj);
* **candidates**: every village of the region; candidate c covers village v when their geodesic
  distance is ≤ the radius (a candidate covers itself). The (candidate, village) pairs come from a
  cKDTree ``query_ball_point`` on unit vectors with a chord 2 % longer than the radius on the mean
  sphere (R = 6,371,008.8 m; the ellipsoid moves a distance by < 0.6 % against it), every pair then
  measured with pyproj and kept when ≤ the radius;
* **objective**: choose p = ``--count`` (default 10) candidates to maximise the weight of the
  villages not yet covered that at least one chosen candidate covers. The existing facilities stay:
  only the uncovered villages are demand in the MCLP.

The peer: spopt ``MCLP.from_cost_matrix(cost_matrix, weights, service_radius, p_facilities, name=…)``
then ``.solve(pulp.PULP_CBC_CMD(msg=False))``, CBC with its default gaps (0: the proven optimum).
The cost matrix is dense, uncovered villages × candidates, holding the geodesic metres of the
covering pairs and ``inf`` elsewhere (spopt marks ``cost ≤ radius`` as covering). Only the
candidates that cover at least one uncovered village are columns: the others add nothing to any
solution, so the optimum cannot change (with fewer such candidates than p, p is lowered to their
number, since spopt asks for exactly p sites). This matters for time too: spopt writes each demand
village's constraint as a Python sum over every column, zeros included
(``FacilityModelBuilder.add_maximal_coverage_constraint``), so its model build grows with rows ×
columns, not with the covering pairs. pulp 3.3 marks ``PULP_CBC_CMD`` deprecated (to be
removed in 4.0); its warning is silenced, the solver is the CBC binary bundled with pulp.

What is timed. Each run is a fresh process, spawn to exit (``time.perf_counter``), with its CPU time
(user + system, all threads and children) and peak resident memory from ``os.wait4``, all taken by
a small launcher process (a bare interpreter) that spawns it: Linux counts the peak memory of the
spawning process in the child's ``ru_maxrss``, so spawned from this script (some 270 MiB with the
layers and the coverage sets) every command would show at least that; from the launcher the floor
is about 11 MiB.

* Swift: ``COVERAGE suggest --tier T --count P --json`` (``--service S`` instead of ``--tier``;
  ``--region R`` and ``--weight W`` when not the defaults; ``--data DATA``; ``--out TMP``, a fresh
  folder each run), which loads the layers, finds the covered villages, chooses the sites, writes
  its files (suggested_sites.geojson / .csv, newly_covered.geojson, manifest.json: in the time, as a
  user pays for them) and prints one JSON object: ``target``, ``threshold``, ``radius_m``,
  ``weight``, ``region``, ``demand_total``, ``covered_before``, ``covered_after``, ``gain``,
  ``upper_bound``, ``sites`` (rank, id, name, lon, lat, gain, covered_after), ``stopped``,
  ``seconds`` (the script stops at once when a field is missing);
* spopt: this script with ``--peer`` in a fresh interpreter, imports included, which times its own
  steps: load (geopandas / pyogrio), covered (nearest existing facility), matrix (coverage pairs and
  the dense cost matrix), model (``MCLP.from_cost_matrix``), solve (``.solve(...)``: pulp writes the
  MPS file, runs CBC, reads the solution; then spopt's result tables), and prints one JSON object.

One untimed warm-up run of each side (``--warmup``), then R rounds (``--repeat``, default 3) that
alternate which side goes first; medians are compared. The 1-minute load average before and after,
and the share of CPU time other processes used meanwhile (machine_state.py), are printed.

What is checked (each printed; exit 1 when one fails):

* spopt: CBC's status is Optimal in every round, the objective is the same in every round, and it
  equals the weight this script's own coverage sets give to spopt's chosen sites;
* Swift (its last round; every round must give the same sites and gain): the same problem
  (target, threshold, radius, weight, region, demand_total); ``covered_before`` equals this script's
  already-covered weight; the sites are distinct villages of the region, at most p; the gain of
  Swift's sites recomputed from this script's coverage sets, site by site in rank order (each
  site's ``gain`` and ``covered_after``), equals Swift's ``gain`` and ``covered_after``;
  Swift's gain ≥ 0.99 × the CBC optimum (within 1 % of it, or better); the CBC optimum ≤ Swift's
  ``upper_bound``;
* Swift's median wall time < 1 s is a target: reported as met or not met, never a failure.

Usage (from the repository root; ``make bench-suggest`` builds the release binary, makes .venv-bench
and runs this):

    .venv-bench/bin/python Benchmarks/suggest_spopt.py [--coverage PATH] [--tier T | --service S]
        [--count 10] [--region R] [--weight W] [--repeat 3] [--wait-quiet 300] [--json FILE] [--markdown FILE]
    .venv-bench/bin/python Benchmarks/suggest_spopt.py --spopt-only [--region R] …   # no Swift binary needed
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import geopandas
import numpy as np
import pulp
import pyproj
import scipy
import yaml
from scipy.spatial import cKDTree
from spopt.locate import MCLP

from machine_state import cpu_jiffies, launched_run, own_cpu_seconds, wait_for_quiet
from report_geopandas import GEOD, SHORTLIST_MARGIN, nearest_geodesic, unit_vectors

ROOT = Path(__file__).resolve().parent.parent
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
WEIGHTS = ["population", "under5", "births_live", "women_15_49"]
MEAN_RADIUS_M = 6_371_008.8
GAIN_SHARE_REQUIRED = 0.99   # the issue: within 1 % of the optimum, or better
WALL_TARGET_SECONDS = 1.0    # the target for `coverage suggest`, reported only
STEP_ORDER = ["load", "covered", "matrix", "model", "solve"]
CONTRACT_FIELDS = ["target", "threshold", "radius_m", "weight", "region", "demand_total", "covered_before", "covered_after",
                   "gain", "upper_bound", "sites", "stopped", "seconds"]
SITE_FIELDS = ["rank", "id", "name", "lon", "lat", "gain", "covered_after"]


# ----------------------------------------------------------------------------- the problem

@dataclass
class Problem:
    """One MCLP instance: what is asked, and the coverage this script computes for it."""
    target: str
    threshold: str          # "5km"
    radius_m: float
    region: str
    weight: str
    count: int
    codes: np.ndarray       # village_code of every village of the layer
    names: np.ndarray
    weights: np.ndarray     # int64, every village
    demand: np.ndarray      # indices of the region's villages (also the candidates)
    existing: int = 0       # facilities of the target
    uncovered: np.ndarray | None = None    # indices of the region's villages not yet covered
    pair_site: np.ndarray | None = None    # (candidate, uncovered village) pairs within the radius
    pair_village: np.ndarray | None = None
    pair_metres: np.ndarray | None = None

    @property
    def demand_total(self) -> int:
        return int(self.weights[self.demand].sum())

    @property
    def uncovered_total(self) -> int:
        return int(self.weights[self.uncovered].sum())

    @property
    def covered_before(self) -> int:
        return self.demand_total - self.uncovered_total


def read_inputs(data: Path):
    villages = geopandas.read_file(data / "villages.geojson", engine="pyogrio")
    facilities = geopandas.read_file(data / "facilities.geojson", engine="pyogrio")
    regions = json.loads((data / "regions.json").read_text())["regions"]
    standards = yaml.safe_load((data / "standards.yaml").read_text())
    return villages, facilities, regions, standards


def provides(facilities, tier: str | None, service: str | None) -> np.ndarray:
    """Which facilities count as existing for the target."""
    if service:
        return facilities["services"].apply(lambda s: s is not None and service in list(s)).to_numpy()
    tier_of = facilities["tier"].to_numpy()
    if tier == "provincial_hospital":  # Vientiane Capital's provincial level is the central hospital
        return (tier_of == "provincial_hospital") | (tier_of == "central_hospital")
    return tier_of == tier


def problem_of(inputs, args) -> tuple[Problem, np.ndarray]:
    """The problem asked for, and the mask of existing facilities."""
    villages, facilities, regions, standards = inputs
    target = args.service or args.tier
    standard = standards["services" if args.service else "tiers"].get(target)
    if standard is None or not standard.get("max_km"):
        raise SystemExit(f"{target}: no max_km in standards.yaml")
    km = float(standard["max_km"][0])
    provinces = {r["id"]: set(r["provinces"]) for r in regions}
    if args.region == "national" and "national" not in provinces:
        in_region = np.ones(len(villages), dtype=bool)
    elif args.region in provinces:
        in_region = villages["province_pcode"].isin(provinces[args.region]).to_numpy()
    else:
        raise SystemExit(f"--region {args.region}: not in regions.json ({', '.join(provinces)})")
    existing = provides(facilities, args.tier, args.service)
    problem = Problem(target=target, threshold=f"{int(km)}km" if km.is_integer() else f"{km}km", radius_m=km * 1000,
                      region=args.region, weight=args.weight, count=args.count,
                      codes=villages["village_code"].to_numpy(dtype=str), names=villages["name"].to_numpy(dtype=str),
                      weights=villages[args.weight].to_numpy(dtype=np.int64), demand=np.flatnonzero(in_region),
                      existing=int(existing.sum()))
    return problem, existing


def find_uncovered(problem: Problem, villages, facilities, existing: np.ndarray) -> None:
    """The region's villages farther than the radius from every existing facility."""
    lon, lat = villages.geometry.x.to_numpy()[problem.demand], villages.geometry.y.to_numpy()[problem.demand]
    f = facilities[existing]
    _, metres = nearest_geodesic(lon, lat, f.geometry.x.to_numpy(), f.geometry.y.to_numpy())
    problem.uncovered = problem.demand[~(metres <= problem.radius_m)]  # NaN (no facility) is uncovered


def find_pairs(problem: Problem, villages) -> None:
    """Every (candidate, uncovered village) pair within the radius, geodesic, inclusive."""
    lon, lat = villages.geometry.x.to_numpy(), villages.geometry.y.to_numpy()
    candidates, uncovered = problem.demand, problem.uncovered
    chord = 2 * np.sin(problem.radius_m * SHORTLIST_MARGIN / MEAN_RADIUS_M / 2)
    lists = cKDTree(unit_vectors(lon[uncovered], lat[uncovered])).query_ball_point(
        unit_vectors(lon[candidates], lat[candidates]), chord)
    counts = np.fromiter((len(c) for c in lists), dtype=np.int64, count=len(lists))
    site = np.repeat(candidates, counts)
    village = uncovered[np.fromiter((i for c in lists for i in c), dtype=np.int64, count=int(counts.sum()))]
    _, _, metres = GEOD.inv(lon[site], lat[site], lon[village], lat[village])
    within = metres <= problem.radius_m
    problem.pair_site, problem.pair_village, problem.pair_metres = site[within], village[within], metres[within]


def site_gains(problem: Problem, sites: list[int]) -> list[int]:
    """The weight each site adds, in the order given: the uncovered villages it covers that no earlier
    site covers. Their sum is the sites' objective."""
    reached = np.zeros(len(problem.weights), dtype=bool)
    gains = []
    for site in sites:
        villages = problem.pair_village[problem.pair_site == site]
        fresh = villages[~reached[villages]]
        reached[fresh] = True
        gains.append(int(problem.weights[fresh].sum()))
    return gains


# ----------------------------------------------------------------------------- the spopt side (--peer)

def cost_matrix(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """The dense uncovered villages × kept candidates matrix (metres where covering, inf elsewhere), and
    the kept candidates (village indices): those that cover at least one uncovered village."""
    kept = np.unique(problem.pair_site)
    matrix = np.full((len(problem.uncovered), len(kept)), np.inf)
    matrix[np.searchsorted(problem.uncovered, problem.pair_village), np.searchsorted(kept, problem.pair_site)] = problem.pair_metres
    return matrix, kept


def solve_with_spopt(args) -> dict:
    """One run of the peer in this process; returns its answer and the time of each step."""
    clock = {}
    started = time.perf_counter()
    inputs = read_inputs(args.data)
    villages, facilities = inputs[0], inputs[1]
    problem, existing = problem_of(inputs, args)
    clock["load"] = time.perf_counter() - started

    started = time.perf_counter()
    find_uncovered(problem, villages, facilities, existing)
    clock["covered"] = time.perf_counter() - started

    started = time.perf_counter()
    find_pairs(problem, villages)
    matrix, kept = cost_matrix(problem)
    clock["matrix"] = time.perf_counter() - started

    p = min(problem.count, len(kept))
    answer = {"uncovered_villages": len(problem.uncovered), "uncovered_total": problem.uncovered_total,
              "covered_before": problem.covered_before, "demand_total": problem.demand_total,
              "candidates": len(problem.demand), "candidates_kept": len(kept), "pairs": len(problem.pair_site),
              "p": p, "status": "Optimal", "objective": 0.0, "sites": [], "cbc_seconds": 0.0}
    if p > 0:
        started = time.perf_counter()
        model = MCLP.from_cost_matrix(matrix, problem.weights[problem.uncovered], problem.radius_m, p, name="suggest")
        clock["model"] = time.perf_counter() - started

        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # pulp 3.3: PULP_CBC_CMD goes in 4.0
            solver = pulp.PULP_CBC_CMD(msg=False)
        model.solve(solver)
        clock["solve"] = time.perf_counter() - started
        chosen = [j for j, variable in enumerate(model.fac_vars) if variable.value() > 0.5]
        answer.update(status=pulp.LpStatus[model.problem.status], objective=pulp.value(model.problem.objective),
                      sites=[str(problem.codes[kept[j]]) for j in chosen], cbc_seconds=model.problem.solutionTime)
    answer["steps"] = clock
    return answer


# ----------------------------------------------------------------------------- the runs

# Spawns one command, times it and takes its rusage: a bare interpreter, so that the command's ru_maxrss
# is its own (see the docstring, "What is timed").
def timed_run(command: list[str], folder: Path, name: str) -> dict:
    """Runs `command` as a fresh process: wall clock from spawn to exit (``time.perf_counter``), CPU and
    peak memory from ``os.wait4``, taken by the launcher; its stdout parsed as JSON."""
    out, err = folder / f"{name}.out", folder / f"{name}.err"
    result = launched_run(command, out, err, ROOT)
    try:
        result["answer"] = json.loads(out.read_text())
    except ValueError as error:
        raise SystemExit(f"{' '.join(command)}: its output is not one JSON object ({error}):\n{out.read_text()[:2000]}")
    return result


def run_side(side: str, command: list[str], folder: Path, log: str) -> dict:
    """One timed run; the Swift tool writes into a fresh folder, and its answer must hold the contract's fields."""
    if side == "swift":
        shutil.rmtree(folder / "swift-out", ignore_errors=True)
    result = timed_run(command, folder, log)
    if side == "swift":
        require_contract(result["answer"])
    return result


def require_contract(answer: dict) -> None:
    """Stops at once when the Swift JSON lacks a field of the contract: nothing could be compared."""
    missing = [key for key in CONTRACT_FIELDS if key not in answer]
    missing += sorted({f"sites[].{key}" for site in answer.get("sites", []) for key in SITE_FIELDS if key not in site})
    if missing:
        raise SystemExit(f"coverage suggest --json: no {', '.join(missing)} in {json.dumps(answer)[:2000]}")


def commands(args, coverage: Path | None, out: Path) -> dict[str, list[str]]:
    """The command of each side; the Swift tool writes its files into `out`."""
    asked = ["--service", args.service] if args.service else ["--tier", args.tier]
    options = ([] if args.region == "national" else ["--region", args.region]) + \
              ([] if args.weight == "population" else ["--weight", args.weight])
    sides = {"spopt": [sys.executable, str(Path(__file__).resolve()), "--peer", "--data", str(args.data), *asked,
                       "--count", str(args.count), "--region", args.region, "--weight", args.weight]}
    if not args.spopt_only:
        sides = {"swift": [str(coverage), "suggest", "--data", str(args.data), *asked, "--count", str(args.count),
                           *options, "--json", "--out", str(out)], **sides}
    return sides


# ----------------------------------------------------------------------------- checks

class Checks:
    """Named checks, each printed; a failed one makes the run fail."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.failed: list[str] = []

    def check(self, name: str, ok: bool, detail: str) -> bool:
        self.lines.append(f"- {name}: {detail}: {'OK' if ok else '**FAILED**'}")
        if not ok:
            self.failed.append(name)
        return ok


def check_spopt(problem: Problem, runs: list[dict], checks: Checks) -> float:
    """spopt's answers against this script's coverage sets; returns the optimum."""
    answers = [r["answer"] for r in runs]
    statuses = sorted({a["status"] for a in answers})
    checks.check("CBC status", statuses == ["Optimal"], f"{', '.join(statuses)} in {len(answers)} rounds")
    objectives = sorted({round(a["objective"], 6) for a in answers})
    checks.check("spopt objective, every round", len(objectives) == 1, ", ".join(f"{o:,.0f}" for o in objectives))
    last = answers[-1]
    index = {code: i for i, code in enumerate(problem.codes)}
    recomputed = sum(site_gains(problem, [index[c] for c in last["sites"]]))
    checks.check("spopt objective recomputed from this script's coverage sets",
                 abs(last["objective"] - recomputed) < 1e-6 and len(last["sites"]) == last["p"],
                 f"{len(last['sites'])} sites cover {recomputed:,} of the uncovered {problem.weight}; CBC says "
                 f"{last['objective']:,.6g}")
    checks.check("spopt's covered weight before", last["covered_before"] == problem.covered_before,
                 f"{last['covered_before']:,} (this script: {problem.covered_before:,})")
    return float(last["objective"])


def check_swift(problem: Problem, runs: list[dict], optimum: float, checks: Checks) -> None:
    """The Swift answer against this script's problem and coverage sets, and against the optimum."""
    answers = [r["answer"] for r in runs]
    last = answers[-1]
    same_rounds = all((a["gain"], [s["id"] for s in a["sites"]]) == (last["gain"], [s["id"] for s in last["sites"]])
                      for a in answers)
    checks.check("Swift, every round", same_rounds, "the same sites and gain" if same_rounds else "different answers")
    asked = (problem.target, problem.threshold, problem.radius_m, problem.weight, problem.region, problem.demand_total)
    said = (last.get("target"), last.get("threshold"), last.get("radius_m"), last.get("weight"), last.get("region"),
            last.get("demand_total"))
    checks.check("the same problem (target, threshold, radius_m, weight, region, demand_total)", said == asked,
                 f"Swift {said}, this script {asked}")
    checks.check("covered_before", last["covered_before"] == problem.covered_before,
                 f"Swift {last['covered_before']:,}, this script {problem.covered_before:,} (independent: nearest "
                 "existing facility by cKDTree shortlist + pyproj)")
    index = {code: i for i, code in enumerate(problem.codes)}
    in_region = set(problem.demand.tolist())
    ids = [s["id"] for s in last["sites"]]
    valid = [i in index and index[i] in in_region for i in ids]
    checks.check("sites", all(valid) and len(set(ids)) == len(ids) <= problem.count,
                 f"{len(ids)} distinct villages of the region (at most {problem.count})" if all(valid) and len(set(ids)) == len(ids)
                 else f"not distinct villages of the region: {[i for i, ok in zip(ids, valid) if not ok] or ids}")
    gains = site_gains(problem, [index[i] for i, ok in zip(ids, valid) if ok])
    cumulative = problem.covered_before + np.cumsum(gains, dtype=np.int64)
    per_site = all(s["gain"] == g and s["covered_after"] == c for s, g, c in zip(last["sites"], gains, cumulative))
    recomputed = sum(gains)
    checks.check("Swift's gain recomputed from this script's coverage sets",
                 recomputed == last["gain"] and per_site and last["covered_after"] == problem.covered_before + recomputed,
                 f"{recomputed:,} (Swift says {last['gain']:,}; covered_after {last['covered_after']:,}); each site's gain "
                 f"and covered_after in rank order {'agree' if per_site else '**differ**'}")
    checks.check(f"Swift's gain ≥ {GAIN_SHARE_REQUIRED:g} × the CBC optimum", last["gain"] >= GAIN_SHARE_REQUIRED * optimum,
                 f"{last['gain']:,} against {GAIN_SHARE_REQUIRED:g} × {optimum:,.0f} = {GAIN_SHARE_REQUIRED * optimum:,.0f}")
    checks.check("the CBC optimum ≤ Swift's upper_bound", optimum <= last["upper_bound"],
                 f"{optimum:,.0f} ≤ {last['upper_bound']:,}")


# ----------------------------------------------------------------------------- report

def versions(coverage: Path | None) -> dict:
    cbc = subprocess.run([pulp.PULP_CBC_CMD.pulp_cbc_path, "-quit"], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL).stdout
    cbc_version = next((line.split(":", 1)[1].strip() for line in cbc.splitlines() if line.startswith("Version:")), "?")
    info = {"python": platform.python_version(), "spopt": version("spopt"), "pulp": version("pulp"), "cbc": cbc_version,
            "numpy": np.__version__, "scipy": scipy.__version__, "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
            "geopandas": geopandas.__version__}
    if coverage:
        info["coverage"] = subprocess.run([str(coverage), "--version"], capture_output=True, text=True).stdout.strip()
    return info


def medians_of(runs: list[dict]) -> dict:
    return {field: statistics.median(r[field] for r in runs) for field in ("wall_seconds", "cpu_seconds", "peak_rss_mib")}


def steps_text(runs: list[dict]) -> str:
    """The peer's own step timings, medians, and the start-up (wall less the steps: interpreter, imports)."""
    steps = {name: statistics.median(r["answer"]["steps"].get(name, 0.0) for r in runs)
             for name in STEP_ORDER if name in runs[-1]["answer"]["steps"]}
    start_up = statistics.median(r["wall_seconds"] - sum(r["answer"]["steps"].values()) for r in runs)
    cbc = statistics.median(r["answer"]["cbc_seconds"] for r in runs)
    return (f"start-up {start_up:.2f}, " + ", ".join(f"{name} {value:.2f}" for name, value in steps.items())
            + f" (of which pulp + CBC {cbc:.2f})")


def report(problem: Problem, runs: dict, info: dict, machine: dict, args) -> tuple[list[str], dict]:
    """The Markdown lines and the figures for --json."""
    peer = runs["spopt"][-1]["answer"]
    medians = {side: medians_of(r) for side, r in runs.items()}
    sides = " and ".join(f"`{s}`" for s in runs)
    km = problem.radius_m / 1000
    lines = [f"`coverage suggest` against spopt {info['spopt']} MCLP (pulp {info['pulp']}, CBC {info['cbc']}): "
             f"{problem.target}, {problem.threshold}, count {problem.count}, weight {problem.weight}, region {problem.region}; "
             f"{sides} as cold processes; {machine['cores']} cores; medians of {args.repeat} "
             f"{'alternating ' if len(runs) > 1 else ''}rounds (after {args.warmup} untimed warm-up run"
             f"{'s' if args.warmup != 1 else ''} of each); {machine['started']:%Y-%m-%d %H:%M} UTC; load average (1 min) "
             f"{machine['load_before']:.2f} before, {machine['load_after']:.2f} after; other processes used "
             f"{100 * machine['other_share']:.0f} % of the CPU time while it ran.", "",
             f"The problem: {len(problem.demand):,} villages in the region, {problem.demand_total:,} {problem.weight}; "
             f"{problem.existing:,} existing facilities of the target; {problem.covered_before:,} {problem.weight} already "
             f"within {km:g} km; {len(problem.uncovered):,} villages ({problem.uncovered_total:,} {problem.weight}) not. "
             f"{len(problem.demand):,} candidates, "
             f"{peer['candidates_kept']:,} of which cover at least one uncovered village (spopt's columns: cost matrix "
             f"{len(problem.uncovered):,} × {peer['candidates_kept']:,}); {len(problem.pair_site):,} covering pairs.", "",
             "| implementation | median wall (s) | runs (s) | median CPU (s) | peak memory (MiB) | own timings, medians (s) |",
             "|---|---:|---|---:|---:|---|"]
    if "swift" in runs:
        own = statistics.median(r["answer"].get("seconds", float("nan")) for r in runs["swift"])
        lines.append(f"| `coverage suggest` ({info.get('coverage') or 'coverage'}, release) | {medians['swift']['wall_seconds']:.3f} | "
                     f"{', '.join(format(r['wall_seconds'], '.3f') for r in runs['swift'])} | {medians['swift']['cpu_seconds']:.3f} | "
                     f"{medians['swift']['peak_rss_mib']:.0f} | `seconds` {own:.3f} |")
    lines.append(f"| spopt {info['spopt']} `MCLP.from_cost_matrix` + CBC {info['cbc']} (Python {info['python']}) | "
                 f"{medians['spopt']['wall_seconds']:.3f} | {', '.join(format(r['wall_seconds'], '.3f') for r in runs['spopt'])} | "
                 f"{medians['spopt']['cpu_seconds']:.3f} | {medians['spopt']['peak_rss_mib']:.0f} | {steps_text(runs['spopt'])} |")

    optimum = float(peer["objective"])
    index = {code: i for i, code in enumerate(problem.codes)}
    figures = {"optimum": optimum, "spopt_sites": peer["sites"], "medians": medians}
    lines += ["", f"| answer | gain ({problem.weight} newly within {km:g} km) | covered after | sites |", "|---|---:|---:|---|"]
    if "swift" in runs:
        swift = runs["swift"][-1]["answer"]
        lines.append(f"| `coverage suggest` (upper bound {swift['upper_bound']:,}; stopped: {swift.get('stopped')}) | "
                     f"{swift['gain']:,} | {swift['covered_after']:,} | "
                     + ", ".join(f"{s['rank']}. {s['id']} {s['name']} (+{s['gain']:,})" for s in swift["sites"]) + " |")
    lines.append(f"| spopt + CBC, optimal | {optimum:,.0f} | {problem.covered_before + round(optimum):,} | "
                 + ", ".join(f"{c} {problem.names[index[c]]}" for c in sorted(peer["sites"], key=lambda c: (len(c), c))) + " |")
    if "swift" in runs:
        share = swift["gain"] / optimum if optimum else float("nan")
        wall_ratio = medians["spopt"]["wall_seconds"] / medians["swift"]["wall_seconds"]
        met = medians["swift"]["wall_seconds"] < WALL_TARGET_SECONDS
        figures.update(swift_over_optimum=share, spopt_over_swift_wall=wall_ratio, wall_target_met=met)
        lines += ["", "| what the issue asks | measured | target | |", "|---|---:|---:|---|",
                  f"| Swift's gain / the CBC optimum | {100 * share:.2f} % | ≥ {100 * GAIN_SHARE_REQUIRED:.0f} % | "
                  f"{'met' if share >= GAIN_SHARE_REQUIRED else '**not met**'} |",
                  f"| `coverage suggest`, median wall clock | {medians['swift']['wall_seconds']:.3f} s | < {WALL_TARGET_SECONDS:g} s | "
                  f"{'met' if met else '**not met**'} |",
                  "", f"Also: spopt / Swift, median wall clock: {wall_ratio:.1f}×; CPU time: "
                  f"{medians['spopt']['cpu_seconds'] / medians['swift']['cpu_seconds']:.1f}×."]
    lines += ["", "Versions: " + ", ".join(f"{name} {value}" for name, value in info.items()) + "."]
    return lines, figures


# ----------------------------------------------------------------------------- main

def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coverage", type=Path, default=Path(".build/release/coverage"),
                        help="the coverage binary (default .build/release/coverage: `make build`)")
    parser.add_argument("--data", type=Path, default=Path("GeoData/laos"), help="the data folder (default GeoData/laos)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--tier", choices=TIERS, default="health_centre", help="the tier to add (default health_centre)")
    target.add_argument("--service", help="a service of standards.yaml to add instead of a tier")
    parser.add_argument("--count", type=int, default=10, help="p, the number of sites to choose (default 10)")
    parser.add_argument("--region", default="national", help="a region of regions.json (default national)")
    parser.add_argument("--weight", choices=WEIGHTS, default="population", help="the demand weight (default population)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3; medians are compared)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each side first (default 1)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before timing, wait up to SECONDS for 3 s at ≥ 90 %% idle CPU (default 0: do not wait)")
    parser.add_argument("--spopt-only", action="store_true", help="run and check the spopt side alone (no Swift binary)")
    parser.add_argument("--json", type=Path, help="also write everything measured as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown tables and the checks here")
    parser.add_argument("--peer", action="store_true",
                        help="(what each timed spopt run is) solve once with spopt in this process, print the answer as JSON")
    args = parser.parse_args()
    if args.service:
        args.tier = None
    if args.count < 1 or args.repeat < 1 or args.warmup < 0:
        parser.error("--count and --repeat must be ≥ 1, --warmup ≥ 0")
    return args


def main() -> int:
    args = arguments()
    if args.peer:
        print(json.dumps(solve_with_spopt(args)))
        return 0

    coverage = None if args.spopt_only else (args.coverage if args.coverage.is_absolute() else ROOT / args.coverage)
    if coverage and not coverage.is_file():
        raise SystemExit(f"{coverage}: no such binary; build it with `make build` (or `swift build -c release --product "
                         "coverage`), pass --coverage, or run --spopt-only")
    print("computing the coverage sets for the checks…", file=sys.stderr)
    inputs = read_inputs(ROOT / args.data)
    problem, existing = problem_of(inputs, args)
    find_uncovered(problem, inputs[0], inputs[1], existing)
    find_pairs(problem, inputs[0])
    info = versions(coverage)

    idle_at_start = wait_for_quiet(args.wait_quiet) if args.wait_quiet > 0 else None
    machine = {"cores": os.cpu_count() or 1, "load_before": os.getloadavg()[0], "started": datetime.now(timezone.utc)}
    busy_before, total_before = cpu_jiffies()
    own_before = own_cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="bench-suggest-") as name:
        folder = Path(name)
        sides = commands(args, coverage, folder / "swift-out")
        runs = {side: [] for side in sides}
        for warmup in range(args.warmup):
            for side in sides:
                print(f"warm-up {warmup + 1}: {side}", file=sys.stderr)
                run_side(side, sides[side], folder, f"warmup-{side}")
        for round_number in range(args.repeat):
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))  # alternate who goes first
            for side in order:
                result = run_side(side, sides[side], folder, f"{side}-{round_number}")
                result["round"], result["position"] = round_number + 1, order.index(side) + 1
                runs[side].append(result)
                print(f"round {round_number + 1} of {args.repeat}: {side:5} {result['wall_seconds']:8.3f} s "
                      f"(CPU {result['cpu_seconds']:.3f} s, {result['peak_rss_mib']:.0f} MiB)", file=sys.stderr)
    machine["load_after"] = os.getloadavg()[0]
    busy_after, total_after = cpu_jiffies()
    ticks = os.sysconf("SC_CLK_TCK")
    other_seconds = max(0.0, (busy_after - busy_before) / ticks - (own_cpu_seconds() - own_before))
    available_seconds = (total_after - total_before) / ticks
    machine["other_share"] = other_seconds / available_seconds if available_seconds > 0 else float("nan")
    machine["idle_share_before_start"] = idle_at_start

    checks = Checks()
    optimum = check_spopt(problem, runs["spopt"], checks)
    if "swift" in runs:
        check_swift(problem, runs["swift"], optimum, checks)
    lines, figures = report(problem, runs, info, machine, args)
    markdown = "\n".join(lines)
    check_lines = ["Checks:", *checks.lines, "", "checks: OK" if not checks.failed else f"checks: FAILED ({', '.join(checks.failed)})"]
    print(markdown)
    print()
    print("\n".join(check_lines))

    if args.json:
        results = {"started_utc": machine["started"].isoformat(timespec="seconds"), "commands": sides,
                   "problem": {"target": problem.target, "threshold": problem.threshold, "radius_m": problem.radius_m,
                               "region": problem.region, "weight": problem.weight, "count": problem.count,
                               "villages": len(problem.demand), "demand_total": problem.demand_total,
                               "existing_facilities": problem.existing, "covered_before": problem.covered_before,
                               "uncovered_villages": len(problem.uncovered), "uncovered_total": problem.uncovered_total,
                               "covering_pairs": len(problem.pair_site)},
                   "machine": {**machine, "processor": platform.processor() or platform.machine(), "system": platform.platform()},
                   "versions": info, "runs": runs, **figures, "checks": checks.lines, "failed": checks.failed,
                   "markdown": markdown}
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown + "\n\n" + "\n".join(check_lines) + "\n")
    return 0 if not checks.failed else 1


if __name__ == "__main__":
    sys.exit(main())
