#!/usr/bin/env python3
"""The whole `coverage report`, side by side: the Swift tool against a geopandas script, as cold processes.

In one run, on the same data folder (default GeoData/laos), R rounds (default 5), each timing once:

* the Swift tool as a fresh process: ``COVERAGE report --data DATA --out TMP`` (the release binary,
  default ``.build/release/coverage``; ``--coverage PATH`` for another build): load, validate, join,
  assign every village to every tier and rehabilitation, gaps and gap areas per section, catchments
  of every tier, and every output (GeoJSON, CSV, the 15 SVG maps, manifest.json);
* its peer as a fresh interpreter: ``PYTHON Benchmarks/report_geopandas.py --data DATA --out TMP``
  (geopandas / shapely 2 / pyproj / numpy / scipy), imports included, which writes the same tables
  and layers but not the SVG maps nor manifest.json (see its docstring).

The rounds alternate which side goes first (Swift first in odd rounds, the peer first in even ones),
so that a change of load on a shared machine falls on both alike; one untimed warm-up run of each
comes first (``--warmup``), so that the first timed run does not pay for reading the binaries, the
Python packages and the data from disk. Each run's wall clock is taken around the process (spawn
to exit, ``time.perf_counter``), and its CPU time (user + system, all threads) and peak resident
memory from ``os.wait4``. The medians are compared. The 1-minute load average before and after, and
the share of all CPU time that other processes used meanwhile (``/proc/stat``, less this script's
and its children's), say how quiet the machine was.

Then the outputs of the last round are compared, so that the two did the same work (the script
exits 1 when they disagree, never for a missed target):

* ``villages_assigned.csv`` (and the ids of ``villages_assigned.geojson``): the same columns in the
  same order (``lon`` and ``lat`` last, identical), the same villages in the same order; per village
  and target the same nearest
  provider (the care model of standards.yaml: a hospital provides the care of the tiers below it),
  the same provider tier and nearest facility of each tier itself, the same administrative and
  referral-chain facilities, distances within 1 mm and minutes within 0.01 (both files round to
  these), flags and figures identical;
* every section's ``gaps.csv``: the same rows in the same order and every figure identical
  (villages, population, under5, births_live, women_15_49: total, covered, uncovered, % covered),
  has_facility, facilities and facilities_proxy identical;
* ``catchments_<tier>.csv``: the same facilities, villages and figures identical, areas within
  10⁻⁶ relative; the catchment polygons: planar symmetric difference ≤ 10⁻⁶ of the area;
* every section's ``uncovered_villages.geojson``, ``zones_districts.geojson`` and
  ``zones_provinces.geojson``: the same features in the same order and identical properties; its
  ``uncovered_villages.csv``: the same rows and columns (``lon``, ``lat`` identical);
* every CSV starts with the UTF-8 byte-order mark on both sides or on neither;
* every section's ``gap_areas.geojson``: the same (district, target, threshold) features in the
  same order, ``area_km2`` within 10⁻⁶ relative (or 10⁻⁶ km²), ``pct_of_district`` within 0.01, the
  polygons' planar symmetric difference ≤ 10⁻⁶ of their area.

Usage (from the repository root; ``make bench-report`` builds the release binary, makes .venv-bench
and runs this):

    .venv-bench/bin/python Benchmarks/bench_report.py [--coverage PATH] [--repeat 5] [--wait-quiet 300]
        [--json FILE] [--markdown FILE] [--keep DIR]
    .venv-bench/bin/python Benchmarks/bench_report.py --compare-only SWIFT_OUT PEER_OUT
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
import shapely

from machine_state import cpu_jiffies, own_cpu_seconds, timed_run, wait_for_quiet

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "Benchmarks" / "report_geopandas.py"
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
TARGETS = TIERS + ["rehabilitation"]
DISTANCE_TOLERANCE_M = 1e-3 + 1e-9   # both sides round metres to the mm
MINUTES_TOLERANCE = 1e-2 + 1e-9      # and minutes to 0.01
PERCENT_TOLERANCE = 1e-2 + 1e-9      # gap areas' share of the district, to 0.01
AREA_RELATIVE_TOLERANCE = 1e-6
AREA_ABSOLUTE_TOLERANCE_KM2 = 1e-6
SHAPE_TOLERANCE = 1e-6               # planar symmetric difference / area
HAUSDORFF_TOLERANCE_DEGREES = 2e-7   # or two units of the 7th decimal that both sides write
STEP_ORDER = ["load", "assign", "gaps", "gap_areas", "catchments", "write"]


# ----------------------------------------------------------------------------- the runs

def steps_of(side: str, out: Path, log: Path) -> dict:
    """The run's own timing of its steps, seconds: the Swift tool's manifest.json `timings`, the
    peer's `--timings` line (the last JSON object it prints)."""
    try:
        if side.startswith("swift"):
            return json.loads((out / "manifest.json").read_text()).get("timings", {})
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.startswith("{")]
        return json.loads(lines[-1]) if lines else {}
    except (OSError, ValueError):
        return {}


