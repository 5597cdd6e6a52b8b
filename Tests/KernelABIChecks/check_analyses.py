#!/usr/bin/env python3
"""healthcoverage.assign and healthcoverage.gaps (Python/healthcoverage/analyses.py) against the CLI's
files and independent computations, on the shipped data:

  - assign(): the GeoDataFrame has the columns of `coverage assign`'s villages_assigned.csv in its
    order (the geometry for its lon and lat), every cell equals the file's (read with the csv
    module), and the points equal the GeoJSON's;
  - frames in: the shipped layers read by geopandas give the same file; with only the district
    hospitals, reprojected to UTM 48N, as the facilities, each village's primary-care provider is
    its nearest district hospital, checked against pyproj's Geod by brute force;
  - gaps(): the DataFrame equals `coverage gaps`'s gaps.csv cell by cell, and the national figure of
    health centres within 5 km equals the population summed from assign()'s frame (a km limit is
    to the nearest provider by distance, `health_centre_straight_distance_m`, not to the one the
    walking minutes allocate);
  - the notes reach the reader (a CoverageNote warning, frame.attrs), and bad input is refused
    clearly: a frame without a CRS, a facility frame without tiers (named as the frame, not as a
    temporary file), no `coverage` executable.

    COVERAGE_BIN=.build/debug/coverage check_analyses.py GEODATA_FOLDER
Exit 1 on the first failed check.
"""

import csv
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import warnings

import geopandas
import numpy as np
import pyproj

import healthcoverage as hc

from verdict import check, fail


_SCRATCH = tempfile.TemporaryDirectory(prefix="check-analyses-")  # removed when the check ends


def cli(*arguments):
    folder = pathlib.Path(tempfile.mkdtemp(dir=_SCRATCH.name))
    subprocess.run([os.environ["COVERAGE_BIN"], *arguments, "--out", str(folder)], check=True, capture_output=True)
    return folder


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    return rows[0], rows[1:]


def same_cell(value, text):
    """A frame's cell against the CSV's text: empty is null, true/false are booleans, numbers compare as numbers."""
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or value is getattr(np, "nan")
    if text == "":
        return missing or (isinstance(value, str) and value == "")
    if missing:
        return False
    if isinstance(value, (bool, np.bool_)):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(text) == float(value)
    return str(value) == text


def check_table(frame, path, what):
    header, rows = csv_rows(path)
    columns = list(frame.columns)
    if "geometry" in columns:  # the CSV gives a point's lon and lat where the frame has its geometry
        frame = frame.assign(lon=frame.geometry.x, lat=frame.geometry.y)
        columns = [column for column in columns if column != "geometry"]
        check(columns == [column for column in header if column not in ("lon", "lat")],
              f"{what}: columns {columns[:6]}… differ from {path.name}'s {header[:6]}…")
        columns = header
    check(columns == header, f"{what}: columns {columns[:6]}… differ from {path.name}'s {header[:6]}…")
    check(len(frame) == len(rows), f"{what}: {len(frame)} rows, {path.name} has {len(rows)}")
    values = frame[columns].to_numpy(dtype=object)
    for number, (row, expected) in enumerate(zip(values, rows)):
        for column, value, text in zip(columns, row, expected):
            check(same_cell(value, text), f"{what}: row {number}, {column}: {value!r} against {path.name}'s {text!r}")
    return len(rows) * len(header)


def check_assign(geodata):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = hc.assign(data=geodata)
    command = cli("assign", "--data", str(geodata))
    cells = check_table(frame, command / "villages_assigned.csv", "assign()")
    features = json.loads((command / "villages_assigned.geojson").read_text())["features"]
    points = [tuple(feature["geometry"]["coordinates"]) for feature in features]
    check([(point.x, point.y) for point in frame.geometry] == points, "assign(): the points differ from villages_assigned.geojson's")
    notes = [w for w in caught if issubclass(w.category, hc.CoverageNote)]
    check(len(notes) == 1 and "proxies" in str(notes[0].message), f"assign(): one CoverageNote naming the proxies, got {notes}")
    check(any("estimates" in note for note in frame.attrs["notes"]), "assign(): attrs['notes'] lacks the estimated populations")
    check(frame.attrs["manifest"]["command"][0] == "assign", "assign(): attrs['manifest'] is not the run's manifest")
    print(f"check_analyses: assign() on the shipped data equals coverage assign's files: {len(frame):,} villages, "
          f"{cells:,} cells and every point; the notes arrive as one CoverageNote")
    return frame, command


