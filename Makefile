# HealthCoverage — the two commands of the quick start, and the pieces they are made of.
#   make demo   install what is missing, build in release mode, summarise GeoData/laos and run the
#               main job on it (outputs in out/report)
#   make test   install what is missing, build, run the whole test suite, the output checks and the
#               notebooks

SHELL := /bin/bash
SWIFT ?= swift
VENV := .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/coverage
GEODATA_FILES := provinces.geojson districts.geojson villages.geojson facilities.geojson facilities_osm.geojson facilities_other.geojson regions.json standards.yaml friction_walking.tif friction_motorized.tif

BENCH_VENV := .venv-bench
NOTEBOOKS_VENV := .venv-notebooks

## Extra flags for the swift builds of test and check-outputs (e.g. SWIFT_FLAGS="--scratch-path .build-x").
SWIFT_FLAGS ?=

.PHONY: demo test build deps venv lint geodata geodata-check check-outputs web-check python-package python-check serve bench-web bench-scale fuzz-api notebooks test-sanitizers test-thread-sanitizer test-address-sanitizer fuzz-build fuzz fuzz-smoke bench-district bench-kernel bench-peers bench-report bench-suggest bench-memory bench-traveltime bench-raster qgis-check check-round-trip clean

## System packages: GEOS, PROJ and GDAL headers (Debian), Python's venv module for the peers, GDAL's
## command-line tools (ogrinfo for the output checks; gdalinfo, gdal_create, gdal_translate for RasterIO's tests),
## Leaflet for the web page (libjs-leaflet, served by `coverage serve` from its installed files), and the
## headless browser of the page's tests (chromium and chromium-driver).
LEAFLET := /usr/share/javascript/leaflet/leaflet.js
deps:
	@if ! pkg-config --exists geos proj gdal 2>/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null \
			|| ! command -v ogrinfo >/dev/null || [ ! -f $(LEAFLET) ] || ! command -v chromedriver >/dev/null; then \
		echo "Installing libgeos-dev, libproj-dev, libgdal-dev, pkg-config, python3-venv, gdal-bin, libjs-leaflet, chromium and chromium-driver…"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgeos-dev libproj-dev libgdal-dev pkg-config python3-venv gdal-bin \
			libjs-leaflet chromium chromium-driver >/dev/null; \
	fi

## Python virtual environment with the pinned packages the data build and the output checks use.
venv: $(VENV)/.installed
$(VENV)/.installed: GeoData/requirements.txt Tests/OutputChecks/requirements.txt Tests/WebChecks/requirements.txt Python/requirements-dask.txt | deps
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r GeoData/requirements.txt -r Tests/OutputChecks/requirements.txt \
		-r Tests/WebChecks/requirements.txt -r Python/requirements-dask.txt
	touch $@

build: deps
	$(SWIFT) build -c release --product coverage

demo: build
	$(RELEASE_BIN) layers summary
	@echo
	$(RELEASE_BIN) report --out out/report

test: deps venv lint
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)
	$(MAKE) --no-print-directory geodata-check
	$(MAKE) --no-print-directory check-outputs
	$(MAKE) --no-print-directory web-check
	$(MAKE) --no-print-directory python-check
	$(MAKE) --no-print-directory notebooks

## The toolchain's swift-format with the committed .swift-format: every Swift file of the package, of
## Benchmarks/ and of Fuzz/, warnings are errors (a few seconds).
SWIFT_SOURCES := Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources Benchmarks/Benchmarks Fuzz/Package.swift Fuzz/Sources
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES)

## Rebuild GeoData/laos from ../shared/geodata-raw (see GeoData/README.md).
geodata: venv
	$(PYTHON) GeoData/build_laos.py

## The committed GeoData/laos must be exactly what the script produces.
geodata-check: venv
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) GeoData/build_laos.py --out "$$tmp" && \
	for f in $(GEODATA_FILES); do \
		cmp "$$tmp/$$f" "GeoData/laos/$$f" || { echo "GeoData/laos/$$f differs from what GeoData/build_laos.py produces"; exit 1; }; \
	done && echo "geodata-check: GeoData/laos is reproduced exactly by GeoData/build_laos.py"

