"""The rasters and layers of the `coverage traveltime` tests, written once and committed.

Run from this folder: python3 make_traveltime_fixtures.py (standard library; GDAL's command-line
tools gdal_translate and gdal_create from Debian's gdal-bin). Every raster is written as an ASCII
grid and converted by gdal_translate, so the GeoTIFFs the tests read are made by GDAL itself, not
by the code under test.

The grid: 40 columns x 30 rows of 100 m in UTM 48N (EPSG:32648), top-left corner (500000,
2000000). Walking at 5 km/h (0.72 s/m) in columns 0-19 and 3 km/h (1.2 s/m) in 20-39; a road at
60 km/h (0.06 s/m) along row 10; a river down column 25 (nodata) but for a bridge where the road
crosses it (row 10) and a ford at row 22 (3 km/h); a lake (rows 3-6, columns 5-8, nodata); a
ring of nodata (rows 23-27, columns 32-36) around a pocket of 9 cells nothing can reach.
"""

import json
import math
import os
import subprocess

COLUMNS, ROWS, CELL = 40, 30, 100.0
X0, Y0 = 500000.0, 2000000.0
NODATA = -9999


def ground(row, column):
    """'walk5', 'walk3', 'road', 'water' for a cell."""
    if row == 10:
        return "road"
    if column == 25 and row != 22:
        return "water"
    if 3 <= row <= 6 and 5 <= column <= 8:
        return "water"
    if 23 <= row <= 27 and 32 <= column <= 36 and (row in (23, 27) or column in (32, 36)):
        return "water"
    return "walk5" if column < 20 else "walk3"


FRICTION = {"walk5": 0.72, "walk3": 1.2, "road": 0.06, "water": None}
SPEED = {"walk5": 5, "walk3": 3, "road": 60, "water": None}
# The land cover under the road: what the ground would be without it (the road over the river is a bridge).
LAND_COVER = {"walk5": 1, "walk3": 2, "water": 0}


def land_cover(row, column):
    if row == 10:
        return 0 if column == 25 else (1 if column < 20 else 2)
    return LAND_COVER[ground(row, column)]


def ascii_grid(path, value, nodata=NODATA, x0=X0, y0=Y0, cell=CELL, columns=COLUMNS, rows=ROWS):
    lines = [
        f"ncols {columns}", f"nrows {rows}", f"xllcorner {x0}", f"yllcorner {y0 - rows * cell}", f"cellsize {cell}",
        f"NODATA_value {nodata}",
    ]
    for row in range(rows):
        cells = []
        for column in range(columns):
            v = value(row, column)
            cells.append(str(nodata) if v is None else repr(v))
        lines.append(" ".join(cells))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def geotiff(name, value, data_type="Float32", srs="EPSG:32648", nodata=NODATA, **grid):
    ascii_grid("tmp.asc", value, nodata=nodata, **grid)
    command = ["gdal_translate", "-q", "-ot", data_type, "-a_nodata", str(nodata)]
    if srs:
        command += ["-a_srs", srs]
    subprocess.run(command + ["tmp.asc", name], check=True)
    os.remove("tmp.asc")
    if os.path.exists("tmp.prj"):
        os.remove("tmp.prj")


def utm_to_lonlat(x, y):
    """UTM zone 48N to WGS 84 (Krüger series, as in Snyder's Map Projections, p. 63): exact to well
    under a millimetre here, and independent of PROJ, which the command uses."""
    a, f, k0 = 6378137.0, 1 / 298.257223563, 0.9996
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    lon0 = math.radians(105.0)
    m = y / k0
    mu = m / (a * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    phi1 = (mu + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu) + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
            + (151 * e1**3 / 96) * math.sin(6 * mu) + (1097 * e1**4 / 512) * math.sin(8 * mu))
    n1 = a / math.sqrt(1 - e2 * math.sin(phi1) ** 2)
    t1 = math.tan(phi1) ** 2
    c1 = ep2 * math.cos(phi1) ** 2
    r1 = a * (1 - e2) / (1 - e2 * math.sin(phi1) ** 2) ** 1.5
    d = (x - 500000.0) / (n1 * k0)
    lat = phi1 - (n1 * math.tan(phi1) / r1) * (d**2 / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
                                               + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720)
    lon = lon0 + (d - (1 + 2 * t1 + c1) * d**3 / 6 + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120) / math.cos(phi1)
    return round(math.degrees(lon), 9), round(math.degrees(lat), 9)


def centre(row, column):
    return utm_to_lonlat(X0 + (column + 0.5) * CELL, Y0 - (row + 0.5) * CELL)


