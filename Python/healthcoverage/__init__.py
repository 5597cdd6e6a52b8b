"""HealthCoverage's kernels from Python: numpy arrays in, numpy arrays out.

    import healthcoverage as hc
    facility, metres = hc.nearest(facility_lon, facility_lat, lon, lat)            # WGS 84 geodesic
    facility, metres = hc.k_nearest(facility_lon, facility_lat, lon, lat, k=3, metric="haversine")
    counts = hc.within(facility_lon, facility_lat, lon, lat, radius_m=5_000)
    district = hc.locate(polygons_wkb, lon, lat)                                    # -1: in none
    minutes, source = hc.travel_time(friction, cell_size_m=(500, 500), sources=[(row, column), …])

Longitudes and latitudes are degrees (WGS 84). Arrays that are already contiguous float64 (float32
for a friction grid) are handed to the library without a copy; others are converted once. Every
call releases the GIL while the kernels run on `threads` threads (0: one per core); the answers do
not depend on it. A refused call raises ValueError (shapes, types) or HealthCoverageError (the
library's message, naming the element at fault).
"""

import ctypes

import numpy as np

from . import _abi
from ._abi import ABI_VERSION, HealthCoverageError
from .analyses import CoverageError, CoverageNote, assign, gaps

__all__ = [
    "ABI_VERSION", "HealthCoverageError", "nearest", "k_nearest", "within", "locate", "travel_time", "CoverageError", "CoverageNote",
    "assign", "gaps",
]

_library = _abi.load()


def _pointer(array, ctype):
    return array.ctypes.data_as(ctypes.POINTER(ctype))


def _coordinates(lon, lat, names):
    lon = np.ascontiguousarray(lon, dtype=np.float64)
    lat = np.ascontiguousarray(lat, dtype=np.float64)
    if lon.ndim != 1 or lat.ndim != 1 or lon.shape != lat.shape:
        raise ValueError(f"{names[0]} and {names[1]} must be one-dimensional and of one length, not {lon.shape} and {lat.shape}")
    return lon, lat


def _metric(metric):
    if metric not in _abi.METRICS:
        raise ValueError(f"metric must be one of {sorted(_abi.METRICS)}, not {metric!r}")
    return _abi.METRICS[metric]


def nearest(facility_lon, facility_lat, lon, lat, metric="geodesic", threads=0):
    """For each point, the position of its nearest facility (-1 when there is none) and the distance
    in metres (inf when there is none). Ties go to the lower position."""
    flon, flat = _coordinates(facility_lon, facility_lat, ("facility_lon", "facility_lat"))
    qlon, qlat = _coordinates(lon, lat, ("lon", "lat"))
    facility = np.empty(len(qlon), dtype=np.int32)
    metres = np.empty(len(qlon), dtype=np.float64)
    status = _library.hc_nearest(
        _pointer(flon, ctypes.c_double), _pointer(flat, ctypes.c_double), len(flon), _pointer(qlon, ctypes.c_double),
        _pointer(qlat, ctypes.c_double), len(qlon), _metric(metric), int(threads), _pointer(facility, ctypes.c_int32),
        _pointer(metres, ctypes.c_double))
    _abi.check(_library, status)
    return facility, metres


def k_nearest(facility_lon, facility_lat, lon, lat, k, metric="geodesic", threads=0):
    """For each point, its k nearest facilities, nearest first: two (n, k) arrays, -1 and inf padding a
    row when there are fewer than k facilities."""
    if int(k) < 1:
        raise ValueError(f"k must be ≥ 1, not {k}")
    flon, flat = _coordinates(facility_lon, facility_lat, ("facility_lon", "facility_lat"))
    qlon, qlat = _coordinates(lon, lat, ("lon", "lat"))
    facility = np.empty((len(qlon), int(k)), dtype=np.int32)
    metres = np.empty((len(qlon), int(k)), dtype=np.float64)
    status = _library.hc_k_nearest(
        _pointer(flon, ctypes.c_double), _pointer(flat, ctypes.c_double), len(flon), _pointer(qlon, ctypes.c_double),
        _pointer(qlat, ctypes.c_double), len(qlon), int(k), _metric(metric), int(threads), _pointer(facility, ctypes.c_int32),
        _pointer(metres, ctypes.c_double))
    _abi.check(_library, status)
    return facility, metres


