"""The shipped friction surfaces of Laos: friction_walking.tif and friction_motorized.tif.

Called by build_laos.py (and so by `make geodata` and checked by `make geodata-check`). From the raw
layers in geodata-raw/:

* the country: the union of the 18 province polygons (derived-lao-adm2-pcode-population);
* land cover: MODIS MCD12C1 2019, IGBP classes, 0.05° (about 5.5 km): each cell takes the class of
  the MODIS pixel its centre falls in;
* roads: OpenStreetMap main roads (primary, secondary and their links), September 2014: a cell is
  on a road when a point of the line, sampled every 50 m (a tenth of a cell), falls in it;
* the speeds: GeoData/speeds/walking.yaml and motorized.yaml (`coverage traveltime --speed-table`'s
  format): off-road walking speeds by class, water impassable; road speeds by class and mode; off
  the road the motorized mode walks.

The grid: UTM zone 48N (EPSG:32648), cells of 500 m, the country's bounds snapped outwards to the
cell and one cell of margin. A cell whose centre lies more than 1 km outside Laos (the province
polygons are simplified) is nodata (impassable: the public system's patients are not routed
through Thailand or Vietnam). A cell takes the fastest of
its ground and its roads; a road crosses water (a bridge). Friction is 3.6 / speed in seconds per
metre, float32, nodata −9999, written by GDAL's gdal_translate from an ASCII grid (tiled, DEFLATE),
so the same inputs and GDAL give the same bytes.

ETOPO5 relief is not used: at 9 km, quantised to 152 m steps (its PROVENANCE.md), its slopes
would be noise at 500 m.
"""

import hashlib
import json
import math
import os
import subprocess
import tempfile
from pathlib import Path

import numpy
import pyproj
import shapely
import yaml
from shapely.geometry import shape
from shapely.ops import transform as transform_shape

PROVINCES_FILE = "derived-lao-adm2-pcode-population/lao_adm1_dissolved_from_adm2.geojson"
LAND_COVER_FILE = "modis-landcover-lao-2019/mcd12c1_2019_igbp_lao_bbox.tif"
ROADS_FILE = "osm-main-roads-lao-2014/lao_osm_main_roads_2014.geojson"
# The land-cover GeoTIFF's PROVENANCE.md gives the hash of the global file it was cut from, not
# its own: this is the clip's, as read when this script was written.
LAND_COVER_SHA256 = "646f2f87b0552d5c937eacd926058e12e2f129f62e417bf8cb12a3e909fa1fa3"

GRID_CRS = "EPSG:32648"
CELL_METERS = 500.0
SAMPLE_METERS = 50.0
OUTLINE_MARGIN_METERS = 1_000.0
NODATA = -9999
OUTPUTS = ("friction_walking.tif", "friction_motorized.tif")
SPEEDS = {"friction_walking.tif": "walking.yaml", "friction_motorized.tif": "motorized.yaml"}


class FrictionError(Exception):
    pass


def gdal(*arguments, capture=False):
    run = subprocess.run(list(arguments), check=False, capture_output=True, text=True)
    if run.returncode != 0:
        raise FrictionError(f"{arguments[0]} failed: {run.stderr.strip()}")
    return run.stdout


def read_land_cover(raw_dir):
    """The MODIS classes as a 2-D array, with its geotransform."""
    path = raw_dir / LAND_COVER_FILE
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != LAND_COVER_SHA256:
        raise FrictionError(f"{path}: sha256 is {digest}, expected {LAND_COVER_SHA256}; the raw data changed, so the build stops")
    info = json.loads(gdal("gdalinfo", "-json", str(path)))
    columns, rows = info["size"]
    text = gdal("gdal_translate", "-q", "-of", "XYZ", str(path), "/vsistdout/")
    values = numpy.array([int(float(line.split()[2])) for line in text.splitlines() if line.strip()], dtype=numpy.int64)
    return values.reshape(rows, columns), info["geoTransform"]


