"""How the CLI reports bad input: one clear line naming the file, exit code 2."""

from __future__ import annotations

import click


class InputError(click.ClickException):
    """Bad input the user can fix (a missing file, an unreadable submission.toml).

    Click prints "Error: <message>" without a traceback and exits with code 2,
    the code `wcc` uses for every usage or input error.
    """

    exit_code = 2
