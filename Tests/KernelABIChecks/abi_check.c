/* The C ABI from C: compiled against include/healthcoverage.h and linked with the library, so that
   the header and the exported functions cannot drift apart. Checks a few answers worked out by hand
   and an error's status and message. Exit 0 when every check holds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "healthcoverage.h"

static int failures = 0;
#define CHECK(condition, ...) do { if (!(condition)) { fprintf(stderr, "abi_check: FAILED: " __VA_ARGS__); fprintf(stderr, "\n"); failures++; } } while (0)

int main(void) {
    CHECK(hc_abi_version() == HC_ABI_VERSION, "hc_abi_version() is %u, the header says %d", hc_abi_version(), HC_ABI_VERSION);

    /* Two facilities on the equator, 1° apart; a point at 0.25° is nearest the first, 0.25° of
       arc = 27,799.0 m on the sphere of 6,371,008.8 m. */
    double flon[] = {0.0, 1.0}, flat[] = {0.0, 0.0}, lon[] = {0.25, 0.9}, lat[] = {0.0, 0.0};
    int32_t facility[2];
    double metres[2];
    int32_t status = hc_nearest(flon, flat, 2, lon, lat, 2, HC_METRIC_HAVERSINE, 1, facility, metres);
    CHECK(status == HC_OK, "hc_nearest: status %d (%s)", status, hc_last_error());
    CHECK(facility[0] == 0 && facility[1] == 1, "hc_nearest: facilities %d, %d", facility[0], facility[1]);
    double expected = 0.25 * 3.14159265358979323846 / 180 * 6371008.8;
    CHECK(fabs(metres[0] - expected) < 1e-6, "hc_nearest: %.6f m, expected %.6f m", metres[0], expected);

    int32_t counts[2];
    status = hc_within_count(flon, flat, 2, lon, lat, 2, 100000.0, HC_METRIC_GEODESIC, 0, counts);
    /* Within 100 km on WGS 84: the first point has both (27.8 km, 83.5 km), the second one (0.9° = 100.19 km from the first). */
    CHECK(status == HC_OK && counts[0] == 2 && counts[1] == 1, "hc_within_count: status %d, counts %d, %d", status, counts[0], counts[1]);

    /* A NaN coordinate is the data's fault, named. */
    double bad[] = {NAN, 0.5};
    status = hc_nearest(flon, flat, 2, bad, lat, 2, HC_METRIC_GEODESIC, 0, facility, metres);
    CHECK(status == HC_ERROR_INPUT && strlen(hc_last_error()) > 0, "a NaN longitude: status %d, message \"%s\"", status, hc_last_error());
    /* An unknown metric is the caller's. */
    status = hc_nearest(flon, flat, 2, lon, lat, 2, 7, 0, facility, metres);
    CHECK(status == HC_ERROR_ARGUMENT && strstr(hc_last_error(), "metric") != NULL, "metric 7: status %d, \"%s\"", status, hc_last_error());

    /* Travel time: 1 × 3 cells of 100 m at 1 s/m from the left cell: 0, 100 s, 200 s. */
    float friction[] = {1, 1, 1}, minutes[3];
    int64_t rows[] = {0}, columns[] = {0};
    int32_t source[3];
    status = hc_travel_time(friction, 1, 3, 100, 100, rows, columns, 1, 0, 8, 1, minutes, source);
    CHECK(status == HC_OK, "hc_travel_time: status %d (%s)", status, hc_last_error());
    CHECK(fabsf(minutes[0]) < 1e-6f && fabsf(minutes[1] - 100.0f / 60) < 1e-5f && fabsf(minutes[2] - 200.0f / 60) < 1e-5f,
          "hc_travel_time: %f %f %f minutes", minutes[0], minutes[1], minutes[2]);
    CHECK(source[0] == 0 && source[2] == 0, "hc_travel_time: sources %d %d %d", source[0], source[1], source[2]);

    if (failures == 0) printf("abi_check: healthcoverage.h and the library agree; %s\n", "nearest, within, errors and travel time answer as worked out by hand");
    return failures == 0 ? 0 : 1;
}
