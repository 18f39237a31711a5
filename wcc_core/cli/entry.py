"""The `wcc` console script: start the CLI, and make Ctrl-C quiet even while it loads.

Importing the commands (pdfium, Whoosh, reportlab) takes most of a second; an interrupt
then would otherwise print a Python traceback before click is there to catch it.
"""

from __future__ import annotations

import gc
import os
import sys


# CPython runs its cycle collector after every 700 net allocations, and each run of the
# oldest generation walks every live object: judging and rendering allocate millions of
# short-lived objects, and with the defaults (700, 10, 10) collecting, which finds next
# to nothing, was 8% of `wcc assess` of 1,000 pages (3.52 s CPU against 3.23 s with
# these). Rarer collections keep the same peak memory there (123 MB) and cut `wcc
# assess` then `wcc report` of 150 pages by about 0.15 s (docs/performance.md).
GC_THRESHOLDS = (20_000, 20, 20)


def main() -> None:
    """The `wcc` console script: load the commands and run them; Ctrl-C while loading exits 130 without a traceback."""
    gc.set_threshold(*GC_THRESHOLDS)
    # numpy's OpenBLAS starts a thread per core when numpy is imported, and they spin for a
    # while: 0.06 s of CPU a command (0.08 s against 0.14 s for `import numpy` alone). wcc
    # uses no BLAS routine (the BM25 adds and sorts arrays), so one thread; a user's own
    # setting stands.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        from wcc_core.cli.main import cli
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(130)
    cli()


if __name__ == "__main__":  # `python -m wcc_core.cli.entry`, as the tests run the CLI
    main()
