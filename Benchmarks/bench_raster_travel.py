#!/usr/bin/env python3
"""What raster travel time costs the main jobs: `coverage report` with every tier and rehabilitation
measured over the shipped friction surfaces (``--travel raster``) against the same report with the
straight-line model (``--travel straight``), and `coverage suggest --tier health_centre --count 10`
national at 60 minutes' walk over the raster. Issue 17's targets: the raster report at most 2.5×
the straight-line one, the raster suggestion under 5 s.

Each run is a fresh process of the release binary on the shipped GeoData/laos (wall clock from
spawn to exit, CPU time and peak memory from ``os.wait4``, by a bare launcher interpreter), the two
reports alternating round by round after a wait for a quiet machine; medians are quoted, with the
ratio of the medians and the median of the per-round ratios. The step timings of each manifest
(load, assign, gaps and catchments, write) are reported beside the wall clock. Outputs go to a
temporary folder, removed afterwards.

    .venv-bench/bin/python Benchmarks/bench_raster_travel.py [--coverage .build/release/coverage] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from machine_state import launched_run, wait_for_quiet

ROOT = Path(__file__).resolve().parent.parent


def run(coverage: Path, arguments: list[str], folder: Path, name: str) -> dict:
    out = folder / name
    result = launched_run([str(coverage), *arguments, "--out", str(out)], folder / f"{name}.log", None, ROOT)
    manifest = json.loads((out / "manifest.json").read_text())
    result["steps"] = manifest.get("timings", {})
    return result


def median(results: list[dict], key: str) -> float:
    return statistics.median(result[key] for result in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coverage", type=Path, default=ROOT / ".build" / "release" / "coverage")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--wait-quiet", type=float, default=60, help="seconds to wait at most for a quiet machine before each round")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    arguments = parser.parse_args()
    if not arguments.coverage.exists():
        print(f"bench_raster_travel: {arguments.coverage} not found (make build)", file=sys.stderr)
        return 2

    sides = {
        "report, straight-line": ["report", "--travel", "straight"],
        "report, raster": ["report", "--travel", "raster"],
        "suggest 10 health centres, 60 min walk, raster": [
            "suggest", "--tier", "health_centre", "--count", "10", "--max-minutes", "60", "--travel", "raster"],
    }
    results: dict[str, list[dict]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory(prefix="bench-raster-") as temporary:
        folder = Path(temporary)
        for side, side_arguments in sides.items():  # a warm-up of each, not counted
            run(arguments.coverage, side_arguments, folder, "warm-up")
        for round_number in range(arguments.repeat):
            idle = wait_for_quiet(arguments.wait_quiet)
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
            for side in order:
                result = run(arguments.coverage, sides[side], folder, f"round-{round_number}")
                result["idle_before"] = idle
                results[side].append(result)
            print(f"round {round_number + 1}: " + ", ".join(f"{side} {results[side][-1]['wall_seconds']:.3f} s" for side in sides),
                  file=sys.stderr)

    print(f"{arguments.repeat} alternating rounds, release {arguments.coverage}, GeoData/laos (8,499 villages, 1,126 facilities, "
          "friction rasters 1,600 × 1,916 cells of 500 m)\n")
    print("| run | median wall s | wall s, each round | median CPU s | peak MiB | median steps s |")
    print("|---|---|---|---|---|---|")
    for side in sides:
        runs = results[side]
        steps = {name: statistics.median(r["steps"].get(name, 0) for r in runs) for name in runs[0]["steps"]}
        each = ", ".join(f"{r['wall_seconds']:.3f}" for r in runs)
        print(f"| {side} | **{median(runs, 'wall_seconds'):.3f}** | {each} | "
              f"{median(runs, 'cpu_seconds'):.3f} | {max(r['peak_rss_mib'] for r in runs):.0f} | "
              f"{', '.join(f'{name} {value:.3f}' for name, value in sorted(steps.items()))} |")
    straight, raster = results["report, straight-line"], results["report, raster"]
    ratio = median(raster, "wall_seconds") / median(straight, "wall_seconds")
    per_round = statistics.median(r["wall_seconds"] / s["wall_seconds"] for r, s in zip(raster, straight))
    suggest = median(results["suggest 10 health centres, 60 min walk, raster"], "wall_seconds")
    print(f"\nraster report / straight-line report, median wall clock: {ratio:.2f}× (median of the per-round ratios "
          f"{per_round:.2f}×; target ≤ 2.5×: {'met' if ratio <= 2.5 else 'NOT met'})")
    print(f"raster suggest, median wall clock: {suggest:.3f} s (target < 5 s: {'met' if suggest < 5 else 'NOT met'})")
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
