#!/usr/bin/env python3
"""Independent checks of the files `coverage` writes: are they right, and do other tools read them?

Given an output folder (what `coverage assign --out DIR` or `coverage report --out DIR` wrote), this
script checks, without any of the toolkit's own code:

* every ``*.geojson`` (in the folder and its subfolders)
  - opens with GDAL's command-line ``ogrinfo -ro -so -al`` (Debian ``gdal-bin``): exit 0, no
    warning or error, the feature count it reports equals the file's;
  - reads with geopandas (pyogrio): as many rows, WGS 84 (EPSG:4326);
  - follows RFC 7946 where the toolkit promises it: a FeatureCollection, no ``crs`` member,
    longitudes within ±180 and latitudes within ±90, at most 7 decimals per coordinate, closed
    rings, polygon exteriors counter-clockwise and holes clockwise (signed planar area);
* every ``*.csv`` reads with pandas and, when a GeoJSON with the same name sits beside it, holds
  exactly that file's properties: the same columns in the same order, the same rows in the same
  order, strings equal, numbers equal as decimal values, booleans ``true``/``false``, null empty
  (and read with types, the numeric columns equal geopandas' columns exactly);
* ``villages_assigned.geojson``: the nearest facility of each tier for every village of the input
  (``--data``, default GeoData/laos), recomputed by brute force with pyproj's WGS 84 geodesic
  (``Geod(ellps="WGS84").inv``, Karney's algorithm), vectorised with numpy over all facilities.
  The facility ids must be identical; a different id is accepted only for an exact tie (two
  facilities of the tier at the same distance within 1 nm), and then the file must name the one
  listed first in facilities.geojson. The distances must agree within 1 mm (the file rounds them to
  the millimetre). The largest difference and the ties are reported. The same for rehabilitation
  (the facilities listing it among their services) when the file has it.
* ``capacity_facilities.geojson`` (of `coverage capacity`): for every tier and limit evaluated, the capacity-limited allocation recomputed here (every village–facility pair within the
  limit by pyproj's geodesic, nearest first, each moving as many people as the village has
  unserved and the facility has room for; capacities from facilities.geojson, or a scenario run's
  scenario_facilities.geojson, else standards.yaml):
  each facility's population served and residual capacity must be identical (a time limit is
  covered when km × detour factor ÷ the tier's speed × 60 is within it);
* every ``gaps.csv``: each district's and province's total population and target groups
  (under 5, live births, women 15–49) equal the LSB 2023 figures of ``districts.geojson`` and
  ``provinces.geojson`` exactly, a region's or the nation's the sum of its provinces', and
  covered + uncovered = total on every row.

Usage (from the repository root, in the venv of Tests/OutputChecks/requirements.txt):

    python Tests/OutputChecks/check_outputs.py OUTPUT_DIR [--data GeoData/laos] [--ogrinfo ogrinfo]

Exit status 0 when every check passes, 1 when one fails (each failure is listed), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import geopandas
import numpy as np
import pandas
import yaml
from pyproj import Geod

ROOT = Path(__file__).resolve().parent.parent.parent
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
# The tiers that provide each level of care: a central hospital also provides the provincial level
# (Vientiane Capital has no provincial hospital; its central hospitals serve as one).
PROVIDERS = {"health_centre": {"health_centre"}, "district_hospital": {"district_hospital"},
             "provincial_hospital": {"provincial_hospital", "central_hospital"}, "central_hospital": {"central_hospital"}}
SERVICES = ["rehabilitation"]
MAX_DECIMALS = 7
DISTANCE_TOLERANCE_M = 1e-3
TIE_TOLERANCE_M = 1e-9
VILLAGE_BLOCK = 512


class Checks:
    """Collects failures and notes; every check appends to them instead of stopping."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.notes: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.failures.append(f"{where}: {message}")

    def note(self, message: str) -> None:
        self.notes.append(message)
        print(message, flush=True)


# MARK: raw JSON (numbers kept as their text)

def load_raw(path: Path) -> dict:
    """The GeoJSON document with every number kept as the text the file has."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle, parse_float=str, parse_int=str)


def decimals(text: str) -> int:
    """Digits after the decimal point of a JSON number's text (exponent taken into account)."""
    try:
        exponent = Decimal(text).as_tuple().exponent
    except InvalidOperation:
        return 99
    return max(0, -exponent) if isinstance(exponent, int) else 99


