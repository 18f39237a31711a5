"""`wcc assess --framework ID` where the submission's data allow it, and a clear error otherwise."""

from __future__ import annotations

from pathlib import Path

from wcc_core.framework import load_framework
from wcc_core.framework.compatibility import incompatibilities
from wcc_core.submission import load_submission

REPO = Path(__file__).resolve().parents[2]


def test_a_submission_fits_its_own_framework():
    submission = load_submission(REPO / "corpus" / "samples" / "wcc2008-sample")
    assert incompatibilities(submission, load_framework("wcc-2008")) == []


def test_a_wcc_2008_submission_does_not_fit_wcc_2009_and_the_reasons_are_named():
    submission = load_submission(REPO / "corpus" / "samples" / "wcc2008-sample")
    problems = incompatibilities(submission, load_framework("wcc-2009"))
    assert problems[0] == "C11 has no self-assessment"
    assert "governance sub-component governance.strategy is not in wcc-2009" in problems
    assert problems[-1].startswith("and ") or len(problems) <= 6
