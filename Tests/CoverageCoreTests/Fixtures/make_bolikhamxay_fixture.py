"""Cuts the golden Bolikhamxay fixture and computes its expected geodesic areas, once.

Run from the repository root with the project's virtual environment (pyproj, shapely):

    .venv/bin/python Tests/CoverageCoreTests/Fixtures/make_bolikhamxay_fixture.py

Reads (read-only) ../shared/geodata-raw/derived-lao-adm2-pcode-population/lao_adm2_geoboundaries_pcode_pop.geojson
and writes, next to this script:

- bolikhamxay_districts.geojson: the 7 districts with province_pcode LA11, features, properties and
  coordinates unchanged (Python's float repr round-trips, so every coordinate is the same double),
  top-level "type", "name" and "crs" (CRS84) kept.
- bolikhamxay_districts_areas_pyproj.json: for each district, in file order, its pcode and its geodesic
  area on WGS 84 from pyproj's Geod(ellps="WGS84").geometry_area_perimeter, in km² (absolute value:
  pyproj signs the area by ring orientation).
"""
import json
import pathlib
import sys

import pyproj
import shapely
from shapely.geometry import shape

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = ROOT.parent / "shared/geodata-raw/derived-lao-adm2-pcode-population/lao_adm2_geoboundaries_pcode_pop.geojson"


def main() -> None:
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    features = [f for f in source["features"] if f["properties"].get("province_pcode") == "LA11"]
    if len(features) != 7:
        sys.exit(f"expected 7 Bolikhamxay districts, found {len(features)}")
    layer = {"type": source["type"], "name": "bolikhamxay_districts", "crs": source["crs"], "features": features}
    (HERE / "bolikhamxay_districts.geojson").write_text(
        json.dumps(layer, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    geod = pyproj.Geod(ellps="WGS84")
    areas = []
    for feature in features:
        area_m2, _perimeter_m = geod.geometry_area_perimeter(shape(feature["geometry"]))
        areas.append({"pcode": feature["properties"]["pcode"], "area_km2": abs(area_m2) / 1e6})
    expected = {
        "produced_by": "Tests/CoverageCoreTests/Fixtures/make_bolikhamxay_fixture.py",
        "method": 'pyproj.Geod(ellps="WGS84").geometry_area_perimeter(shapely.geometry.shape(geometry)), abs, / 1e6',
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "shapely": shapely.__version__,
        "districts": areas,
    }
    (HERE / "bolikhamxay_districts_areas_pyproj.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
