#!/usr/bin/env python3
"""Build the shipped Laos data set (GeoData/laos/) from the raw layers in geodata-raw/.

    python GeoData/build_laos.py [--raw DIR] [--out DIR]

Writes provinces.geojson, districts.geojson, villages.geojson, the facility layers
(facilities.geojson: the public three-tier system from OpenStreetMap plus flagged proxies where
OSM lacks them; facilities_osm.geojson: the same without the proxies; facilities_other.geojson:
the other OSM sites), regions.json and standards.yaml. The output is deterministic (same inputs
and pinned libraries give the same bytes), so the committed files can be checked by rebuilding
and comparing. GeoData/README.md describes every field, the sources and licences, the rules,
what is estimated and what is a proxy.

Needs Python 3.11 and the pins in GeoData/requirements.txt (shapely, pyproj, numpy).
"""

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import tempfile
import unicodedata
from fractions import Fraction
from pathlib import Path

try:
    import numpy
    import pyproj
    import shapely
    from pyproj import Geod
    from shapely.geometry import MultiPolygon, Point, Polygon
    from shapely.geometry.polygon import orient
    from shapely.strtree import STRtree
    from shapely.validation import explain_validity
except ImportError as error:
    sys.exit(
        f"build_laos.py: {error}. Install the pinned libraries first:\n"
        "  python3 -m venv .venv && .venv/bin/pip install -r GeoData/requirements.txt\n"
        "and run the script with .venv/bin/python."
    )

import build_friction

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_DIR = SCRIPT_DIR.parent

# Raw inputs, relative to the raw folder. Each folder's PROVENANCE.md holds their sha256.
DISTRICTS_FILE = "derived-lao-adm2-pcode-population/lao_adm2_geoboundaries_pcode_pop.geojson"
PROVINCES_FILE = "derived-lao-adm2-pcode-population/lao_adm1_dissolved_from_adm2.geojson"
LSB_TABLE_FILE = "derived-lao-adm2-pcode-population/lao_district_indicators_lsb_2015_2023.csv"
CODAB_ADM1_FILE = "cod-ab-lao-nipndri/lao_adm1_codab_simplified.geojson"
CODAB_ADM2_FILES = [
    f"cod-ab-lao-nipndri/lao_adm2_codab_{name}.geojson"
    for name in ("bokeo", "huaphanh", "khammouane", "oudomxay", "phongsaly")
]
VILLAGES_FILE = "odm-villages-lao/lao_villages_odm.geojson"
GEONAMES_FILE = "geonames-cities500-lao/geonames_cities500_LA.csv"
OSM_FACILITIES_FILE = "osm-health-facilities-lao/hospitals.la.js"
OSM_CROSS_CHECK_FILE = "osm-health-facilities-lao/lao_osm_health_facilities.csv"  # derived: only compared with
ALL_INPUTS = [DISTRICTS_FILE, PROVINCES_FILE, LSB_TABLE_FILE, CODAB_ADM1_FILE,
              *CODAB_ADM2_FILES, VILLAGES_FILE, GEONAMES_FILE, OSM_FACILITIES_FILE, OSM_CROSS_CHECK_FILE]

DECIMALS = 7
YEARS = range(2015, 2024)
POPULATION_YEAR = 2023
TARGET_GROUPS = ("under5", "births_live", "women_15_49")
NATIONAL_POPULATION_2023 = 7_545_667
EXPECTED_COUNTS = {"provinces": 18, "districts": 148, "villages": 8_499}

# The LSB/DHIS2 table codes Meun as 1011 ("Mun"); ODM and COD-AB code it 1013.
LSB_CODE_EXCEPTIONS = {"1011": "LA1013"}

# Facilities (GeoData/README.md, "The facility layers"): OpenStreetMap's where it has them, flagged proxies where not.
OSM_ROW_COUNT = 731
OSM_DUPLICATE_METRES = 350  # the PROVENANCE's rule for "the same site mapped twice"
HEALTH_CENTRE_TOTAL = 894  # Ministry of Health count of health centres, 2013: the expectation for proxies
TIER_ORDER = ["central_hospital", "provincial_hospital", "district_hospital", "health_centre"]
SERVICE_ORDER = ["epi", "cold_chain", "delivery", "surgery", "rehabilitation", "maintenance_workshop"]
# Services some facilities offer beyond their tier's defaults (the standards' `services`), by facility id.
# Lao–Luxembourg programme assumption: the Bolikhamxay and Khammouane provincial hospitals host its
# maintenance workshops. The rehabilitation centres get their services from their class (below).
EXTRA_SERVICES = {"PH-LA11": ["maintenance_workshop"], "PH-LA12": ["maintenance_workshop"]}
# The Oudomxay rehabilitation medicine centre has no OSM point: a proxy at the OSM provincial hospital's.
OUDOMXAY_REHABILITATION = ("RC-LA04", "Oudomxay Rehabilitation Medicine Centre", "PH-LA04")