# ----------------------------------------------------------------------------- agreement

class Agreement:
    """Collects per-file findings; a disagreement makes the run fail."""

    def __init__(self) -> None:
        self.files: dict[str, dict] = {}
        self.disagreements: list[str] = []

    def record(self, name: str, **facts) -> dict:
        self.files[name] = facts
        return facts

    def differ(self, name: str, message: str) -> None:
        self.disagreements.append(f"{name}: {message}")


def normalised(values: pd.Series) -> pd.Series:
    """Text of a column as both sides would agree on: booleans lower case, whole floats without '.0'."""
    text = values.astype(str).fillna("")  # pandas' str dtype keeps a null as missing, not as "nan"
    text = text.where(~text.isin(["True", "False"]), text.str.lower())
    text = text.where(~text.isin(["None", "nan", "<NA>"]), "")
    return text


def numbers(values: pd.Series) -> np.ndarray | None:
    """The column as floats (NaN for null), or None when it is not numeric (text, booleans)."""
    if values.dtype.kind == "b":
        return None
    if values.dtype.kind in "iuf":
        return values.to_numpy(dtype=float)
    text = normalised(values)
    parsed = pd.to_numeric(text.replace("", np.nan), errors="coerce")
    if (parsed.isna() & (text != "")).any() or (text == "").all():
        return None
    return parsed.to_numpy(dtype=float)


def compare_columns(name: str, swift: pd.DataFrame, peer: pd.DataFrame, key: str, agreement: Agreement,
                    tolerances: dict[str, float] | None = None, relative: set[str] = frozenset()) -> dict:
    """Column by column: numeric columns within their tolerance (exact by default), others as text."""
    facts = {"rows": [len(swift), len(peer)], "columns_only_swift": [c for c in swift.columns if c not in peer.columns],
             "columns_only_peer": [c for c in peer.columns if c not in swift.columns], "max_difference": {}, "mismatches": {}}
    if facts["columns_only_swift"] or facts["columns_only_peer"]:
        agreement.differ(name, f"columns only in the Swift file {facts['columns_only_swift']}, only in the peer's "
                               f"{facts['columns_only_peer']}")
    elif list(swift.columns) != list(peer.columns):
        agreement.differ(name, "the same columns in another order")
    if len(swift) != len(peer) or not (normalised(swift[key]).to_numpy() == normalised(peer[key]).to_numpy()).all():
        only_swift = sorted(set(normalised(swift[key])) - set(normalised(peer[key])))
        only_peer = sorted(set(normalised(peer[key])) - set(normalised(swift[key])))
        agreement.differ(name, f"different rows ({len(swift)} / {len(peer)}; only Swift: {only_swift[:10]}, only peer: "
                               f"{only_peer[:10]}), or another order")
        return facts
    tolerances = tolerances or {}
    for column in swift.columns:
        if column not in peer.columns or column == "geometry":
            continue
        a, b = swift[column], peer[column]
        x, y = numbers(a), numbers(b)
        if x is not None and y is not None:
            both_null = np.isnan(x) & np.isnan(y)
            diff = np.where(both_null, 0.0, np.abs(x - y))
            diff = np.where(np.isnan(diff), np.inf, diff)  # null on one side only
            limit = tolerances.get(column, 0.0)
            if column in relative:
                bad = (diff > limit * np.abs(x)) & (diff > AREA_ABSOLUTE_TOLERANCE_KM2)
            else:
                bad = diff > limit
            facts["max_difference"][column] = float(diff.max()) if len(diff) else 0.0
        else:
            bad = (normalised(a) != normalised(b)).to_numpy()
        if bad.any():
            rows = np.flatnonzero(bad)
            examples = [{"key": str(swift[key].iloc[i]), "swift": str(a.iloc[i]), "peer": str(b.iloc[i])} for i in rows[:5]]
            facts["mismatches"][column] = {"count": int(bad.sum()), "examples": examples}
            agreement.differ(name, f"{column}: {int(bad.sum())} rows differ, e.g. {examples[:3]}")
    return facts


