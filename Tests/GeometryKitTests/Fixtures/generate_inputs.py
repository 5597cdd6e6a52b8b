#!/usr/bin/env python3
"""Writes the seeded inputs of the GeometryKit golden fixtures (see README.md).

Run from Tests/GeometryKitTests/Fixtures:  python3 generate_inputs.py
Deterministic: Python's Mersenne Twister with a fixed seed per file. Every value is written as
decimal text, which the reference tool and the Swift test both parse (correctly rounded).
"""
import json
import math
import random

SOURCE = "../../../../shared/geodata-raw/derived-lao-adm2-pcode-population/lao_adm2_geoboundaries_pcode_pop.geojson"
DISTRICTS = ["LA0104", "LA0101", "LA1601", "LA1204"]


def wrap(lon):
    """Longitude reduced to [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def deg(value):
    return f"{value:.13f}"


def geodesic_inverse(rng):
    rows = []
    for _ in range(30):  # ~1 m apart
        lat = rng.uniform(-80, 80); lon = rng.uniform(-180, 180)
        dlat = rng.uniform(-1, 1) * 9e-6; dlon = rng.uniform(-1, 1) * 9e-6 / math.cos(math.radians(lat))
        rows.append((lat, lon, lat + dlat, wrap(lon + dlon), "short"))
    for i in range(30):  # 1-150 km, half inside Laos
        if i % 2 == 0:
            lat = rng.uniform(13.9, 22.5); lon = rng.uniform(100.0, 107.7)
        else:
            lat = rng.uniform(-70, 70); lon = rng.uniform(-180, 180)
        rows.append((lat, lon, max(-90, min(90, lat + rng.uniform(-1, 1))), wrap(lon + rng.uniform(-1, 1)), "medium"))
    for _ in range(30):  # anywhere to anywhere
        lat1 = math.degrees(math.asin(rng.uniform(-1, 1))); lat2 = math.degrees(math.asin(rng.uniform(-1, 1)))
        rows.append((lat1, rng.uniform(-180, 180), lat2, rng.uniform(-180, 180), "long"))
    for i in range(30):  # near-antipodal, some on the equator, two exactly antipodal
        lat = rng.uniform(-60, 60) if i % 3 else rng.uniform(-0.5, 0.5)
        lon = rng.uniform(-180, 180)
        if i < 2:
            rows.append((lat, lon, -lat, wrap(lon + 180), "antipodal"))
        else:
            rows.append((lat, lon, -lat + rng.uniform(-0.5, 0.5), wrap(lon + 180 + rng.uniform(-0.5, 0.5)), "near-antipodal"))
    for i in range(30):  # at or near a pole
        sign = 1 if i % 2 == 0 else -1
        lat1 = sign * (90 if i < 6 else rng.uniform(89, 90))
        lat2 = sign * rng.uniform(80, 90) if i % 3 else math.degrees(math.asin(rng.uniform(-1, 1)))
        rows.append((lat1, rng.uniform(-180, 180), lat2, rng.uniform(-180, 180), "polar"))
    for i in range(30):  # along or near the equator
        lon1 = rng.uniform(-180, 180)
        dlon = [1e-5, 0.01, 1, 10, 90, 150, 170, 179, 179.5, 179.9][i % 10] * (1 if i % 2 == 0 else -1)
        lat1, lat2 = (0.0, 0.0) if i < 20 else (rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01))
        rows.append((lat1, lon1, lat2, wrap(lon1 + dlon), "equatorial"))
    for _ in range(30):  # crossing the antimeridian
        lat1 = rng.uniform(-75, 75)
        rows.append((lat1, rng.uniform(170, 180), lat1 + rng.uniform(-5, 5), rng.uniform(-180, -170), "antimeridian"))
    with open("geodesic-inverse.in", "w") as out:
        for lat1, lon1, lat2, lon2, label in rows:
            out.write(f"{deg(lat1)} {deg(lon1)} {deg(lat2)} {deg(lon2)} # {label}\n")


def geodesic_direct(rng):
    rows = []
    for _ in range(15):
        rows.append((rng.uniform(-80, 80), rng.uniform(-180, 180), rng.uniform(-180, 180), rng.uniform(0.5, 1.5), "short"))
    for _ in range(15):
        rows.append((rng.uniform(13.9, 22.5), rng.uniform(100.0, 107.7), rng.uniform(-180, 180), rng.uniform(1e3, 2e5), "medium"))
    for _ in range(15):
        rows.append((math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180), rng.uniform(-180, 180), rng.uniform(1e6, 2e7), "long"))
    for _ in range(15):  # beyond half the meridian: past the antipode, around the world
        rows.append((rng.uniform(-60, 60), rng.uniform(-180, 180), rng.uniform(-180, 180), rng.uniform(2.0e7, 4.5e7), "very-long"))
    for i in range(15):
        lat = (90 if i < 4 else rng.uniform(89, 90)) * (1 if i % 2 == 0 else -1)
        rows.append((lat, rng.uniform(-180, 180), rng.uniform(-180, 180), rng.uniform(1, 3e6), "polar"))
    for i in range(15):
        rows.append((0.0, rng.uniform(-180, 180), [90.0, -90.0, 0.0, 180.0, rng.uniform(-180, 180)][i % 5], rng.uniform(1, 2e7), "equatorial"))
    for _ in range(15):
        rows.append((rng.uniform(-75, 75), rng.uniform(175, 180), rng.uniform(30, 150), rng.uniform(1e5, 2e6), "antimeridian"))
    with open("geodesic-direct.in", "w") as out:
        for lat, lon, azi, s12, label in rows:
            out.write(f"{deg(lat)} {deg(lon)} {deg(azi)} {s12:.9f} # {label}\n")


def utm(rng):
    # Geographic points over Laos and its margins (both zones), for GeoConvert's standard zones
    # and for TransverseMercatorProj in each zone (whole country in one zone).
    with open("utm-geographic.in", "w") as out:
        for _ in range(60):
            out.write(f"{deg(rng.uniform(13.9, 22.5))} {deg(rng.uniform(100.0, 107.7))}\n")
    # Projected points: "zone easting northing" across the Laos part of each zone.
    with open("utm-projected.in", "w") as out:
        for zone, (emin, emax) in (("47n", (500_000, 900_000)), ("48n", (160_000, 800_000))):
            for _ in range(30):
                out.write(f"{zone} {rng.uniform(emin, emax):.6f} {rng.uniform(1_540_000, 2_490_000):.6f}\n")


def districts():
    source = json.load(open(SOURCE))
    chosen = {f["properties"]["pcode"]: f for f in source["features"] if f["properties"]["pcode"] in DISTRICTS}
    features = []
    with open("districts.in", "w") as out:
        for pcode in DISTRICTS:
            feature = chosen[pcode]
            geometry = feature["geometry"]
            assert geometry["type"] == "Polygon" and len(geometry["coordinates"]) == 1
            ring = geometry["coordinates"][0]
            assert ring[0] == ring[-1]
            for lon, lat in ring[:-1]:
                out.write(f"{lat!r} {lon!r}\n")
            out.write("\n")
            features.append({"type": "Feature",
                             "properties": {"pcode": pcode, "name": feature["properties"]["gb_shapeName"]},
                             "geometry": geometry})
        # A synthetic hole (a 0.03° square well inside LA1204 Hinboun), for the area of a polygon
        # with holes: Planimeter measures the hole as a fifth polygon.
        hole = [[104.53, 17.79], [104.53, 17.82], [104.56, 17.82], [104.56, 17.79], [104.53, 17.79]]
        for lon, lat in hole[:-1]:
            out.write(f"{lat!r} {lon!r}\n")
        out.write("\n")
        shell = chosen["LA1204"]["geometry"]["coordinates"][0]
        features.append({"type": "Feature", "properties": {"pcode": "LA1204", "name": "Hinboon with a synthetic hole"},
                         "geometry": {"type": "Polygon", "coordinates": [shell, hole]}})
    with open("districts.geojson", "w") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out)
        out.write("\n")


if __name__ == "__main__":
    geodesic_inverse(random.Random(7946))
    geodesic_direct(random.Random(4326))
    utm(random.Random(32648))
    districts()
