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

# A data folder with an error in every layer.
write("bad-set/provinces.geojson", collection(P + [
    feature({"pcode": "LA11", "name_en": "Eleven again", "population": 1}, square(105, 17, 106, 18))]))
write("bad-set/districts.geojson", collection(D + [district("LA1202", province_pcode=None)]))
write("bad-set/villages.geojson", collection(V + [village("1101009", population=-1)]))
write("bad-set/facilities.geojson", collection(F + [facility("HC-9", services=["epi", "xray"])]))
shutil.copy(os.path.join(GOOD, "regions.json"), os.path.join(HERE, "bad-set", "regions.json"))
