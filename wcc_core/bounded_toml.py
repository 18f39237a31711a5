"""Reading a TOML file people hand in or edit by hand, with bounds: `submission.toml` and the review file.

A FIFO or a device would block or never end, `/dev/zero` or a 4 GB file would exhaust
memory, and tables or arrays nested thousands deep make `tomllib` (and any code that
walks the result) raise RecursionError. `read_toml_bounded` refuses all of these with a
message naming the file, before the parser sees the text.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from indexer.limits import Limits
from wcc_core.errors import WccError


class TomlFileError(WccError):
    """A TOML file that cannot be read within the bounds; `message` says why (without the path)."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def read_toml_bounded(path: Path, max_bytes: int, max_depth: int, what: str) -> dict[str, Any]:
    """The parsed TOML file at `path`; TomlFileError if it cannot be read within the bounds.

    `what` names the file in messages ("a submission.toml"). FileNotFoundError is
    raised as it is, for the caller to say what a missing file means.
    """
    data = _read_bounded(path, max_bytes, what)
    try:
        # utf-8-sig: Windows Notepad starts a UTF-8 file with a byte-order mark, which TOML parsers refuse
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        encoding = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "not UTF-8"
        raise TomlFileError(path, f"is {encoding} text (byte {error.start}); save it as UTF-8") from None
    _check_bracket_depth(path, text, max_depth)
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlFileError(path, f"not valid TOML: {error}") from None
    except RecursionError:
        raise TomlFileError(path, f"tables or arrays nested too deeply (at most {max_depth})") from None
    depth = _depth(parsed)
    if depth > max_depth:
        raise TomlFileError(path, f"tables or arrays nested {depth} deep; at most {max_depth} are allowed")
    return parsed


def _read_bounded(path: Path, max_bytes: int, what: str) -> bytes:
    """A regular file's bytes, refusing FIFOs, devices and files over `max_bytes` without blocking."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise TomlFileError(path, f"cannot be read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(info.st_mode) else (
            "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a regular file")
        raise TomlFileError(path, f"is {kind}, not a regular file")
    if info.st_size > max_bytes:
        raise TomlFileError(path, f"is {info.st_size:,} bytes; {what} may be at most {max_bytes:,} "
                                  f"(set {Limits.variable('max_toml_bytes')} to allow more)")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise TomlFileError(path, "is not a regular file")
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise TomlFileError(path, f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise TomlFileError(path, f"is larger than {max_bytes:,} bytes, the most {what} may be")
    return data


def _check_bracket_depth(path: Path, text: str, max_depth: int) -> None:
    """Refuse arrays and inline tables nested deeper than max_depth before the parser recurses into them.

    Counts [ and { against ] and }, skipping quoted strings and comments well enough
    for an upper bound: a false alarm needs brackets inside strings nested that deep.
    """
    depth = deepest = 0
    quote = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\" and quote[0] == '"':
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            continue
        elif c == "#":
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
            continue
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > max_depth + 1:  # +1: a [[table]] header opens two
                raise TomlFileError(path, f"arrays or inline tables nested more than {max_depth} deep")
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c == "\n" and quote is None:
            pass
        i += 1


def _depth(value: Any) -> int:
    """How deep tables and arrays nest in a parsed TOML value (iteratively: no recursion limit)."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest
