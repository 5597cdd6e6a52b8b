// GDAL's C API as RasterIO uses it: datasets and bands, the rasterizer, OGR geometries from WKT,
// spatial references, the warper, configuration options, the error handler stack and /vsimem/ files.
#include <gdal.h>
#include <gdal_alg.h>
#include <gdalwarper.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cpl_string.h>
