"""How the CLI reports bad input: one clear line naming the file, exit code 2."""

from __future__ import annotations

import click

from wcc_core.errors import WccError
from wcc_core.safe_text import terminal_safe


class InputError(click.ClickException):
    """Bad input the user can fix (a missing file, an unreadable submission.toml).

    Click prints "Error: <message>" without a traceback and exits with code 2,
    the code `wcc` uses for every usage or input error.
    """

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2):
        # Messages quote submission.toml and file names: no control sequences reach the terminal.
        super().__init__(terminal_safe(message))
        self.exit_code = exit_code


class WccGroup(click.Group):
    """A command group of `wcc`: an error the user can fix (`WccError`) is reported here, once, without a traceback."""

    def invoke(self, ctx: click.Context):
        """Run the command; a WccError becomes its message and exit code, without a traceback."""
        try:
            return super().invoke(ctx)
        except WccError as error:
            raise InputError(str(error), exit_code=error.exit_code) from None
