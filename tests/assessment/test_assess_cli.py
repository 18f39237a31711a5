"""`wcc assess` on the bundled sample, through the real CLI in a subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wcc_core.records.results import CRITERION_STATUSES, EVIDENCE_SOURCES
from wcc_core.assessment.arithmetic import mean_one_decimal

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"


def wcc(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("assess-index")


@pytest.fixture(scope="module")
def run(index_dir):
    return wcc("assess", SAMPLE, "--format", "json", "--index-dir", index_dir)


@pytest.fixture(scope="module")
def result(run):
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_bundled_sample_is_assessed_with_exit_code_0_and_the_json_contract(result):
    assert result["submission"] == "NHS Exampleshire" and result["framework"] == "wcc-2009"
    assert list(result["competencies"]) == [f"C{i}" for i in range(1, 12)]
    for key in ("governance", "outcomes", "focus_areas", "signposts", "survey"):
        assert key in result


def test_every_competency_score_is_the_mean_of_its_proposed_levels_to_one_decimal(result):
    for key, competency in result["competencies"].items():
        subs = competency["subcompetencies"]
        assert list(subs) == ["a", "b", "c"], key
        assert competency["score"] == mean_one_decimal(s["proposed"] for s in subs.values())
        assert competency["self_score"] == mean_one_decimal(s["self"] for s in subs.values())


def test_every_criterion_line_has_a_stable_id_one_status_a_reason_and_at_most_five_pieces_of_evidence(result):
    ids = set()
    for key, competency in result["competencies"].items():
        for sub_key, sub in competency["subcompetencies"].items():
            for n, line in enumerate(sub["criteria"], start=1):
                assert line["id"] == f"{key}{sub_key}.{n}"
                ids.add(line["id"])
                assert line["status"] in CRITERION_STATUSES
                assert line["reason"].startswith({"met": "met", "not_met": "not met", "no_evidence": "no evidence",
                                                  "needs_panel": "needs panel"}[line["status"]])
                assert len(line["evidence"]) <= 5
                for item in line["evidence"]:
                    assert item["source"] in EVIDENCE_SOURCES
                    if item["source"] in ("signpost", "search"):
                        assert item["document"] and item["page"] and item["paragraph"] and item["excerpt"]
    assert len(ids) == 289


def test_a_met_criterion_names_the_page_and_paragraph_of_its_best_evidence(result):
    met = [line for c in result["competencies"].values() for s in c["subcompetencies"].values()
           for line in s["criteria"] if line["status"] == "met" and line["evidence"]
           and line["evidence"][0]["document"]]
    assert met, "the bundled sample evidences some criteria"
    for line in met:
        best = line["evidence"][0]
        # The reason gives the line's probability and the passage that decided it.
        # When another passage reads more like other PCTs' evidence for the line, it is named too.
        found = re.fullmatch(r"met \(p (0\.\d\d)\): (\S+ p\.\S+ para \d+)"
                             r"(?:; reads most like other PCTs' evidence \(0\.\d\d\): (\S+ p\.\S+ para \d+))?",
                             line["reason"])
        assert found, line["reason"]
        assert f"(p {line['p_met']:.2f})" in line["reason"]
        shown = {f"{e['document']} p.{e['page']} para {e['paragraph']}" for e in line["evidence"]}
        assert found.group(2) == f"{best['document']} p.{best['page']} para {best['paragraph']}" or found.group(2) in shown
        assert found.group(3) is None or found.group(3) in shown


def test_the_same_submission_gives_the_same_bytes(run, index_dir):
    again = wcc("assess", SAMPLE, "--format", "json", "--index-dir", index_dir)
    assert again.stdout == run.stdout


def test_the_terminal_scorecard_shows_self_and_proposed_scores(index_dir, result):
    shown = wcc("assess", SAMPLE, "--index-dir", index_dir)
    assert shown.returncode == 0, shown.stderr
    assert "C11" in shown.stdout and "\x1b[" not in shown.stdout  # plain text off a terminal
    c1 = result["competencies"]["C1"]
    assert f"{c1['score']:.1f}" in shown.stdout


def test_an_invalid_submission_exits_1_and_says_why(tmp_path):
    (tmp_path / "submission.toml").write_text('[pct]\nname = "NHS Nowhere"\nframework = "wcc-2009"\n'
                                             '[[documents]]\nid = "SP"\ntype = "no_such_type"\nfile = "x.pdf"\n')
    done = wcc("assess", tmp_path)
    assert done.returncode == 1
    assert "no_such_type" in done.stderr and "Traceback" not in done.stderr


def test_a_folder_without_a_submission_is_an_input_error_exit_2(tmp_path):
    done = wcc("assess", tmp_path / "missing")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "missing" in done.stderr


def test_an_unknown_framework_is_an_input_error_naming_the_installed_ones(index_dir):
    done = wcc("assess", SAMPLE, "--framework", "wcc-1999", "--index-dir", index_dir)
    assert done.returncode == 2 and "wcc-1999" in done.stderr and "wcc-2009" in done.stderr
