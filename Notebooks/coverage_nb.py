"""What the notebooks share: run the `coverage` command, read what it writes, save figures.

The notebooks use the toolkit through its command line and its output files (GeoJSON, CSV, JSON),
or through the Python package `healthcoverage`, whose `assign` and `gaps` run the same command
(importing this module points the package's COVERAGE_BIN at it); nothing here imitates the Swift code.

Environment (all optional):

* ``COVERAGE_BIN``: the `coverage` executable (``make notebooks`` passes its debug build); otherwise
  ``.build/release/coverage``, then ``.build/debug/coverage``, then ``coverage`` on the PATH.
* ``HEALTHCOVERAGE_DATA``: the data folder, as for the command itself (default ``GeoData/laos``).
* ``NOTEBOOK_OUT``: where outputs and figures go (default ``out/notebooks``; figures in ``figures/``).
* ``NOTEBOOK_SCALE``: ``quick`` (default) or ``full``, for the kernel profile.
* ``KERNEL_RUNNER``: a release build of ``distance-kernel-runner`` (else the kernel profile builds it).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import geopandas
import matplotlib.patheffects as patheffects
import matplotlib.pyplot as plt
import pandas
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("HEALTHCOVERAGE_DATA") or ROOT / "GeoData" / "laos").resolve()
OUT = Path(os.environ.get("NOTEBOOK_OUT") or ROOT / "out" / "notebooks").resolve()
FIGURES = OUT / "figures"
TIERS = ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"]
GROUPS = ["population", "under5", "births_live", "women_15_49"]
GROUP_NAMES = {"population": "people", "under5": "children under 5", "births_live": "live births a year",
               "women_15_49": "women 15–49"}


def label(code: str) -> str:
    """``health_centre`` → ``health centre``."""
    return code.replace("_", " ")


# ----------------------------------------------------------------------------- the command

def coverage_bin() -> Path:
    """The `coverage` executable: $COVERAGE_BIN, else a build in .build, else the PATH."""
    if os.environ.get("COVERAGE_BIN"):
        return Path(os.environ["COVERAGE_BIN"])
    for candidate in (ROOT / ".build" / "release" / "coverage", ROOT / ".build" / "debug" / "coverage"):
        if candidate.exists():
            return candidate
    found = shutil.which("coverage")
    if found:
        return Path(found)
    raise FileNotFoundError("no `coverage` executable: run `swift build --product coverage` (or `make build`) "
                            "in the repository, or set COVERAGE_BIN")


try:  # healthcoverage.assign and .gaps run the same executable as ``run``
    os.environ.setdefault("COVERAGE_BIN", str(coverage_bin()))
except FileNotFoundError:
    pass  # ``run`` says so when it is called


def output_dir(notebook: str, step: str) -> Path:
    """An empty folder out/notebooks/<notebook>/<step> for one command's outputs."""
    folder = OUT / notebook / step
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def run(*arguments: str | Path, quiet: bool = False) -> str:
    """Runs `coverage ARGUMENTS…` from the repository root and returns what it printed.

    Prints the command line (and, unless ``quiet``, its output); raises ``RuntimeError`` with the
    command's own message when it fails.
    """
    command = [str(coverage_bin()), *map(str, arguments)]
    shown = "coverage " + " ".join(shlex.quote(str(a).replace(str(ROOT) + "/", "")) for a in arguments)
    print("$", shown)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"`{shown}` exited {result.returncode}:\n{result.stderr}{result.stdout}")
    print(f"  ({time.perf_counter() - started:.1f} s)")
    if not quiet:
        print(result.stdout)
    return result.stdout


# ----------------------------------------------------------------------------- reading

def read_geojson(path: Path) -> geopandas.GeoDataFrame:
    """A GeoJSON layer (WGS 84 lon/lat) as a GeoDataFrame."""
    return geopandas.read_file(path, engine="pyogrio")


def read_csv(path: Path) -> pandas.DataFrame:
    """A CSV the command wrote; codes (``*_pcode``, ``*_code``, ``*_id``) stay strings."""
    header = pandas.read_csv(path, nrows=0).columns
    text = {c: str for c in header if c.endswith(("_pcode", "_code", "_id")) or c in ("zone_pcode", "threshold")}
    return pandas.read_csv(path, dtype=text)


