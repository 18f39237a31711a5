"""`wcc review` and `wcc assess` end to end, through the real CLI in subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.review.conftest import REPO, copy_sample
from wcc_core.render.json_renderer import assessment_json


def wcc(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def session(base, tmp_path_factory):
    """A copy of the sample with decisions recorded by `wcc review`, then assessed with and without them."""
    root = tmp_path_factory.mktemp("review-cli")
    folder = copy_sample(root / "exampleshire", base.index_dir, root / "index")
    env = {"WCC_REVIEWER": "A. Analyst"}
    c6a = base.assessment.competencies["C6"].sub("a").proposed
    level = c6a % len(base.framework.info.levels) + 1  # a level other than wcc's proposal
    env.pop("WCC_REVIEW", None)
    steps = [
        ("set", "C6b.3", "met", "--because", "seen in the plan", "--evidence", "SP p.20 para 4",
         "--index-dir", root / "index", "--keep-unverified"),
        ("level", "C6a", str(level), "--because", "the panel heard the modelling", "--by", "J. Chair"),
        ("rating", "finance.base_case", "amber", "--because", "thin base case", "--by", "J. Chair"),
        ("comment", "alignment", "The board and clinicians share one plan.", "--by", "J. Chair"),
    ]
    runs = [wcc("review", folder, *step, env=env) for step in steps]
    listed = wcc("review", folder, "--format", "json", env=env)
    # A decision taken on a sub-competency the criteria set no longer has (added by hand).
    review_file = folder.parent / "exampleshire.review.toml"
    review_file.write_text(review_file.read_text() + (
        '\n[[decision]]\nid = "d9"\ntarget = "level"\nkey = "C6z"\nvalue = 2\nby = "J. Chair"\n'
        'role = "panel"\nat = "2026-11-30T10:00:00Z"\n'), encoding="utf-8")
    report = wcc("assess", folder, "--format", "json", "--index-dir", root / "index", env=env)
    return folder, runs, listed, report, json.loads(assessment_json(base.assessment)), level


def test_decisions_are_recorded_beside_the_submission_and_listed_as_json(session):
    folder, runs, listed, _, _, _ = session
    assert [r.returncode for r in runs] == [0, 0, 0, 0], [r.stderr for r in runs]
    assert runs[0].stdout.startswith("d1: criterion C6b.3 met (analyst A. Analyst")
    data = json.loads(listed.stdout)
    assert data["review_file"] == str(folder.parent / "exampleshire.review.toml")
    assert [(d["id"], d["target"], d["key"], d["role"]) for d in data["decisions"]] == [
        ("d1", "criterion", "C6b.3", "analyst"), ("d2", "level", "C6a", "panel"),
        ("d3", "rating", "finance.base_case", "panel"), ("d4", "commentary", "alignment", "panel")]


def test_wcc_assess_applies_the_review_file_and_writes_the_panel_report_stage(session):
    _, _, _, report, briefing, level = session
    assert report.returncode == 0, report.stderr
    decided, proposed = json.loads(report.stdout), briefing  # the briefing: the same sample, proposals only
    assert decided["stage"] == "panel_report" and proposed["stage"] == "briefing"
    assert "decisions" not in proposed
    c6a = decided["competencies"]["C6"]["subcompetencies"]["a"]
    assert (c6a["proposed"], c6a["decided_by"]) == (level, "panel J. Chair")
    assert c6a["proposed_by_evidence"] == proposed["competencies"]["C6"]["subcompetencies"]["a"]["proposed"]
    line = next(c for c in decided["competencies"]["C6"]["subcompetencies"]["b"]["criteria"] if c["id"] == "C6b.3")
    assert line["status"] == "met" and "(analyst A. Analyst)" in line["reason"]
    proposal = next(c for c in proposed["competencies"]["C6"]["subcompetencies"]["b"]["criteria"] if c["id"] == "C6b.3")
    if proposal["status"] != "met":  # a change is marked on the line itself; a confirmation only in its reason
        assert (line["proposed_status"], line["decided_by"]) == (proposal["status"], "analyst A. Analyst")
    assert decided["governance"]["finance"]["subcomponents"]["base_case"]["proposed"] == "amber"
    assert decided["decisions"]["commentary"]["alignment"] == "The board and clinicians share one plan."
    [stale] = decided["decisions"]["stale"]
    assert stale["key"] == "C6z" and stale["suggestions"]
    assert "d9 (level C6z) is stale, not applied" in report.stderr
    assert {r["key"] for r in decided["decisions"]["applied"]} == {"C6b.3", "C6a", "finance.base_case", "alignment"}


def test_wrong_ids_exit_2_with_the_nearest_suggested(session):
    folder = session[0]
    result = wcc("review", folder, "level", "C6d", "3", "--because", "x", "--by", "J")
    assert result.returncode == 2 and "did you mean C6" in result.stderr