def shape_difference(name: str, swift: geopandas.GeoDataFrame, peer: geopandas.GeoDataFrame, key: str,
                     agreement: Agreement) -> dict:
    """How far two features' polygons differ: the planar symmetric difference relative to the Swift
    polygon's area, and the Hausdorff distance (degrees). A pair differs when both exceed their
    tolerance (10⁻⁶ of the area; 2 × 10⁻⁷°, two units of the 7th decimal both files round to)."""
    a, b = swift.geometry.to_numpy(), peer.geometry.to_numpy()
    null_a, null_b = shapely.is_missing(a), shapely.is_missing(b)
    if (null_a != null_b).any():
        agreement.differ(name, f"null geometry on one side only: {list(swift[key].to_numpy()[null_a != null_b][:5])}")
    both = ~null_a & ~null_b
    if not both.any():
        return {"max_symmetric_difference_share": 0.0, "max_hausdorff_degrees": 0.0, "differing_polygons": 0}
    share = shapely.area(shapely.symmetric_difference(a[both], b[both])) / np.maximum(shapely.area(a[both]), 1e-300)
    hausdorff = shapely.hausdorff_distance(a[both], b[both])
    bad = (share > SHAPE_TOLERANCE) & (hausdorff > HAUSDORFF_TOLERANCE_DEGREES)
    if bad.any():
        agreement.differ(name, f"polygons differ by more than {SHAPE_TOLERANCE:g} of their area and "
                               f"{HAUSDORFF_TOLERANCE_DEGREES:g}°: {list(swift[key].to_numpy()[both][bad][:5])} "
                               f"(largest share {share.max():.3g}, Hausdorff {hausdorff.max():.3g}°)")
    return {"max_symmetric_difference_share": float(share.max()), "max_hausdorff_degrees": float(hausdorff.max()),
            "differing_polygons": int(((share > 0) | (hausdorff > 0)).sum())}


BOM = b"\xef\xbb\xbf"


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_layer(path: Path) -> geopandas.GeoDataFrame:
    return geopandas.read_file(path, engine="pyogrio")


