"""A messy but normal submission is assessed, its problems listed in the briefing (exit 1);
only what makes assessment impossible refuses. Through the real CLI in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import docx
import pytest
import tomli_w

from wcc_core.submission.validate import nearest_role

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"


def wcc(*args):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


def sample_like(folder: Path, change=None) -> Path:
    """The sample's self-assessment and data with short Markdown documents (quick to index), changed by `change`."""
    data = tomllib.loads((SAMPLE / "submission.toml").read_text(encoding="utf-8"))
    shutil.copytree(SAMPLE / "data", folder / "data")
    (folder / "documents").mkdir()
    for doc in data["documents"]:
        doc["file"] = f"documents/{doc['id'].lower()}.md"
        (folder / doc["file"]).write_text(f"# {doc.get('title', doc['id'])}\n\nThe board approved the plan in "
                                          "May 2009 after consulting the public.\n", encoding="utf-8")
    if change:
        change(data, folder)
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder


def messy(data, folder):
    """A strategic plan and its annex both typed strategic_plan; the SHA averages under a reasonable key."""
    (folder / "documents" / "annex.md").write_text("# Annex\n\nThe locality plans in full.\n", encoding="utf-8")
    data["documents"].append({"id": "SPANNEX", "type": "strategic_plan", "file": "documents/annex.md",
                              "title": "Strategic Plan annex"})
    data["data"]["stakeholder_survey_sha_averages"] = data["data"].pop("sha_averages")


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory):
    return sample_like(tmp_path_factory.mktemp("messy") / "pct", messy)


def test_a_messy_submission_is_assessed_and_says_what_is_wrong_with_exit_1(messy_folder, tmp_path):
    done = wcc("assess", messy_folder, "--index-dir", tmp_path / "index")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Competencies (mean level)" in done.stdout  # the scorecard is there
    assert "2 problems in the submission: assessed anyway" in done.stdout
    assert "2 documents of type 'strategic_plan'; the handbook allows at most 1" in done.stdout
    assert "did you mean `sha_averages`?" in done.stderr
    assert "assessed with 2 problems in the submission" in done.stderr and "not assessed" not in done.stderr


def test_the_briefings_are_written_with_the_problems_first(messy_folder, tmp_path):
    done = wcc("report", messy_folder, "--out", tmp_path / "out", "--index-dir", tmp_path / "index")
    assert done.returncode == 1, done.stderr
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    problems = html.index('<section id="problems"')
    assert problems < html.index('<section id="scorecard"')
    assert "did you mean `sha_averages`?" in html[problems:html.index("</section>", problems)]
    paragraphs = [p.text for p in docx.Document(next((tmp_path / "out").glob("*.docx"))).paragraphs]
    heading = paragraphs.index("Problems in the submission")
    assert heading < paragraphs.index("Overview")
    assert any("2 documents of type 'strategic_plan'" in p for p in paragraphs[heading:heading + 5])


def test_a_clean_copy_exits_0_with_no_problems_section(tmp_path):
    done = wcc("assess", sample_like(tmp_path / "pct"), "--index-dir", tmp_path / "index")
    assert done.returncode == 0, done.stderr
    assert "problems in the submission" not in done.stdout


def test_a_missing_optional_document_is_a_finding_not_a_refusal(tmp_path):
    def drop_comms(data, folder):
        data["documents"] = [d for d in data["documents"] if d["type"] != "communications_strategy"]
    done = wcc("assess", sample_like(tmp_path / "pct", drop_comms), "--index-dir", tmp_path / "index")
    assert done.returncode == 1, done.stderr
    assert "0 documents of type 'communications_strategy'; the handbook asks for 1" in done.stdout


def test_a_missing_document_file_is_assessed_as_unreadable(tmp_path):
    def lose_fp(data, folder):
        (folder / "documents" / "fp.md").unlink()
    done = wcc("assess", sample_like(tmp_path / "pct", lose_fp), "--index-dir", tmp_path / "index")
    assert done.returncode == 1, done.stderr
    assert "documents/fp.md" in done.stdout and "Competencies (mean level)" in done.stdout


def test_no_readable_document_at_all_refuses_with_exit_2_naming_the_file(tmp_path):
    def lose_all(data, folder):
        for doc in data["documents"]:
            (folder / doc["file"]).unlink()
    folder = sample_like(tmp_path / "pct", lose_all)
    done = wcc("assess", folder, "--index-dir", tmp_path / "index")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{folder / 'submission.toml'}" in done.stderr and "can be read, so there is nothing to assess" in done.stderr
    assert done.stdout == ""


def test_an_undefined_level_still_refuses(tmp_path):
    def bad_level(data, folder):
        data["competencies"]["C1"]["self"]["a"] = 9
    done = wcc("assess", sample_like(tmp_path / "pct", bad_level), "--index-dir", tmp_path / "index")
    assert done.returncode == 1 and "not assessed" in done.stderr and done.stdout == ""


@pytest.mark.parametrize("given,meant", [
    ("stakeholder_survey_sha_averages", "sha_averages"),
    ("sha-averages", "sha_averages"),
    ("finance_plan_rows", "finance"),
    ("metircs", "metrics"),
    ("stakeholder_survey", "stakeholder_survey"),
    ("board_minutes", None),
])
def test_an_unknown_data_role_suggests_the_nearest_known_one(given, meant):
    assert nearest_role(given) == meant
