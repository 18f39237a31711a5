"""Finding submission folders: a folder holding `submission.toml`, under any of the folders given."""

from __future__ import annotations

import os
from pathlib import Path
from wcc_core.errors import WccError

MARKER = "submission.toml"


class DiscoveryError(WccError):
    """A folder given on the command line that does not exist or cannot be read."""


def find_submissions(roots: list[Path]) -> list[Path]:
    """Every submission folder under `roots`, sorted, each once.

    A root that is itself a submission folder counts as one. The walk does not descend
    into a submission folder (its documents are not submissions) nor into hidden folders
    (the index lives in `.wcc`).
    """
    found: set[Path] = set()
    for root in roots:
        root = Path(root)
        if not root.is_dir():
            raise DiscoveryError(f"{root}: no such folder")
        for current, folders, files in os.walk(root, onerror=_raise):
            here = Path(current)
            if MARKER in files:
                found.add(here.resolve())
                folders.clear()
                continue
            folders[:] = sorted(f for f in folders if not f.startswith("."))
    return sorted(found)


def _raise(error: OSError) -> None:
    raise DiscoveryError(f"{error.filename}: cannot read the folder ({error.strerror})")