## The outputs, checked independently (Tests/OutputChecks/check_outputs.py: GDAL's ogrinfo, geopandas,
## RFC 7946, CSV = GeoJSON properties, nearest facility per tier against pyproj's geodesic brute
## force), and the same bytes whatever the thread count (every output but manifest.json, which
## holds timings), for `coverage assign` and the main job `coverage report`; then `coverage capacity` (its
## allocation recomputed in Python), a scenario run and a comparison; then `coverage traveltime` on the
## traveltime fixtures (Tests/OutputChecks/check_traveltime.py: an independent Dijkstra, 8 and 16
## neighbours, Tobler on a DEM, a geographic grid; the same bytes on 1 and 2 threads and from land cover).
check-outputs: deps venv
	$(SWIFT) build --product coverage $(SWIFT_FLAGS)
	@set -e; bin="$$($(SWIFT) build --show-bin-path $(SWIFT_FLAGS))/coverage"; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	same() { \
		files=$$(cd "$$1" && find . -type f ! -name manifest.json | sort); \
		[ "$$files" = "$$(cd "$$2" && find . -type f ! -name manifest.json | sort)" ] \
			|| { echo "check-outputs: $$1 and $$2 hold different files"; exit 1; }; \
		for f in $$files; do \
			cmp "$$1/$$f" "$$2/$$f" || { echo "check-outputs: $$f differs between $$1 and $$2"; exit 1; }; \
		done; \
	}; \
	for threads in all 1 2; do \
		option=$$([ $$threads = all ] || echo "--threads $$threads"); \
		"$$bin" assign $$option --out "$$tmp/assign-$$threads" >/dev/null; \
	done; \
	same "$$tmp/assign-all" "$$tmp/assign-1"; same "$$tmp/assign-all" "$$tmp/assign-2"; \
	echo "check-outputs: coverage assign writes the same bytes on all cores, 1 thread and 2 threads"; \
	"$$bin" report --format both --out "$$tmp/report-all" >/dev/null; \
	"$$bin" report --format both --threads 1 --out "$$tmp/report-1" >/dev/null; \
	same "$$tmp/report-all" "$$tmp/report-1"; \
	echo "check-outputs: coverage report --format both writes the same bytes (GeoPackage included) on all cores and 1 thread"; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/report-all"; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/assign-all"; \
	"$$bin" report --travel raster --out "$$tmp/raster-all" >/dev/null; \
	"$$bin" report --travel raster --threads 1 --out "$$tmp/raster-1" >/dev/null; \
	same "$$tmp/raster-all" "$$tmp/raster-1"; \
	echo "check-outputs: coverage report --travel raster writes the same bytes on all cores and 1 thread"; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/raster-all"; \
	"$$bin" capacity --out "$$tmp/capacity" >/dev/null; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/capacity"; \
	"$$bin" run Scenarios/base-bolikhamxay-khammouane.yaml --out "$$tmp/base" >/dev/null; \
	"$$bin" run Scenarios/ten-health-centres-bolikhamxay-khammouane.yaml --out "$$tmp/ten" >/dev/null; \
	"$$bin" compare "$$tmp/base" "$$tmp/ten" --out "$$tmp/compare" >/dev/null; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/ten"; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/compare"; \
	tt=Tests/CoverageCLITests/Fixtures/traveltime; \
	"$$bin" traveltime --friction $$tt/friction.tif --sources $$tt/sources.geojson --villages $$tt/villages.geojson --isochrones 2,5,10 \
		--threads 1 --out "$$tmp/tt-1" >/dev/null; \
	"$$bin" traveltime --friction $$tt/friction.tif --sources $$tt/sources.geojson --villages $$tt/villages.geojson --isochrones 2,5,10 \
		--threads 2 --out "$$tmp/tt-2" >/dev/null; \
	"$$bin" traveltime --land-cover $$tt/landcover.tif --speed-table $$tt/speeds.yaml --roads $$tt/roads.geojson \
		--sources $$tt/sources.geojson --villages $$tt/villages.geojson --isochrones 2,5,10 --out "$$tmp/tt-landcover" >/dev/null; \
	same "$$tmp/tt-1" "$$tmp/tt-2"; same "$$tmp/tt-1" "$$tmp/tt-landcover"; \
	echo "check-outputs: coverage traveltime writes the same bytes on 1 and 2 threads, from friction or from land cover and roads"; \
	"$$bin" traveltime --friction $$tt/friction.tif --dem $$tt/dem.tif --neighbours 16 --max-minutes 20 --isochrones 5,10 \
		--sources $$tt/sources.geojson --out "$$tmp/tt-dem" >/dev/null; \
	"$$bin" traveltime --friction $$tt/friction_geographic.tif --sources $$tt/sources_geographic.geojson --isochrones 2,4 \
		--out "$$tmp/tt-geographic" >/dev/null; \
	$(PYTHON) Tests/OutputChecks/check_traveltime.py "$$tmp/tt-1" --friction $$tt/friction.tif --villages $$tt/villages.geojson; \
	$(PYTHON) Tests/OutputChecks/check_traveltime.py "$$tmp/tt-dem" --friction $$tt/friction.tif --dem $$tt/dem.tif --neighbours 16 --max-minutes 20; \
	$(PYTHON) Tests/OutputChecks/check_traveltime.py "$$tmp/tt-geographic" --friction $$tt/friction_geographic.tif; \
	$(PYTHON) Tests/OutputChecks/check_outputs.py "$$tmp/tt-1"