def layer(name: str) -> geopandas.GeoDataFrame:
    """One of the input layers of the data folder: provinces, districts, villages, facilities."""
    return read_geojson(DATA / f"{name}.geojson")


def regions() -> dict[str, dict]:
    """The regions file: id → {"name", "provinces"}."""
    document = json.loads((DATA / "regions.json").read_text())
    return {region["id"]: region for region in document["regions"]}


def standards() -> dict:
    """The standards file (limits and travel model), as read by the command when no limits are given."""
    return yaml.safe_load((DATA / "standards.yaml").read_text())


def listed(value) -> list | None:
    """A list field as read by geopandas (a list or array), or None where it is null (None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return list(value)


def packages(facilities: pandas.DataFrame, rules: dict | None = None) -> pandas.Series:
    """The care packages each facility provides (a set per facility): its ``care_packages`` when not
    null, else its tier's ``provides`` in the standards file. A district hospital thus provides
    health-centre care too; NC-01 and RC-LA04 (``care_packages`` ``[]``) provide none."""
    tiers = (rules or standards())["tiers"]
    return pandas.Series([set(listed(own)) if listed(own) is not None else set(tiers[tier].get("provides", [tier]))
                          for own, tier in zip(facilities["care_packages"], facilities["tier"])], index=facilities.index)


def offered_services(facilities: pandas.DataFrame, rules: dict | None = None) -> pandas.Series:
    """The services each facility offers (a set per facility): its ``services`` when not null, else its
    tier's ``services`` in the standards file."""
    tiers = (rules or standards())["tiers"]
    return pandas.Series([set(listed(own)) if listed(own) is not None else set(tiers[tier].get("services") or [])
                          for own, tier in zip(facilities["services"], facilities["tier"])], index=facilities.index)


def providers(facilities: pandas.DataFrame, target: str, rules: dict | None = None) -> pandas.Series:
    """Which facilities provide a tier's care or offer a service (a boolean mask over ``facilities``).

    The care model of the standards file, read here from the data (not from the command): a tier's
    care is provided by every facility whose packages include it (see ``packages``), a service by
    every facility that offers it (see ``offered_services``).
    """
    offered = packages(facilities, rules) if target in TIERS else offered_services(facilities, rules)
    return offered.map(lambda items: target in items)


def is_proxy(facilities: pandas.DataFrame) -> pandas.Series:
    """True for the facilities a rule placed where OpenStreetMap lacks them (``source`` "proxy")."""
    return facilities["source"] == "proxy"


OSM_ATTRIBUTION = "Facilities © OpenStreetMap contributors, ODbL 1.0 (proxies placed by rule: GeoData/README.md)"


def plot_facilities(ax, facilities: geopandas.GeoDataFrame, colour: str, marker: str = "s", size: float = 14,
                    label: str = "facility", **style) -> None:
    """Facilities on a map: OpenStreetMap ones filled, proxies hollow (outline only)."""
    osm, proxy = facilities[~is_proxy(facilities)], facilities[is_proxy(facilities)]
    if len(osm):
        osm.plot(ax=ax, color=colour, marker=marker, markersize=size, label=f"{label} (OSM)", **style)
    if len(proxy):
        proxy.plot(ax=ax, facecolor="none", edgecolor=colour, linewidth=0.9, marker=marker, markersize=size,
                   label=f"{label} (proxy, hollow)", **{k: v for k, v in style.items() if k != "edgecolor"})


def attribute(fig) -> None:
    """The OpenStreetMap attribution under a figure that shows facilities (kept by save_figure's tight box)."""
    fig.text(0.5, -0.01, OSM_ATTRIBUTION, ha="center", va="top", fontsize=8, color="#444444")


