"""Where the shared reference material lies: the handbook text and the real documents.

Looked for, in order: $WCC_SHARED, the `shared` folder beside the checkout, /work/shared.
Tests that need it skip with the path they tried when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    candidates = [os.environ.get("WCC_SHARED"), REPO.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate).resolve()
    return (REPO.parent / "shared").resolve()


SHARED = shared_dir()
REALDOCS = SHARED / "realdocs"
REFERENCE = SHARED / "reference"
