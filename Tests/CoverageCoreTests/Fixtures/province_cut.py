"""The province cut shared by the fixture scripts in catchments/ and coverage/: one province of
GeoData/laos (read-only) written as a complete data folder that `coverage --data` and
`LayerSources(dataDirectory:)` accept. Features, properties and coordinates are copied unchanged
(Python's float repr round-trips, so every coordinate is the same double), one feature per line as
in GeoData; regions.json holds one region; standards.yaml is a copy of GeoData's.
"""
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATA = ROOT / "GeoData" / "laos"


def read(name: str) -> list:
    return json.loads((DATA / name).read_text(encoding="utf-8"))["features"]


def write(folder: pathlib.Path, name: str, features: list) -> None:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    (folder / name).write_text(text, encoding="utf-8")


def cut(province: str, district_count: int, region_id: str, region_name: str, folder: pathlib.Path):
    """Writes the cut of `province` into `folder`; returns its provinces, districts, villages and facilities."""
    provinces = [f for f in read("provinces.geojson") if f["properties"]["pcode"] == province]
    districts = [f for f in read("districts.geojson") if f["properties"]["province_pcode"] == province]
    villages = [f for f in read("villages.geojson") if f["properties"]["province_pcode"] == province]
    facilities = [f for f in read("facilities.geojson") if f["properties"]["province_pcode"] == province]
    if len(provinces) != 1 or len(districts) != district_count:
        sys.exit(f"expected 1 province and {district_count} districts, found {len(provinces)} and {len(districts)}")
    for name, features in [("provinces.geojson", provinces), ("districts.geojson", districts),
                           ("villages.geojson", villages), ("facilities.geojson", facilities)]:
        write(folder, name, features)
    regions = {"regions": [{"id": region_id, "name": region_name, "provinces": [province]}]}
    (folder / "regions.json").write_text(json.dumps(regions, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(DATA / "standards.yaml", folder / "standards.yaml")
    return provinces, districts, villages, facilities
