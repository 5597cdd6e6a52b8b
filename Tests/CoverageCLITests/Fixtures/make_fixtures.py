"""Writes the small hand-made fixtures of the CLI tests (standard library only, deterministic).

Run from the repository root:

    python3 Tests/CoverageCLITests/Fixtures/make_fixtures.py

- bad/: the corpus of bad inputs for `coverage inspect` (InspectCommandBadInputTests.swift holds the
  expected stderr and exit code of each). Every file is written byte for byte here, including the ones
  that are not UTF-8, so that no editor can "fix" them.
- data/: a tiny data directory for `coverage inspect` without arguments (HEALTHCOVERAGE_DATA).
- layers/: small layers for the option tests (--id-field, --strict, --crs).

The 100 MB garbage file is not here: the test generates it into a temporary directory.
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def point_feature(lon, lat, props="{}", fid=None):
    id_member = f'"id": {fid}, ' if fid is not None else ""
    return ('{"type": "Feature", ' + id_member + '"properties": ' + props
            + ', "geometry": {"type": "Point", "coordinates": [' + f"{lon}, {lat}" + ']}}')


def collection(*features, extra=""):
    return '{"type": "FeatureCollection", ' + extra + '"features": [\n' + ",\n".join(features) + "\n]}\n"


def polygon_feature(ring, props="{}"):
    coords = ", ".join(f"[{x}, {y}]" for x, y in ring)
    return '{"type": "Feature", "properties": ' + props + ', "geometry": {"type": "Polygon", "coordinates": [[' + coords + "]]}}"


GOOD_POINT = point_feature(103.66, 18.39, '{"facility_id": "HC-1101-01"}')

BAD = {
    # Syntax: the document is not JSON.
    "truncated.geojson": ('{"type": "FeatureCollection", "features": [\n'
                          '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [103.6').encode(),
    "empty.geojson": b"",
    "bom-only.geojson": b"\xef\xbb\xbf",
    "whitespace-only.geojson": b"\n\n   \n",
    "trailing-comma.geojson": collection(GOOD_POINT + ",").encode(),
    "nan.geojson": collection(point_feature("NaN", 18.39)).encode(),
    "invalid-utf8.geojson": collection(point_feature(103.66, 18.39, '{"name": "Pak\xff\xfesan"}')).encode("latin-1"),
    "latin1.geojson": collection(point_feature(103.66, 18.39, '{"name": "Caf\xe9 Thaphabat"}')).encode("latin-1"),
    "utf16.geojson": collection(GOOD_POINT).encode("utf-16"),
    "duplicate-keys.geojson": collection(point_feature(103.66, 18.39, '{"pcode": "LA1101", "pcode": "LA1102"}')).encode(),
    "control-character.geojson": collection(point_feature(103.66, 18.39, '{"name": "Pak\txan"}')).encode(),
    "deep-nesting.geojson": (b"[" * 1000) + (b"]" * 1000) + b"\n",
    "two-documents.geojson": (collection(GOOD_POINT) + collection(GOOD_POINT)).encode(),
    "single-quotes.geojson": b"{'type': 'FeatureCollection', 'features': []}\n",
    # Structure: JSON, but not GeoJSON (a bare geometry or Feature is a layer of one feature).
    "not-an-object.geojson": ("[" + GOOD_POINT + "]\n").encode(),
    "wrong-type.geojson": b'{"type": "Topology", "objects": {}, "arcs": []}\n',
    "no-type.geojson": b'{"features": []}\n',
    "features-not-array.geojson": ('{"type": "FeatureCollection", "features": {"0": ' + GOOD_POINT + "}}\n").encode(),
    "feature-without-type.geojson": collection(GOOD_POINT, '{"properties": {}, "geometry": null}').encode(),
    "feature-not-object.geojson": collection(GOOD_POINT, '"HC-1101-02"').encode(),
    "properties-array.geojson": collection('{"type": "Feature", "properties": ["HC-1101-01"], "geometry": null}').encode(),
    "unknown-crs.geojson": collection(GOOD_POINT, extra='"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}}, ').encode(),
    "crs-without-name.geojson": collection(GOOD_POINT, extra='"crs": {"type": "link", "properties": {"href": "crs.prj"}}, ').encode(),
    # Geometry: read, but the feature's geometry is malformed or invalid (findings, exit 65 with --strict).
    "unclosed-ring.geojson": collection(polygon_feature([(103, 18), (104, 18), (104, 19), (103, 19)])).encode(),
    "three-position-ring.geojson": collection(polygon_feature([(103, 18), (104, 18), (103, 18)])).encode(),
    "string-coordinates.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": ["103.66", "18.39"]}}').encode(),
    "point-one-number.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [103.66]}}').encode(),
    "null-coordinate.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[103.6, 18.3], [null, 18.4]]}}').encode(),
    "missing-geometry.geojson": collection('{"type": "Feature", "properties": {"pcode": "LA1101"}}').encode(),
    "bow-tie.geojson": collection(polygon_feature([(103, 18), (104, 19), (104, 18), (103, 19), (103, 18)], '{"pcode": "LA1101"}')).encode(),
    "swapped-lat-lon.geojson": collection(point_feature(18.39, 103.66, '{"facility_id": "HC-1101-01"}')).encode(),
    "coordinates-object.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": {"lon": 103.66, "lat": 18.39}}}').encode(),
    "lower-case-type.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "point", "coordinates": [103.66, 18.39]}}').encode(),
    "ring-not-array.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [103.0, 18.0]}}').encode(),
    "unknown-type.geojson": collection(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Circle", "coordinates": [103.66, 18.39], "radius": 5000}}').encode(),
}

DATA = {
    "districts.geojson": collection(
        polygon_feature([(103, 18), (104, 18), (104, 19), (103, 19), (103, 18)], '{"pcode": "LA1101", "name": "A"}'),
        polygon_feature([(104, 18), (105, 18), (105, 19), (104, 19), (104, 18)], '{"pcode": "LA1102", "name": "B"}'),
    ).encode(),
    "facilities.geojson": collection(
        point_feature(103.5, 18.5, '{"facility_id": "HC-1", "tier": "health_centre"}'),
        point_feature(104.5, 18.5, '{"facility_id": "DH-1", "tier": "district_hospital"}'),
    ).encode(),
    "README.txt": b"Not a layer: coverage inspect must skip this file.\n",
}

LAYERS = {
    # Three health centres; two share a name, one has no facility_id and one has a null geometry.
    "facilities-with-findings.geojson": collection(
        point_feature(103.66, 18.39, '{"facility_id": "HC-1", "name": "Pakxan"}'),
        point_feature(103.20, 18.40, '{"facility_id": "HC-2", "name": "Pakxan"}'),
        '{"type": "Feature", "properties": {"name": "Thaphabat"}, "geometry": null}',
    ).encode(),
    # RFC 7946 allows a bare geometry and a single Feature as the document: a layer of one feature.
    "bare-polygon.geojson": b'{"type": "Polygon", "coordinates": [[[103, 18], [104, 18], [104, 19], [103, 19], [103, 18]]]}\n',
    "single-feature.geojson": (point_feature(103.66, 18.39, '{"facility_id": "HC-1"}', fid='"F-1"') + "\n").encode(),
    # A square and a point in UTM zone 48N metres, without a crs member (for --crs).
    "utm48n-no-crs.geojson": collection(
        polygon_feature([(360000, 2030000), (370000, 2030000), (370000, 2040000), (360000, 2040000), (360000, 2030000)], '{"pcode": "SQ"}'),
    ).encode(),
}


def write(folder, files):
    target = HERE / folder
    target.mkdir(exist_ok=True)
    for name, content in files.items():
        (target / name).write_bytes(content)


if __name__ == "__main__":
    write("bad", BAD)
    write("data", DATA)
    write("layers", LAYERS)
