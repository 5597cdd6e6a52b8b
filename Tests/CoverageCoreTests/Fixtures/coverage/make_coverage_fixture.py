"""Cuts the Bolikhamxay (LA11) coverage fixture from the shipped data, once.

Run from the repository root (standard library only):

    python3 Tests/CoverageCoreTests/Fixtures/coverage/make_coverage_fixture.py

Reads GeoData/laos (read-only) and writes, next to this script, a complete data folder that
`coverage --data` and `LayerSources(dataDirectory:)` accept:

- provinces.geojson: province LA11;
- districts.geojson: its 7 districts (province_pcode LA11);
- villages.geojson: the villages whose province_pcode is LA11;
- facilities.geojson: the facilities whose province_pcode is LA11 (so there is no central hospital and
  no rehabilitation: those targets have no facility in the fixture, on purpose);
- regions.json: one region, `bolikhamxay` (LA11);
- standards.yaml: a copy of GeoData/laos/standards.yaml.

Features, properties and coordinates are copied unchanged (Python's float repr round-trips, so every
coordinate is the same double), one feature per line as in GeoData. Re-running the script rewrites
every file identically.
"""
import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[3]
DATA = ROOT / "GeoData" / "laos"
PROVINCE = "LA11"


def read(name: str) -> list:
    return json.loads((DATA / name).read_text(encoding="utf-8"))["features"]


def write(name: str, features: list) -> None:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    (HERE / name).write_text(text, encoding="utf-8")


def main() -> None:
    provinces = [f for f in read("provinces.geojson") if f["properties"]["pcode"] == PROVINCE]
    districts = [f for f in read("districts.geojson") if f["properties"]["province_pcode"] == PROVINCE]
    villages = [f for f in read("villages.geojson") if f["properties"]["province_pcode"] == PROVINCE]
    facilities = [f for f in read("facilities.geojson") if f["properties"]["province_pcode"] == PROVINCE]
    if len(provinces) != 1 or len(districts) != 7:
        sys.exit(f"expected 1 province and 7 districts, found {len(provinces)} and {len(districts)}")
    write("provinces.geojson", provinces)
    write("districts.geojson", districts)
    write("villages.geojson", villages)
    write("facilities.geojson", facilities)
    regions = {"regions": [{"id": "bolikhamxay", "name": "Bolikhamxay", "provinces": [PROVINCE]}]}
    (HERE / "regions.json").write_text(json.dumps(regions, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(DATA / "standards.yaml", HERE / "standards.yaml")
    print(f"{len(districts)} districts, {len(villages)} villages, {len(facilities)} facilities")


if __name__ == "__main__":
    main()
