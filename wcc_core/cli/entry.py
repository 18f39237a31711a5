"""The `wcc` console script: start the CLI, and make Ctrl-C quiet even while it loads.

Importing the commands (pdfium, Whoosh, reportlab) takes most of a second; an interrupt
then would otherwise print a Python traceback before click is there to catch it.
"""

from __future__ import annotations

import sys


def main() -> None:
    """The `wcc` console script: load the commands and run them; Ctrl-C while loading exits 130 without a traceback."""
    try:
        from wcc_core.cli.main import cli
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(130)
    cli()


if __name__ == "__main__":  # `python -m wcc_core.cli.entry`, as the tests run the CLI
    main()
