"""What the benchmark scripts know of the machine they run on: CPU use from /proc/stat, their own
CPU time, waiting for a quiet moment (the machine is shared; quote quiet runs), and the time and
peak memory of a command they run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat (Linux); (0, 0) elsewhere."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return total - idle, total


def own_cpu_seconds() -> float:
    """CPU seconds used by this process and its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def wait_for_quiet(limit_seconds: float, idle_share: float = 0.9, window: float = 3.0) -> float:
    """Waits until the CPUs were at least `idle_share` idle over `window` seconds, at most
    `limit_seconds`; returns the idle share of the last window."""
    deadline = time.monotonic() + limit_seconds
    while True:
        busy0, total0 = cpu_jiffies()
        time.sleep(window)
        busy1, total1 = cpu_jiffies()
        idle = 1 - (busy1 - busy0) / max(1, total1 - total0)
        if idle >= idle_share or time.monotonic() >= deadline:
            return idle
        print(f"waiting for a quiet machine: {100 * idle:.0f} % idle over the last {window:g} s", file=sys.stderr)


def timed_run(command: list[str], log: Path, cwd: Path) -> dict:
    """Runs `command` in `cwd` as a fresh process, its output to `log`: wall clock from spawn to
    exit, CPU time and peak resident memory (the high-water mark) from wait4. Stops the script
    when the command fails."""
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {code}):\n{log.read_text(errors='replace')[-3000:]}")
    return {"wall_seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mib": usage.ru_maxrss / 1024}
