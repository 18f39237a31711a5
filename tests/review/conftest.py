"""The bundled sample, copied and indexed once per test process, and a factory for decisions.

The bundled sample is never written to: every test works on a copy in a temporary folder
with its own index folder, and tests that alter a document copy that copy again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wcc_core.records.results import Assessment
from wcc_core.pipeline import assess_documents, extracted_documents, load, open_index, reading
from wcc_core.review.model import Decision
from wcc_core.review.store import ReviewFile

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"


@dataclass
class Indexed:
    folder: Path
    index_dir: Path
    submission: Any
    framework: Any
    documents: dict

    def reindexed(self) -> "Indexed":
        """The same folder read again (after a test changed a document)."""
        return index_copy(self.folder, self.index_dir)


@dataclass
class Base(Indexed):
    assessment: Assessment = None  # proposals only


def copy_sample(dest: Path, index_from: Path | None = None, index_to: Path | None = None) -> Path:
    """A copy of the bundled sample (without any index inside it); the index folder copied too, to reuse its cache."""
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns(".wcc"))
    if index_from is not None and index_to is not None:
        shutil.copytree(index_from, index_to)
    return dest


def index_copy(folder: Path, index_dir: Path) -> Indexed:
    submission, framework = load(folder)
    with reading(open_index(submission, index_dir, workers=1)) as index:
        documents = extracted_documents(submission, index)
    return Indexed(folder, index_dir, submission, framework, documents)


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> Base:
    root = tmp_path_factory.mktemp("review-base")
    folder = copy_sample(root / "exampleshire")
    found = index_copy(folder, root / "index")
    assessment = assess_documents(found.submission, found.framework, found.documents)
    return Base(found.folder, found.index_dir, found.submission, found.framework, found.documents, assessment)


_AT = iter(range(10_000))


def decision(target: str, key: str, value, role: str = "analyst", by: str | None = None, **more) -> Decision:
    """A decision as `wcc review` would record it; each one a second later than the one before."""
    n = next(_AT)
    at = f"2026-12-01T{9 + n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"
    who = by or {"analyst": "A. Analyst", "panel": "J. Chair", "calibration": "N. Calibrator"}[role]
    return Decision(id=f"d{n + 1}", target=target, key=key, value=value, by=who, role=role, at=at, **more)


def review_of(path: Path, *decisions: Decision, name: str = "NHS Exampleshire") -> ReviewFile:
    return ReviewFile(path, {"name": name}, tuple(decisions), exists=True)
