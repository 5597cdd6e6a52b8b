#!/usr/bin/env python3
"""Checks that the committed notebooks carry no outputs, then executes them headlessly.

    python Notebooks/run_notebooks.py --check-stripped   # only the check (standard library only)
    python Notebooks/run_notebooks.py --strip            # remove outputs and execution counts in place
    python Notebooks/run_notebooks.py [NAME …] [--skip NAME]  # the check, then execute (all, or those named)

Executing needs the packages of Notebooks/requirements.txt (``make notebooks`` creates
.venv-notebooks with them). Each notebook runs in a fresh Python kernel of this interpreter, with
Notebooks/ as its working folder; the executed copy is written to out/notebooks/<name>.ipynb
(figures go to out/notebooks/figures/, emptied first when all notebooks run). The first cell that
raises stops that notebook, and the script exits 1 once all have run. The time each notebook took
is printed. The notebooks read COVERAGE_BIN, NOTEBOOK_SCALE and KERNEL_RUNNER (Notebooks/coverage_nb.py);
without KERNEL_RUNNER, the kernel profile's runner is built (release) in the background while the
notebooks before it run.

A committed notebook must be stripped: no cell outputs, every ``execution_count`` null, no execution
timings in cell metadata (so that git shows only what people wrote). ``--strip`` makes it so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = Path(os.environ.get("NOTEBOOK_OUT") or ROOT / "out" / "notebooks").resolve()
CELL_TIMEOUT_S = 900
NEEDS_KERNEL_RUNNER = {"04_kernel_profile"}  # built (release) in the background while the others run
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in tracebacks


def notebooks(names: list[str], skip: list[str]) -> list[Path]:
    found = sorted(HERE.glob("*.ipynb"))
    known = {p.stem for p in found} | {p.name for p in found}
    unknown = set(names + skip) - known
    if unknown:
        sys.exit(f"no such notebook in {HERE}: {', '.join(sorted(unknown))}")
    return [path for path in found if (not names or path.stem in names or path.name in names)
            and path.stem not in skip and path.name not in skip]


def unstripped(path: Path) -> list[str]:
    """What keeps the notebook from being stripped: outputs, execution counts, execution timings."""
    document = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for number, cell in enumerate(document.get("cells", []), 1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {number} has {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {number} has execution_count {cell['execution_count']}")
        if "execution" in cell.get("metadata", {}):
            problems.append(f"cell {number} has execution timings in its metadata")
    return problems


def strip(path: Path) -> bool:
    """Removes outputs, execution counts and execution timings; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    for cell in document.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)
    stripped = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"  # as nbformat writes
    if stripped != text:
        path.write_text(stripped, encoding="utf-8")
        return True
    return False


def check_stripped(paths: list[Path]) -> bool:
    failures = {path: unstripped(path) for path in paths}
    failures = {path: problems for path, problems in failures.items() if problems}
    for path, problems in failures.items():
        print(f"{path.relative_to(ROOT)} is not stripped: {'; '.join(problems[:5])}"
              f"{f' (and {len(problems) - 5} more)' if len(problems) > 5 else ''}", file=sys.stderr)
    if failures:
        print("Strip the outputs before committing: python Notebooks/run_notebooks.py --strip", file=sys.stderr)
        return False
    print(f"notebooks: {len(paths)} committed notebook{'s carry' if len(paths) != 1 else ' carries'} no outputs")
    return True


def execute(path: Path) -> tuple[bool, float]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    # The kernel listens on 127.0.0.1 only; its log level ERROR drops the warning that TCP is unencrypted.
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            extra_arguments=["--log-level=ERROR"], resources={"metadata": {"path": str(HERE)}})
    started = time.perf_counter()
    ok = True
    try:
        client.execute()
    except CellExecutionError as error:
        ok = False
        print(f"notebooks: {path.name} FAILED:\n{ANSI.sub('', str(error))}", file=sys.stderr)
    except Exception as error:  # a kernel that died or timed out
        ok = False
        print(f"notebooks: {path.name} FAILED: {type(error).__name__}: {error}", file=sys.stderr)
    seconds = time.perf_counter() - started
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, OUT / path.name)
    return ok, seconds


