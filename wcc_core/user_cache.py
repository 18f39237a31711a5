"""The user's wcc cache folder: what a command can keep between runs to skip repeated work.

Only work whose result is keyed by everything it depends on is kept here (parsed
framework data files by their bytes, compiled report templates by their source), so
the folder can be deleted, missing or read-only at any time: it costs only the work.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """$WCC_CACHE_DIR, else $XDG_CACHE_HOME/wcc, else ~/.cache/wcc."""
    if os.environ.get("WCC_CACHE_DIR"):
        return Path(os.environ["WCC_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wcc"


def cache_folder(name: str) -> Path | None:
    """The cache's subfolder `name`, created owner-only; None when it cannot be made."""
    folder = cache_dir() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
