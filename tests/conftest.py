"""Shared test helpers: paths to the real documents and a factory for submissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.shared_paths import REALDOCS


@pytest.fixture
def realdocs() -> Path:
    if not REALDOCS.is_dir():
        pytest.skip(f"the real documents are not at {REALDOCS}")
    return REALDOCS

# Property tests explore new examples on a developer's machine, but CI must not fail on
# an example no one has seen before: there, Hypothesis replays a fixed sequence.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
