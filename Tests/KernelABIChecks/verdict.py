"""How the kernels' Python checks fail: one line naming the script and what failed, exit status 1."""

import pathlib
import sys


def fail(message):
    print(f"{pathlib.Path(sys.argv[0]).stem}: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