def compare_outputs(swift: Path, peer: Path) -> Agreement:
    agreement = Agreement()

    # The byte-order mark: the same on both sides, file by file.
    for path in sorted(swift.rglob("*.csv")):
        twin = peer / path.relative_to(swift)
        if twin.is_file() and (path.read_bytes()[:3] == BOM) != (twin.read_bytes()[:3] == BOM):
            agreement.differ(str(path.relative_to(swift)), "a UTF-8 byte-order mark on one side only")

    # Villages: nearest, administrative and chain facilities, distances, times, flags.
    tolerances = {}
    for column in read_csv(swift / "villages_assigned.csv").columns:
        if column.endswith("_distance_m"):
            tolerances[column] = DISTANCE_TOLERANCE_M
        elif column.endswith("_minutes"):
            tolerances[column] = MINUTES_TOLERANCE
    a, b = read_csv(swift / "villages_assigned.csv"), read_csv(peer / "villages_assigned.csv")
    facts = agreement.record("villages_assigned.csv",
                             **compare_columns("villages_assigned.csv", a, b, "village_code", agreement, tolerances))
    facts["nearest_ids_identical"] = {t: bool(len(a) == len(b) and (a[f"{t}_id"] == b[f"{t}_id"]).all()) for t in TARGETS}
    id_columns = [c for c in a.columns if c.endswith("_id")]
    facts["id_columns_compared"] = id_columns
    geo = read_layer(peer / "villages_assigned.geojson")
    same_ids = len(geo) == len(a) and all((normalised(geo[c]).to_numpy() == a[c].to_numpy()).all() for c in id_columns + ["village_code"])
    facts["peer_geojson_ids_equal_swift_csv"] = bool(same_ids)
    if not same_ids:
        agreement.differ("villages_assigned.geojson", "the peer's GeoJSON ids differ from the Swift CSV's")

    # Catchments.
    for tier in TIERS:
        name = f"catchments_{tier}"
        facts = agreement.record(f"{name}.csv", **compare_columns(
            f"{name}.csv", read_csv(swift / f"{name}.csv"), read_csv(peer / f"{name}.csv"), "facility_id", agreement,
            {"area_km2": AREA_RELATIVE_TOLERANCE}, {"area_km2"}))
        a, b = read_layer(swift / f"{name}.geojson"), read_layer(peer / f"{name}.geojson")
        if len(a) == len(b) and (a["facility_id"].to_numpy() == b["facility_id"].to_numpy()).all():
            facts["polygons"] = shape_difference(f"{name}.geojson", a, b, "facility_id", agreement)
        else:
            agreement.differ(f"{name}.geojson", "different facilities")

    # Sections.
    sections = sorted(p.parent.name for p in swift.glob("*/gaps.csv"))
    peer_sections = sorted(p.parent.name for p in peer.glob("*/gaps.csv"))
    if sections != peer_sections:
        agreement.differ("sections", f"Swift {sections}, peer {peer_sections}")
    for section in sections:
        if not (peer / section).is_dir():
            continue
        a, b = read_csv(swift / section / "gaps.csv"), read_csv(peer / section / "gaps.csv")
        key = "key"
        for frame in (a, b):
            frame[key] = frame["zone_level"] + " " + frame["zone_pcode"] + " " + frame["target"] + " " + frame["threshold"]
        agreement.record(f"{section}/gaps.csv", **compare_columns(f"{section}/gaps.csv", a, b, key, agreement))
        name = f"{section}/uncovered_villages.csv"
        a, b = read_csv(swift / section / "uncovered_villages.csv"), read_csv(peer / section / "uncovered_villages.csv")
        agreement.record(name, **compare_columns(name, a, b, "village_code", agreement, {
            c: DISTANCE_TOLERANCE_M if c.endswith("_distance_m") else MINUTES_TOLERANCE for c in a.columns
            if c.endswith("_distance_m") or c.endswith("_minutes")}))
        for layer, key in (("uncovered_villages", "village_code"), ("zones_districts", "pcode"), ("zones_provinces", "pcode")):
            name = f"{section}/{layer}.geojson"
            a, b = read_layer(swift / section / f"{layer}.geojson"), read_layer(peer / section / f"{layer}.geojson")
            facts = agreement.record(name, **compare_columns(name, a, b, key, agreement, {
                c: DISTANCE_TOLERANCE_M if c.endswith("_distance_m") else MINUTES_TOLERANCE for c in a.columns
                if c.endswith("_distance_m") or c.endswith("_minutes")}))
            if not facts["mismatches"] and len(a) == len(b):
                if layer == "uncovered_villages":
                    facts["points_max_distance_degrees"] = float(np.max(shapely.distance(a.geometry.to_numpy(), b.geometry.to_numpy()),
                                                                        initial=0.0))
                    if facts["points_max_distance_degrees"] > HAUSDORFF_TOLERANCE_DEGREES:
                        agreement.differ(name, f"village points {facts['points_max_distance_degrees']:.3g}° apart")
                else:
                    facts["polygons"] = shape_difference(name, a, b, key, agreement)
        name = f"{section}/gap_areas.geojson"
        a, b = read_layer(swift / section / "gap_areas.geojson"), read_layer(peer / section / "gap_areas.geojson")
        for frame in (a, b):
            frame["key"] = frame["district_pcode"] + " " + frame["target"] + " " + frame["threshold"]
        facts = agreement.record(name, **compare_columns(name, a, b, "key", agreement, {
            "area_km2": AREA_RELATIVE_TOLERANCE, "pct_of_district": PERCENT_TOLERANCE, "radius_m": DISTANCE_TOLERANCE_M},
            {"area_km2"}))
        if len(a) == len(b) and (a["key"].to_numpy() == b["key"].to_numpy()).all():
            facts["polygons"] = shape_difference(name, a, b, "key", agreement)
    return agreement


