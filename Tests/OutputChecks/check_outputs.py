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
  (and read with types, the numeric columns equal geopandas' columns exactly); a layer of points
  has two more columns, last, ``lon`` and ``lat``, equal as decimal values to each point's
  coordinates as the GeoJSON writes them; every CSV starts with the UTF-8 byte-order mark exactly
  when the run's ``manifest.json`` says ``csv_bom`` ``true`` (nothing is checked without one);
* ``coverage.gpkg`` (``--format gpkg`` or ``both``) opens with ``ogrinfo`` and geopandas, and holds a
  layer per GeoJSON file (its folder joined with ``_``) and a table per CSV without a twin (and
  ``layer_styles``), each with the file's rows, values and geometries;
The care model is read here, independently, from standards.yaml and the facility layer (a scenario
run's scenario_facilities.geojson when the folder holds one): a facility provides care package P
when P is in its ``care_packages`` (when not null), else in its tier's ``provides``; it offers its
``services`` (when not null), else its tier's ``services``. The providers of a tier's care are the
facilities providing its package (a district hospital provides health-centre care; NC-01 and
RC-LA04, with ``care_packages`` ``[]``, provide none), of a service those offering it. Distances
are pyproj's WGS 84 geodesic (``Geod(ellps="WGS84").inv``, Karney's algorithm) by brute force over
every village–facility pair, vectorised with numpy; a time is km × detour factor ÷ the speed of the
target's mode × 60; limits are inclusive.

* ``villages_assigned.geojson``: for every village of the input (``--data``, default GeoData/laos)
  - ``<target>_*`` (every tier and every service of standards.yaml the file has): the nearest
    provider. The facility ids must be identical; a different id is accepted only for an exact tie
    (two facilities at the same distance within 1 nm), and then the file must name the one listed
    first in the layer. Distances agree within 1 mm (the file rounds them to the millimetre),
    minutes within 0.005 (+1e-4), names are the layer's, ``_outside_district``/``_outside_province``
    compare the stated codes; ``<tier>_provider_tier`` is the named facility's tier;
  - ``nearest_<tier>_*``: the same against the facilities of that tier itself that provide the tier's
    own package (NC-01 is no ``nearest_central_hospital``, RC-LA04 no ``nearest_provincial_hospital``);
  - ``<tier>_admin_*``: the nearest facility of the tier that provides its own tier's package in the
    village's district (health centre, district hospital; where the district has none, the facilities
    of the lowest tier above present in the district that provide the package, e.g. a provincial
    hospital as the district hospital of a provincial capital without one) or province (provincial
    hospital; the central hospitals where the province has none), or the central hospitals; null
    when none;
  - ``chain_*``: the same candidates hop by hop (health centre from the village, district hospital
    from the health centre, provincial hospital from the district hospital; from the point before
    when a level is missing), the totals (null when a level is missing) and
    ``chain_referred_to_central``. The largest differences and the ties are reported.
* A run that measured a target's minutes over a friction raster (its ``manifest.json`` ``travel``
  says "raster <mode>: <file>"): ``<target>_*`` and ``nearest_<tier>_*`` are the allocation by travel
  time, recomputed with scikit-image's ``MCP_Geometric`` (8 neighbours, a move costs the mean of the
  two cells' frictions × the distance between their centres: the r.cost convention) from every
  provider at once over the raster as GDAL's own tools read it, each village at the cell its point
  lies in, the facility found by tracing its path back; a cell's several providers count as the one
  listed first. The ids must be identical, another accepted only where a search from the file's
  facility reaches the village in the same time (to 1e-6 s): a tie, then the file's choice for the
  rest of the run's files. Minutes agree within 0.005 (+1e-4), distances are pyproj's geodesic to
  the named facility; ``<target>_straight_*`` is the geodesic nearest, as above; the coverage of
  ``gaps.csv``, ``uncovered_villages`` and the catchments use those raster minutes for time limits.
* ``catchments_<tier>.geojson``: one row per provider in layer order, with the villages (and their
  population and target groups) whose nearest provider it is; every polygon valid (shapely), and
  every village inside the country (the union of the districts) in its facility's polygon.
* ``capacity_facilities.geojson`` (of `coverage capacity`): for every target and limit evaluated,
  the capacity-limited allocation recomputed here (every village–provider pair within the limit,
  nearest first (in minutes for a time limit over a friction raster: scikit-image from each
  facility, bounded by the limit in a window of the raster no trip within it can leave), each moving as many people as the village has unserved and the facility has room
  for; capacities from the layer, else the target's ``capacity`` in standards.yaml): the facilities
  listed must be exactly the providers (of the region's provinces for a region run), and each
  one's capacity, population served and residual capacity identical; ``capacity_zones.csv``
  beside it: per zone the population within reach, served, unserved beyond reach and over
  capacity, the zone's providers, their capacity and how many are full, all identical;
* every ``gaps.csv``: each district's and province's total population and target groups
  (under 5, live births, women 15–49) equal the LSB 2023 figures of ``districts.geojson`` and
  ``provinces.geojson`` exactly, a region's or the nation's the sum of its provinces' (and of the
  districts it names in other provinces: ``coverage gaps --region LA11,LA1201``), and
  covered + uncovered = total on every row; ``facilities``/``facilities_proxy`` (the providers in
  the zone by their stated district/province codes, and how many are ``source`` "proxy") and
  ``has_facility`` (facilities > 0) recomputed from the layer; the villages and people (4 groups)
  covered, from pyproj's nearest-provider distances, identical, and the percentages to 0.005;
  beside it, ``zones_districts``/``zones_provinces.geojson`` (``has_<target>``,
  ``<target>_facilities``, ``_facilities_proxy`` recomputed, per limit the gaps.csv figures) and
  ``uncovered_villages.geojson`` (exactly the villages beyond some limit, their flags and nearest
  providers).

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
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import geopandas
import numpy as np
import pandas
import shapely
import yaml
from pyproj import CRS, Geod, Transformer
from skimage.graph import MCP_Geometric

ROOT = Path(__file__).resolve().parent.parent.parent
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
MAX_DECIMALS = 7
DISTANCE_TOLERANCE_M = 1e-3
MINUTES_TOLERANCE = 0.005 + 1e-4  # the files round minutes to 0.01; 1e-4 for a distance within 1 mm
TIE_TOLERANCE_M = 1e-9
TIE_TOLERANCE_S = 1e-6  # two facilities tied by raster travel time: seconds apart
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


class RecordFailures:
    """The records of one check that fail: the first five are named with their problems, then
    how many failed in all."""

    def __init__(self, checks: Checks, where: str, noun: str) -> None:
        self.checks, self.where, self.noun, self.count = checks, where, noun, 0

    def add(self, record: str, problems: list[str]) -> None:
        if not problems:
            return
        self.count += 1
        if self.count <= 5:
            self.checks.fail(self.where, f"{record}: " + "; ".join(problems))

    def close(self) -> None:
        if self.count > 5:
            self.checks.fail(self.where, f"{self.count} {self.noun} differ")


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


# MARK: the GeoPackage against the GeoJSON and CSV files

def comparable(value):
    """A value as read from a GeoJSON or GeoPackage layer, in one form: lists (a JSON field of the
    GeoPackage, a string list of the GeoJSON file) as their JSON text, missing values as None."""
    if isinstance(value, (list, np.ndarray)):
        return json.dumps([comparable(v) for v in value])
    if isinstance(value, str) and value.startswith("["):
        try:
            return json.dumps([comparable(v) for v in json.loads(value)])
        except ValueError:
            return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value


def check_geopackage(folder: Path, geojson_files: list[Path], csv_files: list[Path], twins: dict, ogrinfo: str, checks: Checks) -> None:
    """coverage.gpkg (--format gpkg or both) holds a layer per GeoJSON file and a table per CSV
    table without a twin, each with the file's rows, values and geometries."""
    path = folder / "coverage.gpkg"
    if not path.exists():
        return
    import pyogrio
    print(f"{path.name}:", flush=True)
    run = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True)
    if run.returncode != 0:
        checks.fail(f"{path.name} (ogrinfo)", f"exit {run.returncode}: {run.stderr.strip()[:300]}")
    def table_name(file: Path) -> str:
        return str(file.relative_to(folder).with_suffix("")).replace("/", "_")
    stems = {str(file.with_suffix("")) for file in geojson_files}
    tables = [file for file in csv_files if str(file.with_suffix("")) not in stems]
    listed = [name for name, _ in pyogrio.list_layers(path)]
    expected = sorted([table_name(file) for file in geojson_files + tables] + ["layer_styles"])
    if sorted(listed) != expected:
        checks.fail(path.name, f"layers {sorted(listed)} (expected {expected})")
    compared = 0
    for file in geojson_files:
        twin = twins.get(str(file.with_suffix("")))
        if twin is None or twin[1] is None:
            continue
        frame = geopandas.read_file(path, layer=table_name(file), engine="pyogrio")
        original = twin[1]
        where = f"{path.name}: {table_name(file)}"
        if len(frame) != len(original) or frame.crs is None or frame.crs.to_epsg() != 4326:
            checks.fail(where, f"{len(frame)} rows, CRS {frame.crs} (the GeoJSON file: {len(original)} rows, EPSG:4326)")
            continue
        if list(frame.columns) != list(original.columns):
            checks.fail(where, f"columns {list(frame.columns)} (the GeoJSON file: {list(original.columns)})")
            continue
        for column in original.columns:
            if column == "geometry":
                # The GeoJSON file rounds to 7 decimals; the GeoPackage keeps the full value.
                near = shapely.equals_exact(shapely.normalize(frame.geometry.values), shapely.normalize(original.geometry.values), tolerance=1e-6)
                # A layer of polygons and multipolygons holds multipolygons: the same area.
                near |= shapely.equals(frame.geometry.values, original.geometry.values)
                near |= frame.geometry.isna().values & original.geometry.isna().values
                if not near.all():
                    checks.fail(where, f"{int((~near).sum())} geometries differ from the GeoJSON file's")
                continue
            left, right = frame[column], original[column]
            if pandas.api.types.is_numeric_dtype(left) and pandas.api.types.is_numeric_dtype(right):
                equal = np.isclose(left.astype(float), right.astype(float), rtol=0, atol=0, equal_nan=True)
            else:
                equal = [comparable(a) == comparable(b) for a, b in zip(left.tolist(), right.tolist())]
            if not all(equal):
                checks.fail(where, f"column {column} differs from the GeoJSON file's")
        compared += 1
    for file in tables:
        frame = pyogrio.read_dataframe(path, layer=table_name(file))
        original = pandas.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        where = f"{path.name}: {table_name(file)}"
        if list(frame.columns) != list(original.columns) or len(frame) != len(original):
            checks.fail(where, f"{len(frame)} rows, columns {list(frame.columns)} (the CSV: {len(original)} rows, {list(original.columns)})")
            continue
        for column in original.columns:
            for text, value in zip(original[column], frame[column]):
                value = None if pandas.isna(value) else value.item() if isinstance(value, np.generic) else value
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = repr(value)  # same_value takes numbers as the text load_raw keeps
                if not same_value(text, value):
                    checks.fail(where, f"column {column}: {value!r} where the CSV has {text!r}")
                    break
        compared += 1
    checks.note(f"  {len(listed)} layers and tables; {compared} equal to their GeoJSON and CSV files")


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