# How an OSM row is classified: the FIRST rule whose OSM kinds include the row's kind (1 hospital,
# 2 clinic, 3 doctors) and whose pattern is found in the row's name or English name gives its class.
# Python regexes, searched line by line in "name\nEnglish name" (so ^ and $ anchor a whole name).
# OSM writes ໝ both as one letter and as ຫມ, hence (?:ໝ|ຫມ). The order matters: annexes of provincial
# hospitals before vaccination sites, non-care sites before clinics, clinics before the hospital rules,
# specialised and military hospitals before the tiers, and the catch-all last.
ANY_KIND = (1, 2, 3)
HOSPITAL = (1,)
FACILITY_RULES = [
    # rule                        kinds     class                                pattern
    ("thai_script",               ANY_KIND, "thai_side",                         r"[\u0E00-\u0E7F]"),
    ("blood_donation",            ANY_KIND, "not_a_care_facility",               r"ບໍລິຈາກເລືອດ|(?i:\bblood\b)"),
    ("ph_vaccination_room",       ANY_KIND, "provincial_hospital_annex",         r"ໂຮງ(?:ໝ|ຫມ)ໍແຂວງ.*ສັກຢາ"),
    ("ph_mother_and_child_wing",  ANY_KIND, "provincial_hospital_annex",         r"ແມ່ ?ແລະ ?ເດັກ ?ໂຮງ(?:ໝ|ຫມ)ໍແຂວງ"),
    ("vaccination_site",          ANY_KIND, "not_a_care_facility",               r"ສັກຢາກັນພະຍາດ|(?i:vaccination cent(?:er|re))"),
    ("university",                ANY_KIND, "not_a_care_facility",               r"ມະຫາວິທະຍາໄລ|(?i:\buniversity\b)"),
    ("government_office",         ANY_KIND, "not_a_care_facility",               r"ພະແນກ|(?i:\bdepartment of\b)"),
    ("company",                   ANY_KIND, "not_a_care_facility",               r"ບໍລິສັດ|(?i:\bcompany\b)"),
    ("clinic_or_doctors",         (2, 3),   "private_clinic_or_doctor",          r""),
    ("medical_rehabilitation",    HOSPITAL, "national_rehabilitation_centre",    r"ຟື້ນຟູ|(?i:rehabilitation)"),
    ("ophthalmology",             HOSPITAL, "national_specialised_centre",       r"ສຸຂະພາບຕາ|(?i:ophthalm)"),
    ("dermatology",               HOSPITAL, "national_specialised_centre",       r"ຜິວໜັງ|(?i:dermatolog)"),
    ("radiotherapy",              HOSPITAL, "national_specialised_centre",       r"(?i:radiotherap)"),
    ("military_or_police",        HOSPITAL, "military_police_hospital",          r"ທະຫານ|ປກສ|(?i:\barmy\b|\bpolice\b)"),
    ("mahosot",                   HOSPITAL, "central_hospital",                  r"ມະໂຫສົດ|(?i:\bmahosot\b)"),
    ("setthathirath",             HOSPITAL, "central_hospital",                  r"ເສດຖາທິຣາດ|(?i:\bsetthathirath\b)"),
    ("mittaphab",                 HOSPITAL, "central_hospital",                  r"ມິດຕະພາບ|(?i:\bmittapha[bp]\b)"),
    ("childrens_hospital",        HOSPITAL, "central_hospital",                  r"^ໂຮງ(?:ໝ|ຫມ)ໍ ເດັກ$|^Children's Hospital$"),
    ("mother_and_child_central",  HOSPITAL, "central_hospital",                  r"ແມ່ ?ແລະ ?ເດັກເກີດໃໝ່ສູນກາງ|^Mother and Child Hospital Central"),
    ("provincial_hospital",       HOSPITAL, "provincial_hospital",               r"ໂຮງ(?:ໝ|ຫມ)ໍແຂວງ|Provincial Hospital"),
    ("district_hospital",         HOSPITAL, "district_hospital",                 r"ໂຮງ(?:ໝ|ຫມ)ໍ ?(?:ເມືອງ|ຊຸມຊົນ)|Community Hospital|District Hospital"
                                                                                 r"|^Vang Vieng Hospital$|^Khoun Keo Hospital$"),
    ("health_centre",             HOSPITAL, "health_centre",                     r"ສຸກສາລາ|Health Cent(?:er|re)"),
    ("other_hospital",            HOSPITAL, "other_hospital_private_or_unknown", r""),
]
# What a class becomes: the layer ("main" = facilities.geojson and facilities_osm.geojson, "other" =
# facilities_other.geojson, None = dropped), the tier written (in the other layer the nearest equivalent, so
# that it loads), care_packages and services (None = the tier's defaults from standards.yaml) and the key
# under which two points ≤ 350 m apart count as "the same hospital tier" for the duplicate rule ("rule" =
# the same named institution, None = only the same name or English name counts).
FACILITY_CLASSES = {
    # class                               layer    tier                   packages services         same tier
    "central_hospital":                  ("main",  "central_hospital",    None, None,              "rule"),
    "national_rehabilitation_centre":    ("main",  "central_hospital",    [],   ["rehabilitation"], "rule"),
    "provincial_hospital":               ("main",  "provincial_hospital", None, None,              "provincial_hospital"),
    "provincial_hospital_annex":         ("main",  "provincial_hospital", None, None,              "provincial_hospital"),
    "district_hospital":                 ("main",  "district_hospital",   None, None,              "district_hospital"),
    "health_centre":                     ("main",  "health_centre",       None, None,              "health_centre"),
    "national_specialised_centre":       ("other", "central_hospital",    [],   None,              "rule"),
    "military_police_hospital":          ("other", "district_hospital",   None, None,              "military_police_hospital"),
    "other_hospital_private_or_unknown": ("other", "district_hospital",   None, None,              None),
    "private_clinic_or_doctor":          ("other", "health_centre",       None, None,              None),
    "not_a_care_facility":               ("other", "health_centre",       [],   [],                None),
    "thai_side":                         (None,    None,                  None, None,              None),
}
OTHER_CATEGORIES = ["private_clinic_or_doctor", "other_hospital_private_or_unknown", "military_police_hospital",
                    "national_specialised_centre", "not_a_care_facility"]

# The check that a district hospital named "<X> [Community|District] Hospital" lies in district X compares
# X, spelling-insensitively (letters only, X = S as Lao ຊ is written both ways, a leading "Muang" = district
# dropped), with the containing district's geoBoundaries and LSB/DHIS2 spellings. The LSB spelling covers
# the PROVENANCE's variants Et/Add, Met/Mad, Phoukout/Phookood, Houn/Hoon (OSM spells them as LSB does).
# The exceptions, by hospitals.la.js row; the build fails if any other hospital disagrees, or one of these
# stops disagreeing.
DISTRICT_NAME_EXCEPTIONS = {
    34: "OSM naming error: 'Khamkeut Community Hospital' at 18.7514, 103.7012 lies in Bolikhanh (LA1104); "
        "the real Khamkeut hospital is row 35 at Lak Xao (18.1849, 104.9944)",
}
NAMES_NAMING_NO_DISTRICT = {
    41: "'Khoun Keo Hospital': Khoun Keo is no district's name; it lies in Khounkham (LA1210), 650 m from the "
        "Khounkham Community Hospital (row 42)",
}
# Where a district has two OSM district hospitals, DH-<pcode> is the one with the Ministry's name form
# (ໂຮງໝໍຊຸມຊົນ/ໂຮງໝໍເມືອງ, "Community Hospital", "District Hospital"), then the earlier row; the other DH-<pcode>-2.
MINISTRY_DISTRICT_HOSPITAL_NAME = re.compile(r"ໂຮງ(?:ໝ|ຫມ)ໍ ?(?:ເມືອງ|ຊຸມຊົນ)|Community Hospital|District Hospital")
# Districts whose polygon holds no OSM district, provincial or central hospital: each gets one proxy.
EXPECTED_DISTRICTS_WITHOUT_OSM_HOSPITAL = ["LA1405"]  # Vapy, Salavan (as the PROVENANCE says)
# Where this build disagrees with the derived CSV's columns, by row (the build fails on any other difference).
EXPECTED_CSV_DIFFERENCES = {
    607: "the CSV makes Mittaphap Hospital a duplicate of the Radiotherapy Center (row 79, 309 m away, both its "
         "'central_hospital_or_centre'); here a central hospital and a national centre are different institutions, "
         "so both are kept",
}
CSV_TIER_GUESS = {
    "central_hospital": "central_hospital_or_centre", "national_rehabilitation_centre": "central_hospital_or_centre",
    "national_specialised_centre": "central_hospital_or_centre", "provincial_hospital_annex": "provincial_hospital",
    "thai_side": "thai_side_or_thai_name",
}

REGIONS = [
    {"id": "bolikhamxay-khammouane", "name": "Bolikhamxay and Khammouane", "provinces": ["LA11", "LA12"]},
    {"id": "north", "name": "North", "provinces": [f"LA{n:02d}" for n in range(2, 10)]},
    {"id": "national", "name": "National", "provinces": [f"LA{n:02d}" for n in range(1, 19)]},
]

GEOD = Geod(ellps="WGS84")


class BuildError(Exception):
    """A check on the inputs or the outputs failed; the message says which."""


def require(condition, message):
    if not condition:
        raise BuildError(message)


# --------------------------------------------------------------------------- command line