def polygon_text(polygons: dict) -> str:
    return (f"; polygons: {polygons['differing_polygons']} not identical, largest symmetric difference "
            f"{polygons['max_symmetric_difference_share']:.3g} of the area, largest Hausdorff distance "
            f"{polygons['max_hausdorff_degrees']:.3g}°")


def agreement_lines(agreement: Agreement) -> list[str]:
    files = agreement.files
    lines = ["Agreement (outputs of the last round):"]
    v = files.get("villages_assigned.csv", {})
    if v:
        ids = v.get("nearest_ids_identical", {})
        lines.append(f"- villages_assigned.csv: {v['rows'][0]:,} / {v['rows'][1]:,} villages; nearest facility identical for "
                     + ", ".join(f"{t} {'yes' if ok else '**NO**'}" for t, ok in ids.items())
                     + f"; {len(v.get('id_columns_compared', []))} facility-id columns (nearest provider, nearest of the tier, administrative, chain): "
                     + (lambda differing: "all identical" if not differing else f"**{len(differing)} differ** ({', '.join(differing)})")(
                         [c for c in v.get("id_columns_compared", []) if c in v["mismatches"]])
                     + f"; largest distance difference {max([d for c, d in v['max_difference'].items() if c.endswith('_m')], default=0):.3g} m, "
                     f"largest minutes difference {max([d for c, d in v['max_difference'].items() if c.endswith('_minutes')], default=0):.3g}; "
                     f"{len(v['mismatches'])} columns with differences")
    gaps = {name: facts for name, facts in files.items() if name.endswith("gaps.csv")}
    if gaps:
        lines.append("- gaps.csv: " + "; ".join(f"{name.split('/')[0]} {facts['rows'][0]:,} rows, "
                                               + ("every figure identical" if not facts["mismatches"] else
                                                  f"**{len(facts['mismatches'])} columns differ**")
                                               for name, facts in gaps.items()))
    for name, facts in files.items():
        if name.startswith("catchments_"):
            lines.append(f"- {name}: {facts['rows'][0]} facilities, "
                         + ("figures identical" if not facts["mismatches"] else f"**{list(facts['mismatches'])} differ**")
                         + f", area_km2 largest difference {facts['max_difference'].get('area_km2', 0):.3g} km²"
                         + (polygon_text(facts["polygons"]) if "polygons" in facts else ""))
    uncovered = {name: facts for name, facts in files.items() if name.endswith("uncovered_villages.csv")}
    if uncovered:
        lines.append("- uncovered_villages.csv: " + "; ".join(f"{name.split('/')[0]} {facts['rows'][0]:,} villages, "
                                                             + ("every value identical (lon, lat included)" if not facts["mismatches"] else
                                                                f"**{len(facts['mismatches'])} columns differ**")
                                                             for name, facts in uncovered.items()))
    for name, facts in files.items():
        if name.endswith(".geojson") and "/" in name:
            extra = ""
            if "area_km2" in facts["max_difference"]:
                extra += f", area_km2 largest difference {facts['max_difference']['area_km2']:.3g} km²"
            if "polygons" in facts:
                extra += polygon_text(facts["polygons"])
            lines.append(f"- {name}: {facts['rows'][0]:,} / {facts['rows'][1]:,} features, "
                         + ("properties identical" if not facts["mismatches"] else f"**{list(facts['mismatches'])} differ**") + extra)
    if "brute_force_variant" in files:
        found = files["brute_force_variant"]["disagreements"]
        lines.append("- the `--brute-force` variant's outputs against the Swift ones: "
                     + ("all agree" if not found else f"**{len(found)} disagreements**"))
    lines.append("- " + ("all outputs agree" if not agreement.disagreements else
                         f"**{len(agreement.disagreements)} disagreements**: " + " | ".join(agreement.disagreements[:20])))
    return lines