## The web page in a real browser (Tests/WebChecks/check_web.py: headless chromium through Selenium) and over
## HTTP, against the CLI's answers: the district table, a village's answer, a what-if against `coverage run`
## + `coverage compare` of the scenario the page saves. Screenshots in out/web-check/screens/.
web-check: deps venv
	$(SWIFT) build --product coverage $(SWIFT_FLAGS)
	$(PYTHON) Tests/WebChecks/check_web.py "$$($(SWIFT) build --show-bin-path $(SWIFT_FLAGS))/coverage" out/web-check

## The web page on the shipped data, at http://127.0.0.1:8080/ (SERVE_ARGS="--port 9000 --travel straight" …).
serve: build
	$(RELEASE_BIN) serve $(SERVE_ARGS)

## The kernels' C ABI (Sources/KernelABI, include/healthcoverage.h) as one shared library, built in release
## with the Swift runtime linked in (-static-stdlib: it needs only libc, libstdc++, libm, GEOS and PROJ), in
## .build-python; then the Python package (Python/) with it, stripped (14 MB; no Foundation in the kernels),
## installed into .venv.
KERNELS_LIB := .build-python/release/libHealthCoverageKernels.so
python-package: deps venv
	$(SWIFT) build -c release --product HealthCoverageKernels --scratch-path .build-python -Xswiftc -static-stdlib
	@if nm $(KERNELS_LIB) | grep -q '$$s10Foundation'; then \
		echo "python-package: the kernels' library links Foundation (+47 MB of ICU): a module under it imports Foundation (ARCHITECTURE.md)"; exit 1; fi
	mkdir -p Python/healthcoverage/lib
	cp $(KERNELS_LIB) Sources/KernelABI/include/healthcoverage.h Python/healthcoverage/lib/
	strip --strip-unneeded Python/healthcoverage/lib/$(notdir $(KERNELS_LIB))
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./Python

## The C ABI from C (Tests/KernelABIChecks/abi_check.c against the header), the Python package against
## independent computations (check_python.py: pyproj, shapely, scikit-image), healthcoverage.assign and gaps
## against the debug `coverage`'s files and pyproj (check_analyses.py), and healthcoverage.dask on a
## LocalCluster of 2 workers against one process (check_dask.py, a worker killed on the way).
python-check: python-package
	$(SWIFT) build --product coverage $(SWIFT_FLAGS)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cc -std=c11 -Wall -Werror -I Sources/KernelABI/include Tests/KernelABIChecks/abi_check.c \
		-L $(dir $(KERNELS_LIB)) -lHealthCoverageKernels -Wl,-rpath,$(CURDIR)/$(dir $(KERNELS_LIB)) -lm -o "$$tmp/abi_check" && \
	"$$tmp/abi_check"
	cd /tmp && $(CURDIR)/$(PYTHON) $(CURDIR)/Tests/KernelABIChecks/check_python.py $(CURDIR)/GeoData/laos
	bin="$$($(SWIFT) build --show-bin-path $(SWIFT_FLAGS))/coverage" && cd /tmp && \
		COVERAGE_BIN="$$bin" $(CURDIR)/$(PYTHON) $(CURDIR)/Tests/KernelABIChecks/check_analyses.py $(CURDIR)/GeoData/laos
	cd /tmp && $(CURDIR)/$(PYTHON) $(CURDIR)/Tests/KernelABIChecks/check_dask.py $(CURDIR)/GeoData/laos