def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Build GeoData/laos/ from geodata-raw/.")
    parser.add_argument("--raw", type=Path, help="the geodata-raw folder (default: $GEODATA_RAW, "
                        "<repo>/../shared/geodata-raw, /work/shared/geodata-raw, the first that exists)")
    parser.add_argument("--out", type=Path, default=SCRIPT_DIR / "laos",
                        help="output folder (default: GeoData/laos next to this script)")
    return parser.parse_args(argv)


def find_raw_dir(explicit):
    """The --raw folder, else the first default that exists; exit 2 naming what was tried."""
    if explicit is not None:
        candidates = [explicit]
    else:
        candidates = [Path(os.environ["GEODATA_RAW"])] if os.environ.get("GEODATA_RAW") else []
        candidates += [REPO_DIR.parent / "shared" / "geodata-raw", Path("/work/shared/geodata-raw")]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = "\n".join(f"  {c}" for c in candidates)
    print(f"build_laos.py: error: no geodata-raw folder found. Tried:\n{tried}\n"
          "Pass --raw DIR or set GEODATA_RAW.", file=sys.stderr)
    sys.exit(2)


def warn_if_versions_differ_from_pins():
    """Other library versions may change the output bytes; say so instead of failing."""
    installed = {"shapely": shapely.__version__, "pyproj": pyproj.__version__, "numpy": numpy.__version__}
    for line in (SCRIPT_DIR / "requirements.txt").read_text().splitlines():
        name, _, pinned = line.strip().partition("==")
        if name in installed and installed[name] != pinned:
            print(f"build_laos.py: warning: {name} {installed[name]} is installed, {pinned} is pinned; "
                  "the output may differ from the committed files.", file=sys.stderr)


# --------------------------------------------------------------------------- raw inputs

def expected_sha256(provenance_text, file_name):
    """The one sha256 that PROVENANCE.md gives on a line naming the file."""
    hashes = {h for line in provenance_text.splitlines() if file_name in line
              for h in re.findall(r"\b[0-9a-f]{64}\b", line)}
    require(len(hashes) == 1, f"PROVENANCE.md gives {len(hashes)} sha256 values for {file_name}, expected 1")
    return hashes.pop()