# ----------------------------------------------------------------------------- main

def versions(coverage: Path, python: str) -> dict:
    swift = subprocess.run([str(coverage), "--version"], capture_output=True, text=True).stdout.strip()
    peer = subprocess.run([python, "-c", "import geopandas, shapely, pyproj, numpy, pandas, pyogrio, scipy, sys; "
                           "print(sys.version.split()[0], geopandas.__version__, shapely.__version__, shapely.geos_version_string, "
                           "pyproj.__version__, pyproj.proj_version_str, numpy.__version__, pandas.__version__, "
                           "pyogrio.__version__, pyogrio.__gdal_version_string__, scipy.__version__)"],
                          capture_output=True, text=True, cwd=ROOT).stdout.split()
    names = ["python", "geopandas", "shapely", "geos", "pyproj", "proj", "numpy", "pandas", "pyogrio", "gdal", "scipy"]
    geos = subprocess.run(["pkg-config", "--modversion", "geos", "proj"], capture_output=True, text=True).stdout.split()
    return {"coverage": swift, "coverage_links_geos_proj (pkg-config)": geos, **dict(zip(names, peer))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coverage", type=Path, default=ROOT / ".build" / "release" / "coverage",
                        help="the coverage binary (default .build/release/coverage: `make build`)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter for the peer (default: this one)")
    parser.add_argument("--data", type=Path, default=Path("GeoData/laos"), help="the data folder (default GeoData/laos)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per side (default 5; medians are compared)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each side first (default 1)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before timing, wait up to SECONDS for 3 s at ≥ 90 %% idle CPU (default 0: do not wait)")
    parser.add_argument("--baseline", type=Path,
                        help="also time an earlier `coverage` binary (a build of another commit) as a side of its own in the "
                             "same rounds; its outputs must equal the current binary's byte for byte (manifest.json aside)")
    parser.add_argument("--with-brute-force", action="store_true",
                        help="also time the peer with --brute-force (pyproj over every facility of each target for the "
                             "nearest, instead of the cKDTree shortlist), as a third side in the same rounds")
    parser.add_argument("--json", type=Path, help="also write everything measured as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown table here")
    parser.add_argument("--keep", type=Path, help="copy the last round's outputs here (swift/ and geopandas/)")
    parser.add_argument("--compare-only", nargs=2, type=Path, metavar=("SWIFT_OUT", "PEER_OUT"),
                        help="only compare two output folders already written, and exit")
    args = parser.parse_args()

    if args.compare_only:
        agreement = compare_outputs(*args.compare_only)
        print("\n".join(agreement_lines(agreement)))
        return 0 if not agreement.disagreements else 1

    coverage = args.coverage if args.coverage.is_absolute() else ROOT / args.coverage
    if not coverage.is_file():
        raise SystemExit(f"{coverage}: no such binary; build it with `make build` "
                         "(or `swift build -c release --product coverage`) or pass --coverage")
    if args.repeat < 5:
        print("note: fewer than 5 rounds; medians of 5 or more are the ones to quote", file=sys.stderr)
    data = str(args.data)
    sides = {
        # The peer writes the straight-line model (km × detour ÷ speed): ours is asked for the same.
        "swift": lambda out: [str(coverage), "report", "--data", data, "--out", str(out), "--travel", "straight"],
        "geopandas": lambda out: [args.python, str(PEER), "--data", data, "--out", str(out), "--timings"],
    }
    if args.baseline:
        baseline = args.baseline.resolve()
        sides["swift_baseline"] = lambda out: [str(baseline), "report", "--data", data, "--out", str(out)]
    if args.with_brute_force:
        sides["geopandas_brute_force"] = lambda out: [args.python, str(PEER), "--data", data, "--out", str(out), "--timings",
                                                      "--brute-force"]
    cores = os.cpu_count() or 1
    info = versions(coverage, args.python)

    idle_at_start = wait_for_quiet(args.wait_quiet) if args.wait_quiet > 0 else None
    load_before = os.getloadavg()
    started = datetime.now(timezone.utc)
    busy_before, total_before = cpu_jiffies()
    own_before = own_cpu_seconds()
    runs = {side: [] for side in sides}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as name:
        folder = Path(name)
        for warmup in range(args.warmup):
            for side, command in sides.items():
                print(f"warm-up {warmup + 1}: {side}", file=sys.stderr)
                out = folder / f"warmup-{side}"
                timed_run(command(out), folder / f"warmup-{side}.log", ROOT)
                shutil.rmtree(out)
        for round_number in range(args.repeat):
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))  # alternate who goes first
            last = round_number == args.repeat - 1
            for side in order:
                out = folder / side
                if out.exists():
                    shutil.rmtree(out)
                result = timed_run(sides[side](out), folder / f"{side}-{round_number}.log", ROOT)
                result["steps"] = steps_of(side, out, folder / f"{side}-{round_number}.log")
                result["round"], result["position"] = round_number + 1, order.index(side) + 1
                runs[side].append(result)
                print(f"round {round_number + 1} of {args.repeat}: {side:9} {result['wall_seconds']:7.3f} s "
                      f"(CPU {result['cpu_seconds']:.3f} s, {result['peak_rss_mib']:.0f} MiB)", file=sys.stderr)
            if last:
                load_after = os.getloadavg()
                busy_after, total_after = cpu_jiffies()
                own_after = own_cpu_seconds()
        print("comparing the outputs…", file=sys.stderr)
        agreement = compare_outputs(folder / "swift", folder / "geopandas")
        if "swift_baseline" in sides:
            changed = [path.relative_to(folder / "swift") for path in sorted((folder / "swift").rglob("*"))
                       if path.is_file() and path.name != "manifest.json"
                       and not filecmp.cmp(path, folder / "swift_baseline" / path.relative_to(folder / "swift"), shallow=False)]
            agreement.files["baseline"] = {"files_differing": [str(path) for path in changed]}
            agreement.disagreements += [f"(baseline) {path} differs from the earlier binary's" for path in changed]
        if "geopandas_brute_force" in sides:
            brute = compare_outputs(folder / "swift", folder / "geopandas_brute_force")
            agreement.files["brute_force_variant"] = {"disagreements": brute.disagreements}
            agreement.disagreements += [f"(--brute-force) {d}" for d in brute.disagreements]
        if args.keep:
            for side in sides:
                shutil.copytree(folder / side, args.keep / side, dirs_exist_ok=True)

    ticks = os.sysconf("SC_CLK_TCK")
    other_seconds = max(0.0, (busy_after - busy_before) / ticks - (own_after - own_before))
    available_seconds = (total_after - total_before) / ticks
    other_share = other_seconds / available_seconds if available_seconds > 0 else float("nan")
    medians = {side: {field: statistics.median(r[field] for r in results) for field in ("wall_seconds", "cpu_seconds", "peak_rss_mib")}
               for side, results in runs.items()}
    ratio = medians["geopandas"]["wall_seconds"] / medians["swift"]["wall_seconds"]
    brute_ratio = (medians["geopandas_brute_force"]["wall_seconds"] / medians["swift"]["wall_seconds"]
                   if "geopandas_brute_force" in medians else None)
    baseline_ratio = (medians["geopandas"]["wall_seconds"] / medians["swift_baseline"]["wall_seconds"]
                      if "swift_baseline" in medians else None)
    cpu_ratio = medians["geopandas"]["cpu_seconds"] / medians["swift"]["cpu_seconds"]

    load = (f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; other processes used "
            f"{100 * other_share:.0f} % of the CPU time while it ran")
    labels = {
        "swift": f"`coverage report` ({info['coverage'] or 'coverage'}, release; GEOS {'/PROJ '.join(info['coverage_links_geos_proj (pkg-config)'])})",
        "geopandas": (f"`report_geopandas.py` (Python {info.get('python')}, geopandas {info.get('geopandas')}, shapely "
                      f"{info.get('shapely')} / GEOS {info.get('geos')}, pyproj {info.get('pyproj')} / PROJ {info.get('proj')}, "
                      f"pyogrio {info.get('pyogrio')} / GDAL {info.get('gdal')})"),
        "geopandas_brute_force": "the same with `--brute-force` (nearest by pyproj over every facility of each target)",
        "swift_baseline": f"`coverage report`, the earlier binary {args.baseline}",
    }
    lines = [f"`coverage report` on {data} as a cold process, against the geopandas script; {cores} cores; medians of "
             f"{args.repeat} alternating rounds (after {args.warmup} untimed warm-up run{'s' if args.warmup != 1 else ''} "
             f"of each); {started:%Y-%m-%d %H:%M} UTC; {load}.", "",
             "| implementation | median wall (s) | runs (s) | median CPU (s) | peak memory (MiB) |", "|---|---:|---|---:|---:|"]
    for side in sides:
        m = medians[side]
        lines.append(f"| {labels[side]} | {m['wall_seconds']:.3f} | {', '.join(format(r['wall_seconds'], '.3f') for r in runs[side])} | "
                     f"{m['cpu_seconds']:.3f} | {m['peak_rss_mib']:.0f} |")
    lines += ["", "Each side's own timing of its steps (median over the rounds, seconds; \"start-up\" is the wall clock "
              "less the steps: process start, for Python the imports, and what the steps do not cover):", ""]
    for side in sides:
        names = list(dict.fromkeys(name for r in runs[side] for name in r["steps"]))
        names.sort(key=lambda name: STEP_ORDER.index(name) if name in STEP_ORDER else len(STEP_ORDER))
        medians_of_steps = {name: statistics.median(r["steps"].get(name, 0.0) for r in runs[side]) for name in names}
        start_up = statistics.median(r["wall_seconds"] - sum(r["steps"].values()) for r in runs[side])
        lines.append(f"- {side}: " + ", ".join(f"{name} {value:.2f}" for name, value in medians_of_steps.items())
                     + f", start-up {start_up:.2f}")
    met = ratio >= 5
    lines += ["", "| what the issue asks | measured | target | |", "|---|---:|---:|---|",
              f"| geopandas / `coverage report`, median wall clock | {ratio:.2f}× | ≥ 5× | {'met' if met else '**not met**'} |",
              *([f"| the same, peer with `--brute-force` | {brute_ratio:.2f}× | ≥ 5× | "
                 f"{'met' if brute_ratio >= 5 else '**not met**'} |"] if brute_ratio else []),
              *([f"| the same ratio with the earlier binary | {baseline_ratio:.2f}× | ≤ {ratio:.2f}× | "
                 f"{'not lower now' if ratio >= baseline_ratio else '**lower now**'} |"] if baseline_ratio else []),
              "", f"Also: CPU time, geopandas / Swift: {cpu_ratio:.2f}×. The Swift side also writes 15 SVG maps and "
              "manifest.json, which the script does not."]
    markdown = "\n".join(lines)
    agree = agreement_lines(agreement)
    print(markdown)
    print()
    print("\n".join(agree))
    ok = not agreement.disagreements
    print()
    print("agreement: OK" if ok else "agreement: FAILED (see above)")

    if args.json:
        results = {
            "started_utc": started.isoformat(timespec="seconds"), "data": data, "repeat": args.repeat, "warmup": args.warmup,
            "commands": {side: command("OUT") for side, command in sides.items()},
            "machine": {"cores": cores, "processor": platform.processor() or platform.machine(), "system": platform.platform(),
                        "load_average_1_5_15_min": {"before": list(load_before), "after": list(load_after)},
                        "other_processes_cpu_share": other_share, "idle_share_before_start": idle_at_start},
            "versions": info, "runs": runs, "medians": medians,
            "ratio_geopandas_over_swift_wall": ratio, "ratio_geopandas_brute_force_over_swift_wall": brute_ratio,
            "ratio_geopandas_over_baseline_wall": baseline_ratio, "ratio_geopandas_over_swift_cpu": cpu_ratio, "target_met": met,
            "agreement": {"files": agreement.files, "disagreements": agreement.disagreements, "ok": ok},
            "markdown": markdown,
        }
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown + "\n\n" + "\n".join(agree) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