def ring_area(ring: list[list[str]]) -> float:
    """Twice the signed planar area of a ring (positive when counter-clockwise)."""
    xs = np.array([float(p[0]) for p in ring])
    ys = np.array([float(p[1]) for p in ring])
    xs -= xs[0]
    ys -= ys[0]
    return float(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1]))


def check_positions(positions, where: str, checks: Checks, counts: dict) -> None:
    for position in positions:
        if len(position) < 2:
            checks.fail(where, f"a position with {len(position)} values")
            continue
        lon, lat = float(position[0]), float(position[1])
        counts["positions"] += 1
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            checks.fail(where, f"position {position[:2]} outside longitude ±180 / latitude ±90")
        for value in position[:2]:
            places = decimals(value)
            counts["max_decimals"] = max(counts["max_decimals"], places)
            if places > MAX_DECIMALS:
                checks.fail(where, f"coordinate {value} has {places} decimals (at most {MAX_DECIMALS})")


def check_polygon(rings, where: str, checks: Checks, counts: dict) -> None:
    for index, ring in enumerate(rings):
        check_positions(ring, where, checks, counts)
        if len(ring) < 4 or ring[0][:2] != ring[-1][:2]:
            checks.fail(where, f"ring {index} is not closed or has fewer than 4 positions")
            continue
        area = ring_area(ring)
        counts["rings"] += 1
        if index == 0 and area < 0:
            checks.fail(where, "exterior ring runs clockwise (RFC 7946 wants counter-clockwise)")
        if index > 0 and area > 0:
            checks.fail(where, f"hole {index} runs counter-clockwise (RFC 7946 wants clockwise)")


def check_geometry(geometry, where: str, checks: Checks, counts: dict) -> None:
    if geometry is None:
        counts["null_geometries"] += 1
        return
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        check_positions([coordinates], where, checks, counts)
    elif kind in ("MultiPoint", "LineString"):
        check_positions(coordinates, where, checks, counts)
    elif kind == "MultiLineString":
        for line in coordinates:
            check_positions(line, where, checks, counts)
    elif kind == "Polygon":
        check_polygon(coordinates, where, checks, counts)
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            check_polygon(polygon, where, checks, counts)
    elif kind == "GeometryCollection":
        for member in geometry.get("geometries", []):
            check_geometry(member, where, checks, counts)
    else:
        checks.fail(where, f"unknown geometry type {kind!r}")


def check_rfc7946(path: Path, document: dict, checks: Checks) -> None:
    where = path.name
    if document.get("type") != "FeatureCollection":
        checks.fail(where, "not a FeatureCollection")
        return
    if "crs" in document:
        checks.fail(where, "has a crs member (RFC 7946 has none: coordinates are WGS 84 lon/lat)")
    counts = {"positions": 0, "rings": 0, "max_decimals": 0, "null_geometries": 0}
    for index, feature in enumerate(document.get("features", [])):
        if feature.get("type") != "Feature":
            checks.fail(where, f"features[{index}] is not a Feature")
            continue
        if "crs" in feature:
            checks.fail(where, f"features[{index}] has a crs member")
        check_geometry(feature.get("geometry"), f"{where} features[{index}]", checks, counts)
    checks.note(f"  RFC 7946: {counts['positions']:,} positions (at most {counts['max_decimals']} decimals), "
                f"{counts['rings']:,} rings oriented, {counts['null_geometries']} null geometries")


# MARK: GDAL and geopandas

def check_ogrinfo(path: Path, expected: int, ogrinfo: str, checks: Checks) -> None:
    run = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True)
    where = f"{path.name} (ogrinfo)"
    if run.returncode != 0:
        checks.fail(where, f"exit {run.returncode}: {run.stderr.strip() or run.stdout.strip()}")
        return
    noise = [line for line in (run.stderr + run.stdout).splitlines() if re.match(r"^(Warning|ERROR)\b", line)]
    if noise:
        checks.fail(where, "; ".join(noise[:3]))
    counts = re.findall(r"^Feature Count: (\d+)$", run.stdout, flags=re.MULTILINE)
    if counts != [str(expected)]:
        checks.fail(where, f"feature count {counts} (the file has {expected})")
    geometry = re.findall(r"^Geometry: (.+)$", run.stdout, flags=re.MULTILINE)
    checks.note(f"  ogrinfo: {counts[0] if counts else '?'} features, geometry {', '.join(geometry) or '?'}")


