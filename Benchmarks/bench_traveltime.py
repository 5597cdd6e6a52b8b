#!/usr/bin/env python3
"""Multi-source least travel time over a friction raster: `coverage traveltime` against GRASS GIS
`r.cost` (and `r.walk`) and scikit-image `MCP_Geometric`, side by side on one seeded input.

**The convention all sides share.** Friction in seconds per metre. Moving between two adjacent
cells costs the mean of their frictions × the distance between their centres (the cell size, × √2
on a diagonal, × √5 on a knight's move with 16 neighbours). A source starts at time 0 in its cell.
Nodata cells are impassable; a cell no source reaches has no time (nodata). 8 neighbours unless
``--neighbours 16``.

* scikit-image ``MCP_Geometric(costs, sampling=(res, res), fully_connected=True)``: a move costs
  ``length × (costs[a] + costs[b]) / 2`` with the length from ``sampling``, so ``costs`` is the
  friction itself (s/m) and the answer is in seconds. Its doc: "Array elements with infinite or
  negative costs will simply be ignored", so nodata becomes ``inf``. It has no knight's move
  (``MCP_Geometric`` refuses offsets other than 0 and ±1), so with ``--neighbours 16`` it is
  skipped.
* GRASS ``r.cost``: its input is a cost *per cell traversed*; a move costs ``(c[a] + c[b]) / 2 ×
  d`` with d in units of the east-west resolution (``EW_fac = 1``, ``NS_fac = nsres / ewres``,
  ``DIAG_fac = √(NS_fac² + 1)``, each halved; raster/r.cost/main.c). So the input is friction ×
  ewres (s/m × m = s per cell), made inside GRASS with ``r.mapcalc "cost = double(friction) *
  ewres()"``, and the answer is in seconds. The script checks this on a 5 × 6 grid against a
  plain Dijkstra written here (``--check`` runs first in every run). Its knight's move (``-k``) is
  another rule: the mean of FOUR cells (the two ends and the two it passes between) × √5, and no
  knight's move past a null cell; so with 16 neighbours r.cost is reported, not held to the
  tolerance.
* `coverage traveltime` writes float32 minutes, so it is compared at float32 precision.

**Inputs** (written once into ``--data-dir``, default /tmp/healthcoverage-bench-traveltime, and
reused while the parameters are the same; never commit them): a ``--size`` × ``--size`` grid of
100 m cells in UTM zone 48N (EPSG:32648), top-left corner (200000, 2200000), i.e. central Laos
(about 102.2–106.0 °E, 16.3–19.9 °N at 4,000 cells). numpy ``default_rng(--seed)``:

* land cover: a smooth random field (white noise on a 1/50 grid, cubic zoom), cut at its
  quartiles into four classes walked at 5, 3, 2 and 1.5 km/h (friction = 3.6 / speed s/m);
* roads: towns at random, each joined to its three nearest others by a jittered polyline, each
  road at a random 40–80 km/h, burnt in along the line (a few hundred segments);
* barriers (nodata): two meandering rivers 2–3 cells wide with a 4-cell gap (a ford) every
  ~15 km and a bridge wherever a road crosses; lakes where a second smooth field is high; and
  closed rings (walls) round some squares: the lakes' islands and the rings' insides are the
  unreachable areas;
* a DEM (smooth random relief, 100–1,900 m) for ``r.walk`` and ``--dem``. ``r.walk`` (``--walk``)
  runs with GRASS's defaults (``walk_coeff=0.72,6.0,1.9998,-1.9998 lambda=1
  slope_factor=-0.2125``, options): on flat ground a move takes (a + lambda × friction) × its
  length, so 0.72 s/m is added to our friction; a = 0 would not add it, but then a moderate
  downhill move can cost less than 0 s, which r.walk does not clamp (negative times follow). Its
  model is not Tobler's: against ours with ``--dem`` only the distribution of the differences is
  reported;
* ``--sources`` sources on distinct passable cells, each at its cell's centre: the GeoJSON for
  ours (lon/lat with 9 decimals, converted with pyproj and checked to fall back in the same
  cell), the same centres in UTM for GRASS (``v.in.ascii``, category = index + 1), the same
  row/column for scikit-image.

**What each clock holds** (each run is a fresh process; wall clock from spawn to exit, CPU time
and peak resident memory from ``os.wait4``, taken by a bare launcher interpreter so that the
script's own memory does not count in the child's ``ru_maxrss``):

* ours: the whole ``coverage traveltime … --threads N --no-polygons`` command (reading the
  GeoTIFF, projecting the sources, the search, writing both rasters, the sources table and the
  manifest: what r.cost writes; ``--polygons`` also makes the isochrones and catchments); and, when its manifest.json has
  step timings (a ``steps``/``timings`` object), the step named like "search" on its own;
* scikit-image: ``find_costs(starts)`` alone on its own clock (costs already a float64 array,
  ``MCP_Geometric`` already made), ``MCP_Geometric(...)`` on another, and the whole worker process
  (imports, reading the GeoTIFF with rasterio, both calls, saving the answer); the allocation it
  does not give is made afterwards from its traceback (outside every clock);
* r.cost (and r.walk): the ``r.cost`` process alone (it reads the GRASS raster into its segment
  structure, searches, writes the time and nearest rasters), with ``memory=`` (default 4000 MB, so
  every segment stays in memory); the import in GRASS (``r.in.gdal``, ``r.mapcalc``,
  ``v.in.ascii``) on its own clock, excluded; starting GRASS and exporting the answers not timed.

``--repeat`` rounds (default 3), each after ``wait_for_quiet`` (when ``--wait-quiet`` > 0), each
running every side once, the order reversed every other round; medians are compared.

**Agreement** (the last round's answers): travel times cell by cell for each pair (max relative
difference over cells reached by both, cells reached by one only, which must be 0 under one
convention); tolerance 1e-9 relative between the two double-precision peers, 1e-6 for ours
(float32 minutes: 6e-8). Allocation: the share of cells given the same source, and each
difference judged a tie when both sources reach the cell at the same time within the tolerance
(each side's source has a neighbour of that source whose time + the move's cost is the cell's
time). The script exits 1 when a held check fails (never for a time).

Usage (from the repository root; ``make bench-traveltime`` makes the venv and installs GRASS):

    .venv-bench/bin/python Benchmarks/bench_traveltime.py --size 500 --sources 50 --repeat 1   # quick
    .venv-bench/bin/python Benchmarks/bench_traveltime.py [--repeat 3] [--walk] [--dem]
        [--coverage .build/release/coverage] [--threads 1,2] [--json FILE] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from machine_state import cpu_jiffies, launched_run, own_cpu_seconds, timed_run, wait_for_quiet  # noqa: E402

SEED = 20261216
CELL = 100.0
X0, Y0 = 200_000.0, 2_200_000.0  # top-left corner, EPSG:32648
EPSG = 32648
NODATA = -9999.0
SPEEDS_KMH = (5.0, 3.0, 2.0, 1.5)
PEER_TOLERANCE = 1e-9  # relative, between the two double-precision peers
OURS_TOLERANCE = 1e-6  # relative, ours writes float32 minutes (float32 epsilon 6e-8)
DATA_VERSION = 2  # bump when the generator changes

OFFSETS_8 = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
OFFSETS_16 = OFFSETS_8 + [(-2, -1), (-2, 1), (-1, -2), (-1, 2), (1, -2), (1, 2), (2, -1), (2, 1)]


# ----------------------------------------------------------------------------- the inputs

def smooth_field(rng, size: int, scale: int) -> np.ndarray:
    """White noise on a grid `scale` times coarser, cubic-zoomed to size × size, scaled to 0…1."""
    from scipy.ndimage import zoom
    coarse = rng.standard_normal((size // scale + 3, size // scale + 3))
    field = zoom(coarse, scale, order=3)[scale:scale + size, scale:scale + size]
    field -= field.min()
    return field / field.max()


def burn_polyline(mask: np.ndarray, xs: np.ndarray, ys: np.ndarray, width: int = 1) -> None:
    """Marks the cells a polyline (in cell coordinates: column, row) passes through, sampled every
    0.25 cell; `width` > 1 thickens it to a square brush."""
    n = mask.shape[0]
    for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:]):
        steps = max(2, int(math.hypot(x1 - x0, y1 - y0) * 4))
        t = np.linspace(0, 1, steps)
        cols = np.floor(x0 + (x1 - x0) * t).astype(np.int64)
        rows = np.floor(y0 + (y1 - y0) * t).astype(np.int64)
        for dr in range(width):
            for dc in range(width):
                r, c = rows + dr - width // 2, cols + dc - width // 2
                keep = (r >= 0) & (r < n) & (c >= 0) & (c < n)
                mask[r[keep], c[keep]] = True


def jittered_line(rng, a, b, pieces: int, jitter: float):
    """A polyline from a to b through `pieces` - 1 points moved sideways by a random walk (steps of
    `jitter` cells, standard deviation), bent back to end at b: it meanders rather than zigzags."""
    t = np.linspace(0, 1, pieces + 1)
    xs = a[0] + (b[0] - a[0]) * t
    ys = a[1] + (b[1] - a[1]) * t
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    walk = np.concatenate([[0.0], np.cumsum(rng.normal(0, jitter, pieces))])
    off = walk - walk[-1] * t
    return xs + nx * off, ys + ny * off


def make_inputs(size: int, n_sources: int, seed: int):
    """Friction (float32 s/m, NaN = nodata), DEM (float32 m), source cells (rows, cols), a summary."""
    rng = np.random.default_rng(seed)
    scale = max(4, size // 80)
    cover = smooth_field(rng, size, scale)
    classes = np.digitize(cover, np.quantile(cover, [0.25, 0.5, 0.75]))
    speed = np.array(SPEEDS_KMH)[classes]
    friction = (3.6 / speed).astype(np.float32)

    # Roads: towns joined to their three nearest others by jittered polylines.
    n_towns = max(6, size // 40)
    towns = rng.uniform(0.02 * size, 0.98 * size, (n_towns, 2))
    pairs = set()
    for i in range(n_towns):
        d = np.hypot(*(towns - towns[i]).T)
        for j in np.argsort(d)[1:4]:
            pairs.add((min(i, int(j)), max(i, int(j))))
    road = np.zeros((size, size), dtype=bool)
    segments = 0
    for i, j in sorted(pairs):
        xs, ys = jittered_line(rng, towns[i], towns[j], pieces=6, jitter=0.01 * size)
        one = np.zeros_like(road)
        burn_polyline(one, xs, ys)
        kmh = rng.uniform(40, 80)
        friction[one] = np.minimum(friction[one], np.float32(3.6 / kmh))
        road |= one
        segments += len(xs) - 1

    # Rivers: two meandering lines from one edge to the opposite one, 3 cells wide, with fords.
    barrier = np.zeros((size, size), dtype=bool)
    for k in range(2):
        pieces = max(8, size // 40)
        if k == 0:
            a, b = (rng.uniform(0.1, 0.9) * size, -1.0), (rng.uniform(0.1, 0.9) * size, size + 1.0)
        else:
            a, b = (-1.0, rng.uniform(0.1, 0.9) * size), (size + 1.0, rng.uniform(0.1, 0.9) * size)
        xs, ys = jittered_line(rng, a, b, pieces=pieces, jitter=0.006 * size)
        river = np.zeros_like(barrier)
        burn_polyline(river, xs, ys, width=3)
        # A ford every ~150 cells along the river: clear a 4-cell-wide disc across it.
        t = np.linspace(0, 1, max(2, int(math.hypot(b[0] - a[0], b[1] - a[1]) // 150)))[1:-1]
        for u in t + rng.uniform(-0.3, 0.3, t.size) / max(1, t.size):
            position = u * (len(xs) - 1)
            i = min(int(position), len(xs) - 2)
            f = position - i
            cx, cy = xs[i] + (xs[i + 1] - xs[i]) * f, ys[i] + (ys[i + 1] - ys[i]) * f
            r0, c0 = int(cy), int(cx)
            river[max(0, r0 - 4):r0 + 5, max(0, c0 - 4):c0 + 5] = False
        barrier |= river & ~road  # roads cross on bridges
    # Lakes: the top 3 % of a second smooth field (islands in them are cut off).
    lakes = smooth_field(rng, size, max(4, size // 40))
    barrier |= (lakes > np.quantile(lakes, 0.97)) & ~road
    # Walled squares: closed rings, 1 cell thick, with nothing of the road network through them.
    rings = max(2, size // 400)
    for _ in range(rings):
        half = int(rng.uniform(0.01, 0.03) * size) + 2
        r0, c0 = (int(v) for v in rng.uniform(half + 1, size - half - 2, 2))
        ring = np.zeros_like(barrier)
        ring[r0 - half:r0 + half + 1, c0 - half:c0 + half + 1] = True
        ring[r0 - half + 1:r0 + half, c0 - half + 1:c0 + half] = False
        barrier |= ring
    friction[barrier] = np.nan

    relief = smooth_field(rng, size, max(4, size // 20)) * 0.8 + smooth_field(rng, size, max(4, size // 100)) * 0.2
    dem = (100.0 + 1800.0 * (relief - relief.min()) / (relief.max() - relief.min())).astype(np.float32)

    passable = np.flatnonzero(np.isfinite(friction.ravel()))
    chosen = np.sort(rng.choice(passable, size=n_sources, replace=False))
    chosen = rng.permutation(chosen)  # source order unrelated to position
    rows, cols = np.divmod(chosen, size)
    summary = {"road_segments": segments, "road_cells": int(road.sum()), "barrier_cells": int(barrier.sum()),
               "towns": n_towns, "rivers": 2, "walled_squares": rings}
    return friction, dem, rows.astype(np.int64), cols.astype(np.int64), summary


def write_geotiff(path: Path, array: np.ndarray, nodata: float) -> None:
    import rasterio
    from rasterio.transform import from_origin
    data = np.where(np.isfinite(array), array, nodata).astype(np.float32)
    profile = {"driver": "GTiff", "height": array.shape[0], "width": array.shape[1], "count": 1, "dtype": "float32",
               "crs": f"EPSG:{EPSG}", "transform": from_origin(X0, Y0, CELL, CELL), "nodata": nodata,
               "tiled": True, "blockxsize": 256, "blockysize": 256, "compress": "deflate", "predictor": 3}
    with rasterio.open(path, "w", **profile) as out:
        out.write(data, 1)


def prepare_data(folder: Path, size: int, n_sources: int, seed: int) -> dict:
    """Writes (or reuses) friction.tif, dem.tif, sources.geojson, sources_utm.csv, tiny check grid."""
    folder.mkdir(parents=True, exist_ok=True)
    params = {"version": DATA_VERSION, "size": size, "sources": n_sources, "seed": seed, "cell_m": CELL,
              "origin": [X0, Y0], "epsg": EPSG}
    stamp = folder / "params.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("params") == params:
        return json.loads(stamp.read_text())
    stamp.unlink(missing_ok=True)
    print(f"making the inputs in {folder} ({size} × {size}, {n_sources} sources, seed {seed})…", file=sys.stderr)
    started = time.perf_counter()
    friction, dem, rows, cols, summary = make_inputs(size, n_sources, seed)
    write_geotiff(folder / "friction.tif", friction, NODATA)
    write_geotiff(folder / "dem.tif", dem, NODATA)
    xs = X0 + (cols + 0.5) * CELL
    ys = Y0 - (rows + 0.5) * CELL
    import pyproj
    to_lonlat = pyproj.Transformer.from_crs(EPSG, 4326, always_xy=True)
    lon, lat = to_lonlat.transform(xs, ys)
    lon, lat = np.round(lon, 9), np.round(lat, 9)
    back_x, back_y = pyproj.Transformer.from_crs(4326, EPSG, always_xy=True).transform(lon, lat)
    back_cols = np.floor((back_x - X0) / CELL).astype(np.int64)
    back_rows = np.floor((Y0 - back_y) / CELL).astype(np.int64)
    if not (np.array_equal(back_cols, cols) and np.array_equal(back_rows, rows)):
        raise SystemExit("a source's lon/lat does not fall back in its cell")
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(f"{a:.9f}"), float(f"{b:.9f}")]},
                 "properties": {"facility_id": f"S{i + 1:04d}", "name": f"Source {i + 1}", "tier": "health_centre"}}
                for i, (a, b) in enumerate(zip(lon, lat))]
    with (folder / "sources.geojson").open("w") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        out.write(",\n".join(json.dumps(f, separators=(",", ":")) for f in features))
        out.write("\n]}\n")
    with (folder / "sources_utm.csv").open("w") as out:  # for GRASS: x, y, category (index + 1)
        for i, (x, y) in enumerate(zip(xs, ys)):
            out.write(f"{x:.3f},{y:.3f},{i + 1}\n")
    np.save(folder / "source_cells.npy", np.column_stack([rows, cols]))
    write_tiny(folder)
    info = {"params": params, **summary, "passable_cells": int(np.isfinite(friction).sum()),
            "nodata_cells": int((~np.isfinite(friction)).sum()), "seconds_to_make": time.perf_counter() - started}
    stamp.write_text(json.dumps(info, indent=2) + "\n")
    return info


# ----------------------------------------------------------------------------- the convention, by hand

# A 5 × 6 grid with a nodata cell, for checking the r.cost conversion, r.walk on flat ground and
# scikit-image against a plain Dijkstra written from the convention.
TINY = np.array([[0.72, 0.72, 1.20, 1.80, 2.40, 0.09],
                 [0.72, np.nan, 1.20, 1.80, 2.40, 0.09],
                 [1.80, 1.80, 0.09, 0.09, 0.09, 0.09],
                 [2.40, 0.72, 0.72, 1.20, np.nan, 1.80],
                 [2.40, 2.40, 0.72, 1.20, 1.80, 1.80]], dtype=np.float32)
TINY_SOURCES = [(0, 0), (4, 5)]


def write_tiny(folder: Path) -> None:
    import rasterio
    from rasterio.transform import from_origin
    data = np.where(np.isfinite(TINY), TINY, NODATA).astype(np.float32)
    for name, values in (("tiny_friction.tif", data), ("tiny_flat_dem.tif", np.full_like(data, 250.0))):
        with rasterio.open(folder / name, "w", driver="GTiff", height=TINY.shape[0], width=TINY.shape[1], count=1,
                           dtype="float32", crs=f"EPSG:{EPSG}", transform=from_origin(X0, Y0, CELL, CELL),
                           nodata=NODATA) as out:
            out.write(values, 1)
    with (folder / "tiny_sources_utm.csv").open("w") as out:
        for i, (r, c) in enumerate(TINY_SOURCES):
            out.write(f"{X0 + (c + 0.5) * CELL:.3f},{Y0 - (r + 0.5) * CELL:.3f},{i + 1}\n")


def dijkstra(friction: np.ndarray, sources, offsets, cell: float, grass_knight: bool = False):
    """The convention, plainly: seconds (inf unreached) and the source index (lowest on a tie).
    `grass_knight`: r.cost -k's knight's move instead (the mean of the two end cells and the two
    cells the move passes between × √5 · cell, and no move when one of those two is null)."""
    rows, cols = friction.shape
    best = np.full(friction.shape, np.inf)
    owner = np.full(friction.shape, -1)
    heap = []
    for i, (r, c) in enumerate(sources):
        if owner[r, c] == -1:
            best[r, c], owner[r, c] = 0.0, i
            heap.append((0.0, i, r, c))
    heapq.heapify(heap)
    while heap:
        t, i, r, c = heapq.heappop(heap)
        if t != best[r, c] or i != owner[r, c]:
            continue
        for dr, dc in offsets:
            rr, cc = r + dr, c + dc
            if 0 <= rr < rows and 0 <= cc < cols and np.isfinite(friction[rr, cc]):
                step = (float(friction[r, c]) + float(friction[rr, cc])) / 2 * cell * math.hypot(dr, dc)
                if grass_knight and max(abs(dr), abs(dc)) == 2:
                    between = [(r + dr // 2, c), (r + dr // 2, c + dc)] if abs(dr) == 2 else [(r, c + dc // 2), (r + dr, c + dc // 2)]
                    values = [float(friction[p]) for p in between]
                    if not all(math.isfinite(v) for v in values):
                        continue
                    step = (float(friction[r, c]) + float(friction[rr, cc]) + sum(values)) / 4 * cell * math.hypot(dr, dc)
                if t + step < best[rr, cc] or (t + step == best[rr, cc] and i < owner[rr, cc]):
                    best[rr, cc], owner[rr, cc] = t + step, i
                    heapq.heappush(heap, (t + step, i, rr, cc))
    return best, owner


# ----------------------------------------------------------------------------- the runs

def ours_available(coverage: Path) -> tuple[bool, str]:
    if not coverage.exists():
        return False, f"{coverage} does not exist (build it: swift build -c release --product coverage)"
    probe = subprocess.run([str(coverage), "traveltime", "--help"], capture_output=True, text=True)
    text = probe.stdout + probe.stderr
    if probe.returncode != 0 or "--friction" not in text:
        return False, f"{coverage} has no `traveltime` command (`coverage traveltime --help` exit {probe.returncode})"
    return True, text


def find_step(obj, word: str = "search"):
    """The seconds of the first step whose name holds `word`, in a manifest's "steps"/"timings"."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in ("steps", "timings", "step_seconds", "timing"):
                if isinstance(value, dict):
                    for name, seconds in value.items():
                        if word in name.lower():
                            if isinstance(seconds, (int, float)):
                                return float(seconds)
                            if isinstance(seconds, dict):
                                for k in ("seconds", "wall_seconds", "wall"):
                                    if isinstance(seconds.get(k), (int, float)):
                                        return float(seconds[k])
                if isinstance(value, list):
                    for step in value:
                        if isinstance(step, dict) and word in str(step.get("name", step.get("step", ""))).lower():
                            for k in ("seconds", "wall_seconds", "wall"):
                                if isinstance(step.get(k), (int, float)):
                                    return float(step[k])
            found = find_step(value, word)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for value in obj:
            found = find_step(value, word)
            if found is not None:
                return found
    return None


