"""What every interop script reports: one line per check, `ok` or `FAIL` with the detail, and
an exit status that says whether any failed."""

import sys

failures = 0


def check(name, condition, detail=""):
    """Prints the check's outcome and counts a failure."""
    global failures
    if condition:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name} {detail}")


def finish():
    """Exits 1 when any check failed."""
    sys.exit(1 if failures else 0)
