#!/usr/bin/env python3
"""Build the shipped Laos data set (GeoData/laos/) from the raw layers in geodata-raw/.

    python GeoData/build_laos.py [--raw DIR] [--out DIR]

Writes provinces.geojson, districts.geojson, villages.geojson, facilities.geojson and
regions.json. The output is deterministic (same inputs and pinned libraries give the same
bytes), so the committed files can be checked by rebuilding and comparing. GeoData/README.md
describes every field, the sources and licences, what is estimated and what is a proxy.

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
ALL_INPUTS = [DISTRICTS_FILE, PROVINCES_FILE, LSB_TABLE_FILE, CODAB_ADM1_FILE,
              *CODAB_ADM2_FILES, VILLAGES_FILE, GEONAMES_FILE]

DECIMALS = 7
YEARS = range(2015, 2024)
POPULATION_YEAR = 2023
TARGET_GROUPS = ("under5", "births_live", "women_15_49")
NATIONAL_POPULATION_2023 = 7_545_667
EXPECTED_COUNTS = {"provinces": 18, "districts": 148, "villages": 8_499}

# The LSB/DHIS2 table codes Meun as 1011 ("Mun"); ODM and COD-AB code it 1013.
LSB_CODE_EXCEPTIONS = {"1011": "LA1013"}

# Proxy facility rules (see GeoData/README.md).
HEALTH_CENTRE_TOTAL = 894  # Ministry of Health count of health centres, 2013
CENTRAL_HOSPITAL_GEONAMEID = 1651944  # Vientiane
# Provincial capital per province: (province pcode, GeoNames name, geonameid where the name alone is not enough).
PROVINCIAL_CAPITALS = [
    ("LA02", "Phôngsali", None),
    ("LA03", "Luang Namtha", None),
    ("LA04", "Muang Xay", None),
    ("LA05", "Ban Houayxay", 1663526),
    ("LA06", "Luang Prabang", None),
    ("LA07", "Xam Nua", None),
    ("LA08", "Sainyabuli", None),
    ("LA09", "Muang Phônsavan", None),
    ("LA10", "Muang Phôn-Hông", None),
    ("LA11", "Pakxan", None),
    ("LA12", "Thakhèk", None),
    ("LA13", "Savannakhet", None),
    ("LA14", "Salavan", None),
    ("LA15", "Sekong", None),
    ("LA16", "Pakse", None),
    ("LA17", "Attapeu", None),
]
# Xaisomboun has no capital in the GeoNames extract: its provincial hospital shares the
# Anouvong district hospital's point. Vientiane Capital (LA01) has the central hospital instead.
PROVINCIAL_HOSPITAL_AT_DISTRICT_HOSPITAL = {"LA18": "LA1801"}
TIER_ORDER = ["central_hospital", "provincial_hospital", "district_hospital", "health_centre"]
SERVICE_ORDER = ["epi", "cold_chain", "delivery", "surgery", "rehabilitation", "maintenance_workshop"]
HOSPITAL_SERVICES = {"epi", "cold_chain", "delivery"}
REFERRAL_HOSPITAL_SERVICES = HOSPITAL_SERVICES | {"surgery"}
HEALTH_CENTRE_SERVICES = {"epi", "delivery"}
EXTRA_PROVINCIAL_SERVICES = {
    "LA04": {"rehabilitation"},  # Oudomxay rehabilitation medicine centre
    "LA11": {"maintenance_workshop"},
    "LA12": {"maintenance_workshop"},
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


# --------------------------------------------------------------------------- proxy facilities

def services_for(tier, province_pcode):
    if tier == "health_centre":
        services = HEALTH_CENTRE_SERVICES
    elif tier == "district_hospital":
        services = HOSPITAL_SERVICES
    elif tier == "central_hospital":
        services = REFERRAL_HOSPITAL_SERVICES | {"rehabilitation"}
    else:
        services = REFERRAL_HOSPITAL_SERVICES | EXTRA_PROVINCIAL_SERVICES.get(province_pcode, set())
    return [s for s in SERVICE_ORDER if s in services]


def facility(facility_id, name, tier, point, district_pcode, rule, geonames_id=None, village_code=None):
    return {
        "facility_id": facility_id,
        "name": name,
        "tier": tier,
        "subtype": None,  # district hospital type A/B is unknown for proxies
        "services": services_for(tier, district_pcode[:4]),
        "capacity": None,
        "district_pcode": district_pcode,
        "province_pcode": district_pcode[:4],
        "source": "proxy",
        "proxy_rule": rule,
        "geonames_id": geonames_id,
        "village_code": village_code,
        "point": point,
    }


def geonames_place(places, name, geonameid=None):
    """The one GeoNames row with this exact name (or id, where given)."""
    if geonameid is not None:
        matches = [p for p in places if p["geonameid"] == geonameid]
        require(len(matches) == 1 and matches[0]["name"] == name,
                f"GeoNames id {geonameid} should be the one row named {name!r}")
    else:
        matches = [p for p in places if p["name"] == name]
        require(len(matches) == 1, f"GeoNames name {name!r} matches {len(matches)} rows, expected 1")
    return matches[0]


def central_hospital(places, locator):
    place = geonames_place(places, "Vientiane", CENTRAL_HOSPITAL_GEONAMEID)
    district_pcode = locator.pcode_containing(place["point"], "central hospital")
    rule = f"Placed at GeoNames {place['geonameid']} {place['name']} (the capital), standing for the central hospitals there."
    return facility("CH-01", f"Central Hospital ({place['name']})", "central_hospital", place["point"],
                    district_pcode, rule, geonames_id=place["geonameid"])


def provincial_hospitals_at_capitals(places, provinces, locator):
    names = {p["pcode"]: p["properties"]["name_en"] for p in provinces}
    shapes = {p["pcode"]: p["shape"] for p in provinces}
    hospitals = []
    for province_pcode, place_name, geonameid in PROVINCIAL_CAPITALS:
        place = geonames_place(places, place_name, geonameid)
        require(shapes[province_pcode].contains(place["point"]),
                f"GeoNames {place['geonameid']} {place_name} lies outside province {province_pcode}")
        district_pcode = locator.pcode_containing(place["point"], f"provincial hospital {province_pcode}")
        require(district_pcode[:4] == province_pcode, f"PH-{province_pcode} lies in district {district_pcode}")
        rule = f"Placed at the provincial capital, GeoNames {place['geonameid']} {place['name']}."
        hospitals.append(facility(f"PH-{province_pcode}", f"{names[province_pcode]} Provincial Hospital",
                                  "provincial_hospital", place["point"], district_pcode, rule,
                                  geonames_id=place["geonameid"]))
    return hospitals


def provincial_hospitals_at_district_hospitals(provinces, district_hospitals, locator):
    names = {p["pcode"]: p["properties"]["name_en"] for p in provinces}
    by_district = {h["district_pcode"]: h for h in district_hospitals}
    hospitals = []
    for province_pcode, district_pcode in PROVINCIAL_HOSPITAL_AT_DISTRICT_HOSPITAL.items():
        host = by_district[district_pcode]
        point_district = locator.pcode_containing(host["point"], f"provincial hospital {province_pcode}")
        require(point_district[:4] == province_pcode, f"PH-{province_pcode} would lie outside its province")
        rule = (f"No provincial capital in the GeoNames extract: placed at the district hospital proxy "
                f"{host['facility_id']} ({host['name']}).")
        hospitals.append(facility(f"PH-{province_pcode}", f"{names[province_pcode]} Provincial Hospital",
                                  "provincial_hospital", host["point"], point_district, rule,
                                  geonames_id=host["geonames_id"], village_code=host["village_code"]))
    return hospitals


def most_populous_place_inside(places, shape):
    """The most populous GeoNames place with population > 0 inside the polygon (ties: lowest id)."""
    inside = [p for p in places if p["population"] > 0 and shape.contains(p["point"])]
    return min(inside, key=lambda p: (-p["population"], p["geonameid"]), default=None)


def nearest_village(point, members):
    """The village nearest to the point by WGS 84 geodesic distance (ties: lowest code)."""
    return min(members, key=lambda v: (geodesic_metres(point, v["point"]), village_code_key(v["village_code"])))


def district_hospital(district, places, members):
    pcode = district["pcode"]
    name = f"{district['properties']['name_en']} District Hospital"
    place = most_populous_place_inside(places, district["shape"])
    if place is not None:
        rule = (f"Placed at the most populous GeoNames place inside the district polygon, "
                f"GeoNames {place['geonameid']} {place['name']} (population {place['population']}).")
        return facility(f"DH-{pcode}", name, "district_hospital", place["point"], pcode, rule,
                        geonames_id=place["geonameid"])
    anchor = district["shape"].representative_point()
    village = nearest_village(anchor, members)
    rule = (f"No GeoNames place with population inside the district polygon: placed at village "
            f"{village['village_code']} {village['name']}, the district's village nearest to the polygon's "
            f"representative point.")
    return facility(f"DH-{pcode}", name, "district_hospital", village["point"], pcode, rule,
                    village_code=village["village_code"])


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


def farthest_point_villages(start, members, count):
    """Pick `count` villages, each the one farthest (geodesic) from the start and the picks so far."""
    remaining = list(members)  # ascending village code
    nearest = [geodesic_metres(start, v["point"]) for v in remaining]
    picked = []
    for _ in range(count):
        # max() returns the first of equal values, so ties go to the lowest village code
        best = max(range(len(remaining)), key=nearest.__getitem__)
        picked.append(remaining.pop(best))
        nearest.pop(best)
        nearest = [min(d, geodesic_metres(picked[-1]["point"], v["point"])) for d, v in zip(nearest, remaining)]
    return picked


def health_centres(district, hospital, members, count):
    pcode = district["pcode"]
    centres = []
    for sequence, village in enumerate(farthest_point_villages(hospital["point"], members, count), start=1):
        rule = (f"Health centre {sequence} of {count} for the district (894 shared by village count): placed at "
                f"village {village['village_code']} {village['name']} by farthest-point sampling from "
                f"{hospital['facility_id']}.")
        centres.append(facility(f"HC-{pcode}-{sequence:02d}", f"{village['name']} Health Centre", "health_centre",
                                village["point"], pcode, rule, village_code=village["village_code"]))
    return centres


def build_facilities(districts, provinces, groups, places, locator):
    district_hospitals = [district_hospital(d, places, groups[d["pcode"]]) for d in districts]
    allocation = allocate_health_centres(districts)
    centres = []
    for district, hospital in zip(districts, district_hospitals):
        require(allocation[district["pcode"]] <= 99,
                f"{district['pcode']}: more than 99 health centres do not fit the two-digit id")
        centres += health_centres(district, hospital, groups[district["pcode"]], allocation[district["pcode"]])
    facilities = [central_hospital(places, locator),
                  *provincial_hospitals_at_capitals(places, provinces, locator),
                  *provincial_hospitals_at_district_hospitals(provinces, district_hospitals, locator),
                  *district_hospitals, *centres]
    facilities.sort(key=lambda f: (TIER_ORDER.index(f["tier"]), f["facility_id"]))
    tiers = [f["tier"] for f in facilities]
    counts = [tiers.count(tier) for tier in TIER_ORDER]
    require(counts == [1, 17, 148, HEALTH_CENTRE_TOTAL] and len(facilities) == 1_060,
            f"facility counts per tier are {counts}, expected [1, 17, 148, 894]")
    return facilities, allocation


def facility_feature(record):
    properties = {key: value for key, value in record.items() if key != "point"}
    return feature_json(properties, record["point"])


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
# evaluates several limits in one run. Times = geodesic km x detour_factor / speed. capacity: the
# population one facility can serve where the facility layer gives none (capacity-limited coverage).
travel_model:
  detour_factor: 1.4
  speeds_kmh:
    walking: 4
    motorbike: 30
    car: 40
tiers:
  health_centre:
    max_km: [5]
    max_minutes: [60]
    mode: walking
    capacity: 5000
  district_hospital:
    max_km: [20]
    max_minutes: [60]
    mode: motorbike
    capacity: 50000
  provincial_hospital:
    max_km: [60]
    max_minutes: [120]
    mode: car
    capacity: 500000
  central_hospital:
    max_km: [250]
    max_minutes: [360]
    mode: car
    capacity: 8000000
services:
  epi:
    max_km: [5]
    max_minutes: [60]
    mode: walking
  cold_chain:
    max_km: [20]
    max_minutes: [60]
    mode: motorbike
  delivery:
    max_km: [5]
    max_minutes: [60]
    mode: walking
  surgery:
    max_km: [60]
    max_minutes: [120]
    mode: car
  rehabilitation:
    max_km: [100]
    max_minutes: [120, 240, 480]
    mode: car
  maintenance_workshop:
    max_km: [150]
    max_minutes: [240]
    mode: car
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
    facilities, allocation = build_facilities(districts, provinces, groups, places, locator)
    fallbacks = [f["district_pcode"] for f in facilities if f["tier"] == "district_hospital" and f["geonames_id"] is None]
    print(f"district hospitals at a village (no GeoNames place inside): {len(fallbacks)}")
    print(f"health centres per district: min {min(allocation.values())}, max {max(allocation.values())}")
    return {
        "provinces.geojson": feature_collection_text([admin_feature(p) for p in provinces]),
        "districts.geojson": feature_collection_text([admin_feature(d) for d in districts]),
        "villages.geojson": feature_collection_text([village_feature(v) for v in villages]),
        "facilities.geojson": feature_collection_text([facility_feature(f) for f in facilities]),
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
    print(f"wrote {', '.join(outputs)} to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
