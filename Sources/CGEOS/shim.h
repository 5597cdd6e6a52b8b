// Only the reentrant (_r) GEOS API is visible to Swift: the non-reentrant
// functions share one global context and are unsafe across threads.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