def check_geopandas(path: Path, expected: int, checks: Checks):
    where = f"{path.name} (geopandas)"
    try:
        frame = geopandas.read_file(path, engine="pyogrio")
    except Exception as error:  # noqa: BLE001 - any failure to read is the finding
        checks.fail(where, f"cannot read: {error}")
        return None
    if len(frame) != expected:
        checks.fail(where, f"{len(frame)} rows (the file has {expected} features)")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        checks.fail(where, f"CRS {frame.crs} (expected EPSG:4326)")
    checks.note(f"  geopandas: {len(frame):,} rows, {len(frame.columns) - 1} properties, CRS {frame.crs.to_string() if frame.crs else None}")
    return frame


# MARK: CSV against its GeoJSON twin

def same_value(csv_text: str, json_value) -> bool:
    if json_value is None:
        return csv_text == ""
    if isinstance(json_value, bool):
        return csv_text == ("true" if json_value else "false")
    if isinstance(json_value, list):
        return csv_text == ";".join("" if v is None else str(v) for v in json_value)
    if isinstance(json_value, dict):
        try:
            return json.loads(csv_text) == json_value
        except ValueError:
            return False
    if isinstance(json_value, str):
        if csv_text == json_value:
            return True
        try:  # a number kept as text by load_raw
            return Decimal(csv_text) == Decimal(json_value)
        except InvalidOperation:
            return False
    return False


def check_csv(path: Path, twins: dict[str, tuple[dict, object]], checks: Checks) -> None:
    where = path.name
    try:
        text = pandas.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
        typed = pandas.read_csv(path)
    except Exception as error:  # noqa: BLE001
        checks.fail(where, f"pandas cannot read it: {error}")
        return
    twin = twins.get(str(path.with_suffix("")))
    if twin is None:
        checks.note(f"{path.name}: {len(text):,} rows × {len(text.columns)} columns read by pandas (no GeoJSON twin)")
        return
    document, frame = twin
    features = document.get("features", [])
    properties = [feature.get("properties") or {} for feature in features]
    keys = list(properties[0].keys()) if properties else []
    if list(text.columns) != keys:
        checks.fail(where, f"columns differ from {path.stem}.geojson's properties: "
                           f"{[c for c in text.columns if c not in keys]} only in CSV, {[k for k in keys if k not in text.columns]} only in GeoJSON")
        return
    if len(text) != len(features):
        checks.fail(where, f"{len(text)} rows, {path.stem}.geojson has {len(features)} features")
        return
    mismatches = 0
    rows = text.to_numpy()
    for row_index, (row, props) in enumerate(zip(rows, properties)):
        for column, key in enumerate(keys):
            if not same_value(row[column], props.get(key)):
                mismatches += 1
                if mismatches <= 5:
                    checks.fail(where, f"row {row_index + 1}, {key}: CSV {row[column]!r}, GeoJSON {props.get(key)!r}")
    if mismatches > 5:
        checks.fail(where, f"… {mismatches} cells differ in all")
    typed_equal = 0
    if frame is not None:
        for key in keys:
            if key in frame.columns and pandas.api.types.is_numeric_dtype(typed[key]) \
                    and pandas.api.types.is_numeric_dtype(frame[key]):
                left = typed[key].to_numpy(dtype=float)
                right = frame[key].to_numpy(dtype=float)
                if not np.array_equal(left, right, equal_nan=True):
                    checks.fail(where, f"column {key} read with types differs from geopandas' (max {np.nanmax(np.abs(left - right))})")
                typed_equal += 1
    checks.note(f"{path.name}: {len(text):,} rows × {len(keys)} columns equal to {path.stem}.geojson's properties "
                f"({typed_equal} numeric columns equal to geopandas' as typed)")


# MARK: nearest facility per tier, recomputed

