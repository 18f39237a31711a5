"""One lookup path, cached per run: every path a submission names is resolved once per run.

`wcc assess` asked for the same document and data-file paths from validation, the index
build, the data-file readers and the survey summary: 66 file-system resolutions for the
sample's 26 paths. Each now goes through the loaded submission's `paths`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import wcc_core.submission.paths as paths
from wcc_core.pipeline import run_assessment
from wcc_core.submission.loader import load_submission

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"


@pytest.fixture
def resolutions(monkeypatch) -> Counter:
    """How often each relative path reaches the file system, for the rest of the test."""
    counted: Counter = Counter()
    real = paths.inside_submission

    def counting(root, relative):
        counted[relative] += 1
        return real(root, relative)

    monkeypatch.setattr(paths, "inside_submission", counting)
    return counted


def test_one_assessment_resolves_each_path_the_submission_names_once(resolutions, tmp_path):
    run_assessment(SAMPLE, index_dir=tmp_path / "index", review_file=False)
    named = {d.file for d in load_submission(SAMPLE).documents} | set(load_submission(SAMPLE).data.values())
    assert named <= set(resolutions)  # the documents and data files were all looked up ...
    assert {p: n for p, n in resolutions.items() if n > 1} == {}  # ... each once


def test_a_path_is_resolved_on_the_first_ask_only_and_a_new_load_looks_again(resolutions, tmp_path):
    (tmp_path / "submission.toml").write_text('[pct]\nname = "P"\nframework = "wcc-2009"\n', encoding="utf-8")
    (tmp_path / "documents").mkdir()
    submission = load_submission(tmp_path)
    first = submission.locate("documents/plan.pdf")
    assert first == (tmp_path.resolve() / "documents" / "plan.pdf", None)
    assert submission.locate("documents/plan.pdf") == first and submission.paths.lookups == 1
    assert submission.locate("../outside.pdf")[1].endswith("escapes the submission folder")
    assert load_submission(tmp_path).locate("documents/plan.pdf") == first
    assert resolutions == Counter({"documents/plan.pdf": 2, "../outside.pdf": 1})


def test_a_path_that_is_not_text_is_refused_every_time_without_being_kept():
    folder = paths.SubmissionPaths(Path("."))
    assert folder.locate(["a.pdf"])[1] == "['a.pdf'] is not text" and folder.lookups == 0
