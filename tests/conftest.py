"""Shared test helpers: paths to the real documents and a factory for submissions."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
from tests.shared_paths import REALDOCS  # noqa: E402


@pytest.fixture
def realdocs() -> Path:
    if not REALDOCS.is_dir():
        pytest.skip(f"the real documents are not at {REALDOCS}")
    return REALDOCS
