#!/bin/sh
# The shipped layers converted by ogr2ogr (GDAL's tool, not the toolkit) to a GeoPackage and to
# Shapefiles (the villages' zipped), read back by `coverage report`: every output byte-identical to
# the report on the GeoJSON originals, the manifest aside. The originals are copied out of
# GeoData/laos first: a report names the shipped data's sources only for the shipped files.
#
#     Tests/OutputChecks/check_round_trip.sh COVERAGE_BINARY
set -eu
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../../GeoData/laos
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/geojson" "$tmp/shp"
first=yes
for layer in provinces districts villages facilities; do
	cp "$data/$layer.geojson" "$tmp/geojson/"
	if [ $first = yes ]; then update=; first=no; else update=-update; fi
	ogr2ogr $update -f GPKG "$tmp/layers.gpkg" "$tmp/geojson/$layer.geojson" -nln $layer 2>/dev/null
	ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -mapFieldType StringList=String "$tmp/shp/$layer.shp" "$tmp/geojson/$layer.geojson" 2>/dev/null
done
(cd "$tmp/shp" && python3 -c "import sys, zipfile
with zipfile.ZipFile('villages.zip', 'w') as z:
    for f in sys.argv[1:]: z.write(f)" villages.shp villages.shx villages.dbf villages.prj villages.cpg)
report() {
	out=$1; shift
	"$bin" report --regions "$data/regions.json" --standards "$data/standards.yaml" "$@" --out "$tmp/$out" >/dev/null 2>"$tmp/$out.err" \
		|| { cat "$tmp/$out.err"; echo "check_round_trip: the report into $out failed"; exit 1; }
}
report geojson-out --provinces "$tmp/geojson/provinces.geojson" --districts "$tmp/geojson/districts.geojson" \
	--villages "$tmp/geojson/villages.geojson" --facilities "$tmp/geojson/facilities.geojson"
report gpkg-out --provinces "$tmp/layers.gpkg:provinces" --districts "$tmp/layers.gpkg:districts" \
	--villages "$tmp/layers.gpkg:villages" --facilities "$tmp/layers.gpkg:facilities"
report shp-out --provinces "$tmp/shp/provinces.shp" --districts "$tmp/shp/districts.shp" \
	--villages "$tmp/shp/villages.zip" --facilities "$tmp/shp/facilities.shp" --mapping "$here/shapefile_mapping.yaml"
for format in gpkg shp; do
	files=$(cd "$tmp/geojson-out" && find . -type f ! -name manifest.json | sort)
	[ "$files" = "$(cd "$tmp/$format-out" && find . -type f ! -name manifest.json | sort)" ] \
		|| { echo "check_round_trip: the report from the $format layers holds other files"; exit 1; }
	for f in $files; do
		cmp -s "$tmp/geojson-out/$f" "$tmp/$format-out/$f" || { echo "check_round_trip: $f differs with the $format layers"; exit 1; }
	done
	echo "check_round_trip: the shipped layers as $format give the same report, byte for byte ($(echo "$files" | wc -l) files, manifest aside)"
done
