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
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from province_cut import cut  # noqa: E402


def main() -> None:
    _, districts, villages, facilities = cut("LA11", 7, "bolikhamxay", "Bolikhamxay", HERE)
    print(f"{len(districts)} districts, {len(villages)} villages, {len(facilities)} facilities")


if __name__ == "__main__":
    main()