def run_ours(coverage: Path, data: Path, out: Path, threads: int, neighbours: int, dem: bool, max_minutes, polygons: bool) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(coverage), "traveltime", "--friction", str(data / "friction.tif"), "--sources",
               str(data / "sources.geojson"), "--out", str(out), "--threads", str(threads), "--neighbours", str(neighbours)]
    if not polygons:
        command.append("--no-polygons")
    if dem:
        command += ["--dem", str(data / "dem.tif")]
    if max_minutes is not None:
        command += ["--max-minutes", repr(max_minutes)]
    out.parent.mkdir(parents=True, exist_ok=True)
    result = launched_run(command, out.parent / f"{out.name}.log", None, ROOT)
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        manifest = None
    result["search_seconds"] = find_step(manifest) if manifest is not None else None
    result["command"] = " ".join(command)
    return result


def run_skimage(data: Path, out: Path, neighbours: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--skimage-worker", str(data), str(out), str(neighbours)]
    result = launched_run(command, out / "worker.log", None, ROOT)
    result.update(json.loads((out / "timings.json").read_text()))
    return result


def run_grass(data: Path, out: Path, neighbours: int, memory_mb: int, walk: bool, walk_args: dict, check: bool) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    worker = [sys.executable, str(Path(__file__).resolve()), "--grass-worker", str(data), str(out), str(neighbours),
              str(memory_mb), "1" if walk else "0", json.dumps(walk_args), "1" if check else "0"]
    env = {**os.environ, "GRASS_VERBOSE": "0"}
    started = time.perf_counter()
    with (out / "grass.log").open("wb") as log:
        code = subprocess.run(["grass", "--tmp-location", f"EPSG:{EPSG}", "--exec", *worker], stdout=log,
                              stderr=subprocess.STDOUT, env=env, cwd=out).returncode
    session = time.perf_counter() - started
    if code != 0 or not (out / "timings.json").exists():
        raise SystemExit(f"the GRASS session failed (exit {code}):\n{(out / 'grass.log').read_text(errors='replace')[-3000:]}")
    result = json.loads((out / "timings.json").read_text())
    result["session_seconds"] = session
    return result


# ----------------------------------------------------------------------------- the workers

def read_tif(path: Path):
    import rasterio
    with rasterio.open(path) as src:
        array = src.read(1)
        nodata = src.nodata
    if np.issubdtype(array.dtype, np.floating):
        out = array.astype(np.float64)
        if nodata is not None and not math.isnan(nodata):
            out[array == nodata] = np.nan
        return out, nodata
    return array, nodata


def skimage_worker(data: Path, out: Path, neighbours: int) -> int:
    started = time.perf_counter()
    from skimage.graph import MCP_Geometric
    import rasterio
    with rasterio.open(data / "friction.tif") as src:
        friction = src.read(1)
        nodata = src.nodata
        cell = src.res[0]
    costs = friction.astype(np.float64)
    costs[friction == nodata] = np.inf  # MCP: infinite (or negative) costs are impassable
    starts = [tuple(rc) for rc in np.load(data / "source_cells.npy").tolist()]
    read_seconds = time.perf_counter() - started
    t0 = time.perf_counter()
    mcp = MCP_Geometric(costs, sampling=(cell, cell), fully_connected=True)  # 8 neighbours only
    t1 = time.perf_counter()
    cumulative, traceback = mcp.find_costs(starts)
    t2 = time.perf_counter()
    np.save(out / "seconds.npy", cumulative)
    np.save(out / "traceback.npy", traceback.astype(np.int8 if len(mcp.offsets) < 127 else np.int32))
    np.save(out / "offsets.npy", np.asarray(mcp.offsets))
    (out / "timings.json").write_text(json.dumps({
        "construct_seconds": t1 - t0, "find_costs_seconds": t2 - t1, "read_seconds": read_seconds,
        "inside_seconds": time.perf_counter() - started, "offsets": len(mcp.offsets)}) + "\n")
    return 0


def grass_worker(data: Path, out: Path, neighbours: int, memory_mb: int, walk: bool, walk_args: dict, check: bool) -> int:
    import grass.script as gs
    result = {}
    quiet = {"quiet": True, "overwrite": True}

    def imported(prefix: str, friction: Path, sources: Path, dem: Path | None) -> float:
        t0 = time.perf_counter()
        gs.run_command("r.in.gdal", input=str(friction), output=f"{prefix}friction", flags="o", **quiet)
        gs.run_command("g.region", raster=f"{prefix}friction")
        gs.run_command("r.mapcalc", expression=f"{prefix}cost = double({prefix}friction) * ewres()", **quiet)
        gs.run_command("v.in.ascii", input=str(sources), output=f"{prefix}sources", format="point", separator="comma",
                       x=1, y=2, cat=3, flags="tb", **quiet)
        if dem is not None:
            gs.run_command("r.in.gdal", input=str(dem), output=f"{prefix}dem", flags="o", **quiet)
        return time.perf_counter() - t0

    def export(name: str, path: Path, kind: str) -> None:
        gs.run_command("r.out.gdal", input=name, output=str(path), format="GTiff", type=kind,
                       nodata=-1e30 if kind == "Float64" else -1,
                       flags="cf", createopt="COMPRESS=NONE", **quiet)

    def cost_run(tag: str, module: str, extra: list[str], k: bool) -> dict:
        command = [module, *extra, f"output={tag}_time", f"nearest={tag}_nearest", f"memory={memory_mb}", "--overwrite", "--quiet"]
        if k:
            command.insert(1, "-k")
        run = timed_run(command, out / f"{tag}.log", out)
        export(f"{tag}_time", out / f"{tag}_seconds.tif", "Float64")
        export(f"{tag}_nearest", out / f"{tag}_nearest.tif", "Int32")
        run["command"] = " ".join(command)
        return run

    if check:  # the tiny grid: r.cost 8 and 16, r.walk on flat ground
        imported("tiny_", data / "tiny_friction.tif", data / "tiny_sources_utm.csv", data / "tiny_flat_dem.tif")
        for k in (False, True):
            cost_run(f"tiny_rcost{'16' if k else '8'}", "r.cost", ["input=tiny_cost", "start_points=tiny_sources"], k)
        cost_run("tiny_rwalk8", "r.walk", ["elevation=tiny_dem", "friction=tiny_friction", "start_points=tiny_sources",
                                            "walk_coeff=0,6.0,1.9998,-1.9998", "lambda=1", "slope_factor=-0.2125"], False)

    result["import_seconds"] = imported("", data / "friction.tif", data / "sources_utm.csv", data / "dem.tif" if walk else None)
    result["rcost"] = cost_run("rcost", "r.cost", ["input=cost", "start_points=sources"], neighbours == 16)
    if walk:
        result["rwalk"] = cost_run("rwalk", "r.walk", ["elevation=dem", "friction=friction", "start_points=sources",
                                                       f"walk_coeff={walk_args['walk_coeff']}", f"lambda={walk_args['lambda']}",
                                                       f"slope_factor={walk_args['slope_factor']}"], neighbours == 16)
    result["grass_version"] = gs.read_command("g.version").strip()
    (out / "timings.json").write_text(json.dumps(result) + "\n")
    return 0


# ----------------------------------------------------------------------------- agreement

def skimage_allocation(folder: Path, source_cells: np.ndarray, shape) -> np.ndarray:
    """The source index of each cell from MCP's traceback: predecessor pointers, jumped to the root."""
    traceback = np.load(folder / "traceback.npy").astype(np.int64).ravel()
    offsets = np.load(folder / "offsets.npy")
    rows, cols = shape
    index = np.arange(rows * cols, dtype=np.int64)
    pred = index.copy()
    step = traceback >= 0
    flat = offsets[:, 0].astype(np.int64) * cols + offsets[:, 1].astype(np.int64)
    pred[step] = index[step] - flat[traceback[step]]
    starts = source_cells[:, 0] * cols + source_cells[:, 1]
    pred[starts] = starts
    for _ in range(64):
        nxt = pred[pred]
        if np.array_equal(nxt, pred):
            break
        pred = nxt
    owner = np.full(rows * cols, -1, dtype=np.int64)
    owner[starts] = np.arange(len(starts))
    result = owner[pred]
    return result.reshape(shape)


def compare_times(name: str, a: np.ndarray, b: np.ndarray, tolerance: float) -> dict:
    """a, b in the same unit, NaN where unreached."""
    ra, rb = np.isfinite(a), np.isfinite(b)
    both = ra & rb
    x, y = a[both], b[both]
    scale = np.maximum(np.abs(x), np.abs(y))
    rel = np.where(scale > 0, np.abs(x - y) / np.where(scale > 0, scale, 1), 0.0)
    worst = int(np.argmax(rel)) if rel.size else None
    quantiles = {f"p{q}": float(np.quantile(rel, q / 100)) for q in (50, 90, 99)} if rel.size else {}
    signed = (x - y) / np.where(scale > 0, scale, 1)
    return {"pair": name, "reached_both": int(both.sum()), "reached_only_first": int((ra & ~rb).sum()),
            "reached_only_second": int((~ra & rb).sum()), "max_relative_difference": float(rel.max()) if rel.size else 0.0,
            "max_absolute_difference": float(np.abs(x - y).max()) if rel.size else 0.0,
            "beyond_tolerance": int((rel > tolerance).sum()), "tolerance": tolerance,
            "relative_quantiles": quantiles, "mean_signed_relative": float(signed.mean()) if rel.size else 0.0,
            "worst_cell": (int(np.flatnonzero(both)[worst]) if worst is not None else None),
            "ok": bool((ra == rb).all() and (rel <= tolerance).all())}


def supported(owner: np.ndarray, seconds: np.ndarray, friction: np.ndarray, cells: np.ndarray, offsets, cell: float,
              tolerance: float) -> np.ndarray:
    """For each cell, whether its source also owns a neighbour whose time + the move's cost equals
    the cell's time (within tolerance): that source reaches the cell at that time."""
    rows, cols = friction.shape
    r, c = np.divmod(cells, cols)
    ok = np.zeros(cells.size, dtype=bool)
    f = friction.ravel()
    t = seconds.ravel()
    o = owner.ravel()
    for dr, dc in offsets:
        rr, cc = r - dr, c - dc
        inside = (rr >= 0) & (rr < rows) & (cc >= 0) & (cc < cols)
        n = np.where(inside, rr * cols + cc, 0)
        step = (f[n] + f[cells]) / 2 * cell * math.hypot(dr, dc)
        arrive = t[n] + step
        good = inside & (o[n] == o[cells]) & np.isfinite(arrive) & (np.abs(arrive - t[cells]) <= tolerance * np.maximum(t[cells], 1e-300))
        ok |= good
    return ok | (t[cells] == 0)


def compare_allocation(name: str, own_a, own_b, sec_a, sec_b, friction, offsets, tolerance: float) -> dict:
    both = (own_a >= 0) & (own_b >= 0)
    differ = np.flatnonzero((both & (own_a != own_b)).ravel())
    ties = supported(own_a, sec_a, friction, differ, offsets, CELL, tolerance) & \
        supported(own_b, sec_b, friction, differ, offsets, CELL, tolerance)
    # The other side's source at that time too: a's source is supported in a's answer, b's in b's.
    return {"pair": name, "cells_both": int(both.sum()), "same_source": int(both.sum() - differ.size),
            "same_share": float((both.sum() - differ.size) / max(1, both.sum())), "differ": int(differ.size),
            "differ_ties": int(ties.sum()), "differ_unexplained": int((~ties).sum()),
            "unexplained_cells": [int(v) for v in differ[~ties][:10]], "ok": bool((~ties).sum() == 0)}


def medians(runs: list[dict], key: str):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


# ----------------------------------------------------------------------------- main

def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--skimage-worker":
        return skimage_worker(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "--grass-worker":
        a = sys.argv[2:]
        return grass_worker(Path(a[0]), Path(a[1]), int(a[2]), int(a[3]), a[4] == "1", json.loads(a[5]), a[6] == "1")

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=4000, help="cells per side (default 4000: 16 M cells of 100 m)")
    parser.add_argument("--sources", type=int, default=1000, help="sources (default 1000)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3); medians are compared")
    parser.add_argument("--coverage", type=Path, default=ROOT / ".build" / "release" / "coverage",
                        help="the coverage binary (default .build/release/coverage); skipped, said so, when it has no traveltime")
    parser.add_argument("--threads", default="1,2", help="thread counts for ours (default 1,2)")
    parser.add_argument("--neighbours", type=int, choices=(8, 16), default=8)
    parser.add_argument("--max-minutes", type=float, help="passed to ours only (the peers search everything)")
    parser.add_argument("--polygons", action="store_true",
                        help="ours also writes its isochrones and catchments (default --no-polygons: the rasters, as r.cost)")
    parser.add_argument("--walk", action="store_true", help="also time r.walk on the DEM (friction + Langmuir slope terms)")
    parser.add_argument("--dem", action="store_true", help="also run ours with --dem DEM.tif and compare it with r.walk (implies --walk)")
    parser.add_argument("--walk-coeff", default="0.72,6.0,1.9998,-1.9998",
                        help="r.walk walk_coeff a,b,c,d (default GRASS's, 0.72,6.0,1.9998,-1.9998: on flat ground a move "
                             "takes (a + lambda × friction) × distance, so the walking time is counted twice with our "
                             "friction; a = 0 would count it once, but then a moderate downhill move can cost less than "
                             "0 s, which r.walk does not clamp)")
    parser.add_argument("--walk-lambda", default="1", help="r.walk lambda (default 1)")
    parser.add_argument("--walk-slope-factor", default="-0.2125", help="r.walk slope_factor (default -0.2125)")
    parser.add_argument("--grass-memory", type=int, default=4000, help="r.cost / r.walk memory= in MB (default 4000)")
    parser.add_argument("--peers", default="skimage,rcost", help="which peers (default skimage,rcost)")
    parser.add_argument("--no-check", action="store_true", help="skip the 5 × 6 convention check")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/healthcoverage-bench-traveltime"))
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before each round wait up to SECONDS for 3 s at ≥ 90 %% idle CPU (default 0)")
    parser.add_argument("--json", type=Path, help="write everything measured here")
    parser.add_argument("--markdown", "--out", dest="markdown", type=Path, help="write the Markdown tables here")
    args = parser.parse_args()
    if args.dem:
        args.walk = True
    peers = {p.strip() for p in args.peers.split(",") if p.strip()}
    if args.neighbours == 16 and "skimage" in peers:
        print("scikit-image skipped: MCP_Geometric takes only offsets of 0 and ±1 (\"all offset components must be 0, 1, "
              "or -1\"), so it has no knight's move", file=sys.stderr)
        peers.discard("skimage")
    threads = [int(t) for t in args.threads.split(",") if t.strip()]

    data = args.data_dir / f"{args.size}x{args.size}-{args.sources}-{args.seed}"
    info = prepare_data(data, args.size, args.sources, args.seed)
    runs_dir = data / "runs"
    have_ours, why = ours_available(args.coverage)
    if not have_ours:
        print(f"OURS SKIPPED: {why}; timing the peers only.", file=sys.stderr)
    if "rcost" in peers and shutil.which("grass") is None:
        raise SystemExit("`grass` is not on PATH (apt-get install grass-core, or make bench-traveltime)")
    walk_args = {"walk_coeff": args.walk_coeff, "lambda": args.walk_lambda, "slope_factor": args.walk_slope_factor}

    sides = []
    if have_ours:
        sides += [(f"ours-{t}", lambda t=t: run_ours(args.coverage, data, runs_dir / f"ours-{t}", t, args.neighbours, False,
                                                     args.max_minutes, args.polygons)) for t in threads]
        if args.dem:
            sides.append(("ours-dem", lambda: run_ours(args.coverage, data, runs_dir / "ours-dem", max(threads),
                                                       args.neighbours, True, args.max_minutes, args.polygons)))
    if "skimage" in peers:
        sides.append(("skimage", lambda: run_skimage(data, runs_dir / "skimage", args.neighbours)))
    if "rcost" in peers:
        sides.append(("grass", lambda: run_grass(data, runs_dir / "grass", args.neighbours, args.grass_memory, args.walk,
                                                  walk_args, not args.no_check)))

    load_before = os.getloadavg()
    started = datetime.now(timezone.utc)
    busy_before, total_before = cpu_jiffies()
    own_before = own_cpu_seconds()
    runs = {name: [] for name, _ in sides}
    idle = []
    for round_number in range(args.repeat):
        if args.wait_quiet > 0:
            idle.append(wait_for_quiet(args.wait_quiet))
        order = sides if round_number % 2 == 0 else sides[::-1]
        for name, run in order:
            print(f"round {round_number + 1} of {args.repeat}: {name}", file=sys.stderr)
            if name == "ours-dem":
                try:
                    runs[name].append(run())
                except SystemExit as error:
                    print(f"ours with --dem refused or failed, skipped: {str(error)[:300]}", file=sys.stderr)
                    sides = [s for s in sides if s[0] != "ours-dem"]
                    runs.pop(name)
                continue
            runs[name].append(run())
    load_after = os.getloadavg()
    busy_after, total_after = cpu_jiffies()
    ticks = os.sysconf("SC_CLK_TCK")
    other_seconds = max(0.0, (busy_after - busy_before) / ticks - (own_cpu_seconds() - own_before))
    available = (total_after - total_before) / ticks
    other_share = other_seconds / available if available > 0 else float("nan")

    # ------------------------------------------------------------------------- agreement
    print("checking the answers…", file=sys.stderr)
    friction, _ = read_tif(data / "friction.tif")
    source_cells = np.load(data / "source_cells.npy")
    offsets = OFFSETS_16 if args.neighbours == 16 else OFFSETS_8
    agreement = {"held": [], "reported": []}
    answers = {}  # name → (seconds float64 NaN-unreached, owner int64 -1-unreached)
    if "skimage" in runs:
        sec = np.load(runs_dir / "skimage" / "seconds.npy")
        sec[~np.isfinite(sec)] = np.nan
        answers["skimage"] = (sec, skimage_allocation(runs_dir / "skimage", source_cells, friction.shape))
    if "grass" in runs:
        for tag in ("rcost", "rwalk"):
            if (runs_dir / "grass" / f"{tag}_seconds.tif").exists():
                sec, _ = read_tif(runs_dir / "grass" / f"{tag}_seconds.tif")
                near, _ = read_tif(runs_dir / "grass" / f"{tag}_nearest.tif")
                answers[tag] = (sec, np.where(near > 0, near.astype(np.int64) - 1, -1))
    for name in [n for n in runs if n.startswith("ours")]:
        minutes, _ = read_tif(runs_dir / name / "travel_minutes.tif")
        near, near_nodata = read_tif(runs_dir / name / "nearest_source.tif")
        near = near.astype(np.int64)
        valid = near != near_nodata if near_nodata is not None else np.ones(near.shape, bool)
        ids = near[source_cells[:, 0], source_cells[:, 1]]  # each source owns its own cell: its id in the file
        lookup = {int(v): i for i, v in enumerate(ids)}
        owner = np.full(near.shape, -1, dtype=np.int64)
        flat = near[valid]
        owner[valid] = np.array([lookup.get(int(v), -2) for v in np.unique(flat)])[np.searchsorted(np.unique(flat), flat)] if flat.size else []
        answers[name] = (minutes * 60.0, owner)

    convention = None
    if "grass" in runs and not args.no_check:
        tiny = runs_dir / "grass"
        convention = {}
        for tag, offs, grass_knight, source in (("tiny_rcost8", OFFSETS_8, False, "tiny_rcost8"),
                                                 ("tiny_rcost16", OFFSETS_16, False, "tiny_rcost16"),
                                                 ("tiny_rcost16_grass_rule", OFFSETS_16, True, "tiny_rcost16"),
                                                 ("tiny_rwalk8", OFFSETS_8, False, "tiny_rwalk8")):
            expected, _ = dijkstra(TINY, TINY_SOURCES, offs, CELL, grass_knight)
            expected[~np.isfinite(expected)] = np.nan
            got, _ = read_tif(tiny / f"{source}_seconds.tif")
            convention[tag] = {"expected_seconds": np.round(expected, 6).tolist(), "got_seconds": np.round(got, 6).tolist(),
                               **{k: v for k, v in compare_times(tag, got, expected, PEER_TOLERANCE).items() if k != "pair"}}
        if "skimage" in peers:
            from skimage.graph import MCP_Geometric
            costs = np.where(np.isfinite(TINY), TINY, np.inf).astype(np.float64)
            for k, offs in ((8, OFFSETS_8),):  # MCP_Geometric refuses offsets other than 0, ±1
                mcp = MCP_Geometric(costs, offsets=offs, sampling=(CELL, CELL))
                got = mcp.find_costs(TINY_SOURCES)[0]
                got[~np.isfinite(got)] = np.nan
                expected, _ = dijkstra(TINY, TINY_SOURCES, offs, CELL)
                expected[~np.isfinite(expected)] = np.nan
                convention[f"tiny_skimage{k}"] = {k2: v for k2, v in compare_times("", got, expected, PEER_TOLERANCE).items() if k2 != "pair"}
        agreement["convention_check"] = convention

    def pair(a: str, b: str, tolerance: float, held: bool):
        if a in answers and b in answers:
            t = compare_times(f"{a} vs {b}", answers[a][0], answers[b][0], tolerance)
            al = compare_allocation(f"{a} vs {b}", answers[a][1], answers[b][1], answers[a][0], answers[b][0], friction,
                                    offsets, tolerance)
            (agreement["held"] if held else agreement["reported"]).append({"times": t, "allocation": al})

    rcost_held = args.neighbours == 8  # r.cost's knight's move is another rule
    pair("skimage", "rcost", PEER_TOLERANCE, rcost_held)
    for name in [n for n in answers if n.startswith("ours") and n != "ours-dem"]:
        pair(name, "skimage", OURS_TOLERANCE, True)
        pair(name, "rcost", OURS_TOLERANCE, rcost_held)
    if "ours-1" in answers and "ours-2" in answers:
        same = bool(np.array_equal(np.nan_to_num(answers["ours-1"][0], nan=-1), np.nan_to_num(answers["ours-2"][0], nan=-1))
                    and np.array_equal(answers["ours-1"][1], answers["ours-2"][1]))
        agreement["ours_1_and_2_threads_identical"] = same
    if "ours-dem" in answers and "rwalk" in answers:
        pair("ours-dem", "rwalk", OURS_TOLERANCE, False)
    if "rwalk" in answers and "rcost" in answers:
        agreement["reported"].append({"times": compare_times("rwalk vs rcost (the slope terms)", answers["rwalk"][0],
                                                             answers["rcost"][0], PEER_TOLERANCE)})

    ok = all(item["times"]["ok"] and item["allocation"]["ok"] for item in agreement["held"])
    if convention is not None:
        ok &= convention["tiny_rcost8"]["ok"] and convention.get("tiny_skimage8", {"ok": True})["ok"] \
            and convention["tiny_rcost16_grass_rule"]["ok"] and convention["tiny_rwalk8"]["ok"]
    if "ours_1_and_2_threads_identical" in agreement:
        ok &= agreement["ours_1_and_2_threads_identical"]

    # ------------------------------------------------------------------------- the table
    cells = args.size * args.size
    rows = []

    def row(label, inside, runs_, key="wall_seconds", peak=None, cpu=None):
        m = medians(runs_, key)
        rows.append((label, inside, m, [r.get(key) for r in runs_], peak, cpu))
        return m

    med = {}
    for t in threads:
        name = f"ours-{t}"
        if name in runs:
            med[name] = row(f"`coverage traveltime --threads {t}`", "whole command: read GeoTIFF, project sources, search, "
                            "write both rasters + table + manifest" + (", isochrones and catchments" if args.polygons else ""), runs[name], peak=medians(runs[name], "peak_rss_mib"),
                            cpu=medians(runs[name], "cpu_seconds"))
            if medians(runs[name], "search_seconds") is not None:
                med[name + "-search"] = row(f"`coverage traveltime --threads {t}`, search step", "the manifest's search step",
                                            runs[name], key="search_seconds")
    if "skimage" in runs:
        r = runs["skimage"]
        med["skimage"] = row("scikit-image `MCP_Geometric.find_costs`", "find_costs alone (costs in memory, MCP made)", r,
                             key="find_costs_seconds")
        row("scikit-image `MCP_Geometric(...)`", "the constructor alone", r, key="construct_seconds")
        med["skimage-process"] = row("scikit-image worker process", "imports, read GeoTIFF, construct, find_costs, save",
                                     r, peak=medians(r, "peak_rss_mib"), cpu=medians(r, "cpu_seconds"))
    if "grass" in runs:
        r = runs["grass"]
        rc = [x["rcost"] for x in r]
        med["rcost"] = row(f"GRASS `r.cost{' -k' if args.neighbours == 16 else ''}` memory={args.grass_memory}",
                           "the r.cost process: read the GRASS raster, search, write time + nearest", rc,
                           peak=medians(rc, "peak_rss_mib"), cpu=medians(rc, "cpu_seconds"))
        row("GRASS import (excluded)", "r.in.gdal + r.mapcalc (× ewres) + v.in.ascii" + (" + r.in.gdal DEM" if args.walk else ""),
            r, key="import_seconds")
        if args.walk:
            rw = [x["rwalk"] for x in r]
            med["rwalk"] = row(f"GRASS `r.walk` memory={args.grass_memory}", f"the r.walk process (walk_coeff={args.walk_coeff}, "
                               f"lambda={args.walk_lambda}, slope_factor={args.walk_slope_factor})", rw,
                               peak=medians(rw, "peak_rss_mib"), cpu=medians(rw, "cpu_seconds"))
    if "ours-dem" in runs:
        med["ours-dem"] = row("`coverage traveltime --dem`", "whole command", runs["ours-dem"],
                              peak=medians(runs["ours-dem"], "peak_rss_mib"))

    load = (f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; other processes used "
            f"{100 * other_share:.0f} % of the CPU time while it ran")
    reference = next((answers[k][0] for k in ("rcost", "skimage") if k in answers), None)
    unreached = None if reference is None else int(info["passable_cells"] - np.isfinite(reference).sum())
    lines = [f"{args.size:,} × {args.size:,} cells of {CELL:g} m ({cells:,}), EPSG:{EPSG}, {args.sources:,} sources, "
             f"{args.neighbours} neighbours, seed {args.seed}; {info['nodata_cells']:,} nodata cells"
             f"{'' if unreached is None else f', {unreached:,} passable cells no source reaches (enclosed)'}; medians of {args.repeat} "
             f"round(s); {started:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; {load}.", ""]
    if not have_ours:
        lines += [f"**Ours skipped:** {why}.", ""]
    lines += ["| side | inside the clock | median (s) | runs (s) | CPU (s) | peak RSS (MiB) | bytes / cell |",
              "|---|---|---:|---|---:|---:|---:|"]
    for label, inside, m, values, peak, cpu in rows:
        fmt = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"| {label} | {inside} | {fmt(m)} | {', '.join(fmt(v) for v in values)} | {fmt(cpu)} | "
                     f"{'–' if peak is None else f'{peak:,.0f}'} | {'–' if peak is None else f'{peak * 1048576 / cells:.1f}'} |")
    ratios = {}
    for t in threads:
        base = med.get(f"ours-{t}")
        if base:
            for peer in ("skimage", "skimage-process", "rcost"):
                if med.get(peer):
                    ratios[f"{peer} / ours-{t}"] = med[peer] / base
            if med.get(f"ours-{t}-search") and med.get("skimage"):
                ratios[f"skimage find_costs / ours-{t} search"] = med["skimage"] / med[f"ours-{t}-search"]
            if med.get(f"ours-{t}-search") and med.get("rcost"):
                ratios[f"rcost / ours-{t} search"] = med["rcost"] / med[f"ours-{t}-search"]
    if med.get("ours-1") and med.get("ours-2"):
        ratios["ours-1 / ours-2"] = med["ours-1"] / med["ours-2"]
    if med.get("rcost") and med.get("skimage"):
        ratios["rcost / skimage find_costs"] = med["rcost"] / med["skimage"]
    if ratios:
        lines += ["", "Ratios of medians: " + "; ".join(f"{k} = {v:.2f}" for k, v in ratios.items()) + "."]

    def describe_times(t):
        q = t["relative_quantiles"]
        return (f"{t['reached_both']:,} cells reached by both, {t['reached_only_first']:,} / {t['reached_only_second']:,} by "
                f"one only; max relative difference {t['max_relative_difference']:.3g} (max {t['max_absolute_difference']:.3g} s; "
                f"median {q.get('p50', 0):.3g}, p99 {q.get('p99', 0):.3g}), {t['beyond_tolerance']:,} beyond {t['tolerance']:g}")

    def describe_alloc(a):
        return (f"same source for {a['same_share'] * 100:.4f} % ({a['differ']:,} differ: {a['differ_ties']:,} ties, "
                f"{a['differ_unexplained']:,} unexplained)")

    agreement_lines = ["Agreement:"]
    if convention is not None:
        agreement_lines.append("- 5 × 6 check against a plain Dijkstra of the convention: " + "; ".join(
            f"{k} max rel {v['max_relative_difference']:.2g}, unreached-mismatch "
            f"{v['reached_only_first'] + v['reached_only_second']} "
            f"({'OK' if v['ok'] else 'differs, as expected: r.cost -k has another knight rule' if k == 'tiny_rcost16' else 'DIFFERENT'})"
            for k, v in convention.items()))
    for kind in ("held", "reported"):
        for item in agreement[kind]:
            t = item["times"]
            text = f"- {t['pair']} ({'held' if kind == 'held' else 'reported only'}): times: {describe_times(t)}"
            if "allocation" in item:
                text += f"; allocation: {describe_alloc(item['allocation'])}"
            agreement_lines.append(text)
    if "ours_1_and_2_threads_identical" in agreement:
        agreement_lines.append(f"- ours on 1 and 2 threads: {'identical' if agreement['ours_1_and_2_threads_identical'] else 'DIFFERENT'}")
    markdown = "\n".join(lines)
    print(markdown)
    print()
    print("\n".join(agreement_lines))
    print()
    print("agreement: OK" if ok else "agreement: FAILED (see above)")

    versions = {"numpy": np.__version__, "python": platform.python_version()}
    try:
        import skimage
        import rasterio
        versions.update({"scikit-image": skimage.__version__, "rasterio": rasterio.__version__, "gdal (rasterio)": rasterio.__gdal_version__})
    except ImportError:
        pass
    if "grass" in runs:
        versions["grass"] = runs["grass"][-1].get("grass_version")
    results = {"started_utc": started.isoformat(timespec="seconds"), "args": {k: str(v) for k, v in vars(args).items()},
               "inputs": info, "passable_unreached": unreached, "ours_available": have_ours, "ours_skipped_because": None if have_ours else why,
               "machine": {"cores": os.cpu_count(), "system": platform.platform(), "load_average_before": list(load_before),
                           "load_average_after": list(load_after), "other_processes_cpu_share": other_share,
                           "idle_share_before_rounds": idle},
               "versions": versions, "runs": runs, "ratios": ratios, "agreement": agreement, "markdown": markdown, "ok": ok}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown + "\n\n" + "\n".join(agreement_lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
