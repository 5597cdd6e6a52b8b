"""Computes the expected coverage gaps of the Bolikhamxay fixture independently of the Swift code, once.

Run from the repository root with a virtual environment that has geopandas, shapely and pyproj
(the benchmark venv has them: `make` target `.venv-bench`, or `python3 -m venv /tmp/v && /tmp/v/bin/pip
install geopandas pyproj`):

    .venv-bench/bin/python Tests/CoverageCoreTests/Fixtures/coverage/expected_gaps.py

It reads the fixture folder next to this script (written by make_coverage_fixture.py) and writes:

- expected_gaps.csv: the table `coverage gaps --data <fixture> --region bolikhamxay --national` writes
  as gaps.csv, for every tier and every service (10 targets), at the thresholds of standards.yaml;
- expected_gap_areas.csv: district_pcode, target, threshold, area_km2 of every non-empty gap;
- expected_gaps_meta.json: versions, and the smallest margin between any village's distance and any
  threshold (a margin below a millimetre would make an exact comparison fragile).

How (nothing shared with the Swift implementation):

- nearest facility per village and target: brute force over every facility providing the target,
  distances by pyproj `Geod(ellps="WGS84").inv` (Karney). The care model of issue 14: a facility
  provides a tier's care package when the package is in its `care_packages`, or, when that is null or
  absent, in its tier's `provides` in standards.yaml, or, when the standards give none, when the
  package's tier is its own or below (a district hospital provides health-centre care); it offers a
  service when the service is in its `services`, or, when that is null, in its tier's `services`;
- facilities, facilities_proxy: the facilities providing the target whose stated code puts them in the
  zone, and of them those with `source` "proxy" (has_facility: facilities > 0);
- minutes = km x detour_factor / speed_kmh x 60 with the standard's mode; covered <=> distance <=
  km x 1000 (or minutes <= limit), inclusive; no facility => uncovered;
- zones: the country (`national`), the region (`bolikhamxay`), province LA11 and its districts, by the
  villages' and facilities' stated `district_pcode` / `province_pcode`;
- percentages: 100 x covered / total rounded to 2 decimals, empty when the total is 0;
- gap areas: circles of 72 vertices from `Geod.fwd` at azimuths 0, -5, -10, ... (counter-clockwise),
  radius = km x 1000 or the distance travelled in the minutes (minutes / 60 x speed / detour x 1000);
  `shapely.unary_union` of ALL the target's circles, `district.difference(union)`, area by
  `Geod.geometry_area_perimeter` (absolute value), in km². Planar overlay in degrees, like GEOS in the
  Swift code; the Swift test allows 1 % (see CoverageGapsGoldenTests.swift).
"""
import csv
import json
import pathlib

import geopandas
import numpy
import pyproj
import shapely
from shapely.geometry import Polygon

HERE = pathlib.Path(__file__).resolve().parent
GEOD = pyproj.Geod(ellps="WGS84")
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
SERVICES = ["epi", "cold_chain", "delivery", "surgery", "rehabilitation", "maintenance_workshop"]
GROUPS = ["population", "under5", "births_live", "women_15_49"]
REGION = ("bolikhamxay", "Bolikhamxay", ["LA11"])


def read_standards(path: pathlib.Path) -> dict:
    """The few shapes standards.yaml uses: nested mappings by indentation, scalars, [a, b] lists."""
    root: dict = {}
    stack = [(-1, root)]
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        key, _, value = line.strip().partition(":")
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        value = value.strip()
        if not value:
            parent[key] = {}
            stack.append((indent, parent[key]))
        elif value.startswith("["):
            items = [v.strip() for v in value.strip("[]").split(",") if v.strip()]
            try:
                parent[key] = [float(v) for v in items]
            except ValueError:
                parent[key] = items
        else:
            try:
                parent[key] = float(value)
            except ValueError:
                parent[key] = value
    return root


def label(kind: str, value: float) -> str:
    number = str(int(value)) if value == int(value) else repr(value)
    return number + ("km" if kind == "km" else "min")


def thresholds(standard: dict) -> list:
    """Distances first, each kind ascending (as the Swift table orders them)."""
    return [("km", v) for v in sorted(standard.get("max_km", []))] + [("min", v) for v in sorted(standard.get("max_minutes", []))]