def facility(identifier, name, tier, row, column):
    return {
        "type": "Feature",
        "properties": {"facility_id": identifier, "name": name, "tier": tier},
        "geometry": {"type": "Point", "coordinates": list(centre(row, column))},
    }


def write_json(name, document):
    with open(name, "w") as f:
        f.write(json.dumps(document, ensure_ascii=False) + "\n")


def main():
    geotiff("friction.tif", lambda r, c: FRICTION[ground(r, c)])
    geotiff("speed.tif", lambda r, c: SPEED[ground(r, c)])
    geotiff("landcover.tif", land_cover, data_type="Byte", nodata=255)
    geotiff("dem.tif", lambda r, c: 10.0 * r)
    geotiff("dem_shifted.tif", lambda r, c: 10.0 * r, x0=X0 + 50)
    geotiff("friction_no_crs.tif", lambda r, c: FRICTION[ground(r, c)], srs=None)
    geotiff("friction_zero.tif", lambda r, c: 0.0 if (r, c) == (12, 3) else FRICTION[ground(r, c)])
    # A geographic grid: 20 x 20 cells of 0.001 degrees at 18 N, uniform 0.72 s/m.
    geotiff("friction_geographic.tif", lambda r, c: 0.72, srs="EPSG:4326", x0=105.0, y0=18.0, cell=0.001, columns=20, rows=20)

    sources = [
        facility("HC-A", "Health centre A", "health_centre", 15, 5),
        facility("HC-B", "Health centre B", "health_centre", 20, 30),
        facility("DH-C", "District hospital C", "district_hospital", 2, 35),
    ]
    write_json("sources.geojson", {"type": "FeatureCollection", "features": sources})
    outside = sources + [
        facility("HC-LAKE", "Health centre in the lake", "health_centre", 4, 6),
        {"type": "Feature", "properties": {"facility_id": "HC-FAR", "name": "Health centre far away", "tier": "health_centre"},
         "geometry": {"type": "Point", "coordinates": [104.5, 18.5]}},
    ]
    write_json("sources_unusable.geojson", {"type": "FeatureCollection", "features": outside})
    geographic = [{"type": "Feature", "properties": {"facility_id": "HC-G", "name": "Geographic centre", "tier": "health_centre"},
                   "geometry": {"type": "Point", "coordinates": [105.0105, 17.9895]}}]
    write_json("sources_geographic.geojson", {"type": "FeatureCollection", "features": geographic})

    # Villages: at HC-A's cell, three cells east of it, in the walled pocket, outside the raster.
    def village(code, name, population, row, column):
        feature = facility(code, name, "health_centre", row, column)
        feature["properties"] = {"village_code": code, "name": name, "population": population}
        return feature

    villages = [village("V1", "At HC-A", 1000, 15, 5), village("V2", "East of HC-A", 250, 15, 8), village("V3", "In the pocket", 40, 25, 34)]
    villages.append({"type": "Feature", "properties": {"village_code": "V4", "name": "Far away", "population": 7},
                     "geometry": {"type": "Point", "coordinates": [104.5, 18.5]}})
    write_json("villages.geojson", {"type": "FeatureCollection", "features": villages})

    # The road along row 10, a vertex at every cell centre.
    road = [list(centre(10, c)) for c in range(COLUMNS)]
    write_json("roads.geojson", {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "primary"}, "geometry": {"type": "LineString", "coordinates": road}}]})
    write_json("roads_unknown_class.geojson", {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "track"}, "geometry": {"type": "LineString", "coordinates": road}}]})
    # A barrier polygon over rows 27-29, columns 0-3 (12 cells), its edges 10 m inside theirs.
    corners = [(X0 + 10, Y0 - 2700 - 10), (X0 + 400 - 10, Y0 - 2700 - 10), (X0 + 400 - 10, Y0 - 3000 + 10), (X0 + 10, Y0 - 3000 + 10)]
    ring = [list(utm_to_lonlat(x, y)) for x, y in corners + corners[:1]]
    ring.reverse()  # counter-clockwise in lon/lat, as RFC 7946 asks
    write_json("barriers.geojson", {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "closed area"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}]})

    with open("speeds.yaml", "w") as f:
        f.write("""# The speeds of the traveltime fixtures: land cover 0 water, 1 at 5 km/h, 2 at 3 km/h; primary roads at 60 km/h.
land_cover:
  0: {name: water, barrier: true}
  1: {name: open ground, speed_kmh: 5}
  2: {name: forest, speed_kmh: 3}
roads:
  field: highway
  speeds_kmh: {primary: 60}
""")


if __name__ == "__main__":
    main()
