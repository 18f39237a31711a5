"""One small generated submission shared by the corpus tests (generation takes a second)."""

from __future__ import annotations

import pytest

from corpus.generator import generate_submission


@pytest.fixture(scope="session")
def small_submission(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "small"
    generate_submission(folder, seed=11, pages=40)
    return folder