def check_frames_in(geodata, command):
    villages = geopandas.read_file(geodata / "villages.geojson")
    facilities = geopandas.read_file(geodata / "facilities.geojson")
    hospitals = facilities[facilities["tier"] == "district_hospital"].to_crs(32648)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hc.CoverageNote)
        frame = hc.assign(villages=villages, facilities=hospitals, data=geodata, tier="health_centre", travel="straight")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hc.CoverageNote)
        from_frames = hc.assign(villages=villages, facilities=facilities, data=geodata)
    cells = check_table(from_frames, command / "villages_assigned.csv", "assign(frames)")
    wgs84 = hospitals.to_crs(4326)
    geod = pyproj.Geod(ellps="WGS84")
    hlon, hlat = wgs84.geometry.x.to_numpy(), wgs84.geometry.y.to_numpy()
    ids = wgs84["facility_id"].to_numpy()
    worst = 0.0
    for village in frame.itertuples():
        _, _, metres = geod.inv(np.full(len(hlon), village.geometry.x), np.full(len(hlat), village.geometry.y), hlon, hlat)
        nearest = int(np.argmin(metres))
        check(village.health_centre_id == ids[nearest] or abs(metres[nearest] - village.health_centre_distance_m) < 0.01,
              f"frames in: village {village.village_code}'s primary care is {village.health_centre_id}, "
              f"pyproj's nearest district hospital {ids[nearest]}")
        worst = max(worst, abs(metres[nearest] - village.health_centre_distance_m))
    check(worst < 0.01, f"frames in: a distance differs from pyproj's by {worst:.4f} m")
    print(f"check_analyses: frames in: the shipped layers read by geopandas give coverage assign's file ({cells:,} cells; services "
          f"and care packages stay lists); with the {len(hospitals)} district hospitals in UTM 48N as the facilities, every "
          f"village's primary care is its nearest district hospital by pyproj brute force (largest difference {worst * 1000:.2f} mm)")


def check_gaps(geodata, assigned):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hc.CoverageNote)
        table = hc.gaps(data=geodata, region="national")
    cells = check_table(table, cli("gaps", "--data", str(geodata), "--region", "national") / "gaps.csv", "gaps()")
    row = table[(table["zone_level"] == "national") & (table["target"] == "health_centre") & (table["threshold"] == "5km")]
    check(len(row) == 1, f"gaps(): one national health-centre 5 km row, found {len(row)}")
    covered = int(assigned.loc[assigned["health_centre_straight_distance_m"] <= 5_000, "population"].sum())
    check(int(row["population_covered"].iloc[0]) == covered,
          f"gaps(): {row['population_covered'].iloc[0]} people covered nationally, assign()'s frame sums {covered}")
    print(f"check_analyses: gaps() equals coverage gaps's gaps.csv ({len(table)} rows, {cells:,} cells); its national health-centre "
          f"5 km figure ({covered:,} people) is assign()'s frame summed")


def check_refusals(geodata):
    facilities = geopandas.read_file(geodata / "facilities.geojson")
    try:
        hc.assign(facilities=facilities.set_crs(None, allow_override=True), data=geodata)
        fail("a frame without a CRS was accepted")
    except ValueError as error:
        check("facilities GeoDataFrame has no CRS" in str(error), f"no CRS: {error}")
    try:
        hc.assign(facilities=facilities.drop(columns=["tier"]), data=geodata)
        fail("facilities without tiers were accepted")
    except hc.CoverageError as error:
        message = str(error)
        check("the facilities GeoDataFrame" in message and "tier" in message and "healthcoverage-" not in message and error.status != 0,
              f"no tiers: {message}")
    saved = os.environ.pop("COVERAGE_BIN")
    path = os.environ.get("PATH", "")
    os.environ["PATH"] = "/nonexistent"
    try:
        hc.gaps(data=geodata)
        fail("a run without a coverage executable was accepted")
    except hc.CoverageError as error:
        check("COVERAGE_BIN" in str(error), f"no executable: {error}")
    finally:
        os.environ["COVERAGE_BIN"], os.environ["PATH"] = saved, path
    print("check_analyses: refused clearly: a frame without a CRS, facilities without tiers (the frame named), no coverage executable")


def main():
    geodata = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "GeoData/laos").resolve()
    check("COVERAGE_BIN" in os.environ, "set COVERAGE_BIN to the coverage executable")
    assigned, command = check_assign(geodata)
    check_frames_in(geodata, command)
    check_gaps(geodata, assigned)
    check_refusals(geodata)


if __name__ == "__main__":
    main()