def verify_input(raw_dir, relative_path):
    path = raw_dir / relative_path
    require(path.is_file(), f"missing raw input {path}")
    provenance = (path.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    expected = expected_sha256(provenance, path.name)
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    require(actual == expected, f"{path}: sha256 is {actual}, but its PROVENANCE.md says {expected}; "
                                "the raw data changed, so the build stops")


def read_features(raw_dir, relative_path):
    with open(raw_dir / relative_path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def read_csv_rows(raw_dir, relative_path):
    with open(raw_dir / relative_path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def pcode_for_lsb_code(lsb_code):
    return LSB_CODE_EXCEPTIONS.get(lsb_code, "LA" + lsb_code)


def read_lsb_table(raw_dir):
    """{(district pcode, year): row} from the tidy LSB table, with figures as ints."""
    table = {}
    for row in read_csv_rows(raw_dir, LSB_TABLE_FILE):
        pcode = pcode_for_lsb_code(row["lsb_district_code"])
        require(pcode == row["pcode"], f"LSB table: code {row['lsb_district_code']} has pcode {row['pcode']}, expected {pcode}")
        figures = {key: int(row[key]) for key in ("population", *TARGET_GROUPS)}
        table[(pcode, int(row["year"]))] = {**row, **figures}
    return table


def read_codab_names(raw_dir):
    """COD-AB province names {pcode: (en, lo)} and Lao district names {pcode: lo}."""
    provinces = {f["properties"]["ADM1_PCODE"]: (f["properties"]["ADM1_EN"], f["properties"]["ADM1_LO"])
                 for f in read_features(raw_dir, CODAB_ADM1_FILE)}
    districts = {}
    for relative_path in CODAB_ADM2_FILES:
        for feature in read_features(raw_dir, relative_path):
            districts[feature["properties"]["ADM2_PCODE"]] = feature["properties"]["ADM2_LO"]
    return provinces, districts


def read_geonames(raw_dir):
    places = []
    for row in read_csv_rows(raw_dir, GEONAMES_FILE):
        places.append({"geonameid": int(row["geonameid"]), "name": row["name"],
                       "population": int(row["population"]),
                       "point": rounded_point(float(row["lon"]), float(row["lat"]))})
    return places


# --------------------------------------------------------------------------- geometry

def rounded_point(lon, lat):
    return Point(round(lon, DECIMALS), round(lat, DECIMALS))


def rounded_polygon(rings):
    """A GeoJSON Polygon's rings rounded to 7 decimals, exterior counter-clockwise, holes clockwise."""
    rounded = [[(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring] for ring in rings]
    return orient(Polygon(rounded[0], rounded[1:]), sign=1.0)


def shipped_geometry(geometry, label):
    """The geometry exactly as it will be written; every later computation uses this one."""
    if geometry["type"] == "Polygon":
        shape = rounded_polygon(geometry["coordinates"])
    elif geometry["type"] == "MultiPolygon":
        shape = MultiPolygon([rounded_polygon(part) for part in geometry["coordinates"]])
    else:
        raise BuildError(f"{label}: unexpected geometry type {geometry['type']}")
    # Rounding moves vertices by up to 5e-8 degrees, which could in principle fold a ring.
    require(shape.is_valid, f"{label}: polygon is invalid after rounding: {explain_validity(shape)}")
    return shape


def geometry_json(shape):
    """GeoJSON geometry of a rounded Point, Polygon or MultiPolygon."""
    def polygon_rings(polygon):
        return [[list(xy) for xy in ring.coords] for ring in (polygon.exterior, *polygon.interiors)]

    if isinstance(shape, Point):
        return {"type": "Point", "coordinates": [shape.x, shape.y]}
    if isinstance(shape, Polygon):
        return {"type": "Polygon", "coordinates": polygon_rings(shape)}
    return {"type": "MultiPolygon", "coordinates": [polygon_rings(p) for p in shape.geoms]}


def geodesic_metres(a, b):
    return GEOD.inv(a.x, a.y, b.x, b.y)[2]


class DistrictLocator:
    """Which district polygon contains a point (the polygons neither overlap nor leave gaps)."""

    def __init__(self, districts):
        self.pcodes = [d["pcode"] for d in districts]
        self.shapes = [d["shape"] for d in districts]
        self.tree = STRtree(self.shapes)

    def pcodes_containing(self, point):
        return sorted(self.pcodes[i] for i in self.tree.query(point) if self.shapes[i].contains(point))

    def pcode_containing(self, point, label):
        found = self.pcodes_containing(point)
        require(len(found) == 1, f"{label}: the point {point.x} {point.y} lies in {len(found)} district polygons, expected 1")
        return found[0]


# --------------------------------------------------------------------------- admin units

def village_code_key(code):
    """Village codes are digit strings of 6 or 7 digits: order them as numbers."""
    return int(code)


def build_districts(raw_dir, lsb, lao_district_names, village_counts):
    districts = []
    for feature in read_features(raw_dir, DISTRICTS_FILE):
        source = feature["properties"]
        pcode = source["pcode"]
        lsb_code = "%04d" % source["lsb_district_code"]
        require(pcode_for_lsb_code(lsb_code) == pcode, f"{pcode}: LSB code {lsb_code} does not map to it")
        latest = lsb[(pcode, POPULATION_YEAR)]
        require(latest["population"] == source["pop_2023"], f"{pcode}: LSB table and district layer disagree on 2023 population")
        properties = {
            "pcode": pcode,
            "name_en": source["gb_shapeName"],
            "name_lo": lao_district_names.get(pcode),
            "name_lsb": latest["lsb_district_name"],
            "lsb_district_code": lsb_code,
            "province_pcode": source["province_pcode"],
            "province_en": source["province_en"],
            "population": latest["population"],
            "population_year": POPULATION_YEAR,
            **{f"population_{year}": lsb[(pcode, year)]["population"] for year in YEARS},
            **{group: latest[group] for group in TARGET_GROUPS},
            "village_count": village_counts.get(pcode, 0),
        }
        districts.append({"pcode": pcode, "properties": properties,
                          "shape": shipped_geometry(feature["geometry"], f"district {pcode}")})
    districts.sort(key=lambda d: d["pcode"])
    require(len(districts) == EXPECTED_COUNTS["districts"], f"{len(districts)} districts, expected 148")
    require(sum(d["properties"]["name_lo"] is not None for d in districts) == len(lao_district_names),
            "a COD-AB ADM2 P-code matches no district")
    return districts


def build_provinces(raw_dir, districts, codab_provinces):
    provinces = []
    for feature in read_features(raw_dir, PROVINCES_FILE):
        source = feature["properties"]
        pcode = source["province_pcode"]
        members = [d["properties"] for d in districts if d["properties"]["province_pcode"] == pcode]
        name_en, name_lo = codab_provinces[pcode]
        properties = {
            "pcode": pcode,
            "name_en": name_en,
            "name_lo": name_lo,
            "population": sum(m["population"] for m in members),
            "population_year": POPULATION_YEAR,
            **{f"population_{year}": sum(m[f"population_{year}"] for m in members) for year in YEARS},
            **{group: sum(m[group] for m in members) for group in TARGET_GROUPS},
            "district_count": len(members),
            "village_count": sum(m["village_count"] for m in members),
        }
        # The derived layer carries the same totals: a cheap cross-check of the grouping.
        require((properties["population"], properties["district_count"], properties["village_count"])
                == (source["pop_2023"], source["district_count"], source["odm_village_count"]),
                f"province {pcode}: totals disagree with {PROVINCES_FILE}")
        provinces.append({"pcode": pcode, "properties": properties,
                          "shape": shipped_geometry(feature["geometry"], f"province {pcode}")})
    provinces.sort(key=lambda p: p["pcode"])
    require(len(provinces) == EXPECTED_COUNTS["provinces"], f"{len(provinces)} provinces, expected 18")
    return provinces


# --------------------------------------------------------------------------- villages

def read_villages(raw_dir):
    """ODM village points with their own codes, kept as the source gives them."""
    villages = []
    for feature in read_features(raw_dir, VILLAGES_FILE):
        source = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        villages.append({"village_code": str(source["uuid"]), "name": source["uucne"],
                         "district_pcode": "LA%04d" % source["usid"],
                         "province_pcode": "LA%02d" % source["urid"],
                         "point": rounded_point(lon, lat)})
    villages.sort(key=lambda v: village_code_key(v["village_code"]))
    require(len(villages) == EXPECTED_COUNTS["villages"], f"{len(villages)} villages, expected 8,499")
    require(len({v["village_code"] for v in villages}) == len(villages), "duplicate village codes")
    return villages


def villages_by_district(villages):
    """{district pcode: villages in ascending village code}."""
    groups = {}
    for village in villages:  # already sorted by code
        groups.setdefault(village["district_pcode"], []).append(village)
    return groups


def equal_shares(total, count):
    """Split an integer total into `count` integer shares that add up to it exactly.

    Each share is floor(total / count); the largest-remainder rule then gives the rest one
    by one, and as every share has the same fractional remainder the first ones get it.
    """
    base, remainder = divmod(total, count)
    return [base + 1 if i < remainder else base for i in range(count)]


def estimate_village_figures(districts, groups):
    """Share each district's 2023 LSB figures equally among its villages (by district code)."""
    for district in districts:
        members = groups[district["pcode"]]
        for key in ("population", *TARGET_GROUPS):
            total = district["properties"][key]
            for village, share in zip(members, equal_shares(total, len(members))):
                village[key] = share
            require(sum(v[key] for v in members) == total, f"{district['pcode']}: village {key} does not add up")


def village_feature(village):
    properties = {
        "village_code": village["village_code"],
        "name": village["name"],
        "district_pcode": village["district_pcode"],
        "province_pcode": village["province_pcode"],
        "population": village["population"],
        **{group: village[group] for group in TARGET_GROUPS},
        "population_year": POPULATION_YEAR,
        "population_estimated": True,
    }
    return feature_json(properties, village["point"])


# --------------------------------------------------------------------------- facilities: OpenStreetMap

LAO_SCRIPT = re.compile(r"[\u0E80-\u0EFF]")
COMPILED_RULES = [(rule, kinds, re.compile(pattern, re.MULTILINE), cls) for rule, kinds, cls, pattern in FACILITY_RULES]


def is_latin(text):
    """True when every letter of the text is a Latin letter (accents allowed)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def read_osm_rows(raw_dir):
    """The packed rows of hospitals.la.js, [name, lat, lng, kind, englishName|0, hasEmergency], as dicts."""
    text = (raw_dir / OSM_FACILITIES_FILE).read_text(encoding="utf-8")
    match = re.search(r"^export const HOSPITAL_ROWS_LA = (\[.*\]);\s*$", text, re.MULTILINE | re.DOTALL)
    require(match is not None, f"{OSM_FACILITIES_FILE}: no 'export const HOSPITAL_ROWS_LA = [...];'")
    packed = json.loads(match.group(1))
    require(len(packed) == OSM_ROW_COUNT, f"{OSM_FACILITIES_FILE}: {len(packed)} rows, expected {OSM_ROW_COUNT}")
    rows = []
    for number, row in enumerate(packed, start=1):
        require(len(row) == 6 and isinstance(row[0], str) and row[3] in ANY_KIND
                and (row[4] == 0 or isinstance(row[4], str)) and row[5] in (0, 1)
                and all(isinstance(x, (int, float)) for x in row[1:3]),
                f"{OSM_FACILITIES_FILE}: row {number} is not [name, lat, lng, kind, englishName|0, hasEmergency]: {row}")
        name, lat, lng, kind, english, _ = row
        rows.append({"row": number, "raw_name": name.strip(), "english": english.strip() if english else None,
                     "kind": kind, "point": Point(lng, lat)})
    return rows


def classify(row):
    """(rule, class) of the first FACILITY_RULES row that matches."""
    text = row["raw_name"] + ("\n" + row["english"] if row["english"] else "")
    for rule, kinds, pattern, cls in COMPILED_RULES:
        if row["kind"] in kinds and pattern.search(text):
            return rule, cls
    raise BuildError(f"row {row['row']}: no facility rule matches")  # the catch-all makes this unreachable


def osm_names(raw_name, english):
    """(name_lo, name_en) from OSM's name and English name, by script."""
    texts = [t for t in (raw_name, english) if t]
    name_lo = next((t for t in texts if LAO_SCRIPT.search(t)), None)
    name_en = next((t for t in (english, raw_name) if t and is_latin(t)), None)
    return name_lo, name_en


def duplicate_tier_key(site):
    key = FACILITY_CLASSES[site["class"]][4]
    return ("rule", site["rule"]) if key == "rule" else key


def same_site(a, b):
    """The PROVENANCE's duplicate rule: <= 350 m and the same name, English name or hospital tier."""
    if geodesic_metres(a["point"], b["point"]) > OSM_DUPLICATE_METRES:
        return False
    key = duplicate_tier_key(a)
    return (a["raw_name"] == b["raw_name"] or (a["english"] is not None and a["english"] == b["english"])
            or (key is not None and key == duplicate_tier_key(b)))


def read_osm_sites(raw_dir, locator):
    """The OSM rows in Laos, classified, one per site: (sites, dropped rows, merged pairs)."""
    sites, dropped = [], []
    for row in read_osm_rows(raw_dir):
        rule, cls = classify(row)
        found = locator.pcodes_containing(row["point"])
        require(len(found) <= 1, f"OSM row {row['row']} lies in {len(found)} district polygons")
        if cls == "thai_side" or not found:
            dropped.append((row, "Thai-script name" if cls == "thai_side" else "outside every district polygon"))
            continue
        name_lo, name_en = osm_names(row["raw_name"], row["english"])
        sites.append({**row, "rule": rule, "class": cls, "district_pcode": found[0],
                      "name_lo": name_lo, "name_en": name_en})
    # Group the rows that are the same site (transitively), then keep the earliest row of each group,
    # except that an annex (a provincial hospital's Mother & Child wing or vaccination room) is never kept
    # over its hospital and gives it no names.
    group_of = list(range(len(sites)))

    def root(i):
        while group_of[i] != i:
            i = group_of[i]
        return i

    for i, a in enumerate(sites):
        for j in range(i + 1, len(sites)):
            if same_site(a, sites[j]):
                group_of[root(j)] = root(i)
    groups = {}
    for i, site in enumerate(sites):
        groups.setdefault(root(i), []).append(site)
    kept, merged = [], []
    for members in groups.values():
        members.sort(key=lambda s: (s["class"] == "provincial_hospital_annex", s["row"]))
        keeper, others = members[0], members[1:]
        require(keeper["class"] != "provincial_hospital_annex",
                f"OSM row {keeper['row']} ({keeper['raw_name']}) is a provincial hospital annex with no hospital near it")
        for other in others:
            require(FACILITY_CLASSES[other["class"]][:2] == FACILITY_CLASSES[keeper["class"]][:2],
                    f"OSM rows {keeper['row']} and {other['row']} are one site but of classes "
                    f"{keeper['class']} and {other['class']}")
            if other["class"] != "provincial_hospital_annex":
                for key in ("name_lo", "name_en"):
                    if keeper[key] is None:
                        keeper[key] = other[key]
            merged.append((keeper, other))
        kept.append(keeper)
    kept.sort(key=lambda s: s["row"])
    merged.sort(key=lambda pair: pair[1]["row"])
    return kept, dropped, merged


def check_district_names(district_hospitals, districts):
    """Every OSM district hospital named "<district> Community/District Hospital" lies in that district.

    The rows that do not must be DISTRICT_NAME_EXCEPTIONS, those whose name names no district
    NAMES_NAMING_NO_DISTRICT.
    """
    def key(text):
        text = unicodedata.normalize("NFKD", re.sub(r"\(.*?\)", "", text)).lower()
        return "".join(c for c in text if "a" <= c <= "z").replace("x", "s")

    spellings = {d["pcode"]: {key(d["properties"]["name_en"]), key(d["properties"]["name_lsb"])} for d in districts}
    known = set().union(*spellings.values())
    disagreeing, unchecked = {}, []
    for site in district_hospitals:
        match = re.match(r"^(?:Muang|Meuang)?(.+?) (?:Community |District )?Hospital\b", site["name_en"] or "")
        if match is None or key(match.group(1)) not in known:
            unchecked.append(site)
        elif key(match.group(1)) not in spellings[site["district_pcode"]]:
            disagreeing[site["row"]] = site["district_pcode"]
    checked = len(district_hospitals) - len(unchecked)
    print(f"district-name check: {checked} of {len(district_hospitals)} OSM district hospitals name a district, "
          f"{checked - len(disagreeing)} of them lie in it")
    for site in unchecked:
        print(f"  names no district: row {site['row']}: {NAMES_NAMING_NO_DISTRICT.get(site['row'], 'NOT DOCUMENTED')}")
    for row, pcode in sorted(disagreeing.items()):
        print(f"  exception row {row} (in {pcode}): {DISTRICT_NAME_EXCEPTIONS.get(row, 'NOT DOCUMENTED')}")
    require(sorted(s["row"] for s in unchecked) == sorted(NAMES_NAMING_NO_DISTRICT),
            f"OSM district hospitals whose name names no district: rows {sorted(s['row'] for s in unchecked)}, "
            f"documented: rows {sorted(NAMES_NAMING_NO_DISTRICT)}")
    require(sorted(disagreeing) == sorted(DISTRICT_NAME_EXCEPTIONS),
            f"OSM district hospitals that do not lie in the district they name: rows {sorted(disagreeing)}, "
            f"documented exceptions: rows {sorted(DISTRICT_NAME_EXCEPTIONS)}")


def cross_check_with_csv(raw_dir, sites, dropped, merged):
    """Compare tier, district, in-Laos and duplicate with the derived CSV; only documented differences pass."""
    def tier_guess(site):
        return CSV_TIER_GUESS.get(site["class"], site["class"])

    ours = {s["row"]: (tier_guess(s), "True", s["district_pcode"], "") for s in sites}
    for keeper, other in merged:
        ours[other["row"]] = (tier_guess(other), "True", other["district_pcode"], str(keeper["row"]))
    for row, _ in dropped:
        ours[row["row"]] = (CSV_TIER_GUESS["thai_side"], "False", None, "")
    differences = {}
    for csv_row in read_csv_rows(raw_dir, OSM_CROSS_CHECK_FILE):
        row = int(csv_row["fid"])
        theirs = (csv_row["tier_guess"], csv_row["in_laos"], csv_row["district_pcode"] or None,
                  csv_row["probable_duplicate_of"])
        mine = ours.pop(row, None)
        if mine is not None and mine[1] == "False":
            theirs = theirs[:2] + (None,) + theirs[3:]  # a dropped row's district is not compared
        if mine != theirs:
            differences[row] = (theirs, mine)
    require(not ours, f"rows {sorted(ours)} are missing from {OSM_CROSS_CHECK_FILE}")
    print(f"cross-check with {OSM_CROSS_CHECK_FILE} (tier_guess, in_laos, district_pcode, probable_duplicate_of): "
          f"{len(differences)} rows differ")
    for row, (theirs, mine) in sorted(differences.items()):
        print(f"  row {row}: CSV {theirs}, here {mine}: {EXPECTED_CSV_DIFFERENCES.get(row, 'NOT DOCUMENTED')}")
    require(sorted(differences) == sorted(EXPECTED_CSV_DIFFERENCES),
            f"rows that differ from {OSM_CROSS_CHECK_FILE}: {sorted(differences)}, "
            f"documented: {sorted(EXPECTED_CSV_DIFFERENCES)}")


# --------------------------------------------------------------------------- facilities: the layers

def tier_defaults(standards_text):
    """{tier: {"provides": [...], "services": [...]}} read back from the tiers block of the standards text."""
    defaults, section, tier = {}, None, None
    for line in standards_text.splitlines():
        if line and not line.startswith((" ", "#")):
            section = line.rstrip(":")
        elif section == "tiers" and (m := re.fullmatch(r"  (\w+):", line)):
            tier = m.group(1)
            defaults[tier] = {}
        elif section == "tiers" and (m := re.fullmatch(r"    (provides|services): \[(.*)\]", line)):
            defaults[tier][m.group(1)] = [s.strip() for s in m.group(2).split(",")]
    for tier in TIER_ORDER:
        entry = defaults.get(tier, {})
        require(set(entry) == {"provides", "services"}, f"standards: tier {tier} lacks provides or services")
        upward = TIER_ORDER[::-1]
        require(entry["provides"] == upward[:upward.index(tier) + 1],
                f"standards: {tier} provides {entry['provides']}, expected its own package and those below it")
        require(entry["services"] == [s for s in SERVICE_ORDER if s in entry["services"]],
                f"standards: {tier} services {entry['services']} are not in SERVICE_ORDER")
    return defaults


def facility(facility_id, name, tier, point, district_pcode, source, *, name_lo=None, name_en=None,
             services=None, care_packages=None, osm_row=None, proxy_rule=None, geonames_id=None,
             village_code=None, category=None):
    """One facility record, its properties in the order of the published schema."""
    record = {
        "facility_id": facility_id,
        "name": name,
        "name_lo": name_lo,
        "name_en": name_en,
        "tier": tier,
        "subtype": None,  # district hospital type A/B: no source gives it
        "services": services,
        "care_packages": care_packages,
        "capacity": None,
        "district_pcode": district_pcode,
        "province_pcode": district_pcode[:4],
        "source": source,
        "osm_row": osm_row,
        "proxy_rule": proxy_rule,
        "geonames_id": geonames_id,
        "village_code": village_code,
        "point": point,
    }
    if category is not None:
        record["category"] = category
    return record


def osm_facility(site, facility_id, category=None):
    _, tier, packages, services, _ = FACILITY_CLASSES[site["class"]]
    return facility(facility_id, site["name_en"] or site["name_lo"] or site["raw_name"], tier, site["point"],
                    site["district_pcode"], "osm", name_lo=site["name_lo"], name_en=site["name_en"],
                    services=None if services is None else list(services),
                    care_packages=None if packages is None else list(packages), osm_row=site["row"],
                    category=category)


def most_populous_place_inside(places, shape):
    """The most populous GeoNames place with population > 0 inside the polygon (ties: lowest id)."""
    inside = [p for p in places if p["population"] > 0 and shape.contains(p["point"])]
    return min(inside, key=lambda p: (-p["population"], p["geonameid"]), default=None)


def nearest_village(point, members):
    """The village nearest to the point by WGS 84 geodesic distance (ties: lowest code)."""
    return min(members, key=lambda v: (geodesic_metres(point, v["point"]), village_code_key(v["village_code"])))


def proxy_district_hospital(district, places, members):
    pcode = district["pcode"]
    name = f"{district['properties']['name_en']} District Hospital"
    missing = "No OSM district, provincial or central hospital in the district polygon"
    place = most_populous_place_inside(places, district["shape"])
    if place is not None:
        rule = (f"{missing}: placed at the most populous GeoNames place inside it, "
                f"GeoNames {place['geonameid']} {place['name']} (population {place['population']}).")
        return facility(f"DH-{pcode}", name, "district_hospital", place["point"], pcode, "proxy",
                        proxy_rule=rule, geonames_id=place["geonameid"])
    anchor = district["shape"].representative_point()
    village = nearest_village(anchor, members)
    rule = (f"{missing} and no GeoNames place with population inside it: placed at village "
            f"{village['village_code']} {village['name']}, the district's village nearest to the polygon's "
            f"representative point.")
    return facility(f"DH-{pcode}", name, "district_hospital", village["point"], pcode, "proxy",
                    proxy_rule=rule, village_code=village["village_code"])


def allocate_health_centres(districts):
    """{pcode: number of health centres}, shared in proportion to village counts.

    Largest-remainder rule with at least one per district; exact fractions keep it deterministic.
    """
    village_total = sum(d["properties"]["village_count"] for d in districts)
    quota = {d["pcode"]: Fraction(HEALTH_CENTRE_TOTAL * d["properties"]["village_count"], village_total)
             for d in districts}
    allocation = {pcode: max(1, q.numerator // q.denominator) for pcode, q in quota.items()}
    left = HEALTH_CENTRE_TOTAL - sum(allocation.values())
    require(0 <= left <= len(districts), f"health centre allocation cannot share {left} remaining")
    by_remainder = sorted(quota, key=lambda pcode: (-(quota[pcode] - allocation[pcode]), pcode))
    for pcode in by_remainder[:left]:
        allocation[pcode] += 1
    require(sum(allocation.values()) == HEALTH_CENTRE_TOTAL, "health centres do not add up to 894")
    for district in districts:
        require(allocation[district["pcode"]] <= district["properties"]["village_count"],
                f"{district['pcode']}: more health centres than villages")
    return allocation


def farthest_point_villages(starts, members, count):
    """Pick `count` villages, each the one farthest (geodesic) from the start points and the picks so far."""
    remaining = list(members)  # ascending village code
    nearest = [min(geodesic_metres(s, v["point"]) for s in starts) for v in remaining]
    picked = []
    for _ in range(count):
        # max() returns the first of equal values, so ties go to the lowest village code
        best = max(range(len(remaining)), key=nearest.__getitem__)
        picked.append(remaining.pop(best))
        nearest.pop(best)
        nearest = [min(d, geodesic_metres(picked[-1]["point"], v["point"])) for d, v in zip(nearest, remaining)]
    return picked


def health_centres(district, osm_centres, starts, members, expected):
    """The district's OSM health centres (by row), then proxies up to the expected number."""
    pcode = district["pcode"]
    require(max(expected, len(osm_centres)) <= 99, f"{pcode}: more than 99 health centres do not fit the two-digit id")
    centres = [osm_facility(site, f"HC-{pcode}-{n:02d}") for n, site in enumerate(osm_centres, start=1)]
    missing = max(0, expected - len(osm_centres))
    for k, village in enumerate(farthest_point_villages(starts, members, missing), start=1):
        rule = (f"Proxy {k} of {missing}: OSM has {len(osm_centres)} of the {expected} health centres expected for "
                f"the district (894 shared by village count), so this one is placed at village "
                f"{village['village_code']} {village['name']} by farthest-point sampling from the district's "
                f"{len(starts)} hospital and OSM health-centre points.")
        centres.append(facility(f"HC-{pcode}-{len(osm_centres) + k:02d}", f"{village['name']} Health Centre",
                                "health_centre", village["point"], pcode, "proxy", proxy_rule=rule,
                                village_code=village["village_code"]))
    return centres


def sorted_by_tier(records):
    return sorted(records, key=lambda f: (TIER_ORDER.index(f["tier"]), f["facility_id"]))


def build_facilities(districts, groups, places, sites, defaults):
    """(facilities, facilities_other, allocation): the public system with proxies, and the other OSM sites."""
    by_class = {}
    for site in sites:
        by_class.setdefault(site["class"], []).append(site)
    main = []
    # Central hospitals, CH-01… by name; the national rehabilitation centre NC-01.
    centrals = sorted(by_class.get("central_hospital", []), key=lambda s: osm_facility(s, "")["name"])
    require(len(centrals) == 5, f"{len(centrals)} central hospitals in OSM, expected 5")
    main += [osm_facility(s, f"CH-{n:02d}") for n, s in enumerate(centrals, start=1)]
    rehabilitation = by_class.get("national_rehabilitation_centre", [])
    require(len(rehabilitation) == 1, f"{len(rehabilitation)} national rehabilitation centres in OSM, expected 1")
    main.append(osm_facility(rehabilitation[0], "NC-01"))
    # Provincial hospitals: exactly one per province but Vientiane Capital.
    provincial = {}
    for site in by_class.get("provincial_hospital", []):
        province = site["district_pcode"][:4]
        require(province not in provincial, f"two OSM provincial hospitals in {province}: rows "
                                            f"{provincial.get(province, {}).get('row')} and {site['row']}")
        provincial[province] = site
    expected_provinces = sorted({d["pcode"][:4] for d in districts} - {"LA01"})
    require(sorted(provincial) == expected_provinces, f"OSM provincial hospitals in {sorted(provincial)}, "
                                                      f"expected one in each of {expected_provinces}")
    main += [osm_facility(site, f"PH-{province}") for province, site in sorted(provincial.items())]
    # District hospitals: OSM's (DH-<pcode>, a second one DH-<pcode>-2), a proxy where no hospital is in the polygon.
    district_sites = by_class.get("district_hospital", [])
    check_district_names(district_sites, districts)
    per_district = {}
    for site in district_sites:
        per_district.setdefault(site["district_pcode"], []).append(site)
    for pcode, members in sorted(per_district.items()):
        members.sort(key=lambda s: (MINISTRY_DISTRICT_HOSPITAL_NAME.search(f"{s['raw_name']}\n{s['english'] or ''}") is None,
                                    s["row"]))
        main += [osm_facility(s, f"DH-{pcode}" + (f"-{n}" if n > 1 else "")) for n, s in enumerate(members, start=1)]
    with_hospital = {f["district_pcode"] for f in main if f["care_packages"] is None}
    without = [d for d in districts if d["pcode"] not in with_hospital]
    require([d["pcode"] for d in without] == EXPECTED_DISTRICTS_WITHOUT_OSM_HOSPITAL,
            f"districts without an OSM hospital: {[d['pcode'] for d in without]}, "
            f"expected {EXPECTED_DISTRICTS_WITHOUT_OSM_HOSPITAL}")
    main += [proxy_district_hospital(d, places, groups[d["pcode"]]) for d in without]
    # Health centres: OSM's, then proxies up to the expectation, away from every existing point of the district.
    allocation = allocate_health_centres(districts)
    osm_centres = {}
    for site in by_class.get("health_centre", []):
        osm_centres.setdefault(site["district_pcode"], []).append(site)
    centres = []
    for district in districts:
        pcode = district["pcode"]
        starts = [f["point"] for f in main if f["district_pcode"] == pcode and f["care_packages"] is None]
        starts += [s["point"] for s in osm_centres.get(pcode, [])]
        require(starts, f"{pcode}: no hospital to start the health-centre proxies from")
        centres += health_centres(district, osm_centres.get(pcode, []), starts, groups[pcode], allocation[pcode])
    main += centres
    # The Oudomxay rehabilitation medicine centre, a proxy at the OSM provincial hospital's point.
    rc_id, rc_name, host_id = OUDOMXAY_REHABILITATION
    host = next(f for f in main if f["facility_id"] == host_id)
    main.append(facility(rc_id, rc_name, "provincial_hospital", host["point"], host["district_pcode"], "proxy",
                         services=["rehabilitation"], care_packages=[],
                         proxy_rule=f"No OSM point: placed at the point of the OSM {host['name']} ({host_id}, "
                                    f"hospitals.la.js row {host['osm_row']})."))
    # Services beyond the tier's defaults: an explicit full list.
    for record in main:
        extra = EXTRA_SERVICES.get(record["facility_id"])
        if extra is not None:
            require(record["services"] is None, f"{record['facility_id']} has services already")
            wanted = set(defaults[record["tier"]]["services"]) | set(extra)
            record["services"] = [s for s in SERVICE_ORDER if s in wanted]
    main = sorted_by_tier(main)
    require(len({f["facility_id"] for f in main}) == len(main), "facility ids are not unique")
    # The other OSM sites, OT-<nnn> by row.
    others = sorted_by_tier([osm_facility(s, f"OT-{s['row']:03d}", category=s["class"])
                             for s in sites if FACILITY_CLASSES[s["class"]][0] == "other"])
    require(all(o["category"] in OTHER_CATEGORIES for o in others), "an unknown category in facilities_other")
    return main, others, allocation


def facility_feature(record):
    properties = {key: value for key, value in record.items() if key != "point"}
    return feature_json(properties, record["point"])


def report_osm(dropped, merged):
    print(f"OSM rows dropped ({len(dropped)}):")
    for row, reason in dropped:
        print(f"  row {row['row']} {row['raw_name']!r} at {row['point'].y}, {row['point'].x}: {reason}")
    print(f"OSM rows merged into the kept record of the same site ({len(merged)}):")
    for keeper, other in merged:
        metres = geodesic_metres(keeper["point"], other["point"])
        print(f"  row {other['row']} {other['raw_name']!r} -> row {keeper['row']} {keeper['raw_name']!r} ({metres:.0f} m)")


def report_counts(name, records):
    """Counts by tier (or category) and source: nationally, in Bolikhamxay–Khammouane and in the north."""
    regions = [("national", None), *((r["id"], set(r["provinces"])) for r in REGIONS if r["id"] != "national")]
    order = TIER_ORDER + OTHER_CATEGORIES
    keys = sorted({(r.get("category") or r["tier"], r["source"]) for r in records}, key=lambda k: (order.index(k[0]), k[1]))
    print(f"{name}: {len(records)} features")
    for key in keys:
        counts = [sum(1 for r in records if (r.get("category") or r["tier"], r["source"]) == key
                      and (members is None or r["province_pcode"] in members)) for _, members in regions]
        print(f"  {key[0]:<34} {key[1]:<6} " + "  ".join(f"{label} {n}" for (label, _), n in zip(regions, counts)))


# --------------------------------------------------------------------------- output

def feature_json(properties, shape):
    return {"type": "Feature", "properties": properties, "geometry": geometry_json(shape)}


def admin_feature(unit):
    return feature_json(unit["properties"], unit["shape"])


def feature_collection_text(features):
    """RFC 7946 FeatureCollection, one feature per line so that git diffs stay readable."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def regions_text():
    return json.dumps({"regions": REGIONS}, ensure_ascii=False, indent=2) + "\n"


# Coverage standards: the defaults of `coverage` when a run names no --max-km/--max-minutes.
# Every value is an ASSUMPTION made for this toolkit, not an official Lao standard; GeoData/README.md
# gives the reasoning for each. Kept here so that every file of GeoData/laos comes from this script.
STANDARDS_TEXT = """\
# Coverage standards for GeoData/laos: the defaults of `coverage` when a run names no limits.
# Written by GeoData/build_laos.py. Every value is an assumption, not an official Lao standard:
# GeoData/README.md gives the reasoning. Limits are inclusive (covered <=> cost <= limit); a list
# evaluates several limits in one run. Times = geodesic km x detour_factor / speed. Per tier:
# capacity = the population one facility can serve where the facility layer gives none
# (capacity-limited coverage); provides = the care packages a facility of the tier provides (a higher
# tier provides the packages below it: a village next to a district hospital has primary care), where
# the layer's care_packages is null; services = the services a facility of the tier offers when its
# layer lists none (services null). travel = how a standard's minutes are measured: raster (over the
# friction raster of its mode: walking, or motorized for motorbike and car) or straight (the
# travel_model below); `coverage --travel raster|straight` switches every standard. Walking is
# measured over friction_walking.tif: land cover, water and paths change a walk far more than a
# detour factor can. Motorbike and car stay straight: friction_motorized.tif knows only the main
# roads of 2014, so off them it walks, and it would halve the people within an hour of a district
# hospital for want of the minor roads and tracks it lacks (GeoData/README.md, "Which travel model").
travel_model:
  detour_factor: 1.4
  speeds_kmh:
    walking: 4
    motorbike: 30
    car: 40
friction:
  walking: friction_walking.tif
  motorized: friction_motorized.tif
tiers:
  health_centre:
    max_km: [5]
    max_minutes: [60]
    mode: walking
    travel: raster
    capacity: 5000
    provides: [health_centre]
    services: [epi, delivery]
  district_hospital:
    max_km: [20]
    max_minutes: [60]
    mode: motorbike
    travel: straight
    capacity: 50000
    provides: [health_centre, district_hospital]
    services: [epi, cold_chain, delivery]
  provincial_hospital:
    max_km: [60]
    max_minutes: [120]
    mode: car
    travel: straight
    capacity: 500000
    provides: [health_centre, district_hospital, provincial_hospital]
    services: [epi, cold_chain, delivery, surgery]
  central_hospital:
    max_km: [250]
    max_minutes: [360]
    mode: car
    travel: straight
    capacity: 8000000
    provides: [health_centre, district_hospital, provincial_hospital, central_hospital]
    services: [epi, cold_chain, delivery, surgery]
services:
  epi:
    max_km: [5]
    max_minutes: [60]
    mode: walking
    travel: raster
  cold_chain:
    max_km: [20]
    max_minutes: [60]
    mode: motorbike
    travel: straight
  delivery:
    max_km: [5]
    max_minutes: [60]
    mode: walking
    travel: raster
  surgery:
    max_km: [60]
    max_minutes: [120]
    mode: car
    travel: straight
  rehabilitation:
    max_km: [100]
    max_minutes: [120, 240, 480]
    mode: car
    travel: straight
  maintenance_workshop:
    max_km: [150]
    max_minutes: [240]
    mode: car
    travel: straight
"""


def write_atomically(path, text):
    """Write to a temporary file in the same folder, then rename over the target."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes the file private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- checks

def check_totals(districts, villages):
    national = sum(v["population"] for v in villages)
    require(national == NATIONAL_POPULATION_2023, f"national village population is {national}, expected 7,545,667")
    require(sum(d["properties"]["population"] for d in districts) == NATIONAL_POPULATION_2023,
            "district populations do not add up to 7,545,667")


def report_village_anomalies(villages, locator):
    """Print (not fix) villages whose point is not in their own district's polygon."""
    elsewhere = outside = 0
    for village in villages:
        found = locator.pcodes_containing(village["point"])
        if not found:
            outside += 1
        elif village["district_pcode"] not in found:
            elsewhere += 1
    print(f"villages kept with their source codes: {elsewhere} lie in another district's polygon, "
          f"{outside} outside every district polygon")


# --------------------------------------------------------------------------- main

def build(raw_dir):
    """All outputs as {file name: text}; nothing is written until everything has been checked."""
    for relative_path in ALL_INPUTS:
        verify_input(raw_dir, relative_path)
    lsb = read_lsb_table(raw_dir)
    codab_provinces, lao_district_names = read_codab_names(raw_dir)
    villages = read_villages(raw_dir)
    groups = villages_by_district(villages)
    village_counts = {pcode: len(members) for pcode, members in groups.items()}
    districts = build_districts(raw_dir, lsb, lao_district_names, village_counts)
    require(sorted(groups) == [d["pcode"] for d in districts], "village district codes differ from the district P-codes")
    provinces = build_provinces(raw_dir, districts, codab_provinces)
    estimate_village_figures(districts, groups)
    check_totals(districts, villages)
    locator = DistrictLocator(districts)
    report_village_anomalies(villages, locator)
    places = read_geonames(raw_dir)
    sites, dropped, merged = read_osm_sites(raw_dir, locator)
    report_osm(dropped, merged)
    cross_check_with_csv(raw_dir, sites, dropped, merged)
    facilities, others, allocation = build_facilities(districts, groups, places, sites, tier_defaults(STANDARDS_TEXT))
    osm_only = [f for f in facilities if f["source"] == "osm"]
    print(f"health centres expected per district (894 shared by village count): "
          f"min {min(allocation.values())}, max {max(allocation.values())}")
    for name, records in (("facilities.geojson", facilities), ("facilities_osm.geojson", osm_only),
                          ("facilities_other.geojson", others)):
        report_counts(name, records)
    return {
        "provinces.geojson": feature_collection_text([admin_feature(p) for p in provinces]),
        "districts.geojson": feature_collection_text([admin_feature(d) for d in districts]),
        "villages.geojson": feature_collection_text([village_feature(v) for v in villages]),
        "facilities.geojson": feature_collection_text([facility_feature(f) for f in facilities]),
        "facilities_osm.geojson": feature_collection_text([facility_feature(f) for f in osm_only]),
        "facilities_other.geojson": feature_collection_text([facility_feature(f) for f in others]),
        "regions.json": regions_text(),
        "standards.yaml": STANDARDS_TEXT,
    }


def main(argv=None):
    arguments = parse_arguments(argv)
    raw_dir = find_raw_dir(arguments.raw)
    warn_if_versions_differ_from_pins()
    try:
        outputs = build(raw_dir)
    except BuildError as error:
        print(f"build_laos.py: error: {error}", file=sys.stderr)
        return 1
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        write_atomically(arguments.out / name, text)
    try:
        verify_input(raw_dir, build_friction.ROADS_FILE)
        for line in build_friction.build(raw_dir, arguments.out):
            print(line)
    except (BuildError, build_friction.FrictionError) as error:
        print(f"build_laos.py: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(list(outputs) + list(build_friction.OUTPUTS))} to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
