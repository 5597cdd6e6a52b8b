#!/usr/bin/env python3
"""The Python package `healthcoverage` (Python/, over the C ABI) against independent computations:

  - nearest and k nearest, geodesic: pyproj's Geod (Karney) by brute force; haversine: numpy's formula;
  - within a radius: the same brute-force distances, counted;
  - locate: shapely's point-in-polygon on the shipped districts (GeoData/laos/districts.geojson, as WKB);
  - travel time: scikit-image's MCP_Geometric (the r.cost convention) on a seeded friction grid;
  - and that bad input is refused with a clear exception: arrays of different lengths, a NaN
    coordinate (named by position), a friction grid of the wrong shape, a source off the grid, a
    library of another ABI version.

    check_python.py [GEODATA_FOLDER]
Exit 1 on the first failed check.
"""

import json
import math
import pathlib
import sys

import numpy as np
import pyproj
import shapely
from skimage.graph import MCP_Geometric

import healthcoverage as hc
from healthcoverage import _abi

from verdict import check

SPHERE = 6_371_008.8


def haversine(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * SPHERE * np.arcsin(np.minimum(1, np.sqrt(a)))


def brute_force(flon, flat, lon, lat, metric):
    """Distances (points × facilities), metres."""
    if metric == "haversine":
        return haversine(lon[:, None], lat[:, None], flon[None, :], flat[None, :])
    geod = pyproj.Geod(ellps="WGS84")
    n, m = len(lon), len(flon)
    _, _, metres = geod.inv(np.repeat(lon, m), np.repeat(lat, m), np.tile(flon, n), np.tile(flat, n))
    return metres.reshape(n, m)


def check_nearest(random):
    # Facilities and points over the Laos box.
    flon, flat = random.uniform(100, 107.7, 400), random.uniform(13.9, 22.5, 400)
    lon, lat = random.uniform(100, 107.7, 3000), random.uniform(13.9, 22.5, 3000)
    for metric, tolerance in [("geodesic", 1e-6), ("haversine", 1e-6)]:
        distances = brute_force(flon, flat, lon, lat, metric)
        facility, metres = hc.nearest(flon, flat, lon, lat, metric=metric)
        expected = distances.argmin(axis=1)
        check(np.array_equal(facility, expected), f"nearest ({metric}): {np.sum(facility != expected)} points differ from brute force")
        check(np.allclose(metres, distances.min(axis=1), rtol=0, atol=tolerance), f"nearest ({metric}): distances differ")
        k_facility, k_metres = hc.k_nearest(flon, flat, lon, lat, k=5, metric=metric)
        order = np.argsort(distances, axis=1, kind="stable")[:, :5]
        check(np.array_equal(k_facility, order), f"k_nearest ({metric}): {np.sum(np.any(k_facility != order, axis=1))} points differ")
        check(np.allclose(k_metres, np.take_along_axis(distances, order, axis=1), rtol=0, atol=tolerance), f"k_nearest ({metric}): distances")
        counts = hc.within(flon, flat, lon, lat, radius_m=25_000, metric=metric)
        check(np.array_equal(counts, (distances <= 25_000).sum(axis=1)), f"within ({metric}): counts differ")
        one, _ = hc.nearest(flon, flat, lon, lat, metric=metric, threads=1)
        check(np.array_equal(one, facility), f"nearest ({metric}): 1 thread and all cores differ")
    # Fewer facilities than k: -1 and inf pad.
    few, few_metres = hc.k_nearest(flon[:2], flat[:2], lon[:3], lat[:3], k=4)
    check((few[:, 2:] == -1).all() and np.isinf(few_metres[:, 2:]).all(), "k_nearest pads with -1 and inf")
    print("check_python: nearest, k_nearest (k = 5) and within (25 km) of 3,000 points × 400 facilities equal brute force "
          "(pyproj Geod on WGS 84; the haversine formula), on 1 thread and all")


def check_locate(geodata, random):
    districts = json.loads((geodata / "districts.geojson").read_text(encoding="utf-8"))["features"]
    shapes = [shapely.geometry.shape(feature["geometry"]) for feature in districts]
    wkb = shapely.to_wkb(shapes)
    lon, lat = random.uniform(99.5, 108, 20_000), random.uniform(13.5, 23, 20_000)
    found = hc.locate(wkb, lon, lat)
    points = shapely.points(lon, lat)
    tree = shapely.STRtree(shapes)
    inside, polygon = tree.query(points, predicate="within")
    expected = np.full(len(lon), -1, dtype=np.int64)
    # The lower position where a point lies in two (on a shared edge: not expected with random points).
    for point, district in sorted(zip(inside, polygon), key=lambda pair: (pair[0], -pair[1])):
        expected[point] = district
    check(np.array_equal(found, expected), f"locate: {np.sum(found != expected)} of {len(lon)} points differ from shapely")
    print(f"check_python: locate of 20,000 points in the {len(shapes)} shipped districts (WKB) equals shapely "
          f"({np.sum(found >= 0):,} inside, {np.sum(found < 0):,} in none)")


def check_travel_time(random):
    rows, columns, size = 120, 160, 250.0
    friction = random.uniform(0.2, 2.0, (rows, columns)).astype(np.float32)
    friction[40:80, 70] = np.inf  # a wall with gaps
    friction[55:58, 70] = 0.5
    sources = [(10, 10), (100, 150), (60, 20)]
    minutes, source = hc.travel_time(friction, (size, size), sources)
    costs = np.where(np.isfinite(friction), friction, np.inf).astype(np.float64)
    best = np.full((rows, columns), np.inf)
    for position, cell in enumerate(sources):
        cumulative, _ = MCP_Geometric(costs, sampling=(size, size), fully_connected=True).find_costs([cell])
        best = np.minimum(best, cumulative)
    reference = best / 60
    reachable = np.isfinite(reference)
    check(np.array_equal(np.isfinite(minutes), reachable), "travel_time: the reached cells differ from MCP_Geometric")
    error = np.max(np.abs(minutes[reachable] - reference[reachable]) / np.maximum(1, reference[reachable]))
    check(error < 1e-5, f"travel_time: minutes differ from MCP_Geometric by {error:.2e} (relative)")
    check(source[10, 10] == 0 and source[100, 150] == 1 and source[60, 20] == 2, "travel_time: each source reaches its own cell")
    bounded, _ = hc.travel_time(friction, size, sources, max_minutes=30)
    check(np.all(np.isnan(bounded) | (bounded <= 30 + 1e-4)), "travel_time: max_minutes bounds the search")
    print(f"check_python: travel_time over {rows} × {columns} cells from 3 sources equals scikit-image MCP_Geometric "
          f"(largest relative difference {error:.1e}, float32 output)")


def check_refusals():
    def refused(call, kind, words):
        try:
            call()
        except kind as error:
            check(all(word in str(error) for word in words), f"{kind.__name__} says {error!s:.200}, expected {words}")
            return
        fail(f"expected {kind.__name__} mentioning {words}")

    lon = np.array([102.0, 103.0])
    refused(lambda: hc.nearest(lon, lon, lon, lon[:1]), ValueError, ["lon", "lat"])
    refused(lambda: hc.nearest(lon, [18.0, 19.0], [102.0, math.nan], [18.0, 18.0]), hc.HealthCoverageError, ["1"])
    refused(lambda: hc.nearest(lon, [18.0, 19.0], lon, [18.0, 18.0], metric="manhattan"), ValueError, ["metric"])
    refused(lambda: hc.k_nearest(lon, [18.0, 19.0], lon, [18.0, 18.0], k=0), ValueError, ["k"])
    refused(lambda: hc.within(lon, [18.0, 19.0], lon, [18.0, 18.0], radius_m=-1), hc.HealthCoverageError, ["radius"])
    refused(lambda: hc.locate([b"not wkb"], lon, [18.0, 18.0]), hc.HealthCoverageError, ["polygon 0"])
    refused(lambda: hc.travel_time(np.ones(5, dtype=np.float32), 100, [(0, 0)]), ValueError, ["two-dimensional"])
    refused(lambda: hc.travel_time(np.ones((3, 3), dtype=np.float32), 100, [(5, 0)]), hc.HealthCoverageError, ["outside"])
    refused(lambda: hc.travel_time(np.ones((3, 3), dtype=np.float32), 100, [(0, 0)], neighbours=4), hc.HealthCoverageError, ["8 or 16"])
    refused(lambda: _abi.load(expected_version=hc.ABI_VERSION + 1), hc.HealthCoverageError, ["ABI version"])
    print("check_python: bad input refused with the argument or the element named (10 cases), another ABI version refused")


def main():
    geodata = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "GeoData/laos")
    random = np.random.default_rng(20)
    check(hc.ABI_VERSION == 1, "ABI version")
    check_nearest(random)
    check_locate(geodata, random)
    check_travel_time(random)
    check_refusals()


if __name__ == "__main__":
    main()