def read_speeds(name):
    with open(Path(__file__).resolve().parent / "speeds" / name, encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    walking = {int(code): entry.get("speed_kmh") for code, entry in table["land_cover"].items()}
    return walking, table["roads"]["field"], table["roads"]["speeds_kmh"]


def grid_of(outline):
    """(x0, y0 top, columns, rows) of the grid covering `outline` (UTM), one cell of margin."""
    minx, miny, maxx, maxy = outline.bounds
    x0 = (math.floor(minx / CELL_METERS) - 1) * CELL_METERS
    y0 = (math.ceil(maxy / CELL_METERS) + 1) * CELL_METERS
    columns = int(round(((math.ceil(maxx / CELL_METERS) + 1) * CELL_METERS - x0) / CELL_METERS))
    rows = int(round((y0 - (math.floor(miny / CELL_METERS) - 1) * CELL_METERS) / CELL_METERS))
    return x0, y0, columns, rows


def road_speeds(raw_dir, field, speeds_kmh, x0, y0, columns, rows, to_utm):
    """Per cell, the fastest road's speed in km/h (0 where there is none)."""
    best = numpy.zeros((rows, columns))
    with open(raw_dir / ROADS_FILE, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    unknown = sorted({f["properties"].get(field) for f in features} - set(speeds_kmh))
    if unknown:
        raise FrictionError(f"{ROADS_FILE}: road classes without a speed: {unknown}")
    for feature in features:
        speed = speeds_kmh[feature["properties"][field]]
        lines = shape(feature["geometry"])
        for line in getattr(lines, "geoms", [lines]):
            xs, ys = to_utm.transform(*numpy.array(line.coords).T)
            for (ax, ay), (bx, by) in zip(zip(xs, ys), list(zip(xs, ys))[1:]):
                steps = max(1, int(math.ceil(math.hypot(bx - ax, by - ay) / SAMPLE_METERS)))
                t = numpy.linspace(0, 1, steps + 1)
                column = numpy.floor((ax + t * (bx - ax) - x0) / CELL_METERS).astype(int)
                row = numpy.floor((y0 - (ay + t * (by - ay))) / CELL_METERS).astype(int)
                keep = (column >= 0) & (column < columns) & (row >= 0) & (row < rows)
                numpy.maximum.at(best, (row[keep], column[keep]), speed)
    return best


def write_geotiff(path, friction, x0, y0):
    rows, columns = friction.shape
    with tempfile.TemporaryDirectory() as folder:
        grid = Path(folder) / "friction.asc"
        header = (f"ncols {columns}\nnrows {rows}\nxllcorner {x0!r}\nyllcorner {y0 - rows * CELL_METERS!r}\n"
                  f"cellsize {CELL_METERS!r}\nNODATA_value {NODATA}")
        # Nine significant digits give each float32 back exactly.
        values = numpy.where(numpy.isfinite(friction), friction.astype(numpy.float32), NODATA)
        numpy.savetxt(grid, values, fmt="%.9g", header=header, comments="")
        temporary = path.with_name(f".{path.name}.tmp")
        gdal("gdal_translate", "-q", "-of", "GTiff", "-ot", "Float32", "-a_srs", GRID_CRS, "-a_nodata", str(NODATA), "-co", "TILED=YES",
             "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", str(grid), str(temporary))
        os.replace(temporary, path)


def build(raw_dir, out_dir):
    """Writes the two friction surfaces into `out_dir`; returns a line of figures for each."""
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", GRID_CRS, always_xy=True)
    to_wgs84 = pyproj.Transformer.from_crs(GRID_CRS, "EPSG:4326", always_xy=True)
    with open(raw_dir / PROVINCES_FILE, encoding="utf-8") as fh:
        provinces = [shape(f["geometry"]) for f in json.load(fh)["features"]]
    # The province polygons are simplified: a border village or health centre may lie a few hundred
    # metres outside them (one does, HC-LA0709-07), so cells within 1 km of the outline count as Laos.
    outline = transform_shape(to_utm.transform, shapely.union_all(provinces)).buffer(OUTLINE_MARGIN_METERS)
    x0, y0, columns, rows = grid_of(outline)
    xs = x0 + (numpy.arange(columns) + 0.5) * CELL_METERS
    ys = y0 - (numpy.arange(rows) + 0.5) * CELL_METERS
    grid_x, grid_y = numpy.meshgrid(xs, ys)
    shapely.prepare(outline)
    inside = shapely.contains_xy(outline, grid_x, grid_y)
    lon, lat = to_wgs84.transform(grid_x, grid_y)
    classes, transform = read_land_cover(raw_dir)
    column = numpy.floor((lon - transform[0]) / transform[1]).astype(int)
    row = numpy.floor((lat - transform[3]) / transform[5]).astype(int)
    covered = (column >= 0) & (row >= 0) & (column < classes.shape[1]) & (row < classes.shape[0])
    if not covered[inside].all():
        raise FrictionError(f"{LAND_COVER_FILE} does not cover Laos")
    # Cells outside Laos are nodata whatever their class: any in-range index will do for them.
    cell_class = classes[numpy.where(covered, row, 0), numpy.where(covered, column, 0)]
    figures = []
    for name in OUTPUTS:
        walking, field, road_kmh = read_speeds(SPEEDS[name])
        missing = sorted(set(numpy.unique(cell_class[inside]).tolist()) - set(walking))
        if missing:
            raise FrictionError(f"speeds/{SPEEDS[name]}: no speed for the land-cover classes {missing}")
        ground = numpy.array([math.inf if walking.get(c) is None else 3.6 / walking[c] for c in range(max(walking) + 1)])[cell_class]
        roads = road_speeds(raw_dir, field, road_kmh, x0, y0, columns, rows, to_utm)
        on_road = roads > 0
        friction = numpy.where(on_road, numpy.minimum(ground, 3.6 / numpy.where(on_road, roads, 1)), ground)
        friction = numpy.where(inside, friction, math.nan)
        write_geotiff(out_dir / name, friction, x0, y0)
        figures.append(f"{name}: {columns} × {rows} cells of {CELL_METERS:g} m, {int(inside.sum()):,} in Laos, "
                       f"{int((on_road & inside).sum()):,} on a road, {int(((cell_class == 0) & inside).sum()):,} of water")
    return figures
