"""The C ABI of libHealthCoverageKernels.so (Sources/KernelABI/include/healthcoverage.h) through ctypes.

The library is the one packaged beside this module (lib/), or the file HEALTHCOVERAGE_KERNELS names.
Its ABI version must be the one this module was written against: another is refused at import.
"""

import ctypes
import os
import pathlib

ABI_VERSION = 1

OK, ERROR_ARGUMENT, ERROR_INPUT, ERROR_INTERNAL = 0, 1, 2, 3
METRICS = {"haversine": 0, "geodesic": 1}


class HealthCoverageError(Exception):
    """A call the kernels refused: `status` is the HC_ERROR_* code, the message names the argument or
    the element at fault (the library's hc_last_error())."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def library_path():
    named = os.environ.get("HEALTHCOVERAGE_KERNELS")
    if named:
        return pathlib.Path(named)
    return pathlib.Path(__file__).parent / "lib" / "libHealthCoverageKernels.so"


def load(path=None, expected_version=ABI_VERSION):
    """The library at `path` (default: library_path()), its ABI version checked."""
    path = pathlib.Path(path) if path else library_path()
    if not path.exists():
        raise HealthCoverageError(ERROR_ARGUMENT, f"{path}: no such library (build it with `make python-package`)")
    library = ctypes.CDLL(str(path))
    library.hc_abi_version.restype = ctypes.c_uint32
    version = library.hc_abi_version()
    if version != expected_version:
        raise HealthCoverageError(ERROR_ARGUMENT, f"{path}: ABI version {version}, but this package speaks version {expected_version}")
    library.hc_last_error.restype = ctypes.c_char_p
    double_p, int32_p, int64_p = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int64)
    float_p, uint8_p = ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_uint8)
    i64, i32, f64 = ctypes.c_int64, ctypes.c_int32, ctypes.c_double
    signatures = {
        "hc_nearest": [double_p, double_p, i64, double_p, double_p, i64, i32, i32, int32_p, double_p],
        "hc_k_nearest": [double_p, double_p, i64, double_p, double_p, i64, i32, i32, i32, int32_p, double_p],
        "hc_within_count": [double_p, double_p, i64, double_p, double_p, i64, f64, i32, i32, int32_p],
        "hc_locate": [uint8_p, int64_p, i64, double_p, double_p, i64, i32, int32_p],
        "hc_travel_time": [float_p, i64, i64, f64, f64, int64_p, int64_p, i64, f64, i32, i32, float_p, int32_p],
    }
    for name, arguments in signatures.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = ctypes.c_int32
    return library


def check(library, status):
    """Raises the library's error for a status other than HC_OK."""
    if status != OK:
        message = library.hc_last_error().decode("utf-8", "replace")
        raise HealthCoverageError(status, message)