## healthcoverage.dask at scale (Benchmarks/bench_scale.py): 10⁸ seeded points written partition by partition
## × 10⁵ facilities, nearest and counts within 5 km on a LocalCluster of 2 workers, then dask-geopandas
## (sjoin_nearest, sjoin dwithin in UTM 48N) on the same cluster and DuckDB spatial (PyPI wheels, offline) on the
## same partitions; answers of one partition checked against scipy's cKDTree. Data and results in
## out/bench-scale (9.6 GB at 10⁸; the peers take most of an hour there). BENCH_SCALE_ARGS="--points 1e7".
bench-scale: python-package
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Benchmarks/requirements-scale.txt
	$(PYTHON) Benchmarks/bench_scale.py $(BENCH_SCALE_ARGS)

## `coverage serve` under load (Benchmarks/bench_web.py, release build): what-if latency for a province and
## for the nation, then wrk's p50 and p99 of a query and of a what-if at 1, 8 and 32 connections (installs
## Debian's wrk). BENCH_WEB_ARGS="--rounds 15 --duration 10".
bench-web: build
	@command -v wrk >/dev/null || { echo "Installing wrk…"; $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	python3 Benchmarks/bench_web.py $(RELEASE_BIN) $(BENCH_WEB_ARGS)

## The API fuzzed from its own /openapi.json by schemathesis (PyPI, in .venv-schemathesis) against the release
## server on the shipped data: every generated request, valid or not, must get an answer that is not a 5xx
## and that the document describes, and every invalid one a 4xx. Not checked: that every request the schema
## allows succeeds (positive_data_acceptance), since no schema can list which names of places exist.
## Not run: the coverage phase, whose generator fails inside Python 3.11.7's ast module ("AST constructor
## recursion depth mismatch", schemathesis 4.32.5). A national motorized suggestion over the raster takes ~17 s:
## requests may take 120 s. Reports in out/fuzz-api/. FUZZ_API_EXAMPLES per operation.
SCHEMATHESIS_VENV := .venv-schemathesis
FUZZ_API_EXAMPLES ?= 100
fuzz-api: build $(SCHEMATHESIS_VENV)/.installed
	@set -e; log=$$(mktemp); $(RELEASE_BIN) serve --port 0 >"$$log" 2>&1 & pid=$$!; trap 'kill $$pid; rm -f "$$log"' EXIT; \
	url=""; for i in $$(seq 300); do url=$$(grep -o 'http://[^ ]*/' "$$log" || true); [ -n "$$url" ] && break; sleep 0.2; done; \
	[ -n "$$url" ] || { cat "$$log"; echo "fuzz-api: the server did not start"; exit 1; }; \
	$(SCHEMATHESIS_VENV)/bin/schemathesis run "$${url}openapi.json" --checks all --exclude-checks positive_data_acceptance \
		--phases examples,fuzzing,stateful --max-examples $(FUZZ_API_EXAMPLES) --seed 19 --workers 2 --request-timeout 120 --report junit --report-dir out/fuzz-api

$(SCHEMATHESIS_VENV)/.installed: Tests/WebChecks/schemathesis-requirements.txt | deps
	python3 -m venv $(SCHEMATHESIS_VENV)
	$(SCHEMATHESIS_VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/WebChecks/schemathesis-requirements.txt
	touch $@

## The notebooks (Notebooks/*.ipynb), executed headlessly on the debug `coverage` (COVERAGE_BIN) and the
## Python package (installed into their venv; notebook 05 runs the national coverage through it): fails
## when a committed notebook carries outputs or when a cell raises. Executed copies in out/notebooks/,
## figures (PNG) in out/notebooks/figures/. run_notebooks.py builds the kernel runner (release,
## .build-bench) in the background while the notebooks before the kernel profile run.
## NOTEBOOK_SCALE=full gives the kernel profile its big sizes.
notebooks: deps python-package
	python3 Notebooks/run_notebooks.py --check-stripped
	$(SWIFT) build --product coverage $(SWIFT_FLAGS)
	$(MAKE) --no-print-directory $(NOTEBOOKS_VENV)/.installed
	$(NOTEBOOKS_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./Python
	COVERAGE_BIN="$$($(SWIFT) build --show-bin-path $(SWIFT_FLAGS))/coverage" \
	$(NOTEBOOKS_VENV)/bin/python Notebooks/run_notebooks.py

## Python virtual environment for the notebooks (Jupyter's nbclient and kernel, geopandas, matplotlib, the peers).
## --no-compile: a module is byte-compiled when first imported, not all of them at install (~20 s less).
$(NOTEBOOKS_VENV)/.installed: Notebooks/requirements.txt | deps
	python3 -m venv $(NOTEBOOKS_VENV)
	$(NOTEBOOKS_VENV)/bin/pip install --quiet --no-compile --disable-pip-version-check -r Notebooks/requirements.txt
	touch $@

## The whole suite under the thread sanitizer, then under the address sanitizer (slow: separate builds).
test-sanitizers: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	$(MAKE) --no-print-directory test-address-sanitizer

## The whole suite under the address sanitizer and its LeakSanitizer, in .build-asan. XCTest is skipped
## (its own 144-byte leak would fail the run). Tests/Sanitizers/lsan.supp suppresses one leak of
## swift-argument-parser (reproduced beside it), without a report line that would change the stderr the
## CLI tests compare. Not run by CI: on the 2-core machine, shared with other builds, the ASan build took
## 7 min 24 s and the suite 12 min 42 s, beyond CI's 12-minute budget; CI runs every reader under
## ASan through `make fuzz-smoke` instead.
test-address-sanitizer: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp:print_suppressions=0 \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan --disable-xctest

## The tests of the parallel code under the thread sanitizer: the kernel and its fan-out, GEOS and
## PROJ per thread, the domain steps that fan out, and the web server's concurrent what-ifs and its gate
## (about 3 minutes from nothing; run by .ci/run).
THREADED_TESTS := ParallelismTests|DistanceKernelTests|TravelTimeTests|GeometryKitTests.ThreadResourcesTests|GeometryKitTests.LiveHandlesTests|GeoIOTests.AtomicFileTests|CoverageCoreTests.(CoverageAssignment|RasterAssignment|GapAreas|CatchmentPolygons|AdminLocator|LayerSetTests|CoverageGapsFiles)|CoverageServerTests.(ComputeGateTests|WhatIfEndpointTests/whatIfsAtOnce)
## The shipped layers converted by ogr2ogr to a GeoPackage and to Shapefiles give a report byte-identical
## to the GeoJSON originals' (release build, ~10 s; make test checks the same on the LA11 fixture).
check-round-trip: build
	Tests/OutputChecks/check_round_trip.sh .build/release/coverage

## The GeoPackages' QGIS styles opened and drawn by QGIS itself (headless PyQGIS; installs Debian's
## python3-qgis, ~400 MB, so not part of make test): exits non-zero unless each layer's default
## style loads from layer_styles with the renderer expected.
qgis-check: build
	@if ! /usr/bin/python3 -c "import qgis.core" 2>/dev/null; then \
		echo "Installing python3-qgis…"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-qgis qgis-providers >/dev/null; \
	fi
	@set -e; bin="$$($(SWIFT) build --show-bin-path $(SWIFT_FLAGS))/coverage"; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	"$$bin" report --region north --format gpkg --out "$$tmp/report" >/dev/null; \
	"$$bin" capacity --format gpkg --out "$$tmp/capacity" >/dev/null; \
	/usr/bin/python3 Tests/OutputChecks/render_qgis.py out/qgis_north.png \
		"$$tmp/capacity/coverage.gpkg:capacity_facilities=categorizedSymbol" "$$tmp/report/coverage.gpkg:north_zones_districts=graduatedSymbol"

test-thread-sanitizer: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(THREADED_TESTS)'

## The libFuzzer targets of Fuzz/ (a package of its own, so that `swift build` and `swift test` never build
## them), one per reader, with ASan, in .build-fuzz (debug: about 30 s; release takes 3 minutes to build
## for a third more executions a second). SwiftPM hands `--sanitize=fuzzer --sanitize=address` to swiftc
## as two -sanitize= options of which swiftc keeps only the last, so the Swift code would get no coverage
## counters: -Xswiftc -sanitize=fuzzer,address gives them back, and --sanitize still instruments Yams's C.
FUZZ_BUILD_FLAGS := --package-path Fuzz --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)

## Every reader fuzzed for FUZZ_RUNS executions (default 1,000,000) from the test fixtures, the corpus kept in
## .build-fuzz/corpus, crashing inputs in out/fuzz/crashes/TARGET, logs in out/fuzz (Fuzz/fuzz.sh). About two
## hours on the shared 2-core machine. One target: FUZZ_TARGETS=csv.
FUZZ_RUNS ?= 1000000
FUZZ_TARGETS ?=
fuzz: fuzz-build
	Fuzz/fuzz.sh $(FUZZ_RUNS) --keep-corpus $(FUZZ_TARGETS)

## Every reader fuzzed briefly (20,000 executions each, from the fixtures, nothing kept), run by .ci/run.
fuzz-smoke: fuzz-build
	Fuzz/fuzz.sh 20000

## Python virtual environment for the peers the benchmarks compare with (geopandas, scipy, scikit-learn, …).
$(BENCH_VENV)/.installed: Benchmarks/requirements.txt | deps
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r Benchmarks/requirements.txt
	touch $@

## Point-in-district of 1,000,000 points: PointInPolygonIndex against geopandas sjoin, side by side.
bench-district: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/point_in_district.py

## The DistanceKernel suites of package-benchmark (Benchmarks/Benchmarks/DistanceKernelBenchmarks):
## index build, nearest, k = 3, within 5 km, 1 and 2 threads. Extra options: BENCH_ARGS="--filter nearest".
bench-kernel: deps
	$(SWIFT) package --package-path Benchmarks --scratch-path .build-bench benchmark $(BENCH_ARGS)

## Nearest / k-nearest / within 5 km of 1,000,000 points among 10,000 facilities: the kernel against scipy
## cKDTree, sklearn BallTree and shapely STRtree, side by side on one seeded input, answers checked.
## Extra options: BENCH_PEERS_ARGS="--repeat 7 --wait-quiet 300 --markdown out.md".
bench-peers: deps $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/bench_peers.py $(BENCH_PEERS_ARGS)

## The whole `coverage report` as a cold process against Benchmarks/report_geopandas.py (geopandas, shapely,
## pyproj: the same tables and layers, no SVG maps), alternating, medians compared, outputs checked to agree.
## Extra options: BENCH_REPORT_ARGS="--repeat 7 --wait-quiet 300 --markdown report.md --json report.json".
bench-report: build $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/bench_report.py $(BENCH_REPORT_ARGS)

## `coverage suggest` (10 new health centres, 5 km, national) as a cold process against pysal spopt's MCLP solved
## exactly by CBC (Benchmarks/suggest_spopt.py), alternating, medians compared, Swift's answer checked against the optimum.
## Extra options: BENCH_SUGGEST_ARGS="--region bolikhamxay-khammouane --repeat 5 --markdown suggest.md --json suggest.json".
bench-suggest: build $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/suggest_spopt.py $(BENCH_SUGGEST_ARGS)

## Peak memory and time of `coverage report` on a village layer of about 200 MB (637,425 villages made from the
## shipped ones, seeded, written once to /tmp/healthcoverage-bench-memory). Extra options: BENCH_MEMORY_ARGS="--repeat 5".
bench-memory: build $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/bench_memory.py $(BENCH_MEMORY_ARGS)

## Multi-source travel time on a 4,000 × 4,000 friction raster with 1,000 sources: `coverage traveltime` (1 and 2
## threads) against GRASS GIS r.cost and scikit-image MCP_Geometric, alternating, medians compared, times and
## allocations checked cell by cell (Benchmarks/bench_traveltime.py; inputs written once to
## /tmp/healthcoverage-bench-traveltime). Installs grass-core when `grass` is missing. Without the release binary
## (or its traveltime command) it times the peers and says ours was skipped.
## Extra options: BENCH_TRAVELTIME_ARGS="--size 500 --sources 50 --repeat 1" (quick), "--walk --dem", "--json tt.json".
## Raster travel time in the main jobs: `coverage report --travel raster` against `--travel straight`, and the raster
## `coverage suggest` (10 health centres, 60 minutes' walk, national), alternating (Benchmarks/bench_raster_travel.py).
## Extra options: BENCH_RASTER_ARGS="--repeat 7 --wait-quiet 60 --json raster.json".
bench-raster: build $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python Benchmarks/bench_raster_travel.py $(BENCH_RASTER_ARGS)

bench-traveltime: build $(BENCH_VENV)/.installed
	@if ! command -v grass >/dev/null; then \
		echo "Installing grass-core…"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq grass-core >/dev/null; \
	fi
	$(BENCH_VENV)/bin/python Benchmarks/bench_traveltime.py $(BENCH_TRAVELTIME_ARGS)

clean:
	rm -rf .build .build-tsan .build-asan .build-bench .build-fuzz .build-python Python/healthcoverage/lib $(VENV) $(BENCH_VENV) $(NOTEBOOKS_VENV) $(SCHEMATHESIS_VENV) out/notebooks out/fuzz
