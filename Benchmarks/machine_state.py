"""What the benchmark scripts know of the machine they run on: CPU use from /proc/stat, their own
CPU time, waiting for a quiet moment (the machine is shared; quote quiet runs), and the time and
peak memory of a command they run."""

from __future__ import annotations

import json
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


# The bare interpreter `launched_run` starts: it runs the command and reports the command's own
# wall clock, CPU time and peak memory as one JSON line.
LAUNCHER = """
import json, os, subprocess, sys, time
out, err, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as stdout, open(err if err != "-" else os.devnull, "wb") as stderr:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=stderr if err != "-" else subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
print(json.dumps({"wall_seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mib": usage.ru_maxrss / 1024, "exit": os.waitstatus_to_exitcode(status)}))
"""


def launched_run(command: list[str], stdout: Path, stderr: Path | None, cwd: Path) -> dict:
    """`timed_run`, but spawned by a bare interpreter, so that the command's peak memory is its own,
    not the calling script's (Linux carries the parent's high-water mark into a child's ru_maxrss).
    Standard error goes to `stderr`, or with standard output to `stdout` when None. Stops the script
    when the command fails, quoting the end of its error output."""
    launched = subprocess.run([sys.executable, "-c", LAUNCHER, str(stdout), str(stderr) if stderr else "-", *command], cwd=cwd,
                              capture_output=True, text=True)
    if launched.returncode != 0:
        raise SystemExit(f"the launcher failed:\n{launched.stderr[-3000:]}")
    result = json.loads(launched.stdout)
    code = result.pop("exit")
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {code}):\n{(stderr or stdout).read_text(errors='replace')[-3000:]}")
    return result
