"""Framework data files parsed once per content, not once per command.

Every `wcc assess` reads the framework's criteria TOML (about 30 files, 180 KB), and
Python's TOML parser takes about 0.15 s for them: a tenth of the command. The parsed
value of each file is kept in the user's cache folder under the SHA-256 of the file's
bytes (and the Python version), so an edited file is a new key and is parsed afresh:
the cache can be missing, full or out of date, never wrong.

The folder is `$WCC_CACHE_DIR`, else `$XDG_CACHE_HOME/wcc`, else `~/.cache/wcc`
(created 0o700, files 0o600, written under a temporary name and renamed). An entry is
read through an unpickler that builds only what TOML gives (dicts, lists, strings,
numbers and the `datetime` types), so a planted file cannot run code; one that cannot
be read is parsed again and replaced. A folder that cannot be written only costs the
parse.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import sys
import tempfile
import tomllib
from typing import Any

from wcc_core.user_cache import cache_dir, cache_folder

# Bumped when what is stored changes shape; part of every key.
_FORMAT = "toml-1"
# The only classes a TOML value holds besides the built-in containers and scalars.
_ALLOWED = {("datetime", name) for name in ("date", "time", "datetime", "timedelta", "timezone")}


class _TomlValuesOnly(pickle.Unpickler):
    """Builds containers, scalars and datetime values only: nothing in a cache file can run code."""

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a TOML value")


def parse_toml(data: bytes) -> dict[str, Any]:
    """`tomllib.loads` of `data` (UTF-8), from the cache when these bytes were parsed before.

    Raises what `tomllib` raises (TOMLDecodeError, UnicodeDecodeError): a file that is
    not TOML is never cached.
    """
    key = hashlib.sha256(f"{_FORMAT} {sys.version}\n".encode() + data).hexdigest()
    entry = cache_dir() / "toml" / f"{key}.pickle"
    try:
        with open(entry, "rb") as handle:
            value = _TomlValuesOnly(io.BytesIO(handle.read())).load()
        if isinstance(value, dict):
            return value
    except Exception:  # absent, unreadable, damaged or planted: parse and replace it
        pass
    value = tomllib.loads(data.decode("utf-8"))
    _store(entry.name, value)
    return value


def _store(name: str, value: dict) -> None:
    folder = cache_folder("toml")
    if folder is None:
        return  # a read-only home: the parse is all it costs
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a full disk: the parse is all it costs
        pass
