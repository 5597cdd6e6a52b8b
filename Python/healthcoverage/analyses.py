"""The toolkit's analyses from Python: `coverage assign` and `coverage gaps` as frames.

    import healthcoverage as hc
    villages = hc.assign()                                   # the shipped layers: a GeoDataFrame
    table = hc.gaps(region="bolikhamxay-khammouane", max_minutes=60)
    villages = hc.assign(villages=my_villages, facilities=facilities[facilities.tier != "health_centre"])

Both run the `coverage` command itself (one implementation of the care model, the standards and
the travel models, never a second one in Python): `$COVERAGE_BIN`, else `coverage` on the PATH.
The answers are therefore the command's, to the byte of its files: `assign` returns
`<demand>_assigned.geojson` as a GeoDataFrame (the command's columns in its order), `gaps` returns
`gaps.csv` as a DataFrame.

Layers (`villages`, `facilities`, `districts`, `provinces`, `add_facilities`) may be a path or a
GeoDataFrame; a frame is written as GeoJSON in WGS 84 (reprojected from its CRS; a frame without a
CRS is refused) and named as "the villages GeoDataFrame" in the command's messages. Every other
option of the command is a keyword: `max_minutes=60` is `--max-minutes 60`, `national=True` is
`--national`, a list repeats the option, None leaves it out.

What the command notes about the data (estimated populations, proxy facilities, assumed services,
the travel model) reaches the reader: `frame.attrs["notes"]`, and one `CoverageNote` warning per
call. `frame.attrs["manifest"]` is the run's manifest (inputs and their checksums, parameters,
timings). A refused run raises `CoverageError` with the command's message and exit status.
"""

import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import warnings

__all__ = ["CoverageError", "CoverageNote", "assign", "gaps"]

_LAYERS = ("villages", "facilities", "districts", "provinces", "add_facilities")


class CoverageError(Exception):
    """A run that `coverage` refused: its message (the file, feature and field at fault) and its exit status."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class CoverageNote(UserWarning):
    """What the command says about the data behind the numbers (estimates, proxies, assumptions)."""


def assign(villages=None, facilities=None, *, demand="villages", out=None, **options):
    """Every village's (or facility's) facilities per care: `coverage assign`'s file as a GeoDataFrame.

    `out`: keep the command's output folder there (default: a temporary folder, removed).
    """
    import geopandas

    with _Run("assign", dict(villages=villages, facilities=facilities, demand=demand, **options), out) as run:
        frame = geopandas.read_file(run.folder / f"{demand}_assigned.geojson", engine="pyogrio")
        return run.described(frame)


def gaps(villages=None, facilities=None, *, out=None, **options):
    """Who is beyond reach of care per zone, target and threshold: `coverage gaps`'s gaps.csv as a DataFrame."""
    import pandas

    with _Run("gaps", dict(villages=villages, facilities=facilities, **options), out) as run:
        frame = pandas.read_csv(run.folder / "gaps.csv", encoding="utf-8-sig", dtype={"zone_pcode": str}, keep_default_na=False,
                                na_values=[""])
        return run.described(frame)


def coverage_bin():
    """The `coverage` executable: $COVERAGE_BIN, else `coverage` on the PATH."""
    named = os.environ.get("COVERAGE_BIN")
    found = named or shutil.which("coverage")
    if not found or not pathlib.Path(found).is_file():
        raise CoverageError(f"no `coverage` executable{f' at {named}' if named else ' on the PATH'}: build it "
                            "(`make build` puts it at .build/release/coverage) and set COVERAGE_BIN", 69)
    return found


class _Run:
    """One run of `coverage COMMAND` in a folder of its own, its frames written first."""

    def __init__(self, command, options, out):
        self.command, self.options, self.out = command, options, out

    def __enter__(self):
        if self.options.get("format", "geojson") != "geojson":
            raise ValueError(f"format={self.options['format']!r}: the frames are read from the command's GeoJSON and CSV files; "
                             "run the command itself for another format")
        self._scratch = tempfile.TemporaryDirectory(prefix="healthcoverage-")
        try:
            self._start(pathlib.Path(self._scratch.name))
        except BaseException:
            self._scratch.cleanup()
            raise
        return self

    def _start(self, scratch):
        self.folder = pathlib.Path(self.out) if self.out is not None else scratch / "out"
        self._frames = {}  # the path a frame was written to → how messages name it
        arguments = [coverage_bin(), self.command]
        for name, value in self.options.items():
            if name in _LAYERS:
                value = self._layer(name, value, scratch)
            arguments += _option(name, value)
        arguments += ["--out", str(self.folder)]
        done = subprocess.run(arguments, capture_output=True, text=True)
        if done.returncode != 0:
            raise CoverageError(self._named(done.stderr.strip() or done.stdout.strip()), done.returncode)
        self.printed = self._named(done.stdout + done.stderr)

    def __exit__(self, *exc):
        self._scratch.cleanup()
        return False

    def _layer(self, name, value, scratch):
        values = value if name == "add_facilities" and isinstance(value, (list, tuple)) else [value]
        paths = []
        for position, layer in enumerate(values):
            if hasattr(layer, "geometry") and hasattr(layer, "to_file"):
                path = scratch / f"{name}-{position}.geojson"
                _write_frame(layer, name, path)
                self._frames[str(path)] = f"the {name.replace('_', ' ')} GeoDataFrame"
                layer = path
            paths.append(None if layer is None else str(layer))
        return paths if name == "add_facilities" else paths[0]

    def _named(self, text):
        for path, name in self._frames.items():
            text = text.replace(path, name)
        return text

    def described(self, frame):
        lines = self.printed.splitlines()
        notes = [line.removeprefix("Note: ") for line in lines if line.startswith("Note: ")]
        notes += [line.strip() for line in lines if line.startswith("Layers: ") or line.startswith("  worst: ")]
        frame.attrs["notes"] = notes
        frame.attrs["sources"] = next((line.removeprefix("Sources: ") for line in lines if line.startswith("Sources: ")), None)
        frame.attrs["manifest"] = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        if notes:
            warnings.warn(f"coverage {self.command} notes:\n" + "\n".join(f"  - {note}" for note in notes), CoverageNote, stacklevel=3)
        return frame


def _option(name, value):
    flag = "--" + name.replace("_", "-")
    if value is None or value is False:
        return []
    if value is True:
        return [flag]
    if isinstance(value, (list, tuple)):
        return [part for item in value for part in _option(name, item)]
    return [flag, str(value)]


def _write_frame(frame, name, path):
    if frame.crs is None:
        raise ValueError(f"the {name} GeoDataFrame has no CRS: set it (frame.set_crs(4326) for longitude/latitude)")
    if not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    # Written with json, not a GDAL driver, so that a list (services, care packages) stays a JSON array
    # and a code stays text; the index is not a field.
    features = list(frame.iterfeatures(na="null", drop_id=True))
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"type": "FeatureCollection", "features": features}, file, default=_json_value, allow_nan=False)


def _json_value(value):
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"a {type(value).__name__} cannot be written to GeoJSON")
