#!/usr/bin/env python3
"""Peak memory and time of `coverage report` on a village layer of about 200 MB.

The layer is made, reproducibly, from the shipped ``GeoData/laos/villages.geojson``: every village
is written ``--copies`` times (default 75: 8,499 × 75 = 637,425 villages, about 200 MB), the first
copy as it is and each other one moved by a seeded random offset (numpy ``default_rng(--seed)``,
uniform in a square of ±``--jitter`` degrees, default 0.05°, about 5 km) that keeps it inside its
stated district: an offset whose point falls outside the district polygon (shapely
``contains_xy``) is drawn again, up to 20 times, and the village stays where it is after that. A
copy's code is the village's with ``-NN`` appended (``101001-07``), so that codes stay unique; its
name, population figures and codes of district and province are the village's. Features are
written one per line, properties in the shipped order, coordinates with 7 decimals, as the shipped
file is. The other layers (districts, provinces, facilities, regions, standards) are copied from
the shipped folder unchanged. The folder is written once (``--data``, default
``/tmp/healthcoverage-bench-memory``) and reused when its ``villages.geojson`` is there; never
commit it.

Then ``COVERAGE report --data DATA --out OUT`` runs ``--repeat`` times (default 3) as a fresh
process; each run's wall clock is taken around the process and its peak resident memory (the
high-water mark, ``ru_maxrss``) and CPU time from ``os.wait4``, as ``/usr/bin/time -v`` reports
them. The script prints the medians and the ratio of peak memory to the size of the village layer.

Usage (from the repository root, after ``swift build -c release --product coverage``):

    /work/main/.venv/bin/python Benchmarks/bench_memory.py [--coverage .build/release/coverage]
        [--copies 75] [--seed 20260415] [--data DIR] [--repeat 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

from machine_state import timed_run

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "GeoData" / "laos"
OTHER_FILES = ["districts.geojson", "provinces.geojson", "facilities.geojson", "facilities_osm.geojson",
               "facilities_other.geojson", "regions.json", "standards.yaml"]
TRIES = 20


def coordinate(value: float) -> str:
    """A coordinate as the shipped file and GeoJSONWriter write it: 7 decimals, trailing zeros trimmed."""
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def jittered_layer(copies: int, seed: int, jitter: float) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """The shipped villages and, per copy, their jittered longitudes and latitudes (copy-major)."""
    villages = json.loads((SHIPPED / "villages.geojson").read_text(encoding="utf-8"))["features"]
    districts = json.loads((SHIPPED / "districts.geojson").read_text(encoding="utf-8"))["features"]
    polygon_of = {d["properties"]["pcode"]: shapely.geometry.shape(d["geometry"]) for d in districts}
    for polygon in polygon_of.values():
        shapely.prepare(polygon)
    base_x = np.array([v["geometry"]["coordinates"][0] for v in villages])
    base_y = np.array([v["geometry"]["coordinates"][1] for v in villages])
    district = np.array([v["properties"]["district_pcode"] for v in villages])
    rng = np.random.default_rng(seed)
    xs = np.empty((copies, len(villages)))
    ys = np.empty((copies, len(villages)))
    xs[0], ys[0] = base_x, base_y
    for copy in range(1, copies):
        x, y = base_x.copy(), base_y.copy()
        pending = np.arange(len(villages))
        for _ in range(TRIES):
            if pending.size == 0:
                break
            dx = rng.uniform(-jitter, jitter, pending.size)
            dy = rng.uniform(-jitter, jitter, pending.size)
            inside = np.zeros(pending.size, dtype=bool)
            for pcode in np.unique(district[pending]):
                members = district[pending] == pcode
                polygon = polygon_of.get(pcode)
                if polygon is not None:
                    inside[members] = shapely.contains_xy(polygon, base_x[pending][members] + dx[members],
                                                          base_y[pending][members] + dy[members])
            x[pending[inside]] = base_x[pending[inside]] + dx[inside]
            y[pending[inside]] = base_y[pending[inside]] + dy[inside]
            pending = pending[~inside]
        xs[copy], ys[copy] = x, y
    return villages, xs, ys


def write_data(folder: Path, copies: int, seed: int, jitter: float) -> None:
    villages, xs, ys = jittered_layer(copies, seed, jitter)
    folder.mkdir(parents=True, exist_ok=True)
    for name in OTHER_FILES:
        shutil.copyfile(SHIPPED / name, folder / name)
    partial = folder / "villages.geojson.part"
    with partial.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        last = copies * len(villages) - 1
        written = 0
        for copy in range(copies):
            for index, village in enumerate(villages):
                properties = dict(village["properties"])
                if copy > 0:
                    properties["village_code"] = f"{properties['village_code']}-{copy:02d}"
                text = json.dumps(properties, ensure_ascii=False, separators=(",", ":"))
                point = f"[{coordinate(xs[copy, index])},{coordinate(ys[copy, index])}]"
                out.write(f'{{"type":"Feature","properties":{text},"geometry":{{"type":"Point","coordinates":{point}}}}}')
                out.write(",\n" if written < last else "\n")
                written += 1
        out.write("]}\n")
    partial.rename(folder / "villages.geojson")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coverage", type=Path, default=ROOT / ".build" / "release" / "coverage")
    parser.add_argument("--copies", type=int, default=75)
    parser.add_argument("--seed", type=int, default=20260415)
    parser.add_argument("--jitter", type=float, default=0.05, help="largest offset in degrees, each axis")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "healthcoverage-bench-memory")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generate-only", action="store_true", help="write the data folder and stop")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    layer = args.data / "villages.geojson"
    if not layer.exists():
        started = time.perf_counter()
        write_data(args.data, args.copies, args.seed, args.jitter)
        print(f"wrote {layer} ({layer.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.generate_only:
        return 0
    if not args.coverage.exists():
        raise SystemExit(f"{args.coverage} is missing: swift build -c release --product coverage")

    input_bytes = layer.stat().st_size
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        for round_ in range(args.repeat):
            out = Path(scratch) / f"out{round_}"
            run = timed_run([str(args.coverage), "report", "--data", str(args.data), "--out", str(out)], Path(scratch) / "log", ROOT)
            run["output_bytes"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
            runs.append(run)
            print(f"run {round_ + 1}: {run['wall_seconds']:.2f} s wall, {run['cpu_seconds']:.2f} s CPU, "
                  f"peak {run['peak_rss_mib']:.0f} MiB", file=sys.stderr)
            shutil.rmtree(out)
    peak = statistics.median(r["peak_rss_mib"] for r in runs)
    summary = {
        "village_layer_bytes": input_bytes,
        "villages": sum(1 for line in layer.open("rb") if line.startswith(b'{"type":"Feature"')),
        "runs": runs,
        "median_wall_seconds": statistics.median(r["wall_seconds"] for r in runs),
        "median_cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
        "median_peak_rss_mib": peak,
        "peak_over_input": peak * 1024 * 1024 / input_bytes,
    }
    print(f"village layer {input_bytes / 1e6:.1f} MB; median of {len(runs)}: {summary['median_wall_seconds']:.2f} s wall, "
          f"{summary['median_cpu_seconds']:.2f} s CPU, peak {peak:.0f} MiB = {summary['peak_over_input']:.1f}× the layer; "
          f"outputs {runs[-1]['output_bytes'] / 1e6:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