def check_nearest(path: Path, document: dict, data: Path, checks: Checks) -> None:
    where = path.name
    started = time.perf_counter()
    villages = load_raw(data / "villages.geojson")["features"]
    facilities = load_raw(data / "facilities.geojson")["features"]
    village_lon = np.array([float(f["geometry"]["coordinates"][0]) for f in villages])
    village_lat = np.array([float(f["geometry"]["coordinates"][1]) for f in villages])
    codes = [f["properties"]["village_code"] for f in villages]
    facility_lon = np.array([float(f["geometry"]["coordinates"][0]) for f in facilities])
    facility_lat = np.array([float(f["geometry"]["coordinates"][1]) for f in facilities])
    facility_ids = np.array([f["properties"]["facility_id"] for f in facilities])
    facility_tiers = np.array([f["properties"]["tier"] for f in facilities])
    facility_services = [set(f["properties"].get("services") or []) for f in facilities]

    rows = {feature["properties"]["village_code"]: feature for feature in document["features"]}
    missing = [code for code in codes if code not in rows]
    if missing or len(rows) != len(codes):
        checks.fail(where, f"{len(missing)} input villages missing (e.g. {missing[:3]}), {len(rows)} rows for {len(codes)} villages")
        return
    moved = sum(1 for code, feature in zip(codes, villages)
                if rows[code]["geometry"]["coordinates"][:2] != feature["geometry"]["coordinates"][:2])
    if moved:
        checks.fail(where, f"{moved} villages have other coordinates than in villages.geojson")

    # Geodesic distance from every village to every facility, in blocks of villages.
    geod = Geod(ellps="WGS84")
    distances = np.empty((len(villages), len(facilities)))
    for start in range(0, len(villages), VILLAGE_BLOCK):
        stop = min(start + VILLAGE_BLOCK, len(villages))
        lon1 = np.repeat(village_lon[start:stop, None], len(facilities), axis=1)
        lat1 = np.repeat(village_lat[start:stop, None], len(facilities), axis=1)
        lon2 = np.broadcast_to(facility_lon, lon1.shape)
        lat2 = np.broadcast_to(facility_lat, lat1.shape)
        _, _, meters = geod.inv(lon1.ravel(), lat1.ravel(), np.ascontiguousarray(lon2).ravel(), np.ascontiguousarray(lat2).ravel())
        distances[start:stop] = np.asarray(meters).reshape(stop - start, len(facilities))
    elapsed = time.perf_counter() - started
    checks.note(f"  brute force: {distances.size:,} WGS 84 geodesics (pyproj Geod.inv) in {elapsed:.1f} s")

    for tier in TIERS + SERVICES:
        if tier in PROVIDERS:
            columns = np.flatnonzero(np.isin(facility_tiers, list(PROVIDERS[tier])))
        else:
            columns = np.array([i for i, services in enumerate(facility_services) if tier in services], dtype=int)
        id_key, distance_key = f"{tier}_id", f"{tier}_distance_m"
        if id_key not in document["features"][0]["properties"]:
            checks.note(f"  {tier}: not in the file")
            continue
        if len(columns) == 0:
            nulls = sum(1 for code in codes if rows[code]["properties"][id_key] is not None)
            if nulls:
                checks.fail(where, f"{tier}: no facility of the tier, yet {nulls} villages name one")
            continue
        block = distances[:, columns]
        best = np.argmin(block, axis=1)  # the first of equal minima: the lowest position
        best_meters = block[np.arange(len(villages)), best]
        ties = 0
        resolved_by_position = 0
        max_difference = 0.0
        worst = None
        id_failures = 0
        off_by_rounding = 0
        for index, code in enumerate(codes):
            props = rows[code]["properties"]
            written_id = props[id_key]
            written_meters = props[distance_key]
            # Facilities of the tier at the minimum distance (within 1 nm): an exact tie when
            # there are several, and then the file must name the one listed first.
            tied = np.flatnonzero(block[index] - best_meters[index] <= TIE_TOLERANCE_M)
            if len(tied) > 1:
                ties += 1
            expected_id = facility_ids[columns[tied[0]]]
            if expected_id != facility_ids[columns[best[index]]]:
                resolved_by_position += 1
            if written_id != expected_id:
                id_failures += 1
                if id_failures <= 5:
                    own = np.flatnonzero(facility_ids[columns] == written_id)
                    own_meters = block[index, own[0]] if len(own) else float("nan")
                    tie = f" (tied with {list(facility_ids[columns[tied]])})" if len(tied) > 1 else ""
                    checks.fail(where, f"village {code}, {tier}: file says {written_id} ({written_meters} m; "
                                       f"pyproj {own_meters:.4f} m), pyproj's nearest is {expected_id} "
                                       f"({best_meters[index]:.4f} m){tie}")
                continue
            if written_meters is None:
                checks.fail(where, f"village {code}, {tier}: distance is null")
                continue
            difference = abs(float(written_meters) - best_meters[index])
            if Decimal(written_meters) != Decimal(f"{best_meters[index]:.3f}"):
                off_by_rounding += 1
            if difference > max_difference:
                max_difference, worst = difference, code
            if difference > DISTANCE_TOLERANCE_M:
                checks.fail(where, f"village {code}, {tier}: {written_meters} m, pyproj {best_meters[index]:.6f} m "
                                   f"(differs by {difference * 1000:.3f} mm)")
        if id_failures > 5:
            checks.fail(where, f"{tier}: {id_failures} villages name another facility than pyproj's nearest")
        checks.note(f"  {tier}: {len(codes):,} villages × {len(columns):,} facilities; ids identical for "
                    f"{len(codes) - id_failures:,}; max |distance − pyproj| = {max_difference * 1000:.4f} mm "
                    f"(village {worst}), {off_by_rounding} differ from pyproj's rounded to the mm; exact ties: {ties}"
                    f"{f' ({resolved_by_position} within 1 nm, named by position)' if resolved_by_position else ''}")