def within(facility_lon, facility_lat, lon, lat, radius_m, metric="geodesic", threads=0):
    """For each point, how many facilities lie within radius_m metres (inclusive)."""
    flon, flat = _coordinates(facility_lon, facility_lat, ("facility_lon", "facility_lat"))
    qlon, qlat = _coordinates(lon, lat, ("lon", "lat"))
    counts = np.empty(len(qlon), dtype=np.int32)
    status = _library.hc_within_count(
        _pointer(flon, ctypes.c_double), _pointer(flat, ctypes.c_double), len(flon), _pointer(qlon, ctypes.c_double),
        _pointer(qlat, ctypes.c_double), len(qlon), float(radius_m), _metric(metric), int(threads), _pointer(counts, ctypes.c_int32))
    _abi.check(_library, status)
    return counts


def locate(polygons_wkb, lon, lat, threads=0):
    """For each point, the position in `polygons_wkb` (a sequence of WKB bytes: polygons or
    multipolygons, e.g. shapely.to_wkb(geoseries)) of the polygon it lies in, -1 for none."""
    blobs = [bytes(blob) for blob in polygons_wkb]
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(blob) for blob in blobs]) if blobs else []
    wkb = np.frombuffer(b"".join(blobs), dtype=np.uint8) if blobs else np.zeros(0, dtype=np.uint8)
    qlon, qlat = _coordinates(lon, lat, ("lon", "lat"))
    found = np.empty(len(qlon), dtype=np.int32)
    status = _library.hc_locate(
        _pointer(wkb, ctypes.c_uint8), _pointer(offsets, ctypes.c_int64), len(blobs), _pointer(qlon, ctypes.c_double),
        _pointer(qlat, ctypes.c_double), len(qlon), int(threads), _pointer(found, ctypes.c_int32))
    _abi.check(_library, status)
    return found


def travel_time(friction_s_per_m, cell_size_m, sources, max_minutes=None, neighbours=8, threads=0):
    """Least travel time over a friction grid (seconds per metre, rows from the top; NaN, inf or ≤ 0:
    cannot be entered) of cells cell_size_m = (width, height) metres, from `sources` (row, column)
    cells, to 8 or 16 neighbours, stopping at max_minutes when given: the minutes of every cell
    (NaN where unreached) and the position of the source that reaches it first (-1)."""
    friction = np.ascontiguousarray(friction_s_per_m, dtype=np.float32)
    if friction.ndim != 2:
        raise ValueError(f"friction_s_per_m must be a two-dimensional grid, not of shape {friction.shape}")
    width, height = (cell_size_m, cell_size_m) if np.isscalar(cell_size_m) else cell_size_m
    cells = np.ascontiguousarray(np.asarray(sources, dtype=np.int64).reshape(-1, 2))
    rows, columns = np.ascontiguousarray(cells[:, 0]), np.ascontiguousarray(cells[:, 1])
    minutes = np.empty(friction.shape, dtype=np.float32)
    source = np.empty(friction.shape, dtype=np.int32)
    status = _library.hc_travel_time(
        _pointer(friction, ctypes.c_float), friction.shape[0], friction.shape[1], float(width), float(height),
        _pointer(rows, ctypes.c_int64), _pointer(columns, ctypes.c_int64), len(cells), float(max_minutes or 0), int(neighbours),
        int(threads), _pointer(minutes, ctypes.c_float), _pointer(source, ctypes.c_int32))
    _abi.check(_library, status)
    return minutes, source
