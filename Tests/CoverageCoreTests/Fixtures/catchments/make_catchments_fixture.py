"""Computes, independently of the Swift code, the catchment of every facility providing each tier's
care in the Xaisomboun (LA18) catchments fixture; with --cut, first cuts the fixture from the
shipped data.

Run from the repository root with a Python that has pyproj (3.7; e.g. .venv or
`python3 -m venv /tmp/venv-catchments && /tmp/venv-catchments/bin/pip install pyproj`):

    python Tests/CoverageCoreTests/Fixtures/catchments/make_catchments_fixture.py         # expected values
    python Tests/CoverageCoreTests/Fixtures/catchments/make_catchments_fixture.py --cut   # re-cut, then them

The committed layers are the cut of GeoData/laos as it was before issue 14 (commit 2c9e507: the
proxy facility layer); the expected values were recomputed for issue 14's care model from those
layers, without --cut. --cut reads GeoData/laos (read-only) and writes, next to this script:

- provinces.geojson, districts.geojson, villages.geojson, facilities.geojson: province LA18, its 5
  districts, the villages and the facilities whose province_pcode is LA18 (features copied
  unchanged, one per line; Python's float repr round-trips, so every coordinate is the same double);
- regions.json (one region, `xaisomboun`) and standards.yaml (a copy of GeoData's).

Either way it reads the fixture folder and writes:

- expected_catchments.json: per tier, per facility (in file order) the village codes it serves,
  their count and the sums of population, under5, births_live and women_15_49; per village its
  nearest facility and the geodesic distance in metres; and the geodesic area of the districts'
  union (km^2), which the catchment polygons must tile.

The expected values come from a brute-force search: pyproj.Geod(ellps="WGS84").inv from every
village to every facility providing the tier's care, the smallest distance winning and ties going to
the facility that comes first in the file (the rule CoverageAssignment documents). The care model of
issue 14: a facility provides a tier's care package when the package is in its `care_packages`, or,
when that is null or absent, in its tier's `provides` in standards.yaml, or, when the standards give
none (the fixture's copy predates them), when the package's tier is its own or below: district and
provincial hospitals provide health-centre care, central hospitals the provincial level. No code of
the toolkit is used. The script also prints, per tier, the smallest difference between a village's
nearest and second-nearest provider (how far the expected values are from a tie).
The area is pyproj's geometry_area_perimeter of each district polygon, summed (the districts do not
overlap). Re-running the script rewrites every file identically.
"""
import json
import pathlib
import sys

from pyproj import Geod
import pyproj
import yaml

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from province_cut import cut  # noqa: E402

PROVINCE = "LA18"
TIERS = ["health_centre", "district_hospital", "provincial_hospital"]
ALL_TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
GROUPS = ["population", "under5", "births_live", "women_15_49"]






def ring_area(geod, ring):
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    area, _ = geod.polygon_area_perimeter(lons, lats)
    return abs(area)


def polygon_area(geod, geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    total = 0.0
    for rings in polygons:
        total += ring_area(geod, rings[0]) - sum(ring_area(geod, hole) for hole in rings[1:])
    return total


def features(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))["features"]


def provides(facility, package, standards):
    """True when `facility` provides the care package of tier `package` (the rule in the docstring)."""
    properties = facility["properties"]
    packages = properties.get("care_packages")
    if packages is None:
        tier = properties["tier"]
        packages = standards["tiers"][tier].get("provides", ALL_TIERS[: ALL_TIERS.index(tier) + 1])
    return package in packages


def main():
    if "--cut" in sys.argv[1:]:
        cut(PROVINCE, 5, "xaisomboun", "Xaisomboun", HERE)
    districts, villages, facilities = features("districts.geojson"), features("villages.geojson"), features("facilities.geojson")
    standards = yaml.safe_load((HERE / "standards.yaml").read_text(encoding="utf-8"))

    geod = Geod(ellps="WGS84")
    expected = {
        "source": "make_catchments_fixture.py: pyproj.Geod(ellps='WGS84').inv brute force over the facilities providing "
                  "each tier's care package (issue 14's care model), ties to the first facility in file order",
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "province": PROVINCE,
        "villages": len(villages),
        "country_area_km2": sum(polygon_area(geod, f["geometry"]) for f in districts) / 1e6,
        "tiers": {},
    }
    for tier in TIERS:
        providers = [f for f in facilities if provides(f, tier, standards)]
        served = {f["properties"]["facility_id"]: [] for f in providers}
        nearest = {}
        margin = float("inf")
        for village in villages:
            lon, lat = village["geometry"]["coordinates"]
            best = None
            distances = []
            for facility in providers:
                flon, flat = facility["geometry"]["coordinates"]
                _, _, meters = geod.inv(lon, lat, flon, flat)
                distances.append(meters)
                if best is None or meters < best[1]:
                    best = (facility["properties"]["facility_id"], meters)
            if len(distances) > 1:
                first, second = sorted(distances)[:2]
                margin = min(margin, second - first)
            served[best[0]].append(village)
            nearest[village["properties"]["village_code"]] = {"facility_id": best[0], "distance_m": best[1]}
        rows = []
        for facility in providers:
            fid = facility["properties"]["facility_id"]
            members = served[fid]
            row = {"facility_id": fid, "villages": len(members),
                   "village_codes": [v["properties"]["village_code"] for v in members]}
            for group in GROUPS:
                row[group] = sum(v["properties"][group] for v in members)
            rows.append(row)
        expected["tiers"][tier] = {"facilities": rows, "nearest": nearest}
        print(f"{tier}: {len(providers)} providers, nearest and second-nearest at least {margin:.1f} m apart")
    (HERE / "expected_catchments.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(districts)} districts, {len(villages)} villages, {len(facilities)} facilities")


if __name__ == "__main__":
    main()
