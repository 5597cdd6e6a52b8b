"""What the benchmark scripts know of the machine they run on: CPU use from /proc/stat, their own
CPU time, and waiting for a quiet moment (the machine is shared; quote quiet runs)."""

from __future__ import annotations

import os
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