# MARK: main

# MARK: zone totals against the LSB table

GROUPS = ["population", "under5", "births_live", "women_15_49"]


def check_capacity(path: Path, document: dict, data: Path, checks: Checks) -> None:
    where = path.name
    started = time.perf_counter()
    standards = yaml.safe_load((data / "standards.yaml").read_text())
    villages = load_raw(data / "villages.geojson")["features"]
    # A scenario run computes with its changed facilities, which it writes beside its outputs.
    changed = path.parent / "scenario_facilities.geojson"
    facilities = load_raw(changed if changed.exists() else data / "facilities.geojson")["features"]
    village_lon = np.array([float(f["geometry"]["coordinates"][0]) for f in villages])
    village_lat = np.array([float(f["geometry"]["coordinates"][1]) for f in villages])
    population = [int(f["properties"]["population"]) for f in villages]
    geod = Geod(ellps="WGS84")
    analyses: dict[tuple[str, str], list[dict]] = {}
    for feature in document["features"]:
        properties = feature["properties"]
        analyses.setdefault((properties["target"], properties["threshold"]), []).append(properties)
    for (target, threshold), rows in analyses.items():
        if target not in PROVIDERS:
            checks.note(f"  {where}: {target} {threshold} not recomputed (tiers only)")
            continue
        if threshold.endswith("km"):
            limit = float(threshold[:-2]) * 1_000
            within = lambda meters: meters <= limit  # noqa: E731
        else:  # minutes = km × detour ÷ speed × 60, with the travel mode of the tier's standard
            minutes = float(threshold[:-3])
            detour = float(standards["travel_model"]["detour_factor"])
            speed = float(standards["travel_model"]["speeds_kmh"][standards["tiers"][target]["mode"]])
            limit = minutes / 60 * speed / detour * 1_000
            within = lambda meters: meters / 1_000 * detour / speed * 60 <= minutes  # noqa: E731
        providers = [f for f in facilities if f["properties"]["tier"] in PROVIDERS[target]]
        default = standards["tiers"][target].get("capacity")
        room = [int(f["properties"]["capacity"]) if f["properties"].get("capacity") is not None else default for f in providers]
        if any(value is None for value in room):
            checks.fail(where, f"{target}: a facility has no capacity and standards.yaml gives none")
            continue
        capacity = list(room)
        pairs = []
        window = limit / 110_000 * 1.05  # degrees of latitude: a generous bound on the limit
        for position, facility in enumerate(providers):
            lon, lat = (float(value) for value in facility["geometry"]["coordinates"][:2])
            near = np.flatnonzero(np.abs(village_lat - lat) <= window)
            _, _, meters = geod.inv(np.full(near.size, lon), np.full(near.size, lat), village_lon[near], village_lat[near])
            meters = np.asarray(meters)
            for index in np.flatnonzero(within(meters)):
                pairs.append((float(meters[index]), int(near[index]), position))
        pairs.sort()
        unserved = list(population)
        served = [0] * len(providers)
        for _, village, position in pairs:
            moved = min(unserved[village], room[position])
            unserved[village] -= moved
            room[position] -= moved
            served[position] += moved
        expected = {f["properties"]["facility_id"]: (served[k], capacity[k] - served[k]) for k, f in enumerate(providers)}
        wrong = [row["facility_id"] for row in rows
                 if expected.get(row["facility_id"]) != (int(row["population_served"]), int(row["residual_capacity"]))]
        if wrong:
            example = wrong[0]
            checks.fail(where, f"{target} {threshold}: {len(wrong)} facilities serve other figures than recomputed, e.g. {example} "
                               f"{next(r for r in rows if r['facility_id'] == example)['population_served']} vs {expected.get(example)}")
        checks.note(f"  {where}: {target} {threshold}: {len(rows):,} facilities, {len(pairs):,} pairs within the limit; "
                    f"population served and residual capacity identical to the recomputation")
    checks.note(f"  {where}: recomputed in {time.perf_counter() - started:.1f} s")


