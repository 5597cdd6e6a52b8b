// PROJ's transformation API and its geodesic routines (Karney's GeographicLib C port).
#include <proj.h>
#include <geodesic.h>
