"""Everything `wcc` prints goes through here, so no text from a submission or a review file drives the terminal.

Three kinds of output, one guard each (wcc_core.safe_text), applied to the text as it is
written: plain text (`say`), JSON (`say_json`: C1 controls and bidi formatting written
as \\uXXXX escapes, so the JSON means the same), and wcc's own coloured summary
(`say_styled`: its SGR colour codes kept, any other sequence removed). A test fails if
any other module of the CLI calls click.echo.
"""

from __future__ import annotations

import json
from typing import Any

import click

from wcc_core.safe_text import json_for_terminal, terminal_safe, terminal_styled


def say(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Print `text` without escape sequences, control characters (tab and newline kept) or bidi formatting."""
    click.echo(terminal_safe(text), err=err, nl=nl)


def say_json(value: Any, *, indent: int | None = 2, nl: bool = True, **dumps) -> None:
    """Print `value` as JSON whose strings cannot act on a terminal."""
    say_json_text(json.dumps(value, indent=indent, ensure_ascii=False, **dumps), nl=nl)


def say_json_text(text: str, *, nl: bool = True) -> None:
    """Print JSON text made by a renderer, guarded like `say_json`."""
    click.echo(json_for_terminal(text), nl=nl)


def say_styled(text: str, *, nl: bool = True) -> None:
    """Print wcc's own styled text: its colour codes kept, every other sequence removed."""
    click.echo(terminal_styled(text), nl=nl)


def say_rendered(extension: str, data: bytes) -> None:
    """Print a renderer's output by its kind: JSON and wcc's text guarded as above, CSV as plain
    text (`say`), any other format (HTML, or a binary the caller redirected) written as the
    renderer made it."""
    if extension == "json":
        say_json_text(data.decode("utf-8"), nl=False)
    elif extension == "txt":
        say_styled(data.decode("utf-8"), nl=False)
    elif extension == "csv":
        say(data.decode("utf-8"), nl=False)
    else:
        out = click.get_binary_stream("stdout")
        out.write(data)
        out.flush()
