"""One assessment of the bundled sample, rendered once into every format for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from wcc_core.assessment.pipeline import run_assessment
from wcc_core.render.registry import renderers

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"
FORMATS = ("json", "html", "docx", "xlsx", "text")


@pytest.fixture(scope="session")
def sample() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def assessment(tmp_path_factory):
    """The briefing (no review decisions) of the bundled Exampleshire sample."""
    return run_assessment(SAMPLE, index_dir=tmp_path_factory.mktemp("index"), review_file=False)


@pytest.fixture(scope="session")
def rendered(assessment) -> dict[str, bytes]:
    """Every built-in format rendered from the ONE assessment above."""
    found = renderers()
    return {name: found[name].render(assessment, {"root": SAMPLE}) for name in FORMATS}


@pytest.fixture(scope="session")
def report_files(rendered, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = {}
    for name, data in rendered.items():
        paths[name] = out / f"exampleshire-briefing.{renderers()[name].extension}"
        paths[name].write_bytes(data)
    return paths
