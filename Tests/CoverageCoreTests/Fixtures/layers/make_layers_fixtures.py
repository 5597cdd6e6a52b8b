#!/usr/bin/env python3
"""Writes the small hand-made layer set in this folder (standard library only).

Run from the repository root: python3 Tests/CoverageCoreTests/Fixtures/layers/make_layers_fixtures.py
Re-running it rewrites every file identically. See README.md for what each file holds.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def square(x0, y0, x1, y1):
    # Counter-clockwise exterior, closed.
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def point(x, y):
    return {"type": "Point", "coordinates": [x, y]}


def feature(properties, geometry):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_json(name, document):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type": "FeatureCollection", "features": [\n' if "features" in document else "")
        if "features" in document:
            handle.write(",\n".join(json.dumps(f, ensure_ascii=False) for f in document["features"]))
            handle.write("\n]}\n")
        else:
            handle.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_text(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


# Two provinces, three districts (1° squares and a 3° × 1° rectangle), nested exactly.
provinces = [
    feature({"pcode": "LA11", "name_en": "Eleven", "name_lo": None, "population": 2300, "population_year": 2023,
             "population_2022": 2250, "population_2023": 2300, "under5": 230, "births_live": 46, "women_15_49": 575},
            square(103, 18, 105, 19)),
    feature({"pcode": "LA12", "name_en": "Twelve", "name_lo": None, "population": 1500, "population_year": 2023,
             "population_2022": 1450, "population_2023": 1500, "under5": 150, "births_live": 30, "women_15_49": 375},
            square(102, 17, 105, 18)),
]
districts = [
    feature({"pcode": "LA1101", "name_en": "West Eleven", "name_lo": None, "province_pcode": "LA11", "population": 1500,
             "population_year": 2023, "population_2023": 1500, "under5": 150, "births_live": 30, "women_15_49": 375},
            square(103, 18, 104, 19)),
    feature({"pcode": "LA1102", "name_en": "East Eleven", "name_lo": None, "province_pcode": "LA11", "population": 800,
             "population_year": 2023, "population_2023": 800, "under5": 80, "births_live": 16, "women_15_49": 200},
            square(104, 18, 105, 19)),
    feature({"pcode": "LA1201", "name_en": "All Twelve", "name_lo": None, "province_pcode": "LA12", "population": 1500,
             "population_year": 2023, "population_2023": 1500, "under5": 150, "births_live": 30, "women_15_49": 375},
            square(102, 17, 105, 18)),
]


def village(code, name, district, province, population, x, y, estimated=True):
    return feature({"village_code": code, "name": name, "district_pcode": district, "province_pcode": province,
                    "population": population, "under5": population // 10, "births_live": population // 50,
                    "women_15_49": population // 4, "population_year": 2023, "population_estimated": estimated},
                   point(x, y))


villages = [
    village("1101001", "B. One", "LA1101", "LA11", 1000, 103.5, 18.5),
    village("1101002", "B. Two", "LA1101", "LA11", 500, 103.25, 18.25),
    village("1102001", "B. Three", "LA1102", "LA11", 800, 104.5, 18.5),
    village("1201001", "B. Four", "LA1201", "LA12", 1200, 104.0, 17.5),
    village("1201002", "B. Five", "LA1201", "LA12", 300, 102.5, 17.25),
]


def facility(fid, name, tier, subtype, services, capacity, district, province, x, y):
    return feature({"facility_id": fid, "name": name, "tier": tier, "subtype": subtype, "services": services,
                    "capacity": capacity, "district_pcode": district, "province_pcode": province, "source": "fixture"},
                   point(x, y))


facilities = [
    facility("CH-01", "Central Hospital", "central_hospital", None, ["epi", "surgery"], None, "LA1201", "LA12", 102.6, 17.96667),
    facility("PH-LA11", "Eleven Provincial Hospital", "provincial_hospital", None,
             ["surgery", "epi", "delivery", "cold_chain"], None, "LA1101", "LA11", 103.6, 18.4),
    facility("DH-LA1102", "East Eleven District Hospital", "district_hospital", "A", ["epi", "delivery"], 50000,
             "LA1102", "LA11", 104.5, 18.6),
    facility("HC-LA1201-01", "B. Four Health Centre", "health_centre", None, ["epi", "delivery"], None, "LA1201", "LA12", 104.2, 17.3),
    facility("HC-LA1101-01", "B. Two Health Centre", "health_centre", None, ["epi"], None, "LA1101", "LA11", 103.3, 18.7),
]

write_json("provinces.geojson", {"features": provinces})
write_json("districts.geojson", {"features": districts})
write_json("villages.geojson", {"features": villages})
write_json("facilities.geojson", {"features": facilities})
write_json("regions.json", {"regions": [
    {"id": "pair", "name": "Eleven and Twelve", "provinces": ["LA11", "LA12"]},
    {"id": "eleven", "name": "Eleven only", "provinces": ["LA11"]},
]})

# The same villages and facilities under other field names, for field mappings.
write_text("villages_other_names.csv",
           "vcode;vname;dist;prov;pop_2023;kids;x_deg;y_deg\n"
           "1101001;B. One;LA1101;LA11;1000;100;103.5;18.5\n"
           "1101002;B. Two;LA1101;LA11;500;50;103.25;18.25\n"
           "1102001;B. Three;LA1102;LA11;800;80;104.5;18.5\n"
           "1201001;B. Four;LA1201;LA12;1200;120;104.0;17.5\n"
           "1201002;B. Five;LA1201;LA12;300;30;102.5;17.25\n")
other_facilities = [
    feature({"fid": "CH-01", "label": "Central Hospital", "level": "CH", "kind": None, "offers": "epi;surgery",
             "beds_pop": None, "dcode": "LA1201", "pcode": "LA12"}, point(102.6, 17.96667)),
    feature({"fid": "PH-LA11", "label": "Eleven Provincial Hospital", "level": "PH", "kind": None,
             "offers": "surgery|epi|delivery|cold_chain", "beds_pop": None, "dcode": "LA1101", "pcode": "LA11"}, point(103.6, 18.4)),
    feature({"fid": "DH-LA1102", "label": "East Eleven District Hospital", "level": "DH", "kind": "a", "offers": "epi, delivery",
             "beds_pop": 50000, "dcode": "LA1102", "pcode": "LA11"}, point(104.5, 18.6)),
    feature({"fid": "HC-LA1201-01", "label": "B. Four Health Centre", "level": "HC", "kind": None, "offers": ["epi", "delivery"],
             "beds_pop": None, "dcode": "LA1201", "pcode": "LA12"}, point(104.2, 17.3)),
    feature({"fid": "HC-LA1101-01", "label": "B. Two Health Centre", "level": "Health Center", "kind": None, "offers": ["epi"],
             "beds_pop": None, "dcode": "LA1101", "pcode": "LA11"}, point(103.3, 18.7)),
]
write_json("facilities_other_names.geojson", {"features": other_facilities})
write_text("mapping.yaml",
           "# Field names of villages_other_names.csv and facilities_other_names.geojson\n"
           "villages:\n"
           "  id: vcode\n"
           "  name: vname\n"
           "  district: dist\n"
           "  province: prov\n"
           "  population: pop_2023\n"
           "  under5: kids\n"
           "  lon: x_deg\n"
           "  lat: y_deg\n"
           "facilities:\n"
           "  id: fid\n"
           "  name: label\n"
           "  tier: level\n"
           "  subtype: kind\n"
           "  services: offers\n"
           "  capacity: beds_pop\n"
           "  district: dcode\n"
           "  province: pcode\n"
           "  tier_values:\n"
           "    HC: health_centre\n"
           "    DH: district_hospital\n"
           "    PH: provincial_hospital\n"
           "    CH: central_hospital\n")
write_text("mapping_unknown_layer.yaml", "villages:\n  id: vcode\nvilages:\n  population: pop\n")
write_text("mapping_unknown_role.yaml", "villages:\n  id: vcode\n  populaton: pop_2023\n")
write_text("mapping_unknown_tier.yaml", "facilities:\n  tier: level\n  tier_values:\n    HC: health_center\n    DH: district_hospital\n")
write_text("mapping_role_of_other_layer.yaml", "villages:\n  tier: level\n")
write_text("mapping_not_yaml.yaml", "villages:\n  id: [vcode\n  name: vname\n")
write_text("mapping_list.yaml", "- villages\n- facilities\n")

# The districts again, in UTM zone 48N metres with no `crs` member (for --crs districts=EPSG:32648).
# Corners projected once with pyproj 3.7.2 (PROJ 9.5.1), rounded to the millimetre:
#   Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True).transform(lon, lat)
UTM = {
    (103, 18): (288239.730, 1991327.973), (104, 18): (394133.001, 1990471.052), (104, 19): (394745.868, 2101126.513),
    (103, 19): (289466.294, 2102024.097), (105, 18): (500000.000, 1990185.542), (105, 19): (500000.000, 2100827.452),
    (102, 17): (180548.447, 1882001.809), (105, 17): (500000.000, 1879555.036), (102, 18): (182293.886, 1992757.473),
}


def utm_square(x0, y0, x1, y1):
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return {"type": "Polygon", "coordinates": [[list(UTM[corner]) for corner in ring]]}


utm_districts = [feature(f["properties"], utm_square(*bounds))
                 for f, bounds in zip(districts, [(103, 18, 104, 19), (104, 18, 105, 19), (102, 17, 105, 18)])]
write_json("districts_utm48n.geojson", {"features": utm_districts})