def recorded_byte_order_mark(path: Path) -> bool | None:
    """The ``csv_bom`` parameter of the manifest.json of the run that wrote ``path`` (its folder's,
    else a parent's, for the sections of a report); None when there is no manifest or no such
    parameter."""
    for folder in path.parents:
        manifest = folder / "manifest.json"
        if manifest.is_file():
            value = (json.loads(manifest.read_text(encoding="utf-8")).get("parameters") or {}).get("csv_bom")
            return None if value is None else value == "true"
    return None


def check_csv(path: Path, twins: dict[str, tuple[dict, object]], checks: Checks) -> None:
    where = path.name
    has_mark = path.read_bytes()[:3] == b"\xef\xbb\xbf"
    expected_mark = recorded_byte_order_mark(path)
    if expected_mark is not None and has_mark != expected_mark:
        checks.fail(where, f"{'starts' if has_mark else 'does not start'} with the UTF-8 byte-order mark, "
                           f"but the manifest says csv_bom {str(expected_mark).lower()}")
    try:
        text = pandas.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
        typed = pandas.read_csv(path)
    except Exception as error:  # noqa: BLE001
        checks.fail(where, f"pandas cannot read it: {error}")
        return
    twin = twins.get(str(path.with_suffix("")))
    if twin is None:
        checks.note(f"{path.name}: {len(text):,} rows × {len(text.columns)} columns read by pandas (no GeoJSON twin)"
                    f"{', UTF-8 byte-order mark' if has_mark else ''}")
        return
    document, frame = twin
    features = document.get("features", [])
    properties = [feature.get("properties") or {} for feature in features]
    keys = list(properties[0].keys()) if properties else []
    points = bool(features) and all((feature.get("geometry") or {}).get("type") == "Point" for feature in features)
    if points:
        # The table of a point layer ends with the points' coordinates, as the GeoJSON has them.
        properties = [{**props, "lon": feature["geometry"]["coordinates"][0], "lat": feature["geometry"]["coordinates"][1]}
                      for props, feature in zip(properties, features)]
        keys = [*keys, "lon", "lat"]
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
        if points:
            for key, axis in (("lon", frame.geometry.x), ("lat", frame.geometry.y)):
                if not np.array_equal(typed[key].to_numpy(dtype=float), axis.to_numpy(dtype=float)):
                    checks.fail(where, f"column {key} read with types differs from the points geopandas reads")
                typed_equal += 1
    checks.note(f"{path.name}: {len(text):,} rows × {len(keys)} columns equal to {path.stem}.geojson's properties"
                f"{' and coordinates (lon, lat)' if points else ''} ({typed_equal} numeric columns equal to geopandas' as typed)"
                f"{', UTF-8 byte-order mark' if has_mark else ''}")


# MARK: the inputs and the care model, read here from standards.yaml and the layers

class Standards:
    """standards.yaml: the limits, the travel model, and per tier the care packages it provides and
    the services it offers by default."""

    def __init__(self, path: Path) -> None:
        self.document = yaml.safe_load(path.read_text())
        self.tiers = self.document.get("tiers") or {}
        self.services = self.document.get("services") or {}
        model = self.document["travel_model"]
        self.detour = float(model["detour_factor"])
        self.speeds = {mode: float(speed) for mode, speed in model["speeds_kmh"].items()}

    def spec(self, target: str) -> dict:
        """The standard of a tier's care or of a service."""
        return self.tiers.get(target) or self.services[target]

    def minutes(self, meters, target: str):
        """The travel model: km × detour factor ÷ the speed of the target's mode × 60."""
        return np.asarray(meters, dtype=float) / 1_000 * self.detour / self.speeds[self.spec(target)["mode"]] * 60


