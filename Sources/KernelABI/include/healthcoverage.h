/*
 * healthcoverage.h — the C ABI of HealthCoverage's kernels (libHealthCoverageKernels.so).
 *
 * Batch operations over contiguous, caller-owned buffers: nearest, k nearest and counts within a
 * radius (haversine on the sphere or geodesic on WGS 84), point in polygon (polygons as WKB), and
 * least travel time over a friction grid. No Swift type crosses this interface; every output
 * buffer is allocated by the caller with the length given below, and is written in full on
 * success (HC_OK) and left unspecified on failure. Longitudes and latitudes are degrees (WGS 84).
 * Every function is safe to call from several threads at once; `threads` is the number of
 * worker threads (0: one per core); the answers never depend on it.
 *
 * Errors: a function returns an HC_ERROR_* code, and hc_last_error() the message (for the calling
 * thread, until its next call into the library), naming the argument or the element at fault.
 */
#ifndef HEALTHCOVERAGE_H
#define HEALTHCOVERAGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface. A caller compares hc_abi_version() with the version of the
   header it was written against and refuses a library of another. */
#define HC_ABI_VERSION 1

#define HC_OK 0
#define HC_ERROR_ARGUMENT 1 /* a null pointer, a negative length, an unknown metric, k < 1, … */
#define HC_ERROR_INPUT 2    /* the data: a NaN coordinate, invalid WKB, a source off the grid, … */
#define HC_ERROR_INTERNAL 3 /* anything else: a failure of the library, not of the call */

#define HC_METRIC_HAVERSINE 0 /* great circle on a sphere of radius 6,371,008.8 m */
#define HC_METRIC_GEODESIC 1  /* WGS 84 ellipsoid (Karney's algorithm, through PROJ) */

uint32_t hc_abi_version(void);

/* The message of the calling thread's last error ("" when none). */
const char *hc_last_error(void);

/* For each of the n points, the nearest of the n_facilities facilities: its position
   (out_facility[i], -1 when there is none) and the distance in metres (out_distance_m[i], +infinity
   when there is none).
   Ties go to the lower position. */
int32_t hc_nearest(const double *facility_lon, const double *facility_lat, int64_t n_facilities,
                   const double *lon, const double *lat, int64_t n, int32_t metric, int32_t threads,
                   int32_t *out_facility, double *out_distance_m);

/* For each point, its k nearest facilities, nearest first: out_facility and out_distance_m hold
   n × k values, row by row; -1 and +infinity pad a row when there are fewer than k facilities. */
int32_t hc_k_nearest(const double *facility_lon, const double *facility_lat, int64_t n_facilities,
                     const double *lon, const double *lat, int64_t n, int32_t k, int32_t metric,
                     int32_t threads, int32_t *out_facility, double *out_distance_m);

/* For each point, the number of facilities within radius_m metres (inclusive). */
int32_t hc_within_count(const double *facility_lon, const double *facility_lat, int64_t n_facilities,
                        const double *lon, const double *lat, int64_t n, double radius_m,
                        int32_t metric, int32_t threads, int32_t *out_count);

/* For each point, the position of the polygon it lies in (-1 for none; on a shared edge the
   lower position). The n_polygons polygons or multipolygons are WKB, one after the other in
   `wkb`: polygon j is the bytes wkb[offsets[j]] … wkb[offsets[j + 1] - 1] (offsets has
   n_polygons + 1 entries, the first 0). */
int32_t hc_locate(const uint8_t *wkb, const int64_t *offsets, int64_t n_polygons,
                  const double *lon, const double *lat, int64_t n, int32_t threads,
                  int32_t *out_polygon);

/* Least travel time over a grid of rows × columns cells (row-major from the top row), each with
   a friction in seconds per metre (NaN, infinite or ≤ 0: cannot be entered), cells of
   cell_width_m × cell_height_m metres, from n_sources source cells (row, column), moving to 8
   or 16 neighbours, stopping at max_minutes when it is > 0. Writes rows × columns minutes
   (NaN where unreached) and the position of the source each cell is reached from first (-1). */
int32_t hc_travel_time(const float *friction_s_per_m, int64_t rows, int64_t columns,
                       double cell_width_m, double cell_height_m, const int64_t *source_rows,
                       const int64_t *source_columns, int64_t n_sources, double max_minutes,
                       int32_t neighbours, int32_t threads, float *out_minutes,
                       int32_t *out_source);

#ifdef __cplusplus
}
#endif

#endif
