#!/usr/bin/env python3
"""The national `coverage report`, written the way a GIS analyst would with geopandas.

The peer of `coverage report --out DIR` for Benchmarks/bench_report.py: the same inputs
(GeoData/laos: provinces, districts, villages, facilities, regions.json, standards.yaml), the same
tables and layers, computed with geopandas / shapely 2 / pyproj / numpy / scipy, vectorised where
the libraries allow, and none of the toolkit's own code. It writes into --out:

The care model (standards.yaml and the facility layer): a facility provides care package P when P is
in its ``care_packages`` (when not null), else in its tier's ``provides`` (a district hospital
provides health-centre care too; ``care_packages`` ``[]`` provides none); it offers its ``services``
(when not null), else its tier's. The providers of a tier's care are the facilities providing its
package, of a service those offering it.

* ``villages_assigned.geojson`` and ``.csv``: every village with, per care target (the four tiers
  and the rehabilitation service), its nearest provider by WGS 84 geodesic distance, the distance
  (m, to the mm), the travel time (minutes, to 0.01: km × detour_factor / speed of the target's
  mode, standards.yaml) and whether the facility lies outside the village's district / province;
  for a tier also the provider's tier and the nearest facility of the tier itself (among those
  providing the tier's own package); then per tier the administrative assignment (the nearest
  health centre of the village's district, the district hospital of its district — where the
  district has none of the tier, the facilities of the lowest tier above present in the district
  that provide the package, e.g. the provincial hospital of a provincial capital without a district
  hospital —, the provincial hospital of its province — the central hospitals where the province
  has none — and the central hospital; only facilities of the tier that provide its own package
  count), then the referral chain health
  centre → district hospital → provincial hospital, each hop measured from the level below. The
  same columns, in the same order, as the Swift tool's; the CSV ends with the village's ``lon`` and
  ``lat``.
* ``catchments_<tier>.geojson`` / ``.csv`` for the four tiers: per provider of the tier's care (in
  layer order) the villages whose nearest provider it is, their summed population / under5 / births_live /
  women_15_49, and the catchment polygon: the union of the Voronoi cells (planar lon/lat,
  ``shapely.voronoi_polygons``) of its villages, clipped to the union of the districts, with its
  geodesic area in km² (pyproj ``Geod.geometry_area_perimeter``).
* per section — the national one and each focus region of regions.json (every region but
  ``national``) — a folder with ``gaps.csv`` (per zone: the country or the region, its provinces,
  its districts; × target × threshold, each max_km and max_minutes of standards.yaml, inclusive:
  has_facility, facilities and facilities_proxy (the zone's providers by their stated codes, and
  how many are proxies), villages total / uncovered, and per group total / covered / uncovered / %
  covered),
  ``zones_districts.geojson``, ``zones_provinces.geojson`` (the zone polygons with those figures,
  wide), ``uncovered_villages.geojson`` and ``.csv`` (villages uncovered for some target at some
  threshold; the CSV with ``lon`` and ``lat`` last) and
  ``gap_areas.geojson`` (each district minus the union of geodesic circles, radius = the
  threshold's distance, around every facility providing the target; 72 vertices per circle from
  pyproj ``Geod.fwd``; geodesic areas).

Every CSV starts with the UTF-8 byte-order mark (``encoding="utf-8-sig"``), as the Swift tool's do by
default. Not written: the SVG coverage maps and ``manifest.json`` of the Swift tool (no equivalent
here; the Swift run's time includes them, this script's does not).

How the work is done (the choices a competent analyst makes, none deliberately slow):

* the layers are read with ``geopandas.read_file(engine="pyogrio")``; admin polygons are checked
  with ``is_valid`` (the Swift tool refuses invalid ones too);
* nearest facility, per target: a ``scipy.spatial.cKDTree`` on 3-D unit vectors gives each village
  its great-circle nearest facility; every facility whose great-circle distance is within 2 % of it
  (``query_ball_point``) is a candidate, and pyproj ``Geod(ellps="WGS84").inv`` (Karney) measures
  the candidates; the smallest geodesic distance wins (ties: the facility listed first). The
  ellipsoid changes a distance by less than 0.6 % against the sphere, so the 2 % shortlist always
  holds the geodesic nearest: the answer is the brute force's, which ``--brute-force`` computes
  instead (pyproj over every facility of the target, in blocks of villages);
* administrative assignment and referral chains: pandas merges of villages with the candidate
  facilities of their district / province, one vectorised ``Geod.inv`` over all pairs, the minimum
  per village;
* coverage gaps: boolean arrays per target × threshold, pandas ``groupby().sum()`` per district and
  province, masks for the region;
* gap areas: computed once for every district of the country and then subset per section (the
  sections' districts are a subset of the national ones). Circles are built in one vectorised
  ``Geod.fwd`` call per target × threshold; per district, an ``STRtree`` picks the circles whose
  envelope meets the district, ``shapely.union_all`` merges them and ``shapely.difference`` cuts
  them out of it;
* catchments: one Voronoi diagram of all villages (``ordered=True`` keeps the cells in the order
  of the points), ``GeoDataFrame.dissolve(method="coverage")`` per facility (the cells form a
  coverage), and the intersection with the country only for catchments whose cells are not all
  inside it (``contains_properly`` on the prepared country);
* geodesic areas with pyproj ``Geod.geometry_area_perimeter`` on CCW-oriented polygons;
* GeoJSON through pyogrio (``RFC7946=YES``: WGS 84, 7 decimals, CCW exteriors), CSV with pandas.

Usage (from the repository root, in .venv-bench):

    python Benchmarks/report_geopandas.py --data GeoData/laos --out DIR [--brute-force] [--timings]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
import shapely
import yaml
from pyproj import Geod
from scipy.spatial import cKDTree

GEOD = Geod(ellps="WGS84")
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
TARGETS = TIERS + ["rehabilitation"]
GROUPS = ["population", "under5", "births_live", "women_15_49"]
CIRCLE_VERTICES = 72
SHORTLIST_MARGIN = 1.02  # great-circle distances within 2 % of the nearest are geodesic candidates


# ----------------------------------------------------------------------------- inputs

def read_inputs(data: Path):
    def read(name):
        return geopandas.read_file(data / name, engine="pyogrio")

    provinces, districts = read("provinces.geojson"), read("districts.geojson")
    villages, facilities = read("villages.geojson"), read("facilities.geojson")
    for name, frame in (("provinces", provinces), ("districts", districts)):
        if not frame.is_valid.all():
            raise SystemExit(f"{name}: invalid polygons: {list(frame.loc[~frame.is_valid, 'pcode'])}")
    if villages[GROUPS].isna().any().any():
        raise SystemExit("villages: missing population figures (this script expects them complete)")
    regions = json.loads((data / "regions.json").read_text())["regions"]
    standards = yaml.safe_load((data / "standards.yaml").read_text())
    return provinces, districts, villages, facilities, regions, standards


def thresholds_of(standard: dict) -> list[tuple[str, float, str]]:
    """(kind, value, label) for every limit of a standard, distances first, each ascending."""
    def label(value, unit):
        return f"{int(value)}{unit}" if float(value).is_integer() else f"{value}{unit}"
    return ([("km", float(v), label(v, "km")) for v in sorted(standard.get("max_km", []))]
            + [("min", float(v), label(v, "min")) for v in sorted(standard.get("max_minutes", []))])


# ----------------------------------------------------------------------------- nearest facility

def unit_vectors(lon, lat):
    lon_r, lat_r = np.radians(lon), np.radians(lat)
    cos_lat = np.cos(lat_r)
    return np.column_stack((cos_lat * np.cos(lon_r), cos_lat * np.sin(lon_r), np.sin(lat_r)))


def best_per_query(q, f, d, n):
    """Per query 0..n-1, the facility of the smallest distance among the pairs (q, f, d); ties go
    to the lower facility index. -1 / NaN for queries without pairs."""
    index = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, np.nan)
    if len(q):
        order = np.lexsort((f, d, q))
        qs = q[order]
        first = np.r_[True, qs[1:] != qs[:-1]]
        index[qs[first]] = f[order][first]
        dist[qs[first]] = d[order][first]
    return index, dist


def nearest_geodesic(q_lon, q_lat, f_lon, f_lat, brute_force=False):
    """Index (into f) and WGS 84 geodesic distance (m) of each query's nearest facility."""
    n = len(q_lon)
    if len(f_lon) == 0:
        return np.full(n, -1, dtype=np.int64), np.full(n, np.nan)
    if brute_force:
        index, dist = np.empty(n, dtype=np.int64), np.empty(n)
        block = max(1, 4_000_000 // len(f_lon))
        for start in range(0, n, block):
            stop = min(n, start + block)
            m = stop - start
            _, _, d = GEOD.inv(np.repeat(q_lon[start:stop], len(f_lon)), np.repeat(q_lat[start:stop], len(f_lon)),
                               np.tile(f_lon, m), np.tile(f_lat, m))
            d = d.reshape(m, len(f_lon))
            index[start:stop] = np.argmin(d, axis=1)  # first minimum: the lower index on ties
            dist[start:stop] = d[np.arange(m), index[start:stop]]
        return index, dist
    tree = cKDTree(unit_vectors(f_lon, f_lat))
    points = unit_vectors(q_lon, q_lat)
    chord, _ = tree.query(points, k=1)
    angle = 2 * np.arcsin(np.minimum(chord / 2, 1.0))
    radius = 2 * np.sin(np.minimum(angle * SHORTLIST_MARGIN + 1e-9, np.pi) / 2)
    lists = tree.query_ball_point(points, radius)
    counts = np.fromiter((len(c) for c in lists), dtype=np.int64, count=n)
    q = np.repeat(np.arange(n), counts)
    f = np.fromiter((i for c in lists for i in c), dtype=np.int64, count=int(counts.sum()))
    _, _, d = GEOD.inv(q_lon[q], q_lat[q], f_lon[f], f_lat[f])
    return best_per_query(q, f, d, n)


def nearest_among(origin_lon, origin_lat, pairs_q, pairs_f, f_lon, f_lat, n):
    """The geodesically nearest candidate per query, candidates given as pairs (q, f)."""
    pairs_q, pairs_f = np.asarray(pairs_q, dtype=np.int64), np.asarray(pairs_f, dtype=np.int64)
    _, _, d = GEOD.inv(origin_lon[pairs_q], origin_lat[pairs_q], f_lon[pairs_f], f_lat[pairs_f])
    return best_per_query(pairs_q, pairs_f, d, n)


def pairs_on(keys: pd.Series, candidates: pd.DataFrame, on: str):
    """(query, facility) pairs of queries whose key equals a candidate's `on` value."""
    left = pd.DataFrame({on: keys.to_numpy(), "q": np.arange(len(keys))})
    merged = left.merge(candidates[[on, "f"]], on=on, how="inner")
    return merged["q"].to_numpy(), merged["f"].to_numpy()


# ----------------------------------------------------------------------------- geometry helpers

def geodesic_areas(geometries) -> np.ndarray:
    """Geodesic WGS 84 areas (m²) of polygonal geometries (0 for None / empty)."""
    oriented = shapely.orient_polygons(np.asarray(geometries, dtype=object), exterior_cw=False)
    return np.array([abs(GEOD.geometry_area_perimeter(g)[0]) if g is not None and not g.is_empty else 0.0
                     for g in oriented])


def polygonal_parts(geometries):
    """The polygons of each geometry (lines and points of an overlay dropped), as a list per geometry."""
    geometries = np.asarray(geometries, dtype=object)
    parts, owner = shapely.get_parts(geometries, return_index=True)
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    result = [[] for _ in range(len(geometries))]
    for part, index in zip(parts[keep], owner[keep]):
        result[index].append(part)
    return result


def round_half_away(values, decimals):
    """Rounded to `decimals` as the Swift tool rounds (x · 10^d, C `round`: half away from zero, then
    ÷ 10^d), NaN kept; so that the files hold the same numbers to the last digit."""
    scaled = np.asarray(values, dtype=float) * 10.0 ** decimals
    whole = np.trunc(scaled)
    whole = whole + np.sign(scaled) * (np.abs(scaled - whole) >= 0.5)
    return whole / 10.0 ** decimals


def flags(values, present):
    """Booleans, null where `present` is false (a nullable column only when needed)."""
    values = np.asarray(values, dtype=bool)
    return values if present.all() else pd.array(np.where(present, values, None), dtype="boolean")


def listed(value) -> list | None:
    """A list property as pyogrio reads it (a list or array), or None where it is null (None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return list(value)


# UTF-8 with the byte-order mark, as `coverage` writes its CSV tables by default (for Excel).
CSV_ENCODING = "utf-8-sig"


def write_geojson(frame: geopandas.GeoDataFrame, path: Path) -> None:
    frame.to_file(path, driver="GeoJSON", engine="pyogrio", RFC7946="YES", WRITE_NAME="NO")


# ----------------------------------------------------------------------------- the report

class Report:
    def __init__(self, data: Path, brute_force: bool):
        self.clock = {}
        started = time.perf_counter()
        (self.provinces, self.districts, self.villages, self.facilities,
         self.regions, self.standards) = read_inputs(data)
        self.brute_force = brute_force
        v, f = self.villages, self.facilities
        self.v_lon, self.v_lat = v.geometry.x.to_numpy(), v.geometry.y.to_numpy()
        self.f_lon, self.f_lat = f.geometry.x.to_numpy(), f.geometry.y.to_numpy()
        self.n = len(v)
        travel = self.standards["travel_model"]
        self.detour = float(travel["detour_factor"])
        self.speeds = {mode: float(speed) for mode, speed in travel["speeds_kmh"].items()}
        self.standard = {**self.standards["tiers"], **self.standards["services"]}
        self.thresholds = {t: thresholds_of(self.standard[t]) for t in TARGETS}
        tier = f["tier"].to_numpy()
        self.tier = tier
        defaults = self.standards["tiers"]
        # The care model: the facility's own care_packages / services when not null, else its tier's.
        packages = [set(listed(own)) if listed(own) is not None else set(defaults[t].get("provides", [t]))
                    for own, t in zip(f["care_packages"], tier)]
        services = [set(listed(own)) if listed(own) is not None else set(defaults[t].get("services") or [])
                    for own, t in zip(f["services"], tier)]
        self.provides = {target: np.array([target in (packages[k] if target in TIERS else services[k])
                                           for k in range(len(f))], dtype=bool) for target in TARGETS}
        # A facility counts at its own tier (administrative mode) when it provides that tier's package.
        self.own_tier = np.array([t in packages[k] for k, t in enumerate(tier)], dtype=bool)
        self.proxy = (f["source"] == "proxy").to_numpy()
        self.figures = v[GROUPS].to_numpy(dtype=np.int64)
        self.clock["load"] = time.perf_counter() - started

    def minutes(self, metres, target):
        speed = self.speeds[self.standard[target]["mode"]]
        return metres / 1_000 * self.detour / speed * 60

    def radius_m(self, target, kind, value):
        if kind == "km":
            return value * 1_000
        speed = self.speeds[self.standard[target]["mode"]]
        return value / 60 * speed / self.detour * 1_000

    # ------------------------------------------------------------------ assignment

    def assign(self):
        started = time.perf_counter()
        v, f = self.villages, self.facilities
        n = self.n
        self.nearest = {}
        for target in TARGETS:
            providers = np.flatnonzero(self.provides[target])
            local, dist = nearest_geodesic(self.v_lon, self.v_lat, self.f_lon[providers], self.f_lat[providers],
                                           self.brute_force)
            index = np.where(local >= 0, providers[np.maximum(local, 0)], -1)
            self.nearest[target] = (index, dist)
        # The nearest facility of each tier itself, among those providing the tier's own package.
        self.nearest_of_tier = {}
        for tier in TIERS:
            members = np.flatnonzero((self.tier == tier) & self.own_tier)
            local, dist = nearest_geodesic(self.v_lon, self.v_lat, self.f_lon[members], self.f_lat[members],
                                           self.brute_force)
            self.nearest_of_tier[tier] = (np.where(local >= 0, members[np.maximum(local, 0)], -1), dist)

        # Administrative: candidates by district / province (facilities of the tier providing its package).
        every = pd.DataFrame({"f": np.arange(len(f)), "tier": f["tier"].to_numpy(),
                              "district_pcode": f["district_pcode"].to_numpy(), "province_pcode": f["province_pcode"].to_numpy()})
        fac = every[self.own_tier]

        def in_district(tier):
            # The district's facilities of the tier providing its package; where a district has none,
            # those of the lowest tier above present in the district that provide the package.
            rank = every["tier"].map({t: level for level, t in enumerate(TIERS)})
            able = every[(rank >= TIERS.index(tier)).to_numpy() & self.provides[tier] & every["district_pcode"].notna().to_numpy()]
            able = able.assign(rank=rank[able.index])
            lowest = able.groupby("district_pcode")["rank"].transform("min")
            return able[able["rank"] == lowest].sort_values("f")

        hc, dh = in_district("health_centre"), in_district("district_hospital")
        central = fac.loc[fac.tier == "central_hospital", "f"].to_numpy()
        ph_own = fac[fac.tier == "provincial_hospital"]
        provinces = pd.unique(v["province_pcode"])
        missing = [p for p in provinces if p not in set(ph_own.province_pcode)]
        ph = pd.concat([ph_own[["province_pcode", "f"]],
                        pd.DataFrame({"province_pcode": np.repeat(missing, len(central)), "f": np.tile(central, len(missing))})])
        self.referred_to_central_province = set(missing)
        district_key, province_key = v["district_pcode"], v["province_pcode"]
        self.admin = {}
        self.admin["health_centre"] = nearest_among(self.v_lon, self.v_lat, *pairs_on(district_key, hc, "district_pcode"),
                                                    self.f_lon, self.f_lat, n)
        self.admin["district_hospital"] = nearest_among(self.v_lon, self.v_lat, *pairs_on(district_key, dh, "district_pcode"),
                                                        self.f_lon, self.f_lat, n)
        self.admin["provincial_hospital"] = nearest_among(self.v_lon, self.v_lat, *pairs_on(province_key, ph, "province_pcode"),
                                                          self.f_lon, self.f_lat, n)
        self.admin["central_hospital"] = nearest_among(self.v_lon, self.v_lat, np.repeat(np.arange(n), len(central)),
                                                       np.tile(central, n), self.f_lon, self.f_lat, n)

        # Referral chain: village → its health centre → its district's hospital (or stand-in) → its province's.
        hc_index, hc_dist = self.admin["health_centre"]
        from_lon = np.where(hc_index >= 0, self.f_lon[np.maximum(hc_index, 0)], self.v_lon)
        from_lat = np.where(hc_index >= 0, self.f_lat[np.maximum(hc_index, 0)], self.v_lat)
        dh_index, dh_dist = nearest_among(from_lon, from_lat, *pairs_on(district_key, dh, "district_pcode"),
                                          self.f_lon, self.f_lat, n)
        from_lon = np.where(dh_index >= 0, self.f_lon[np.maximum(dh_index, 0)], from_lon)
        from_lat = np.where(dh_index >= 0, self.f_lat[np.maximum(dh_index, 0)], from_lat)
        ph_index, ph_dist = nearest_among(from_lon, from_lat, *pairs_on(province_key, ph, "province_pcode"),
                                          self.f_lon, self.f_lat, n)
        self.chain = {"health_centre": (hc_index, hc_dist), "district_hospital": (dh_index, dh_dist),
                      "provincial_hospital": (ph_index, ph_dist)}
        self.chain_central = province_key.isin(self.referred_to_central_province).to_numpy() & (ph_index >= 0)

        # Coverage flags per target × threshold (inclusive; no facility: uncovered).
        self.covered = {}
        for target in TARGETS:
            _, dist = self.nearest[target]
            minutes = self.minutes(dist, target)
            for kind, value, label in self.thresholds[target]:
                self.covered[(target, label)] = (dist <= value * 1_000) if kind == "km" else (minutes <= value)
        self.clock["assign"] = time.perf_counter() - started

    def assignment_table(self) -> pd.DataFrame:
        v, f = self.villages, self.facilities
        ids, names = f["facility_id"].to_numpy(dtype=object), f["name"].to_numpy(dtype=object)
        f_district, f_province = f["district_pcode"].to_numpy(dtype=object), f["province_pcode"].to_numpy(dtype=object)
        v_district, v_province = v["district_pcode"].to_numpy(dtype=object), v["province_pcode"].to_numpy(dtype=object)

        def pick(values, index):
            return np.where(index >= 0, values[np.maximum(index, 0)], None)

        columns = {"village_code": v["village_code"].to_numpy(dtype=object), "name": v["name"].to_numpy(dtype=object),
                   "district_pcode": v_district, "province_pcode": v_province}
        for group in GROUPS:
            columns[group] = v[group].to_numpy()

        def trip(prefix, index, dist, target, names_too=True):
            columns[f"{prefix}_id"] = pick(ids, index)
            if names_too:
                columns[f"{prefix}_name"] = pick(names, index)
            columns[f"{prefix}_distance_m"] = round_half_away(dist, 3)
            columns[f"{prefix}_minutes"] = round_half_away(self.minutes(dist, target), 2)

        for target in TARGETS:
            index, dist = self.nearest[target]
            trip(target, index, dist, target)
            found = index >= 0
            columns[f"{target}_outside_district"] = flags(pick(f_district, index) != v_district, found)
            columns[f"{target}_outside_province"] = flags(pick(f_province, index) != v_province, found)
            if target in TIERS:
                columns[f"{target}_provider_tier"] = pick(self.tier.astype(object), index)
                trip(f"nearest_{target}", *self.nearest_of_tier[target], target)
        for tier in TIERS:
            trip(f"{tier}_admin", *self.admin[tier], tier)
        total_m = np.zeros(self.n)
        total_min = np.zeros(self.n)
        for tier in ["health_centre", "district_hospital", "provincial_hospital"]:
            index, dist = self.chain[tier]
            trip(f"chain_{tier}", index, dist, tier, names_too=False)
            total_m = total_m + dist
            total_min = total_min + self.minutes(dist, tier)
        columns["chain_referred_to_central"] = self.chain_central
        columns["chain_total_distance_m"] = round_half_away(total_m, 3)
        columns["chain_total_minutes"] = round_half_away(total_min, 2)
        return pd.DataFrame(columns)

    # ------------------------------------------------------------------ gaps

    def gaps(self):
        """Per section: the gaps table, the zone layers and the uncovered villages."""
        started = time.perf_counter()
        v, f = self.villages, self.facilities
        keys = [(t, label) for t in TARGETS for _, _, label in self.thresholds[t]]
        # One wide frame: figures, covered figures and uncovered counts per target × threshold.
        wide = {"villages": np.ones(self.n, dtype=np.int64)}
        for g, group in enumerate(GROUPS):
            wide[group] = self.figures[:, g]
        for k, key in enumerate(keys):
            covered = self.covered[key]
            wide[f"unc_{k}"] = (~covered).astype(np.int64)
            for g, group in enumerate(GROUPS):
                wide[f"cov_{k}_{group}"] = np.where(covered, self.figures[:, g], 0)
        wide = pd.DataFrame(wide)
        by_district = wide.groupby(v["district_pcode"].to_numpy()).sum()
        by_province = wide.groupby(v["province_pcode"].to_numpy()).sum()
        f_district, f_province = f["district_pcode"].to_numpy(), f["province_pcode"].to_numpy()

        self.sections = {}
        region_by_id = {r["id"]: r for r in self.regions}
        national = region_by_id.get("national") or {"id": "national", "name": "National",
                                                    "provinces": sorted(self.provinces["pcode"])}
        sections = [national] + [r for r in self.regions if r["id"] != "national"]
        for region in sections:
            inside = set(region["provinces"])
            level = "national" if region["id"] == "national" else "region"
            in_region = v["province_pcode"].isin(inside).to_numpy()
            zones = [(level, region["id"], region["name"], wide[in_region].sum(),
                      np.isin(f_province, list(inside)), list(region["provinces"])[0] if region["provinces"] else None)]
            for row in self.provinces[self.provinces["pcode"].isin(inside)].sort_values("pcode").itertuples():
                sums = by_province.loc[row.pcode] if row.pcode in by_province.index else wide.iloc[:0].sum()
                zones.append(("province", row.pcode, row.name_en, sums, f_province == row.pcode, row.pcode))
            for row in self.districts[self.districts["province_pcode"].isin(inside)].sort_values("pcode").itertuples():
                sums = by_district.loc[row.pcode] if row.pcode in by_district.index else wide.iloc[:0].sum()
                zones.append(("district", row.pcode, row.name_en, sums, f_district == row.pcode, row.province_pcode))
            rows, wide_props = [], {"district": [], "province": []}
            for zone_level, code, name, sums, facility_here, province in zones:
                props = {"pcode": code, "name_en": name, "province_pcode": province,
                         "villages": int(sums["villages"]), "population": int(sums["population"])}
                for target in TARGETS:
                    here = facility_here & self.provides[target]
                    props[f"has_{target}"] = bool(here.any())
                    props[f"{target}_facilities"] = int(here.sum())
                    props[f"{target}_facilities_proxy"] = int((here & self.proxy).sum())
                    for _, _, label in self.thresholds[target]:
                        k = keys.index((target, label))
                        row = {"zone_level": zone_level, "zone_pcode": code, "zone_name": name, "target": target,
                               "threshold": label, "has_facility": props[f"has_{target}"],
                               "facilities": props[f"{target}_facilities"],
                               "facilities_proxy": props[f"{target}_facilities_proxy"],
                               "villages_total": int(sums["villages"]), "villages_uncovered": int(sums[f"unc_{k}"])}
                        for group in GROUPS:
                            total, covered = int(sums[group]), int(sums[f"cov_{k}_{group}"])
                            row[f"{group}_total"] = total
                            row[f"{group}_covered"] = covered
                            row[f"{group}_uncovered"] = total - covered
                            row[f"{group}_pct_covered"] = (float(round_half_away(covered / total * 100, 2))
                                                           if total > 0 else None)
                        rows.append(row)
                        column = f"{target}_{label.replace('.', 'p')}"
                        props[f"{column}_pct_covered"] = row["population_pct_covered"]
                        props[f"{column}_uncovered"] = row["population_uncovered"]
                        props[f"{column}_villages_uncovered"] = row["villages_uncovered"]
                if zone_level in wide_props:
                    wide_props[zone_level].append(props)
            uncovered = in_region & ~np.logical_and.reduce([self.covered[key] for key in keys])
            self.sections[region["id"]] = {"region": region, "table": pd.DataFrame(rows), "zones": wide_props,
                                           "uncovered": np.flatnonzero(uncovered), "provinces": inside}
        self.clock["gaps"] = time.perf_counter() - started

    def gap_areas(self):
        """Every district of the country × target × threshold, minus the circles; subset per section later."""
        started = time.perf_counter()
        districts = self.districts.sort_values("pcode").reset_index(drop=True)
        geoms = districts.geometry.to_numpy()
        district_area = geodesic_areas(geoms)
        azimuths = -360 * np.arange(CIRCLE_VERTICES) / CIRCLE_VERTICES
        plans = [(target, kind, value, label) for target in TARGETS for kind, value, label in self.thresholds[target]]
        found = {}  # (district, plan) -> gap geometry
        for plan, (target, kind, value, label) in enumerate(plans):
            providers = np.flatnonzero(self.provides[target])
            radius = self.radius_m(target, kind, value)
            if len(providers) == 0:
                rest = geoms.copy()  # no facility provides it: every district is a gap
            else:
                # The circles of all providers in one Geod.fwd call: 72 azimuths 0°, −5°, … (CCW rings).
                lon = np.repeat(self.f_lon[providers], CIRCLE_VERTICES)
                lat = np.repeat(self.f_lat[providers], CIRCLE_VERTICES)
                x, y, _ = GEOD.fwd(lon, lat, np.tile(azimuths, len(providers)), np.full(lon.shape, radius))
                ring = np.stack([x.reshape(-1, CIRCLE_VERTICES), y.reshape(-1, CIRCLE_VERTICES)], axis=-1)
                circles = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
                district_at, circle_at = shapely.STRtree(circles).query(geoms)  # envelopes that meet
                order = np.lexsort((circle_at, district_at))
                district_at, circle_at = district_at[order], circle_at[order]
                split = np.searchsorted(district_at, np.arange(len(geoms) + 1))
                rest = np.empty(len(geoms), dtype=object)
                for d in range(len(geoms)):
                    reaching = circles[circle_at[split[d]:split[d + 1]]]
                    rest[d] = geoms[d] if len(reaching) == 0 else shapely.difference(geoms[d], shapely.union_all(reaching))
            for d, pieces in enumerate(polygonal_parts(rest)):
                if pieces:
                    found[(d, plan)] = (rest[d] if len(pieces) == 1 and rest[d].geom_type == "Polygon"
                                        else shapely.MultiPolygon(pieces))
        keys = sorted(found)  # district code, then target and threshold
        gaps = [found[key] for key in keys]
        areas = geodesic_areas(gaps)
        rows = []
        for (d, plan), area in zip(keys, areas):
            target, kind, value, label = plans[plan]
            rows.append({"district_pcode": districts.at[d, "pcode"], "district_name": districts.at[d, "name_en"],
                         "province_pcode": districts.at[d, "province_pcode"], "target": target, "threshold": label,
                         "radius_m": float(round_half_away(self.radius_m(target, kind, value), 3)),
                         "area_km2": float(round_half_away(area, 0)) / 1e6,
                         "district_area_km2": float(round_half_away(district_area[d], 0)) / 1e6,
                         "pct_of_district": float(round_half_away(area / district_area[d] * 100, 2))})
        frame = geopandas.GeoDataFrame(rows, geometry=gaps, crs="EPSG:4326")
        self.gap_frame = frame[areas > 0].reset_index(drop=True)
        self.clock["gap_areas"] = time.perf_counter() - started

    # ------------------------------------------------------------------ catchments

    def catchments(self):
        started = time.perf_counter()
        country = shapely.union_all(self.districts.geometry.to_numpy())
        coords = np.column_stack([self.v_lon, self.v_lat])
        # Distinct sites in point order (villages at one spot share a cell and a facility).
        _, first, site_of = np.unique(coords, axis=0, return_index=True, return_inverse=True)
        order = np.argsort(first)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        site_of = rank[site_of.reshape(-1)]
        sites = coords[first[order]]
        diagram = shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=country, ordered=True)
        cells = shapely.get_parts(diagram)
        if len(cells) != len(sites):
            raise SystemExit(f"{len(sites)} sites gave {len(cells)} Voronoi cells")
        shapely.prepare(country)
        interior = shapely.contains_properly(country, cells)
        site_point = first[order]  # a point at each site
        f = self.facilities
        self.catchment_frames = {}
        for tier in TIERS:
            index, _ = self.nearest[tier]
            providers = np.flatnonzero(self.provides[tier])
            owner = index[site_point]
            cells_frame = geopandas.GeoDataFrame({"owner": owner, "inside": interior}, geometry=cells, crs="EPSG:4326")
            cells_frame = cells_frame[cells_frame["owner"] >= 0]
            dissolved = cells_frame.dissolve(by="owner", aggfunc={"inside": "all"}, method="coverage")
            geometry = dissolved.geometry.to_numpy()
            outside = ~dissolved["inside"].to_numpy()
            geometry[outside] = shapely.intersection(geometry[outside], country)
            pieces = polygonal_parts(geometry)
            polygons = np.array([shapely.MultiPolygon(p) if p else None for p in pieces], dtype=object)
            area = geodesic_areas(polygons)
            by_owner = pd.DataFrame({"geometry": polygons, "area": area}, index=dissolved.index)
            served = pd.DataFrame(self.figures, columns=GROUPS)
            served["villages"] = 1
            sums = served[index >= 0].groupby(index[index >= 0]).sum()
            table = pd.DataFrame({
                "facility_id": f["facility_id"].to_numpy()[providers], "facility_name": f["name"].to_numpy()[providers],
                "tier": f["tier"].to_numpy()[providers], "district_pcode": f["district_pcode"].to_numpy()[providers],
                "province_pcode": f["province_pcode"].to_numpy()[providers]})
            sums = sums.reindex(providers, fill_value=0)
            table["villages"] = sums["villages"].to_numpy()
            for group in GROUPS:
                table[group] = sums[group].to_numpy()
            table["area_km2"] = round_half_away(by_owner["area"].reindex(providers, fill_value=0.0).to_numpy(), 0) / 1e6
            geometry = by_owner["geometry"].reindex(providers).to_numpy()
            self.catchment_frames[tier] = geopandas.GeoDataFrame(table, geometry=list(geometry), crs="EPSG:4326")
        self.clock["catchments"] = time.perf_counter() - started

    # ------------------------------------------------------------------ outputs

    def write(self, out: Path):
        started = time.perf_counter()
        out.mkdir(parents=True, exist_ok=True)
        table = self.assignment_table()
        table.assign(lon=self.v_lon, lat=self.v_lat).to_csv(out / "villages_assigned.csv", index=False, encoding=CSV_ENCODING)
        write_geojson(geopandas.GeoDataFrame(table, geometry=self.villages.geometry.to_numpy(), crs="EPSG:4326"),
                      out / "villages_assigned.geojson")
        for tier, frame in self.catchment_frames.items():
            write_geojson(frame, out / f"catchments_{tier}.geojson")
            pd.DataFrame(frame.drop(columns="geometry")).to_csv(out / f"catchments_{tier}.csv", index=False, encoding=CSV_ENCODING)
        district_geometry = dict(zip(self.districts["pcode"], self.districts.geometry))
        province_geometry = dict(zip(self.provinces["pcode"], self.provinces.geometry))
        v = self.villages
        for section_id, section in self.sections.items():
            folder = out / section_id
            folder.mkdir(exist_ok=True)
            section["table"].to_csv(folder / "gaps.csv", index=False, encoding=CSV_ENCODING)
            for level, geometry, name in (("district", district_geometry, "zones_districts.geojson"),
                                          ("province", province_geometry, "zones_provinces.geojson")):
                props = pd.DataFrame(section["zones"][level])
                write_geojson(geopandas.GeoDataFrame(props, geometry=[geometry.get(p) for p in props["pcode"]], crs="EPSG:4326"),
                              folder / name)
            rows = section["uncovered"]
            columns = {"village_code": v["village_code"].to_numpy()[rows], "name": v["name"].to_numpy()[rows],
                       "district_pcode": v["district_pcode"].to_numpy()[rows], "province_pcode": v["province_pcode"].to_numpy()[rows]}
            for group in GROUPS:
                columns[group] = v[group].to_numpy()[rows]
            for target in TARGETS:
                index, dist = self.nearest[target]
                index, dist = index[rows], dist[rows]
                columns[f"{target}_id"] = np.where(index >= 0, self.facilities["facility_id"].to_numpy()[np.maximum(index, 0)], None)
                columns[f"{target}_distance_m"] = round_half_away(dist, 3)
                columns[f"{target}_minutes"] = round_half_away(self.minutes(dist, target), 2)
                for _, _, label in self.thresholds[target]:
                    columns[f"uncovered_{target}_{label.replace('.', 'p')}"] = ~self.covered[(target, label)][rows]
            write_geojson(geopandas.GeoDataFrame(columns, geometry=v.geometry.to_numpy()[rows], crs="EPSG:4326"),
                          folder / "uncovered_villages.geojson")
            pd.DataFrame({**columns, "lon": self.v_lon[rows], "lat": self.v_lat[rows]}).to_csv(
                folder / "uncovered_villages.csv", index=False, encoding=CSV_ENCODING)
            gaps = self.gap_frame[self.gap_frame["province_pcode"].isin(section["provinces"])]
            write_geojson(gaps, folder / "gap_areas.geojson")
        self.clock["write"] = time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("GeoData/laos"), help="the data folder (default GeoData/laos)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write to (created if missing)")
    parser.add_argument("--brute-force", action="store_true",
                        help="nearest facility by pyproj over every facility of the target instead of the cKDTree shortlist")
    parser.add_argument("--timings", action="store_true", help="print the time of each step to stderr")
    args = parser.parse_args()
    report = Report(args.data, args.brute_force)
    report.assign()
    report.gaps()
    report.gap_areas()
    report.catchments()
    report.write(args.out)
    if args.timings:
        print(json.dumps({step: round(seconds, 3) for step, seconds in report.clock.items()}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