def check_gap_totals(path: Path, data: Path, checks: Checks) -> None:
    where = str(path.relative_to(path.parent.parent))
    layers = {level: {f["properties"]["pcode"]: f["properties"] for f in load_raw(data / f"{level}s.geojson")["features"]}
              for level in ("district", "province")}
    frame = pandas.read_csv(path, dtype={"zone_pcode": str})
    provinces = frame[frame.zone_level == "province"]
    compared = 0
    for row in frame.itertuples(index=False):
        if row.zone_level in layers:
            expected = layers[row.zone_level].get(row.zone_pcode)
            if expected is None:
                checks.fail(where, f"{row.zone_level} {row.zone_pcode} is not in {row.zone_level}s.geojson")
                continue
            wanted = {group: int(expected[group]) for group in GROUPS}
        else:  # region or national: the sum of its provinces (every province of the section is listed)
            same = provinces[(provinces.target == row.target) & (provinces.threshold == row.threshold)]
            wanted = {group: int(same[f"{group}_total"].sum()) for group in GROUPS}
        for group in GROUPS:
            total = int(getattr(row, f"{group}_total"))
            if total != wanted[group]:
                checks.fail(where, f"{row.zone_level} {row.zone_pcode}, {row.target} {row.threshold}: "
                                   f"{group}_total {total!r}, expected {wanted[group]!r}")
            if int(getattr(row, f"{group}_covered")) + int(getattr(row, f"{group}_uncovered")) != total:
                checks.fail(where, f"{row.zone_level} {row.zone_pcode}, {row.target} {row.threshold}: "
                                   f"{group} covered + uncovered ≠ total")
            compared += 1
    checks.note(f"  {where}: {len(frame):,} rows; {compared:,} totals equal the LSB table (districts, provinces) "
                f"or the sum of the provinces (region, nation)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the output folder to check")
    parser.add_argument("--data", type=Path, default=ROOT / "GeoData" / "laos",
                        help="the input layers the outputs were computed from (for the nearest-facility check)")
    parser.add_argument("--ogrinfo", default="ogrinfo", help="the ogrinfo executable (Debian gdal-bin)")
    arguments = parser.parse_args()
    if not arguments.folder.is_dir():
        print(f"check_outputs: {arguments.folder} is not a folder", file=sys.stderr)
        return 2
    ogrinfo = shutil.which(arguments.ogrinfo)
    if ogrinfo is None:
        print(f"check_outputs: {arguments.ogrinfo} not found (apt-get install gdal-bin)", file=sys.stderr)
        return 2

    checks = Checks()
    started = time.perf_counter()
    geojson_files = sorted(arguments.folder.rglob("*.geojson"))
    csv_files = sorted(arguments.folder.rglob("*.csv"))
    if not geojson_files and not csv_files:
        checks.fail(str(arguments.folder), "no .geojson or .csv files to check")
    twins: dict[str, tuple[dict, object]] = {}
    for path in geojson_files:
        print(f"{path.name}:", flush=True)
        try:
            document = load_raw(path)
        except (ValueError, UnicodeDecodeError) as error:
            checks.fail(path.name, f"not JSON: {error}")
            continue
        expected = len(document.get("features", []))
        check_ogrinfo(path, expected, ogrinfo, checks)
        frame = check_geopandas(path, expected, checks)
        check_rfc7946(path, document, checks)
        twins[str(path.with_suffix(""))] = (document, frame)
        if path.name == "villages_assigned.geojson":
            check_nearest(path, document, arguments.data, checks)
        if path.name == "capacity_facilities.geojson":
            check_capacity(path, document, arguments.data, checks)
    for path in csv_files:
        check_csv(path, twins, checks)
        if path.name == "gaps.csv":
            check_gap_totals(path, arguments.data, checks)

    print(f"\nchecked {len(geojson_files)} GeoJSON and {len(csv_files)} CSV files in {time.perf_counter() - started:.1f} s")
    if checks.failures:
        print(f"{len(checks.failures)} failures:", file=sys.stderr)
        for failure in checks.failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print("all output checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