def read_raster(path: Path):
    """A single-band GeoTIFF as (values as float64 with nodata NaN, extent (left, right, bottom, top), CRS
    WKT), read with GDAL's own command-line tools (gdalinfo, gdal_translate to raw float32)."""
    import numpy
    import tempfile
    info = json.loads(subprocess.run(["gdalinfo", "-json", str(path)], check=True, capture_output=True, text=True).stdout)
    columns, rows = info["size"]
    x0, width, _, y0, _, height = info["geoTransform"]
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "band.bin"
        subprocess.run(["gdal_translate", "-q", "-of", "ENVI", "-ot", "Float32", str(path), str(raw)], check=True)
        values = numpy.fromfile(raw, dtype="<f4").reshape(rows, columns).astype(float)
    nodata = info["bands"][0].get("noDataValue")
    if nodata is not None:
        values[values == numpy.float32(nodata)] = numpy.nan
    return values, (x0, x0 + columns * width, y0 + rows * height, y0), info["coordinateSystem"]["wkt"]


def travel_minutes(distance_m, mode: str, model: dict):
    """The standards' travel model: km × detour factor ÷ speed of the mode, in minutes."""
    return distance_m / 1000 * model["detour_factor"] / model["speeds_kmh"][mode] * 60


# The release build of the distance kernel's runner, as Benchmarks/bench_peers.py makes it.
RUNNER_BUILD = ["swift", "build", "-c", "release", "--package-path", str(ROOT / "Benchmarks"),
                "--scratch-path", str(ROOT / ".build-bench")]
RUNNER_PRODUCT = "distance-kernel-runner"


def runner_path() -> Path:
    """Where the release build puts the kernel runner."""
    folder = subprocess.run(RUNNER_BUILD + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout
    return Path(folder.strip()) / RUNNER_PRODUCT


def kernel_runner() -> Path:
    """The distance kernel's benchmark runner: $KERNEL_RUNNER (run_notebooks.py builds it beside the other
    notebooks), else built here (timed; seconds when it is up to date)."""
    if os.environ.get("KERNEL_RUNNER"):
        return Path(os.environ["KERNEL_RUNNER"])
    print("$", " ".join(RUNNER_BUILD + ["--product", RUNNER_PRODUCT]))
    started = time.perf_counter()
    subprocess.run(RUNNER_BUILD + ["--product", RUNNER_PRODUCT], check=True, capture_output=True)
    print(f"  ({time.perf_counter() - started:.1f} s)")
    return runner_path()


# ----------------------------------------------------------------------------- figures

def save_figure(fig, name: str) -> Path:
    """Saves ``fig`` as out/notebooks/figures/<name>.png (and leaves it shown in the notebook)."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    path = FIGURES / f"{name}.png"
    fig.savefig(path, dpi=120, bbox_inches="tight")
    print("saved", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


def base_map(ax, districts: geopandas.GeoDataFrame, provinces: geopandas.GeoDataFrame | None = None,
             context: geopandas.GeoDataFrame | None = None) -> None:
    """District borders (thin) and province borders (thick), no axes; ``context`` (e.g. the whole
    country) drawn faintly beneath."""
    if context is not None:
        context.plot(ax=ax, color="#f2f2f2", edgecolor="#dddddd", linewidth=0.3)
    districts.boundary.plot(ax=ax, color="#9a9a9a", linewidth=0.4)
    if provinces is not None:
        provinces.boundary.plot(ax=ax, color="#333333", linewidth=1.0)
    ax.set_axis_off()


def annotate(ax, text: str, x: float, y: float, colour: str = "black") -> None:
    """A bold label beside a point on a map, with a white halo so that it reads over dots."""
    ax.annotate(text, (x, y), xytext=(7, 5), textcoords="offset points", fontsize=9, fontweight="bold", color=colour,
                path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])


def scale() -> str:
    """The notebooks' scale: ``quick`` (default, what CI runs) or ``full``."""
    value = os.environ.get("NOTEBOOK_SCALE", "quick")
    if value not in ("quick", "full"):
        raise ValueError(f"NOTEBOOK_SCALE must be quick or full, not {value!r}")
    return value


plt.rcParams.update({"figure.dpi": 90, "axes.titlesize": 11, "axes.titleweight": "bold"})