class FacilityLayer:
    """A facility layer with the care model applied. A facility provides care package P when P is in
    its own ``care_packages`` (when that is not null), else in its tier's ``provides``; it offers its
    own ``services`` (when not null), else its tier's ``services``."""

    def __init__(self, path: Path, standards: Standards) -> None:
        self.path = path
        features = load_raw(path)["features"]
        properties = [feature["properties"] for feature in features]
        self.ids = np.array([p["facility_id"] for p in properties], dtype=object)
        self.names = np.array([p.get("name") for p in properties], dtype=object)
        self.tiers = np.array([p["tier"] for p in properties], dtype=object)
        self.districts = np.array([p.get("district_pcode") for p in properties], dtype=object)
        self.provinces = np.array([p.get("province_pcode") for p in properties], dtype=object)
        self.proxy = np.array([p.get("source") == "proxy" for p in properties])
        self.capacity = [None if p.get("capacity") is None else int(p["capacity"]) for p in properties]
        self.lon = np.array([float(f["geometry"]["coordinates"][0]) for f in features])
        self.lat = np.array([float(f["geometry"]["coordinates"][1]) for f in features])
        tiers = standards.tiers
        self.packages = [set(p["care_packages"]) if p.get("care_packages") is not None
                         else set(tiers.get(p["tier"], {}).get("provides", [p["tier"]])) for p in properties]
        self.services = [set(p["services"]) if p.get("services") is not None
                         else set(tiers.get(p["tier"], {}).get("services") or []) for p in properties]
        self.position = {identifier: index for index, identifier in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def providers(self, target: str) -> np.ndarray:
        """Positions of the facilities that provide a tier's care package, or offer a service."""
        offered = self.packages if target in TIERS else self.services
        return np.array([index for index, items in enumerate(offered) if target in items], dtype=int)

    def of_tier(self, tier: str) -> np.ndarray:
        """Positions of the facilities of a tier, whatever they provide."""
        return np.flatnonzero(self.tiers == tier)

    def own_tier_providers(self, tier: str) -> np.ndarray:
        """Facilities of a tier that provide that tier's own package (the administrative candidates)."""
        return np.array([index for index in self.of_tier(tier) if tier in self.packages[index]], dtype=int)

    def district_candidates(self, tier: str) -> tuple[np.ndarray, np.ndarray]:
        """The administrative candidates of a district-level tier (health centre, district hospital),
        as (positions in the layer, the district each one is a candidate for): in a district, its
        facilities of the tier providing the tier's package; where a district has none, its
        facilities of a higher tier providing the package, only those of the lowest such tier present
        in the district. Positions in layer order, so that ties go to the facility listed first."""
        rank = {name: level for level, name in enumerate(TIERS)}
        by_district: dict[str, list[int]] = {}
        for index in range(len(self)):
            district = self.districts[index]
            if district is not None and self.tiers[index] in rank and rank[self.tiers[index]] >= rank[tier] \
                    and tier in self.packages[index]:
                by_district.setdefault(district, []).append(index)
        chosen: list[int] = []
        for members in by_district.values():
            lowest = min(rank[self.tiers[index]] for index in members)
            chosen += [index for index in members if rank[self.tiers[index]] == lowest]
        columns = np.array(sorted(chosen), dtype=int)
        return columns, self.districts[columns] if len(columns) else np.array([], dtype=object)


class Villages:
    def __init__(self, path: Path) -> None:
        features = load_raw(path)["features"]
        self.features = features
        self.codes = [f["properties"]["village_code"] for f in features]
        self.lon = np.array([float(f["geometry"]["coordinates"][0]) for f in features])
        self.lat = np.array([float(f["geometry"]["coordinates"][1]) for f in features])
        self.districts = np.array([f["properties"]["district_pcode"] for f in features], dtype=object)
        self.provinces = np.array([f["properties"]["province_pcode"] for f in features], dtype=object)
        self.groups = {group: np.array([int(f["properties"][group]) for f in features], dtype=np.int64) for group in GROUPS}


class Regions:
    """The regions an output names: an id of regions.json (its provinces, and its districts when it
    lists some), or what ``coverage --region`` makes of a list of provinces, districts and regions:
    their P-codes and ids joined by "+" (``LA12``, ``LA1101+LA1201``, ``north+LA1201``). A place lies
    in the region when its stated province is one the region holds whole or its district one it names."""

    def __init__(self, data: Path) -> None:
        document = json.loads((data / "regions.json").read_text(encoding="utf-8"))
        self.by_id = {region["id"]: (set(region["provinces"]), set(region.get("districts") or [])) for region in document["regions"]}
        self.provinces = {f["properties"]["pcode"] for f in load_raw(data / "provinces.geojson")["features"]}
        self.districts = {f["properties"]["pcode"] for f in load_raw(data / "districts.geojson")["features"]}

    def parts(self, region: str) -> tuple[set[str], set[str]]:
        """The provinces the region holds whole and the districts it names."""
        if region in self.by_id:
            return self.by_id[region]
        provinces, districts = set(), set()
        for part in region.split("+"):
            if part in self.by_id:
                provinces |= self.by_id[part][0]
                districts |= self.by_id[part][1]
            elif part in self.provinces:
                provinces.add(part)
            elif part in self.districts:
                districts.add(part)
            else:
                raise KeyError(f"region {region!r}: {part!r} is no region of regions.json and no P-code of the layers")
        return provinces, districts

    def members(self, region: str, districts: np.ndarray, provinces: np.ndarray) -> np.ndarray:
        whole, named = self.parts(region)
        return np.isin(provinces, sorted(whole)) | np.isin(districts, sorted(named))


class Inputs:
    """The input layers of a folder of outputs, read once, and the geodesic distances between them
    (pyproj's ``Geod(ellps="WGS84").inv``, Karney's algorithm), computed once per facility layer."""

    def __init__(self, data: Path, checks: Checks) -> None:
        self.data = data
        self.checks = checks
        self.standards = Standards(data / "standards.yaml")
        self.villages = Villages(data / "villages.geojson")
        self.regions = Regions(data)
        self.geod = Geod(ellps="WGS84")
        self._layers: dict[Path, FacilityLayer] = {}
        self._distances: dict[Path, np.ndarray] = {}
        self._between: dict[Path, np.ndarray] = {}
        self._rasters: dict[Path, FrictionRaster] = {}
        self._allocations: dict[tuple, Allocation] = {}

    def allocation(self, layer: FacilityLayer, columns: np.ndarray, raster: Path | None) -> Allocation:
        """The villages' nearest of the facilities at ``columns``: geodesic when ``raster`` is None,
        else by travel time over it (scikit-image), computed once per layer, providers and raster."""
        key = (layer.path, tuple(int(c) for c in columns), raster)
        if key not in self._allocations:
            distances = self.distances(layer)
            if raster is None:
                position, meters, tied = nearest(distances, columns)
                self._allocations[key] = Allocation(position, meters, None, tied)
            else:
                started = time.perf_counter()
                found, minutes = self.friction(raster).nearest(layer.lon[columns], layer.lat[columns], self.villages.lon, self.villages.lat)
                position = np.where(found >= 0, columns[np.maximum(found, 0)], -1)
                meters = np.where(position >= 0, distances[np.arange(len(position)), np.maximum(position, 0)], np.nan)
                self._allocations[key] = Allocation(position, meters, minutes, np.ones(len(position), dtype=int))
                self.checks.note(f"  scikit-image MCP_Geometric over {raster.name} from {len(columns):,} facilities: "
                                 f"{int((position >= 0).sum()):,} villages reached, in {time.perf_counter() - started:.1f} s")
        return self._allocations[key]

    def administrative(self, layer: FacilityLayer, columns: np.ndarray, allowed: np.ndarray | None, raster: Path) -> Allocation:
        """Each village's nearest by travel time of the facilities its units refer it to (``allowed`` of ``columns``),
        searched from those candidates alone, once per set of candidates."""
        friction = self.friction(raster)
        villages = self.villages
        v_rows, v_columns, v_placed = friction.cells(villages.lon, villages.lat)
        f_rows, f_columns, f_usable = friction.cells(layer.lon, layer.lat)
        groups: dict[tuple, list[int]] = {}
        for i in range(len(villages.codes)):
            candidates = tuple(int(k) for k in (columns if allowed is None else columns[allowed[i]]))
            groups.setdefault(candidates, []).append(i)
        position, minutes = np.full(len(villages.codes), -1), np.full(len(villages.codes), np.nan)
        for candidates, members in groups.items():
            usable = [k for k in candidates if f_usable[k]]
            placed = [i for i in members if v_placed[i]]
            if not usable or not placed:
                continue
            found = friction.restricted_nearest([(int(f_rows[k]), int(f_columns[k])) for k in usable],
                                                [(int(v_rows[i]), int(v_columns[i])) for i in placed])
            for i, answer in zip(placed, found):
                if answer is not None:
                    position[i], minutes[i] = usable[answer[0]], answer[1] / 60
        distances = self.distances(layer)
        meters = np.where(position >= 0, distances[np.arange(len(position)), np.maximum(position, 0)], np.nan)
        return Allocation(position, meters, minutes, np.ones(len(position), dtype=int))

    def friction(self, raster: Path) -> FrictionRaster:
        if raster not in self._rasters:
            self._rasters[raster] = FrictionRaster(raster)
        return self._rasters[raster]

    def raster_tie(self, layer: FacilityLayer, facility: int, village: int, raster: Path, minutes: float) -> bool:
        """True when ``facility`` reaches ``village`` in ``minutes`` too (a tie the two searches broke differently)."""
        friction = self._rasters[raster]
        rows, columns, placed = friction.cells(self.villages.lon[village:village + 1], self.villages.lat[village:village + 1])
        if not placed[0]:
            return False
        seconds = friction.seconds_from(layer.lon[facility], layer.lat[facility], int(rows[0]), int(columns[0]), minutes * 60 + 1)
        return abs(seconds - minutes * 60) <= TIE_TOLERANCE_S

    def layer_for(self, folder: Path) -> FacilityLayer:
        """The facilities an output folder was computed with: a scenario run's scenario_facilities.geojson
        (the layer after its modifications, written beside its outputs or one folder up), else the data's."""
        path = self.data / "facilities.geojson"
        for candidate in (folder / "scenario_facilities.geojson", folder.parent / "scenario_facilities.geojson"):
            if candidate.exists():
                path = candidate
                break
        path = path.resolve()
        if path not in self._layers:
            self._layers[path] = FacilityLayer(path, self.standards)
        return self._layers[path]

    def distances(self, layer: FacilityLayer) -> np.ndarray:
        """Metres from every village (rows) to every facility of the layer (columns)."""
        if layer.path not in self._distances:
            started = time.perf_counter()
            self._distances[layer.path] = self._matrix(self.villages.lon, self.villages.lat, layer.lon, layer.lat)
            self.checks.note(f"  brute force: {self._distances[layer.path].size:,} WGS 84 geodesics village → facility "
                             f"(pyproj Geod.inv, {layer.path.name}) in {time.perf_counter() - started:.1f} s")
        return self._distances[layer.path]

    def between(self, layer: FacilityLayer) -> np.ndarray:
        """Metres from every facility (rows) to every facility (columns), for the referral chain."""
        if layer.path not in self._between:
            self._between[layer.path] = self._matrix(layer.lon, layer.lat, layer.lon, layer.lat)
        return self._between[layer.path]

    def _matrix(self, lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
        result = np.empty((len(lon1), len(lon2)))
        for start in range(0, len(lon1), VILLAGE_BLOCK):
            stop = min(start + VILLAGE_BLOCK, len(lon1))
            count = stop - start
            _, _, meters = self.geod.inv(np.repeat(lon1[start:stop], len(lon2)), np.repeat(lat1[start:stop], len(lon2)),
                                         np.tile(lon2, count), np.tile(lat2, count))
            result[start:stop] = np.asarray(meters).reshape(count, len(lon2))
        return result


def nearest(distances: np.ndarray, columns: np.ndarray, allowed: np.ndarray | None = None):
    """For each row, the nearest of the facilities at ``columns`` (only those ``allowed``, a boolean
    matrix rows × columns, when given): (its position in the layer, or -1 when there is none; its
    distance, or NaN; how many are tied with it). An exact tie (within TIE_TOLERANCE_M) goes to the
    facility listed first in the layer."""
    rows = distances.shape[0]
    if len(columns) == 0:
        return np.full(rows, -1), np.full(rows, np.nan), np.zeros(rows, dtype=int)
    block = distances[:, columns]
    if allowed is not None:
        block = np.where(allowed, block, np.inf)
    best = block.min(axis=1)
    with np.errstate(invalid="ignore"):  # inf − inf where a row has no candidate
        tied = block - best[:, None] <= TIE_TOLERANCE_M
    position = columns[np.argmax(tied, axis=1)]
    none = ~np.isfinite(best)
    position[none] = -1
    best[none] = np.nan
    counts = np.where(none, 0, tied.sum(axis=1))
    return position, best, counts


# MARK: travel time over friction rasters, recomputed

class RunTravel:
    """How a run measured each target's minutes, read from its manifest.json (``travel``: per target
    "raster <mode>: <friction raster>" or "straight …"): the raster of each target measured over one."""

    def __init__(self, folder: Path) -> None:
        self.rasters: dict[str, Path] = {}
        self.modes: dict[str, str] = {}
        for candidate in (folder / "manifest.json", folder.parent / "manifest.json"):
            if candidate.exists():
                for target, text in (json.loads(candidate.read_text()).get("travel") or {}).items():
                    match = re.fullmatch(r"raster (\w+): (.+)", text)
                    if match:
                        self.modes[target], self.rasters[target] = match.group(1), Path(match.group(2))
                break

    def raster(self, target: str) -> Path | None:
        return self.rasters.get(target)

    def referral_raster(self, tier: str) -> Path | None:
        """The raster a tier's administrative facility and referral hop are measured over: a walking
        tier's (motorized ones keep the straight line, as the toolkit documents)."""
        return self.rasters.get(tier) if self.modes.get(tier) == "walking" else None


class FrictionRaster:
    """A friction raster (seconds per metre) read with GDAL's command-line tools (``gdalinfo -json``
    and ``gdal_translate`` to raw float32), never with the toolkit's reader; nodata, NaN, infinity
    and values ≤ 0 impassable."""

    def __init__(self, path: Path) -> None:
        info = json.loads(subprocess.run(["gdalinfo", "-json", str(path)], check=True, capture_output=True, text=True).stdout)
        self.columns, self.rows = info["size"]
        self.transform = info["geoTransform"]
        nodata = info["bands"][0].get("noDataValue")
        with tempfile.TemporaryDirectory() as folder:
            raw = Path(folder) / "friction.bin"
            subprocess.run(["gdal_translate", "-q", "-of", "ENVI", "-ot", "Float32", str(path), str(raw)], check=True)
            values = np.fromfile(raw, dtype="<f4").reshape(self.rows, self.columns)
        costs = values.astype(np.float64)
        closed = ~np.isfinite(costs) | (costs <= 0)
        if nodata is not None:
            closed |= values == np.float32(nodata)
        costs[closed] = np.inf
        self.costs = costs
        self.to_grid = Transformer.from_crs("EPSG:4326", CRS.from_wkt(info["coordinateSystem"]["wkt"]), always_xy=True)

    def cells(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, columns, on a passable cell) of points in lon/lat."""
        x, y = self.to_grid.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        x0, width, _, y0, _, height = self.transform
        columns = np.floor((np.asarray(x) - x0) / width).astype(int)
        rows = np.floor((np.asarray(y) - y0) / height).astype(int)
        inside = (rows >= 0) & (rows < self.rows) & (columns >= 0) & (columns < self.columns)
        passable = inside.copy()
        passable[inside] = np.isfinite(self.costs[rows[inside], columns[inside]])
        return rows, columns, passable

    def search(self, starts: list[tuple[int, int]], max_seconds: float | None = None) -> tuple[MCP_Geometric, np.ndarray]:
        """scikit-image's MCP_Geometric from ``starts``: a move costs the mean of the two cells'
        frictions × the distance between their centres (8 neighbours)."""
        mcp = MCP_Geometric(self.costs, sampling=(abs(self.transform[5]), abs(self.transform[1])), fully_connected=True)
        seconds, _ = mcp.find_costs(starts, max_cumulative_cost=max_seconds)
        return mcp, seconds

    def nearest(self, facilities_lon, facilities_lat, villages_lon, villages_lat):
        """For each village, the facility (index into the facilities given) nearest by travel time, -1
        when none reaches it, and the minutes; a cell's several facilities count as the first listed.
        Also how many villages had a tie resolved here (two start cells equally near)."""
        f_rows, f_columns, usable = self.cells(facilities_lon, facilities_lat)
        first_at: dict[tuple[int, int], int] = {}
        for index in np.flatnonzero(usable):
            first_at.setdefault((int(f_rows[index]), int(f_columns[index])), int(index))
        count = len(villages_lon)
        position, minutes = np.full(count, -1), np.full(count, np.nan)
        if not first_at:
            return position, minutes
        mcp, seconds = self.search(list(first_at))
        v_rows, v_columns, placed = self.cells(villages_lon, villages_lat)
        for i in np.flatnonzero(placed):
            cell = (int(v_rows[i]), int(v_columns[i]))
            if np.isfinite(seconds[cell]):
                start = tuple(int(v) for v in mcp.traceback(cell)[0])
                position[i] = first_at[start]
                minutes[i] = seconds[cell] / 60
        return position, minutes

    def villages_within(self, lon: float, lat: float, minutes: float, v_rows: np.ndarray, v_columns: np.ndarray,
                        v_placed: np.ndarray) -> list[tuple[int, float]]:
        """The villages (index, minutes) a facility at lon/lat reaches within ``minutes``: a search bounded by
        the limit in a window of the raster no such trip can leave (half-width: the limit at the least friction)."""
        f_rows, f_columns, usable = self.cells([lon], [lat])
        if not usable[0]:
            return []
        finite = self.costs[np.isfinite(self.costs)]
        half = int(np.ceil(minutes * 60 / finite.min() / min(abs(self.transform[1]), abs(self.transform[5])))) + 1
        row, column = int(f_rows[0]), int(f_columns[0])
        r0, r1 = max(0, row - half), min(self.rows, row + half + 1)
        c0, c1 = max(0, column - half), min(self.columns, column + half + 1)
        mcp = MCP_Geometric(self.costs[r0:r1, c0:c1], sampling=(abs(self.transform[5]), abs(self.transform[1])), fully_connected=True)
        seconds, _ = mcp.find_costs([(row - r0, column - c0)], max_cumulative_cost=minutes * 60 * (1 + 1e-9))
        inside = np.flatnonzero(v_placed & (v_rows >= r0) & (v_rows < r1) & (v_columns >= c0) & (v_columns < c1))
        found = []
        for village in inside:
            value = seconds[v_rows[village] - r0, v_columns[village] - c0] / 60
            if value <= minutes:
                found.append((int(village), float(value)))
        return found

    def restricted_nearest(self, starts: list[tuple[int, int]], origins: list[tuple[int, int]]) -> list[tuple[int, float] | None]:
        """Per origin, the start reached first (its index) and the seconds, searching only from ``starts``, in a
        window round them all that doubles until every origin is proven: a trip that leaves a window costs at
        least (the moves from a start to its edge + those from the edge to the origin) × the smallest cell × the
        least friction, so an origin reached for less inside has its true answer."""
        least = float(self.costs[np.isfinite(self.costs)].min())
        cell = min(abs(self.transform[1]), abs(self.transform[5]))
        rows = [r for r, _ in starts + origins]
        columns = [c for _, c in starts + origins]
        margin = 40
        while True:
            r0, r1 = max(0, min(rows) - margin), min(self.rows, max(rows) + margin + 1)
            c0, c1 = max(0, min(columns) - margin), min(self.columns, max(columns) + margin + 1)
            whole = (r0, r1, c0, c1) == (0, self.rows, 0, self.columns)
            mcp = MCP_Geometric(self.costs[r0:r1, c0:c1], sampling=(abs(self.transform[5]), abs(self.transform[1])), fully_connected=True)
            seconds, _ = mcp.find_costs([(r - r0, c - c0) for r, c in starts])
            depth = lambda r, c: min(r - r0, r1 - 1 - r, c - c0, c1 - 1 - c) + 1  # noqa: E731
            start_depth = min(depth(r, c) for r, c in starts)
            first = {}
            for index, start in enumerate(starts):
                first.setdefault(start, index)
            found, proven = [], True
            for r, c in origins:
                value = seconds[r - r0, c - c0]
                if not whole and not value < (start_depth + depth(r, c)) * cell * least:
                    proven = False
                if not np.isfinite(value):
                    found.append(None)
                    continue
                start = tuple(int(v) for v in mcp.traceback((r - r0, c - c0))[0])
                found.append((first[(start[0] + r0, start[1] + c0)], float(value)))
            if whole or proven:
                return found
            margin *= 2

    def seconds_from(self, lon: float, lat: float, row: int, column: int, at_most: float) -> float:
        """The travel time from one facility to one cell (a tie check), searching no further than ``at_most``."""
        f_rows, f_columns, usable = self.cells([lon], [lat])
        if not usable[0]:
            return np.inf
        _, seconds = self.search([(int(f_rows[0]), int(f_columns[0]))], max_seconds=at_most)
        return float(seconds[row, column])


class Allocation:
    """Each village's nearest facility among some providers as the run measured it: by pyproj's
    geodesic (straight) or by travel time over the target's friction raster, with the geodesic
    distance to that facility, the minutes (raster only) and how many are tied (straight only)."""

    def __init__(self, position: np.ndarray, meters: np.ndarray, minutes: np.ndarray | None, tied: np.ndarray) -> None:
        self.position, self.meters, self.minutes, self.tied = position, meters, minutes, tied


# MARK: the assignment, recomputed

class Comparison:
    """Compares one group of columns (``<prefix>_id``, ``_name``, ``_distance_m``, ``_minutes`` and,
    when present, ``_outside_district`` / ``_outside_province``) with the recomputation."""

    def __init__(self, where: str, checks: Checks, layer: FacilityLayer, standards: Standards,
                 villages: Villages, rows: list[dict]) -> None:
        self.where, self.checks, self.layer, self.standards, self.villages, self.rows = where, checks, layer, standards, villages, rows

    def run(self, prefix: str, minutes_of: str, expected: np.ndarray, meters: np.ndarray, tied: np.ndarray,
            origin: np.ndarray, described: str) -> None:
        layer, rows, codes = self.layer, self.rows, self.villages.codes
        keys = rows[0].keys()
        expected_minutes = self.standards.minutes(meters, minutes_of)
        id_failures = value_failures = 0
        max_meters = max_minutes = 0.0
        worst = None
        off_by_rounding = 0
        for index, props in enumerate(rows):
            written = props.get(f"{prefix}_id")
            want = layer.ids[expected[index]] if expected[index] >= 0 else None
            if written != want:
                id_failures += 1
                if id_failures <= 5:
                    own = layer.position.get(written)
                    own_meters = f"{origin[index, own]:.4f} m" if own is not None else "not in the layer"
                    tie = f" (tied with {tied[index] - 1} others)" if tied[index] > 1 else ""
                    self.checks.fail(self.where, f"village {codes[index]}, {prefix}: file says {written} "
                                                 f"({props.get(f'{prefix}_distance_m')} m; pyproj {own_meters}), "
                                                 f"recomputed {want} ({meters[index]:.4f} m){tie}")
                continue
            problems = []
            distance, minutes = props.get(f"{prefix}_distance_m"), props.get(f"{prefix}_minutes")
            if want is None:
                problems += [f"{key} {props[key]!r} (expected null)" for key in (f"{prefix}_distance_m", f"{prefix}_minutes",
                             f"{prefix}_name", f"{prefix}_outside_district", f"{prefix}_outside_province")
                             if key in keys and props[key] is not None]
            else:
                if distance is None or minutes is None:
                    problems.append(f"distance {distance!r}, minutes {minutes!r}")
                else:
                    difference = abs(float(distance) - meters[index])
                    if Decimal(distance) != Decimal(f"{meters[index]:.3f}"):
                        off_by_rounding += 1
                    if difference > max_meters:
                        max_meters, worst = difference, codes[index]
                    if difference > DISTANCE_TOLERANCE_M:
                        problems.append(f"{distance} m, pyproj {meters[index]:.6f} m")
                    minute_difference = abs(float(minutes) - expected_minutes[index])
                    max_minutes = max(max_minutes, minute_difference)
                    if minute_difference > MINUTES_TOLERANCE:
                        problems.append(f"{minutes} min, travel model {expected_minutes[index]:.5f} min")
                if f"{prefix}_name" in keys and props[f"{prefix}_name"] != layer.names[expected[index]]:
                    problems.append(f"name {props[f'{prefix}_name']!r}, the layer's {layer.names[expected[index]]!r}")
                for level, stated in (("district", self.villages.districts), ("province", self.villages.provinces)):
                    key = f"{prefix}_outside_{level}"
                    if key in keys:
                        own = layer.districts if level == "district" else layer.provinces
                        outside = own[expected[index]] != stated[index]
                        if props[key] != outside:
                            problems.append(f"{key} {props[key]!r}, the stated codes say {outside}")
            if problems:
                value_failures += 1
                if value_failures <= 5:
                    self.checks.fail(self.where, f"village {codes[index]}, {prefix} {want}: " + "; ".join(problems))
        for count, what in ((id_failures, "name another facility than recomputed"), (value_failures, "have other values")):
            if count > 5:
                self.checks.fail(self.where, f"{prefix}: {count} villages {what}")
        reachable = int((expected >= 0).sum())
        ties = int((tied > 1).sum())
        self.checks.note(f"  {prefix} ({described}): ids identical for {len(rows) - id_failures:,} of {len(rows):,} villages "
                         f"({reachable:,} reachable); max |distance − pyproj| = {max_meters * 1000:.4f} mm (village {worst}), "
                         f"{off_by_rounding} differ from pyproj's rounded to the mm; max |minutes − model| = {max_minutes:.5f}; "
                         f"exact ties: {ties}")



def compare_allocation(where: str, checks: Checks, inputs: Inputs, layer: FacilityLayer, rows: list[dict], prefix: str,
                       allocation: Allocation, raster: Path, described: str) -> None:
    """``<prefix>_id``, ``_name``, ``_distance_m``, ``_minutes`` of an allocation by raster travel time
    against scikit-image's: the same facility (another only where its travel time ties, checked by a
    search from it; the file's choice is then kept in ``allocation`` for the run's other files), its
    name, the pyproj geodesic to it within 1 mm, the minutes within 0.005."""
    codes, distances = inputs.villages.codes, inputs.distances(layer)
    failures = RecordFailures(checks, where, f"villages' {prefix}")
    ties = 0
    max_minutes = 0.0
    for index, props in enumerate(rows):
        position = int(allocation.position[index])
        want = layer.ids[position] if position >= 0 else None
        written = props.get(f"{prefix}_id")
        named = position
        if written != want:
            own = layer.position.get(written)
            if own is None or want is None or not inputs.raster_tie(layer, own, index, raster, float(allocation.minutes[index])):
                failures.add(f"village {codes[index]}", [f"{prefix}_id {written!r} ({props.get(f'{prefix}_minutes')} min), "
                                                         f"scikit-image {want!r} ({allocation.minutes[index]:.4f} min)"])
                continue
            # The file's choice is taken from here on (catchments, uncovered villages of the same run).
            ties += 1
            named = own
            allocation.position[index] = own
            allocation.meters[index] = distances[index, own]
        problems = []
        distance, minutes = props.get(f"{prefix}_distance_m"), props.get(f"{prefix}_minutes")
        if named < 0:
            problems += [f"{key} {props[key]!r} (expected null)" for key in (f"{prefix}_distance_m", f"{prefix}_minutes", f"{prefix}_name")
                         if key in props and props[key] is not None]
        elif distance is None or minutes is None:
            problems.append(f"distance {distance!r}, minutes {minutes!r}")
        else:
            difference = abs(float(minutes) - allocation.minutes[index])
            max_minutes = max(max_minutes, difference)
            if difference > MINUTES_TOLERANCE:
                problems.append(f"{minutes} min, scikit-image {allocation.minutes[index]:.5f} min")
            if abs(float(distance) - distances[index, named]) > DISTANCE_TOLERANCE_M:
                problems.append(f"{distance} m, pyproj {distances[index, named]:.4f} m to {layer.ids[named]}")
            if f"{prefix}_name" in props and props[f"{prefix}_name"] != layer.names[named]:
                problems.append(f"name {props[f'{prefix}_name']!r}, the layer's {layer.names[named]!r}")
        failures.add(f"village {codes[index]}", problems)
    failures.close()
    reached = int((allocation.position >= 0).sum())
    checks.note(f"  {prefix} (by travel time over {raster.name}, {described}): {len(rows) - failures.count:,} of {len(rows):,} "
                f"villages equal ({reached:,} reached; {ties} ties broken otherwise, checked equal); "
                f"max |minutes − scikit-image| = {max_minutes:.5f}")


def check_assignment(path: Path, document: dict, inputs: Inputs, checks: Checks) -> None:
    where = path.name
    villages, standards = inputs.villages, inputs.standards
    layer = inputs.layer_for(path.parent)
    codes = villages.codes
    by_code = {feature["properties"]["village_code"]: feature for feature in document["features"]}
    missing = [code for code in codes if code not in by_code]
    if missing or len(by_code) != len(codes):
        checks.fail(where, f"{len(missing)} input villages missing (e.g. {missing[:3]}), {len(by_code)} rows for {len(codes)} villages")
        return
    moved = sum(1 for code, feature in zip(codes, villages.features)
                if by_code[code]["geometry"]["coordinates"][:2] != feature["geometry"]["coordinates"][:2])
    if moved:
        checks.fail(where, f"{moved} villages have other coordinates than in villages.geojson")
    rows = [by_code[code]["properties"] for code in codes]
    keys = rows[0].keys()
    distances = inputs.distances(layer)
    compare = Comparison(where, checks, layer, standards, villages, rows)

    # The nearest provider of each target: what coverage counts. A target the run measured over a
    # friction raster (its manifest's travel) is allocated by travel time, and the straight-line
    # nearest is written beside it as <target>_straight_*.
    travel = RunTravel(path.parent)
    targets = [target for target in TIERS + list(standards.services) if f"{target}_id" in keys]
    for target in targets:
        columns = layer.providers(target)
        position, meters, tied = nearest(distances, columns)
        offered = "providing the package" if target in TIERS else "offering the service"
        raster = travel.raster(target)
        if raster is None:
            compare.run(target, target, position, meters, tied, distances, f"{len(columns):,} facilities {offered}")
        else:
            compare.run(f"{target}_straight", target, position, meters, tied, distances, f"{len(columns):,} facilities {offered}")
            compare_allocation(where, checks, inputs, layer, rows, target, inputs.allocation(layer, columns, raster), raster,
                               f"{len(columns):,} facilities {offered}")
        if target in TIERS and f"{target}_provider_tier" in keys:
            # The tier of the facility the file names (its id checked above, ties included).
            named = [layer.position.get(rows[i][f"{target}_id"]) for i in range(len(rows))]
            wrong = [(codes[i], rows[i][f"{target}_provider_tier"]) for i in range(len(rows))
                     if rows[i][f"{target}_provider_tier"] != (layer.tiers[named[i]] if named[i] is not None else None)]
            if wrong:
                checks.fail(where, f"{target}_provider_tier: {len(wrong)} villages give another tier than their provider's, "
                                   f"e.g. village {wrong[0][0]}: {wrong[0][1]!r}")
            tiers_seen = pandas.Series([rows[i][f"{target}_provider_tier"] for i in range(len(rows))]).value_counts()
            checks.note(f"  {target}_provider_tier = the named facility's tier for all villages: "
                        + ", ".join(f"{tier} {count:,}" for tier, count in tiers_seen.items()))
    # The nearest facility of each tier itself, among those providing the tier's own package.
    for tier in TIERS:
        if f"nearest_{tier}_id" in keys:
            columns = layer.own_tier_providers(tier)
            described = f"{len(columns):,} facilities of the tier providing its package"
            if travel.raster(tier) is None:
                position, meters, tied = nearest(distances, columns)
                compare.run(f"nearest_{tier}", tier, position, meters, tied, distances, described)
            else:
                compare_allocation(where, checks, inputs, layer, rows, f"nearest_{tier}",
                                   inputs.allocation(layer, columns, travel.raster(tier)), travel.raster(tier), described)

    # The administrative assignment: the facilities of the tier (providing its own package) of the
    # village's district (health centre, district hospital; where the district has none, those of
    # the lowest tier above in the district that provide the package) or province (provincial
    # hospital, else the central hospitals), and the central hospitals.
    central = layer.own_tier_providers("central_hospital")
    administrative = {}
    by_time: dict[str, Allocation] = {}  # the tiers whose administrative facility is found by travel time
    for tier in TIERS:
        if tier == "central_hospital":
            columns, allowed = central, None
        elif tier == "provincial_hospital":
            own = layer.own_tier_providers(tier)
            with_one = set(layer.provinces[own])
            columns = np.concatenate([own, central])
            fallback = np.array([province not in with_one for province in villages.provinces])
            allowed = np.concatenate([villages.provinces[:, None] == layer.provinces[own][None, :],
                                      np.repeat(fallback[:, None], len(central), axis=1)], axis=1)
            administrative["referred_to_central"] = fallback
        else:
            columns, candidate_districts = layer.district_candidates(tier)
            allowed = villages.districts[:, None] == candidate_districts[None, :]
        administrative[tier] = (columns, allowed)
        raster = travel.referral_raster(tier)
        if raster is not None:
            by_time[tier] = inputs.administrative(layer, columns, allowed, raster)
        if f"{tier}_admin_id" in keys:
            if raster is not None:
                compare_allocation(where, checks, inputs, layer, rows, f"{tier}_admin", by_time[tier], raster,
                                   f"{len(columns):,} candidates, searched from each village's alone")
            else:
                position, meters, tied = nearest(distances, columns, allowed)
                compare.run(f"{tier}_admin", tier, position, meters, tied, distances,
                            f"{len(columns):,} candidates, {int((position < 0).sum()):,} villages with none")

    # The referral chain: health centre of the district from the village, district hospital of the
    # district from the health centre (or the village), provincial hospital (else central) from the
    # district hospital (or the point before).
    if "chain_health_centre_id" in keys:
        between = inputs.between(layer)
        origin = distances
        total_meters = np.zeros(len(rows))
        total_minutes = np.zeros(len(rows))
        complete = np.ones(len(rows), dtype=bool)
        for tier in ("health_centre", "district_hospital", "provincial_hospital"):
            columns, allowed = administrative[tier]
            if tier in by_time:
                # The first hop, from the village: its administrative health centre by travel time.
                if tier != "health_centre":
                    checks.fail(where, f"chain_{tier}: a hop from a facility measured over a raster is not recomputed here")
                    break
                allocation = by_time[tier]
                position, meters, minutes = allocation.position, allocation.meters, allocation.minutes
                compare_allocation(where, checks, inputs, layer, rows, f"chain_{tier}", allocation, travel.referral_raster(tier),
                                   "the hop from the village")
            else:
                position, meters, tied = nearest(origin, columns, allowed)
                compare.run(f"chain_{tier}", tier, position, meters, tied, origin, "the hop from the level below")
                minutes = standards.minutes(meters, tier)
            found = position >= 0
            complete &= found
            total_meters += np.nan_to_num(meters)
            total_minutes += np.nan_to_num(minutes)
            origin = np.where(found[:, None], between[np.maximum(position, 0)], origin)
        referred = administrative["referred_to_central"] & found
        failures = RecordFailures(checks, where, "villages' chains")
        for index, props in enumerate(rows):
            problems = []
            if props["chain_referred_to_central"] != bool(referred[index]):
                problems.append(f"chain_referred_to_central {props['chain_referred_to_central']!r}")
            distance, minutes = props["chain_total_distance_m"], props["chain_total_minutes"]
            if not complete[index]:
                if distance is not None or minutes is not None:
                    problems.append(f"totals {distance!r} m, {minutes!r} min for a chain with a missing level")
            elif distance is None or minutes is None or abs(float(distance) - total_meters[index]) > DISTANCE_TOLERANCE_M \
                    or abs(float(minutes) - total_minutes[index]) > MINUTES_TOLERANCE:
                problems.append(f"totals {distance!r} m, {minutes!r} min; recomputed {total_meters[index]:.4f} m, "
                                f"{total_minutes[index]:.4f} min")
            failures.add(f"village {codes[index]}, chain", problems)
        failures.close()
        checks.note(f"  chain totals and referred_to_central: {len(rows) - failures.count:,} of {len(rows):,} equal; "
                    f"{int(complete.sum()):,} complete chains, {int(referred.sum()):,} referred to a central hospital")


# MARK: capacity-limited coverage, recomputed

GROUPS = ["population", "under5", "births_live", "women_15_49"]


def limit_test(threshold: str, target: str, standards: Standards):
    """(metres bound for a search window, a function meters → covered) for a threshold such as 5km or 60min."""
    match = re.fullmatch(r"([0-9.]+)(km|min)", threshold)
    if match is None:
        raise ValueError(f"threshold {threshold!r}")
    value = float(match.group(1))
    if match.group(2) == "km":
        return value * 1_000, lambda meters: np.asarray(meters) <= value * 1_000
    speed = standards.speeds[standards.spec(target)["mode"]]
    return value / 60 * speed / standards.detour * 1_000, lambda meters: standards.minutes(meters, target) <= value



def covered_within(threshold: str, target: str, layer: FacilityLayer, inputs: Inputs, travel: RunTravel) -> np.ndarray:
    """Per village: covered within ``threshold`` (5km, 60min) as the run measured ``target``: a distance
    on the geodesic nearest provider; a time by the straight-line model on it, or over the target's
    friction raster (scikit-image) when the run measured it there."""
    columns = layer.providers(target)
    raster = travel.raster(target)
    if raster is not None and threshold.endswith("min"):
        minutes = inputs.allocation(layer, columns, raster).minutes
        return np.nan_to_num(minutes, nan=np.inf) <= float(threshold.removesuffix("min"))
    _, within = limit_test(threshold, target, inputs.standards)
    return within(np.nan_to_num(inputs.allocation(layer, columns, None).meters, nan=np.inf))


def check_capacity(path: Path, document: dict, inputs: Inputs, checks: Checks) -> None:
    where = path.name
    started = time.perf_counter()
    standards, villages = inputs.standards, inputs.villages
    # A scenario run computes with its changed facilities, which it writes beside its outputs.
    layer = inputs.layer_for(path.parent)
    population = villages.groups["population"]
    # A run for a region lists the facilities of its provinces (capacity_zones.csv names the region).
    region, zone_rows = None, None
    zones = path.parent / "capacity_zones.csv"
    if zones.exists():
        zone_rows = pandas.read_csv(zones, dtype={"zone_pcode": str, "threshold": str})
        named = zone_rows.query("zone_level == 'region'").zone_pcode.unique()
        if len(named):
            region = named[0]
    analyses: dict[tuple[str, str], list[dict]] = {}
    for feature in document["features"]:
        properties = feature["properties"]
        analyses.setdefault((properties["target"], properties["threshold"]), []).append(properties)
    for (target, threshold), rows in analyses.items():
        bound, within = limit_test(threshold, target, standards)
        # The providers of the target under the care model, not just the facilities of the tier.
        providers = layer.providers(target)
        listed = [row["facility_id"] for row in rows]
        in_region = (np.ones(len(providers), dtype=bool) if region is None
                     else inputs.regions.members(region, layer.districts[providers], layer.provinces[providers]))
        expected_ids = list(layer.ids[providers][in_region])
        if sorted(listed) != sorted(expected_ids):
            checks.fail(where, f"{target} {threshold}: {len(listed)} facilities listed, {len(expected_ids)} provide it "
                               f"(only listed: {sorted(set(listed) - set(expected_ids))[:5]}, "
                               f"not listed: {sorted(set(expected_ids) - set(listed))[:5]})")
        default = standards.spec(target).get("capacity")
        room = [layer.capacity[k] if layer.capacity[k] is not None else default for k in providers]
        if any(value is None for value in room):
            checks.fail(where, f"{target}: a facility has no capacity and standards.yaml gives none")
            continue
        capacity = list(room)
        pairs = []
        raster = RunTravel(path.parent).raster(target) if threshold.endswith("min") else None
        if raster is not None:
            # Over the friction raster: each facility's villages within the limit, nearest (in minutes) first.
            friction = inputs.friction(raster)
            v_rows, v_columns, v_placed = friction.cells(villages.lon, villages.lat)
            for slot, k in enumerate(providers):
                for village, minutes in friction.villages_within(layer.lon[k], layer.lat[k], float(threshold.removesuffix("min")),
                                                                 v_rows, v_columns, v_placed):
                    pairs.append((minutes, village, slot))
        else:
            window = bound / 110_000 * 1.05  # degrees of latitude: a generous bound on the limit
            for slot, k in enumerate(providers):
                near = np.flatnonzero(np.abs(villages.lat - layer.lat[k]) <= window)
                _, _, meters = inputs.geod.inv(np.full(near.size, layer.lon[k]), np.full(near.size, layer.lat[k]),
                                               villages.lon[near], villages.lat[near])
                meters = np.asarray(meters)
                for index in np.flatnonzero(within(meters)):
                    pairs.append((float(meters[index]), int(near[index]), slot))
        pairs.sort()
        unserved = population.tolist()
        served = [0] * len(providers)
        for _, village, slot in pairs:
            moved = min(unserved[village], room[slot])
            unserved[village] -= moved
            room[slot] -= moved
            served[slot] += moved
        if zone_rows is not None:
            within_reach = np.zeros(len(population), dtype=bool)
            within_reach[[village for _, village, _ in pairs]] = True
            check_capacity_zones(zone_rows[(zone_rows.target == target) & (zone_rows.threshold == threshold)], target, threshold,
                                 inputs, layer, providers, capacity, served, within_reach, np.array(unserved), checks)
        expected = {layer.ids[k]: (capacity[slot], served[slot], capacity[slot] - served[slot]) for slot, k in enumerate(providers)}
        wrong = [row["facility_id"] for row in rows
                 if expected.get(row["facility_id"]) != (int(row["capacity"]), int(row["population_served"]), int(row["residual_capacity"]))]
        if wrong:
            example = next(r for r in rows if r["facility_id"] == wrong[0])
            checks.fail(where, f"{target} {threshold}: {len(wrong)} facilities have other figures than recomputed, e.g. {wrong[0]} "
                               f"capacity {example['capacity']}, served {example['population_served']}, residual "
                               f"{example['residual_capacity']}; recomputed {expected.get(wrong[0])}")
        listed_tiers = layer.tiers[[layer.position[identifier] for identifier in listed]]
        checks.note(f"  {where}: {target} {threshold}: {len(rows):,} facilities listed (the providers"
                    + (f" of {len(region)} provinces" if region else "") + ": "
                    + ", ".join(f"{tier} {int((listed_tiers == tier).sum())}" for tier in TIERS if (listed_tiers == tier).any())
                    + f"), {len(pairs):,} pairs within the limit; capacity, population served and residual capacity "
                      f"identical to the recomputation")
    checks.note(f"  {where}: recomputed in {time.perf_counter() - started:.1f} s")


def check_capacity_zones(rows: pandas.DataFrame, target: str, threshold: str, inputs: Inputs, layer: FacilityLayer,
                         providers: np.ndarray, capacity: list[int], served: list[int], within_reach: np.ndarray,
                         unserved: np.ndarray, checks: Checks) -> None:
    """capacity_zones.csv for one target and limit: per zone (villages and facilities by their stated
    codes) the population within reach, served, unserved (beyond reach, over capacity), the zone's
    providers, their capacity and how many are full, from the allocation recomputed here."""
    where = f"capacity_zones.csv {target} {threshold}"
    villages = inputs.villages
    population = villages.groups["population"]
    served_village = population - unserved
    capacity, served = np.array(capacity), np.array(served)
    failures = RecordFailures(checks, where, "zones")
    for row in rows.itertuples(index=False):
        members = zone_members(row.zone_level, row.zone_pcode, villages.districts, villages.provinces, inputs.regions)
        in_zone = zone_members(row.zone_level, row.zone_pcode, layer.districts[providers], layer.provinces[providers], inputs.regions)
        people = int(population[members].sum())
        expected = {
            "villages": int(members.sum()), "population": people,
            "population_within_reach": int(population[members & within_reach].sum()),
            "population_served": int(served_village[members].sum()),
            "population_unserved": int(unserved[members].sum()),
            "unserved_beyond_reach": int(unserved[members & ~within_reach].sum()),
            "unserved_over_capacity": int(unserved[members & within_reach].sum()),
            "facilities": int(in_zone.sum()), "capacity_total": int(capacity[in_zone].sum()),
            "facilities_full": int((in_zone & (served == capacity)).sum()),
        }
        problems = [f"{key} {getattr(row, key)}, recomputed {value}" for key, value in expected.items() if int(getattr(row, key)) != value]
        if people and abs(float(row.pct_served) - 100 * expected["population_served"] / people) > 0.005 + 1e-9:
            problems.append(f"pct_served {row.pct_served}")
        failures.add(f"{row.zone_level} {row.zone_pcode}", problems)
    failures.close()
    checks.note(f"  {where}: {len(rows) - failures.count} of {len(rows)} zones equal to the recomputed allocation "
                f"(reach, served, unserved split, providers, capacity, full)")


# MARK: gaps tables and zone layers, recomputed

def zone_members(level: str, pcode: str, districts: np.ndarray, provinces: np.ndarray, regions: Regions) -> np.ndarray:
    """Which of the items (by their stated district and province codes) belong to a zone."""
    if level == "district":
        return districts == pcode
    if level == "province":
        return provinces == pcode
    if level == "region":
        return regions.members(pcode, districts, provinces)
    return np.ones(len(districts), dtype=bool)


def check_gaps(path: Path, inputs: Inputs, checks: Checks) -> None:
    where = str(path.relative_to(path.parent.parent))
    data = inputs.data
    layers = {level: {f["properties"]["pcode"]: f["properties"] for f in load_raw(data / f"{level}s.geojson")["features"]}
              for level in ("district", "province")}
    frame = pandas.read_csv(path, dtype={"zone_pcode": str})
    # A region (or the nation) is the sum of the provinces it holds whole and of the districts it
    # names in other provinces (a region made of districts lists no province).
    listed = set(frame[frame.zone_level == "province"].zone_pcode)
    units = frame[(frame.zone_level == "province")
                  | ((frame.zone_level == "district")
                     & ~frame.zone_pcode.map(lambda code: layers["district"].get(code, {}).get("province_pcode")).isin(listed))]
    compared = 0
    for row in frame.itertuples(index=False):
        if row.zone_level in layers:
            expected = layers[row.zone_level].get(row.zone_pcode)
            if expected is None:
                checks.fail(where, f"{row.zone_level} {row.zone_pcode} is not in {row.zone_level}s.geojson")
                continue
            wanted = {group: int(expected[group]) for group in GROUPS}
        else:  # region or national: the sum of its provinces and other districts (every one of the section is listed)
            same = units[(units.target == row.target) & (units.threshold == row.threshold)]
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
                f"or the sum of the provinces and other districts (region, nation)")

    # The facilities of each zone (by their stated codes) that provide the target, how many of them
    # are proxies, and coverage from the nearest provider's pyproj distance, per zone.
    layer = inputs.layer_for(path.parent)
    villages, standards = inputs.villages, inputs.standards
    distances = inputs.distances(layer)
    travel = RunTravel(path.parent)
    nearest_meters = {}
    failures, borderline = RecordFailures(checks, where, "rows"), 0
    for row in frame.itertuples(index=False):
        target = row.target
        if target not in nearest_meters:
            columns = layer.providers(target)
            nearest_meters[target] = (columns, nearest(distances, columns)[1])
        columns, meters = nearest_meters[target]
        in_zone = zone_members(row.zone_level, row.zone_pcode, layer.districts[columns], layer.provinces[columns], inputs.regions)
        facilities, proxies = int(in_zone.sum()), int((in_zone & layer.proxy[columns]).sum())
        problems = []
        if (int(row.facilities), int(row.facilities_proxy), bool(row.has_facility)) != (facilities, proxies, facilities > 0):
            problems.append(f"has_facility {row.has_facility}, facilities {row.facilities}, facilities_proxy {row.facilities_proxy}; "
                            f"recomputed {facilities > 0}, {facilities}, {proxies}")
        bound, _ = limit_test(row.threshold, target, standards)
        members = zone_members(row.zone_level, row.zone_pcode, villages.districts, villages.provinces, inputs.regions)
        covered = covered_within(row.threshold, target, layer, inputs, travel) & members
        borderline += int((members & (np.abs(meters - bound) <= DISTANCE_TOLERANCE_M)).sum())
        if int(row.villages_total) != int(members.sum()) or int(row.villages_uncovered) != int((members & ~covered).sum()):
            problems.append(f"villages {row.villages_total}, uncovered {row.villages_uncovered}; recomputed "
                            f"{int(members.sum())}, {int((members & ~covered).sum())}")
        for group in GROUPS:
            people = int(villages.groups[group][covered].sum())
            total = int(villages.groups[group][members].sum())
            percent = 100 * people / total if total else None
            written_percent = getattr(row, f"{group}_pct_covered")
            if int(getattr(row, f"{group}_covered")) != people:
                problems.append(f"{group}_covered {getattr(row, f'{group}_covered')}, recomputed {people}")
            elif percent is not None and abs(float(written_percent) - percent) > 0.005 + 1e-9:
                problems.append(f"{group}_pct_covered {written_percent}, recomputed {percent:.4f}")
        failures.add(f"{row.zone_level} {row.zone_pcode}, {target} {row.threshold}", problems)
    failures.close()
    checks.note(f"  {where}: has_facility, facilities, facilities_proxy and coverage (villages and 4 groups covered, "
                f"% covered) recomputed from {layer.path.name} and pyproj: {len(frame) - failures.count:,} of {len(frame):,} rows "
                f"equal; {borderline} village × zone × limit cases within 1 mm of a limit")
    check_zone_layers(path, frame, layer, inputs, checks)
    check_uncovered(path, frame, layer, inputs, checks)


def check_uncovered(gaps_path: Path, frame: pandas.DataFrame, layer: FacilityLayer, inputs: Inputs, checks: Checks) -> None:
    """uncovered_villages.geojson beside a gaps.csv: exactly the villages of the section beyond at
    least one limit, in input order, each with its nearest provider and one flag per limit."""
    path = gaps_path.parent / "uncovered_villages.geojson"
    if not path.exists():
        return
    where = str(path.relative_to(path.parent.parent))
    villages, standards = inputs.villages, inputs.standards
    top = frame[frame.zone_level.isin(["region", "national"])].iloc[0]
    members = zone_members(top.zone_level, top.zone_pcode, villages.districts, villages.provinces, inputs.regions)
    travel = RunTravel(path.parent)
    flags, named = {}, {}
    for target, threshold in frame[["target", "threshold"]].drop_duplicates().itertuples(index=False):
        if target not in named:
            named[target] = inputs.allocation(layer, layer.providers(target), travel.raster(target)).position
        flags[(target, threshold)] = ~covered_within(threshold, target, layer, inputs, travel)
    beyond = members & np.logical_or.reduce(list(flags.values()))
    features = load_raw(path)["features"]
    listed = [feature["properties"]["village_code"] for feature in features]
    expected = [code for code, keep in zip(villages.codes, beyond) if keep]
    if listed != expected:
        checks.fail(where, f"{len(listed)} villages listed, {len(expected)} recomputed beyond a limit "
                           f"(only listed: {sorted(set(listed) - set(expected))[:5]}, not listed: {sorted(set(expected) - set(listed))[:5]})")
        return
    index = {code: i for i, code in enumerate(villages.codes)}
    failures = RecordFailures(checks, where, "villages")
    for feature in features:
        props = feature["properties"]
        i = index[props["village_code"]]
        problems = [f"uncovered_{t}_{h} {props.get(f'uncovered_{t}_{h}')!r}" for (t, h), flag in flags.items()
                    if props.get(f"uncovered_{t}_{h}") is not bool(flag[i])]
        for target, position in named.items():
            want = layer.ids[position[i]] if position[i] >= 0 else None
            if props.get(f"{target}_id") != want:
                problems.append(f"{target}_id {props.get(f'{target}_id')!r}, recomputed {want!r}")
        failures.add(f"village {props['village_code']}", problems)
    failures.close()
    checks.note(f"  {where}: {len(listed):,} villages beyond a limit, as recomputed; {len(flags)} flags and "
                f"{len(named)} nearest providers each: {len(listed) - failures.count:,} equal")


def check_catchments(path: Path, document: dict, inputs: Inputs, checks: Checks) -> None:
    """catchments_<tier>.geojson: one row per facility providing the tier's package, with the villages
    whose nearest provider it is (recomputed) and their population and target groups."""
    where = path.name
    target = path.stem.removeprefix("catchments_")
    layer = inputs.layer_for(path.parent)
    villages = inputs.villages
    providers = layer.providers(target)
    position = inputs.allocation(layer, providers, RunTravel(path.parent).raster(target)).position
    rows = [feature["properties"] for feature in document["features"]]
    if [row["facility_id"] for row in rows] != list(layer.ids[providers]):
        checks.fail(where, f"{len(rows)} facilities, not the {len(providers)} providers of {target} in layer order")
        return
    failures = RecordFailures(checks, where, "facilities")
    for row, k in zip(rows, providers):
        mine = position == k
        expected = {"facility_name": layer.names[k], "tier": layer.tiers[k], "district_pcode": layer.districts[k],
                    "province_pcode": layer.provinces[k], "villages": int(mine.sum())}
        expected.update({group: int(villages.groups[group][mine].sum()) for group in GROUPS})
        problems = [f"{key} {row.get(key)!r}, recomputed {value!r}" for key, value in expected.items()
                    if (str(row.get(key)) if isinstance(value, int) else row.get(key)) != (str(value) if isinstance(value, int) else value)]
        failures.add(row["facility_id"], problems)
    failures.close()
    checks.note(f"  {where}: {len(rows):,} providers of {target}; villages and groups of each catchment recomputed: "
                f"{len(rows) - failures.count:,} equal")

    # The polygons (Voronoi cells of the villages served, or the raster cells reached first): valid,
    # and every village inside the country lies in the polygon of the facility serving it.
    frame = geopandas.read_file(path)
    invalid = int((frame.geometry.notna() & ~frame.geometry.is_valid).sum())
    if invalid:
        checks.fail(where, f"{invalid} catchment polygons are not valid (shapely)")
    country = shapely.union_all(geopandas.read_file(inputs.data / "districts.geojson").geometry.values)
    points = shapely.points(villages.lon, villages.lat)
    inside = shapely.covers(country, points)
    polygon_of = dict(zip(frame.facility_id, frame.geometry))
    served = position >= 0
    wanted = [polygon_of.get(layer.ids[k]) if k >= 0 else None for k in position]
    outside_own = [villages.codes[i] for i in np.flatnonzero(served & inside)
                   if wanted[i] is None or not shapely.covers(wanted[i], points[i])]
    if outside_own:
        checks.fail(where, f"{len(outside_own)} villages lie outside their facility's polygon, e.g. {outside_own[:5]}")
    checks.note(f"  {where}: {int(frame.geometry.notna().sum()):,} polygons valid; {int((served & inside).sum()):,} villages each in "
                f"its facility's polygon ({int((served & ~inside).sum())} outside every district, in none)")


def check_zone_layers(gaps_path: Path, frame: pandas.DataFrame, layer: FacilityLayer, inputs: Inputs, checks: Checks) -> None:
    """zones_districts.geojson and zones_provinces.geojson beside a gaps.csv: per target the facilities
    of the zone providing it (recomputed from the layer), and per limit the figures of gaps.csv."""
    for level in ("district", "province"):
        path = gaps_path.parent / f"zones_{level}s.geojson"
        if not path.exists():
            continue
        where = str(path.relative_to(path.parent.parent))
        features = load_raw(path)["features"]
        rows = frame[frame.zone_level == level].set_index(["zone_pcode", "target", "threshold"])
        failures, compared = RecordFailures(checks, where, "values"), 0
        for feature in features:
            props = feature["properties"]
            pcode = props["pcode"]
            for target in dict.fromkeys(frame.target):
                if f"has_{target}" not in props:
                    continue
                columns = layer.providers(target)
                in_zone = zone_members(level, pcode, layer.districts[columns], layer.provinces[columns], inputs.regions)
                expected = {f"has_{target}": bool(in_zone.any()), f"{target}_facilities": int(in_zone.sum()),
                            f"{target}_facilities_proxy": int((in_zone & layer.proxy[columns]).sum())}
                for threshold in frame[frame.target == target].threshold.unique():
                    row = rows.loc[(pcode, target, threshold)]
                    percent = float(row.population_pct_covered)
                    expected[f"{target}_{threshold}_pct_covered"] = None if np.isnan(percent) else percent
                    expected[f"{target}_{threshold}_uncovered"] = int(row.population_uncovered)
                    expected[f"{target}_{threshold}_villages_uncovered"] = int(row.villages_uncovered)
                for key, value in expected.items():
                    compared += 1
                    written = props.get(key)
                    if value is None or isinstance(value, bool):
                        same = written is value
                    else:
                        same = written is not None and float(written) == value
                    failures.add(f"{pcode} {key}", [] if same else [f"{written!r}, expected {value!r}"])
        failures.close()
        checks.note(f"  {where}: {len(features)} zones, {compared:,} values (has_<target>, <target>_facilities, "
                    f"_facilities_proxy recomputed from the layer; per limit the gaps.csv figures): {compared - failures.count:,} equal")


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
    inputs = Inputs(arguments.data, checks)
    # The assignment first: ties in travel time it shows to be ties are its choice for the other files.
    geojson_files = sorted(arguments.folder.rglob("*.geojson"), key=lambda path: (path.name != "villages_assigned.geojson", path))
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
            check_assignment(path, document, inputs, checks)
        if path.name.startswith("catchments_") and path.stem.removeprefix("catchments_") in TIERS:
            check_catchments(path, document, inputs, checks)
        if path.name == "capacity_facilities.geojson":
            check_capacity(path, document, inputs, checks)
    for path in csv_files:
        check_csv(path, twins, checks)
        if path.name == "gaps.csv":
            check_gaps(path, inputs, checks)
    check_geopackage(arguments.folder, [p for p in geojson_files], csv_files, twins, ogrinfo, checks)

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