def main() -> None:
    standards = read_standards(HERE / "standards.yaml")
    detour = standards["travel_model"]["detour_factor"]
    speeds = standards["travel_model"]["speeds_kmh"]
    targets = [(name, standards["tiers"][name]) for name in TIERS] + [(name, standards["services"][name]) for name in SERVICES]

    villages = geopandas.read_file(HERE / "villages.geojson")
    facilities = geopandas.read_file(HERE / "facilities.geojson")
    districts = geopandas.read_file(HERE / "districts.geojson").sort_values("pcode").reset_index(drop=True)
    provinces = geopandas.read_file(HERE / "provinces.geojson").sort_values("pcode").reset_index(drop=True)
    vlon, vlat = villages.geometry.x.to_numpy(), villages.geometry.y.to_numpy()

    def listed(row, field: str):
        """The facility's list, or None when the field is null or absent."""
        value = row[field] if field in row.index else None
        if value is None or (not isinstance(value, (list, numpy.ndarray)) and value != value):  # None or NaN
            return None
        return list(value)

    def provides(row, target: str) -> bool:
        tier = standards["tiers"][row["tier"]]
        if target in TIERS:
            packages = listed(row, "care_packages")
            if packages is None:
                packages = tier.get("provides", TIERS[: TIERS.index(row["tier"]) + 1])
            return target in packages
        services = listed(row, "services")
        if services is None:
            services = tier.get("services", [])
        return target in services

    # Nearest distance per village and target (numpy.inf when no facility provides it).
    nearest = {}
    margin = numpy.inf
    for target, standard in targets:
        providers = facilities[[provides(row, target) for _, row in facilities.iterrows()]]
        best = numpy.full(len(villages), numpy.inf)
        for _, facility in providers.iterrows():
            _, _, meters = GEOD.inv(numpy.full(len(villages), facility.geometry.x), numpy.full(len(villages), facility.geometry.y), vlon, vlat)
            best = numpy.minimum(best, meters)
        nearest[target] = best
        speed = speeds[standard["mode"]]
        for kind, value in thresholds(standard):
            limit = value * 1000 if kind == "km" else value / 60 * speed / detour * 1000
            finite = best[numpy.isfinite(best)]
            if finite.size:
                margin = min(margin, float(numpy.min(numpy.abs(finite - limit))))

    def covered(target: str, standard: dict, kind: str, value: float) -> numpy.ndarray:
        meters = nearest[target]
        if kind == "km":
            return meters <= value * 1000
        minutes = meters / 1000 * detour / speeds[standard["mode"]] * 60
        return minutes <= value

    zones = [("national", "national", "National", None), ("region", REGION[0], REGION[1], None)]
    zones += [("province", row["pcode"], row["name_en"], None) for _, row in provinces.iterrows() if row["pcode"] in REGION[2]]
    zones += [("district", row["pcode"], row["name_en"], None) for _, row in districts.iterrows() if row["province_pcode"] in REGION[2]]

    def members(level: str, code: str, table) -> numpy.ndarray:
        if level == "district":
            return (table["district_pcode"] == code).to_numpy()
        if level == "province":
            return (table["province_pcode"] == code).to_numpy()
        if level == "region":
            return table["province_pcode"].isin(REGION[2]).to_numpy()
        return numpy.ones(len(table), dtype=bool)  # national: every village of the cut

    header = ["zone_level", "zone_pcode", "zone_name", "target", "threshold", "has_facility", "facilities", "facilities_proxy",
              "villages_total", "villages_uncovered"]
    for group in GROUPS:
        header += [f"{group}_total", f"{group}_covered", f"{group}_uncovered", f"{group}_pct_covered"]
    rows = []
    for level, code, name, _ in zones:
        in_zone = members(level, code, villages)
        facility_in_zone = members(level, code, facilities)
        for target, standard in targets:
            here = [row for (_, row), inside in zip(facilities.iterrows(), facility_in_zone) if inside and provides(row, target)]
            proxies = sum(1 for row in here if row["source"] == "proxy")
            for kind, value in thresholds(standard):
                flags = covered(target, standard, kind, value)
                row = [level, code, name, target, label(kind, value), "true" if here else "false", len(here), proxies,
                       int(in_zone.sum()), int((in_zone & ~flags).sum())]
                for group in GROUPS:
                    total = int(villages.loc[in_zone, group].sum())
                    got = int(villages.loc[in_zone & flags, group].sum())
                    pct = "" if total == 0 else f"{round(100 * got / total, 2)}"
                    row += [total, got, total - got, pct]
                rows.append(row)
    with open(HERE / "expected_gaps.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)

    # Gap areas.
    area_rows = []
    for _, district in districts.iterrows():
        if district["province_pcode"] not in REGION[2]:
            continue
        for target, standard in targets:
            providers = facilities[[provides(row, target) for _, row in facilities.iterrows()]]
            speed = speeds[standard["mode"]]
            for kind, value in thresholds(standard):
                radius = value * 1000 if kind == "km" else value / 60 * speed / detour * 1000
                circles = []
                for _, facility in providers.iterrows():
                    azimuths = -numpy.arange(72) * 5.0
                    lons, lats, _ = GEOD.fwd(numpy.full(72, facility.geometry.x), numpy.full(72, facility.geometry.y), azimuths, numpy.full(72, radius))
                    circles.append(Polygon(zip(lons, lats)))
                gap = district.geometry if not circles else district.geometry.difference(shapely.unary_union(circles))
                if gap.is_empty:
                    continue
                area, _ = GEOD.geometry_area_perimeter(gap)
                area_rows.append([district["pcode"], target, label(kind, value), repr(abs(area) / 1e6)])
    with open(HERE / "expected_gap_areas.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["district_pcode", "target", "threshold", "area_km2"])
        writer.writerows(area_rows)

    meta = {
        "produced_by": "Tests/CoverageCoreTests/Fixtures/coverage/expected_gaps.py",
        "geopandas": geopandas.__version__, "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
        "shapely": shapely.__version__, "geos": shapely.geos_version_string,
        "villages": len(villages), "facilities": len(facilities), "rows": len(rows), "gap_areas": len(area_rows),
        "smallest_margin_to_a_threshold_m": margin,
    }
    (HERE / "expected_gaps_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