class RunnerBuild:
    """The kernel runner's release build (Notebooks/coverage_nb.py), in the background."""

    def __init__(self) -> None:
        import coverage_nb

        self.coverage_nb = coverage_nb
        self.log = OUT / "kernel-runner-build.log"
        OUT.mkdir(parents=True, exist_ok=True)
        command = coverage_nb.RUNNER_BUILD + ["--product", coverage_nb.RUNNER_PRODUCT]
        print(f"notebooks: building the kernel runner in the background: {' '.join(command)} (log: {self.log})",
              flush=True)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)

    def wait(self) -> bool:
        """Waits for the build; sets KERNEL_RUNNER for the notebooks; False (and the log's end) if it failed."""
        status = self.process.wait()
        if status != 0:
            tail = self.log.read_text(errors="replace").splitlines()[-30:]
            print(f"notebooks: the kernel runner's build failed (exit {status}):\n" + "\n".join(tail), file=sys.stderr)
            return False
        os.environ["KERNEL_RUNNER"] = str(self.coverage_nb.runner_path())
        said = [line for line in self.log.read_text(errors="replace").splitlines() if "complete!" in line]
        print(f"notebooks: kernel runner ready ({said[-1].strip() if said else 'built'}): {os.environ['KERNEL_RUNNER']}",
              flush=True)
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebooks to run (file names or stems; default: all)")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="a notebook not to run (repeatable)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check-stripped", action="store_true", help="only check that the notebooks carry no outputs")
    action.add_argument("--strip", action="store_true", help="remove outputs and execution counts in place")
    args = parser.parse_args()
    paths = notebooks(args.names, args.skip)
    if not paths:
        print(f"no notebooks in {HERE}", file=sys.stderr)
        return 1
    if args.strip:
        for path in paths:
            print(f"{path.relative_to(ROOT)}: {'stripped' if strip(path) else 'already stripped'}")
        return 0
    if not check_stripped(paths):
        return 1
    if args.check_stripped:
        return 0

    sys.path.insert(0, str(HERE))  # coverage_nb, for the kernel runner's build
    # The kernel is this interpreter's own (ipykernel's "python3" spec, with its "python" replaced by
    # sys.executable): JUPYTER_PATH puts this environment's spec before any of the user's.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(Path(sys.prefix) / "share" / "jupyter"),
                                                              os.environ.get("JUPYTER_PATH")]))
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.environ["NOTEBOOK_OUT"] = str(OUT)  # absolute: the kernels run in Notebooks/
    print(f"notebooks: executing {len(paths)} (COVERAGE_BIN={os.environ.get('COVERAGE_BIN', 'not set')}, "
          f"NOTEBOOK_SCALE={os.environ.get('NOTEBOOK_SCALE', 'quick')}); executed copies in {OUT}")
    if not args.names and not args.skip:  # a whole run: the figures folder holds this run's figures only
        shutil.rmtree(OUT / "figures", ignore_errors=True)
    results = []
    total_started = time.perf_counter()
    build = None
    if not os.environ.get("KERNEL_RUNNER") and any(path.stem in NEEDS_KERNEL_RUNNER for path in paths):
        build = RunnerBuild()
    try:
        for path in paths:
            if path.stem in NEEDS_KERNEL_RUNNER and build is not None and not build.wait():
                results.append((path.name, False, 0.0))
                print(f"notebooks: {path.name} FAILED: no kernel runner", flush=True)
                continue
            print(f"notebooks: {path.name} …", flush=True)
            ok, seconds = execute(path)
            results.append((path.name, ok, seconds))
            print(f"notebooks: {path.name} {'ok' if ok else 'FAILED'} in {seconds:.1f} s", flush=True)
    finally:
        if build is not None:
            build.stop()
    total = time.perf_counter() - total_started
    figures = sorted((OUT / "figures").glob("*.png")) if (OUT / "figures").exists() else []
    passed = sum(ok for _, ok, _ in results)
    print(f"notebooks: {len(results)} executed in {total:.1f} s; {len(figures)} figures in {OUT / 'figures'}")
    print(f"notebooks: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
