#!/usr/bin/env python3
"""Writes the corpus of bad layer sets for `coverage layers validate|summary` (standard library only).

Run from the repository root: python3 Tests/CoverageCLITests/Fixtures/layers-bad/make_layers_bad.py
Each file is the good fixture layer of ../../../CoverageCoreTests/Fixtures/layers (5 villages, 5
facilities, 3 districts, 2 provinces) with bad features appended, or a whole bad document; bad-set/
is a data folder with an error in every layer. Expected output: LayersCommandBadInputTests.swift.
Re-running the script rewrites every file identically.
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.normpath(os.path.join(HERE, "..", "..", "..", "CoverageCoreTests", "Fixtures", "layers"))


def good(name):
    lines = open(os.path.join(GOOD, name), encoding="utf-8").read().splitlines()[1:-1]
    return [line.rstrip(",") for line in lines]


def collection(features):
    return '{"type": "FeatureCollection", "features": [\n' + ",\n".join(features) + "\n]}\n"


def feature(properties, geometry):
    return json.dumps({"type": "Feature", "properties": properties, "geometry": geometry}, ensure_ascii=False)


def point(x, y):
    return {"type": "Point", "coordinates": [x, y]}


def square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def village(code, geometry=None, **changes):
    properties = {"village_code": code, "name": "B. Test", "district_pcode": "LA1101", "province_pcode": "LA11", "population": 100}
    properties.update(changes)
    return feature(properties, point(103.75, 18.75) if geometry is None else geometry)


def facility(fid, geometry=None, **changes):
    properties = {"facility_id": fid, "name": "Test Health Centre", "tier": "health_centre", "subtype": None, "services": ["epi"],
                  "capacity": None, "district_pcode": "LA1101", "province_pcode": "LA11", "source": "test"}
    properties.update(changes)
    return feature(properties, point(103.75, 18.75) if geometry is None else geometry)


def district(pcode, geometry=None, **changes):
    properties = {"pcode": pcode, "name_en": "Extra", "province_pcode": "LA12", "population": 10}
    properties.update(changes)
    return feature(properties, square(105, 17, 106, 18) if geometry is None else geometry)


def write(name, data, mode="w"):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, bytes):
        with open(path, "wb") as handle:
            handle.write(data)
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)


V, F, D, P = good("villages.geojson"), good("facilities.geojson"), good("districts.geojson"), good("provinces.geojson")

# Villages (--villages FILE over the good set).
write("villages-duplicate-id.geojson", collection(V + [village("1101002"), village("1101009")]))
write("villages-bad-population.geojson", collection(V + [
    village("1101009", population="n/a"), village("1101010", population=None), village("1101011", population=-5),
    village("1101012", population=12.5)]))
swapped = []
for line in V:
    value = json.loads(line)
    x, y = value["geometry"]["coordinates"]
    value["geometry"]["coordinates"] = [y, x]
    swapped.append(json.dumps(value, ensure_ascii=False))
write("villages-swapped.geojson", collection(swapped))
write("villages-wrong-geometry.geojson", collection(V + [
    village("1101009", square(103.7, 18.7, 103.8, 18.8)),
    village("1101010", {"type": "MultiPoint", "coordinates": [[103.7, 18.7], [103.8, 18.8]]}),
    village("1101011", {"type": "Point", "coordinates": []}),
    feature({"village_code": "1101012", "name": "B. Test", "district_pcode": "LA1101", "population": 1}, None),
    village("1101013", {"type": "Point", "coordinates": ["103.7", 18.7]})]))
write("villages-out-of-range.geojson", collection(V + [village("1101009", point(500000, 2000000)), village("1101010", point(18.75, 103.75))]))
write("villages-codes.geojson", collection(V + [
    village("1101009", district_pcode="LA1103"), village("1101010", province_pcode="LA19"),
    village("1101011", point(105.1, 18.5), district_pcode=None), village("1101012", province_pcode="LA12"),
    village("1101013", point(104.1, 18.5))]))
# UTM zone 48N metres of the five fixture villages (pyproj 3.7.2, EPSG:4326 → EPSG:32648, always_xy).
write("villages-utm48n.csv",
      "village_code,name,district_pcode,province_pcode,population,x,y\n"
      "1101001,B. One,LA1101,LA11,1000,341645.065,2046162.872\n"
      "1101002,B. Two,LA1101,LA11,500,314979.943,2018729.987\n"
      "1102001,B. Three,LA1102,LA11,800,447219.331,2045578.114\n"
      "1201001,B. Four,LA1201,LA12,1200,393838.601,1935147.502\n"
      "1201002,B. Five,LA1201,LA12,300,234177.254,1908932.154\n")
write("villages-bad-coordinates.csv",
      "village_code,name,district_pcode,province_pcode,population,lon,lat\r\n"
      "1101001,B. One,LA1101,LA11,1000,103.5,18.5\r\n"
      "1101002,B. Two,LA1101,LA11,500,,\r\n"
      "1102001,B. Three,LA1102,LA11,800,NaN,18.5\r\n"
      "1201001,B. Four,LA1201,LA12,1200,\"104,0\",17.5\r\n"
      "1201002,B. Five,LA1201,LA12,-300,102.5,17.25\r\n")
write("villages-latin1.csv", "village_code,name,district_pcode,province_pcode,population,lon,lat\n"
      "1101001,B. Caf\u00e9,LA1101,LA11,1000,103.5,18.5\n".encode("latin-1"))
write("villages-truncated.geojson", collection(V)[:300])
write("villages-empty.geojson", "")
write("villages-topojson.geojson", '{"type": "Topology", "objects": {}, "arcs": []}\n')

# Facilities.
write("facilities-vocabulary.geojson", collection(F + [
    facility("HC-9", tier="helth centre"), facility("HC-10", services=["epi", "surgry"]),
    facility("DH-9", tier="district_hospital", subtype="C"), facility("HC-11", capacity=-10),
    facility("HC-12", subtype="B"), facility("HC-13", services=5)]))
write("facilities-dhis2.json", json.dumps({"organisationUnits": [
    {"id": "hDn5Kk1Vb8S", "name": "Ban Don Health Center", "level": 4, "parent": {"id": "dPk1101aZx7", "name": "1101 Pakxan"},
     "geometry": {"type": "Point", "coordinates": [103.8874433, 18.3019276]},
     "organisationUnitGroups": [{"id": "gHealthC001", "name": "Health Center"}]},
    {"id": "hNk8Jj2Cc6T", "name": "Ban Nakhan Health Center", "level": 4, "parent": {"id": "dPk1101aZx7", "name": "1101 Pakxan"},
     "organisationUnitGroups": [{"id": "gHealthC001", "name": "Health Center"}]},
    {"id": "pHb4Ls8Kd2M", "name": "Bolikhamxay Provincial Hospital", "level": 4,
     "geometry": {"type": "Point", "coordinates": [103.6611, 18.3942]},
     "organisationUnitGroups": [{"id": "gProvHosp01", "name": "Province Hospitals"}]},
]}, indent=1) + "\n")

# Districts and provinces.
bow_tie = {"type": "Polygon", "coordinates": [[[105, 17], [106, 18], [106, 17], [105, 18], [105, 17]]]}
write("districts-bow-tie.geojson", collection(D + [district("LA1202", bow_tie)]))
write("districts-geometry.geojson", collection(D + [
    district("LA1202", point(105.5, 17.5)), district("LA1203", {"type": "Polygon", "coordinates": []}),
    district("LA1204", {"type": "Polygon", "coordinates": [[[105, 17], [106, 17], [106, 18], [105, 18]]]}),
    district("LA1205", province_pcode=None)]))
write("provinces-bad-population.geojson", collection(P + [
    feature({"pcode": "LA13", "name_en": "Thirteen", "population": -2, "population_2020": "n/a"}, square(105, 17, 106, 18))]))

# Other inputs.
write("regions-not-json.json", '{"regions": [\n  {"id": "eleven", "provinces": ["LA11"],}\n]}\n')
write("mapping-unknown-role.yaml", "villages:\n  id: village_code\n  populaton: population\n")

# Issue 15: the silent wrong numbers, as a user hit them.
# The facilities in the wrong UTM zone: their lon/lat taken to EPSG:32647 metres and the metres read
# back as EPSG:32648 (pyproj 3.7.2, always_xy): the zones are congruent, so each point moves 6° east,
# 380–580 km outside the districts.
wrong_zone = {"CH-01": 108.6, "PH-LA11": 109.6, "DH-LA1102": 110.5, "HC-LA1201-01": 110.2, "HC-LA1101-01": 109.3}
shifted = []
for line in F:
    value = json.loads(line)
    value["geometry"]["coordinates"][0] = wrong_zone[value["properties"]["facility_id"]]
    shifted.append(json.dumps(value, ensure_ascii=False))
write("facilities-wrong-zone.geojson", collection(shifted))
# The central hospital without a location.
central = json.loads(F[0])
assert central["properties"]["facility_id"] == "CH-01"
central["geometry"] = None
write("facilities-central-no-location.geojson", collection([json.dumps(central, ensure_ascii=False)] + F[1:]))
# A village at (0, 0).
island = json.loads(V[1])
island["geometry"]["coordinates"] = [0, 0]
write("villages-null-island.geojson", collection(V[:1] + [json.dumps(island, ensure_ascii=False)] + V[2:]))
# A layer without features, for any layer.
write("no-features.geojson", '{"type": "FeatureCollection", "features": []}\n')
# LA1101's villages at 9 % of their people (1,000 → 90, 500 → 45), LA1102's at 75 times (800 → 60,000).
scaled = []
for line in V:
    value = json.loads(line)
    factor = {"LA1101": 0.09, "LA1102": 75}.get(value["properties"]["district_pcode"], 1)
    value["properties"]["population"] = round(value["properties"]["population"] * factor)
    scaled.append(json.dumps(value, ensure_ascii=False))
write("villages-scaled.geojson", collection(scaled))
# Twelve villages in a CSV (the five of the good set, seven more without people), and the same without
# the id column.
twelve = [
    "1101001,B. One,LA1101,LA11,1000,103.5,18.5", "1101002,B. Two,LA1101,LA11,500,103.25,18.25",
    "1102001,B. Three,LA1102,LA11,800,104.5,18.5", "1201001,B. Four,LA1201,LA12,1200,104.0,17.5",
    "1201002,B. Five,LA1201,LA12,300,102.5,17.25",
] + [f"12010{n:02d},B. Extra {n},LA1201,LA12,0,{102 + n * 0.25},17.75" for n in range(3, 10)]
write("villages-twelve.csv", "village_code,name,district_pcode,province_pcode,population,lon,lat\n" + "\n".join(twelve) + "\n")
write("villages-twelve-no-id.csv", "code,name,district_pcode,province_pcode,population,lon,lat\n" + "\n".join(twelve) + "\n")
# The first 25 villages of Thakhek (LA1201) in the shipped data, with their district's and province's
# names where the P-codes belong: run over GeoData/laos.
SHIPPED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "GeoData", "laos"))
def shipped(name):
    return json.load(open(os.path.join(SHIPPED, name), encoding="utf-8"))["features"]
district_names = {f["properties"]["pcode"]: f["properties"]["name_en"] for f in shipped("districts.geojson")}
province_names = {f["properties"]["pcode"]: f["properties"]["name_en"] for f in shipped("provinces.geojson")}
thakhek = [f for f in shipped("villages.geojson") if f["properties"]["district_pcode"] == "LA1201"][:25]
rows = ["village_code,name,district_pcode,province_pcode,population,lon,lat"]
for f in thakhek:
    p = f["properties"]
    lon, lat = f["geometry"]["coordinates"]
    rows.append(f'{p["village_code"]},{p["name"]},{district_names[p["district_pcode"]]},{province_names[p["province_pcode"]]},{p["population"]},{lon},{lat}')
write("villages-thakhek-names.csv", "\n".join(rows) + "\n")

# A data folder with an error in every layer.
write("bad-set/provinces.geojson", collection(P + [
    feature({"pcode": "LA11", "name_en": "Eleven again", "population": 1}, square(105, 17, 106, 18))]))
write("bad-set/districts.geojson", collection(D + [district("LA1202", province_pcode=None)]))
write("bad-set/villages.geojson", collection(V + [village("1101009", population=-1)]))
write("bad-set/facilities.geojson", collection(F + [facility("HC-9", services=["epi", "xray"])]))
shutil.copy(os.path.join(GOOD, "regions.json"), os.path.join(HERE, "bad-set", "regions.json"))
