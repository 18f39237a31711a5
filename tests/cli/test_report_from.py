"""`wcc report --from assessment.json` renders a saved `wcc assess --format json` as `wcc report` renders it directly.

The real CLI in subprocesses on a copy of the bundled sample: the JSON, HTML (evidence
images included), Word and Excel files made from the saved JSON are byte for byte the
ones rendered from the assessment itself, for the briefing and for a panel report with
a recorded decision. Files that are not such JSON are refused with the file named.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from wcc_core.records.assessment_json import assessment_from_json

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"
FORMATS = ("json", "html", "docx", "xlsx")


def wcc(*args):
    env = {k: v for k, v in os.environ.items() if k != "WCC_REVIEW"}
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600, env=env)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A copy of the sample, its saved briefing JSON and the briefing rendered directly."""
    root = tmp_path_factory.mktemp("from")
    folder = root / "exampleshire"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".wcc"))
    run = wcc("assess", folder, "--no-review", "--format", "json")
    assert run.returncode in (0, 1), run.stderr
    saved = root / "assessment.json"
    saved.write_text(run.stdout, encoding="utf-8")
    direct = wcc("report", folder, "--no-review", "--out", root / "direct")
    assert direct.returncode in (0, 1), direct.stderr
    return folder, saved, root / "direct"


def _files(folder: Path, stem: str) -> dict[str, bytes]:
    return {f: (folder / f"{stem}.{f}").read_bytes() for f in FORMATS}


def test_the_report_from_the_json_is_the_report_rendered_directly(sample, tmp_path):
    folder, saved, direct = sample
    run = wcc("report", folder, "--from", saved, "--out", tmp_path / "from")
    assert run.returncode in (0, 1), run.stderr
    made, expected = _files(tmp_path / "from", "exampleshire-briefing"), _files(direct, "exampleshire-briefing")
    assert b"data:image/png;base64," in expected["html"]  # the comparison covers the cropped evidence images
    assert made == expected  # every format, byte for byte
    with zipfile.ZipFile(tmp_path / "from" / "exampleshire-briefing.docx") as docx:
        assert json.loads(saved.read_text())["submission"].encode() in docx.read("word/document.xml")


def test_a_panel_report_with_a_decision_round_trips_too(sample, tmp_path):
    folder, saved, _ = sample
    data = json.loads(saved.read_text())
    line = next(c for comp in data["competencies"].values() for sub in comp["subcompetencies"].values()
                for c in sub["criteria"] if c["status"] != "met" and c["status"] != "needs_panel")
    review = tmp_path / "exampleshire.review.toml"
    key, sub = next((k + s, v) for k, comp in data["competencies"].items() for s, v in comp["subcompetencies"].items())
    for decision in (("set", line["id"], "met", "--because", "seen on the visit", "--by", "A. Analyst"),
                     ("level", key, str(sub["proposed"] % 4 + 1), "--role", "panel", "--because", "the panel agreed",
                      "--by", "J. Chair"),
                     ("comment", "alignment", "A clear thread from the JSNA to the plans.", "--by", "J. Chair")):
        decided = wcc("review", folder, *decision, "--review", review)
        assert decided.returncode == 0, decided.stderr
    run = wcc("assess", folder, "--review", review, "--format", "json")
    assert run.returncode in (0, 1), run.stderr
    assert json.loads(run.stdout)["stage"] == "panel_report"
    panel = tmp_path / "panel.json"
    panel.write_text(run.stdout, encoding="utf-8")
    for args, out in (((folder, "--review", review), "direct"), ((folder, "--from", panel), "from")):
        made = wcc("report", *args, "--out", tmp_path / out)
        assert made.returncode in (0, 1), made.stderr
    assert _files(tmp_path / "from", "exampleshire-panel-report") == _files(tmp_path / "direct",
                                                                           "exampleshire-panel-report")


def test_without_the_submission_the_json_names_the_files_and_the_html_shows_excerpts(sample, tmp_path):
    _, saved, direct = sample
    run = wcc("report", "--from", saved, "--out", tmp_path / "out")
    assert run.returncode in (0, 1), run.stderr
    made = _files(tmp_path / "out", "assessment-briefing")
    assert made["json"] == (direct / "exampleshire-briefing.json").read_bytes()
    assert b"data:image/png;base64," not in made["html"]


def test_the_json_reads_back_into_the_same_assessment(sample):
    _, saved, _ = sample
    data = json.loads(saved.read_text())
    assert assessment_from_json(data, saved).to_json() == data


def _refused(tmp_path, text: str | None, *extra) -> str:
    path = tmp_path / "bad.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    run = wcc("report", "--from", path, "--out", tmp_path / "out", *extra)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    assert str(path) in run.stderr
    assert not (tmp_path / "out").exists()
    return run.stderr


def test_a_file_that_is_not_json_is_refused_naming_it(tmp_path):
    assert "not JSON (line 1" in _refused(tmp_path, "<html>not json</html>")


def test_a_missing_file_is_refused_naming_it(tmp_path):
    assert "no such file" in _refused(tmp_path, None)


def test_another_commands_json_is_refused_naming_it(sample, tmp_path):
    folder, _, _ = sample
    signposts = wcc("signposts", folder, "--format", "json")
    assert signposts.stdout.startswith("{"), signposts.stderr
    message = _refused(tmp_path, signposts.stdout)
    assert "lacks the key 'competencies'" in message and "wcc signposts" in message


def test_a_missing_or_mistyped_key_is_refused_naming_the_key(sample, tmp_path):
    _, saved, _ = sample
    data = json.loads(saved.read_text())
    sub = next(iter(next(iter(data["competencies"].values()))["subcompetencies"]))
    first = next(iter(data["competencies"]))
    broken = json.loads(saved.read_text())
    del broken["competencies"][first]["subcompetencies"][sub]["proposed"]
    assert f"lacks the key 'competencies.{first}.subcompetencies.{sub}.proposed'" in _refused(
        tmp_path, json.dumps(broken))
    broken = json.loads(saved.read_text())
    broken["competencies"][first]["subcompetencies"][sub]["criteria"][0]["evidence"] = "none"
    assert f"competencies.{first}.subcompetencies.{sub}.criteria[0].evidence: should be list, not a string" in (
        _refused(tmp_path, json.dumps(broken)))
    assert "should be an object, not a list" in _refused(tmp_path, "[1, 2]")


def test_a_framework_that_is_not_installed_is_refused(sample, tmp_path):
    _, saved, _ = sample
    data = json.loads(saved.read_text())
    data["framework"] = "wcc-2031"
    assert "framework 'wcc-2031', which is not installed" in _refused(tmp_path, json.dumps(data))


def test_assessment_options_are_refused_with_from(sample, tmp_path):
    _, saved, _ = sample
    text = saved.read_text()
    assert "--framework" in _refused(tmp_path, text, "--framework", "wcc-2009")
    assert "--no-review" in _refused(tmp_path, text, "--no-review")


def test_report_without_submission_or_from_is_a_usage_error(tmp_path):
    run = wcc("report", "--out", tmp_path / "out")
    assert run.returncode == 2 and "SUBMISSION" in run.stderr and "--from" in run.stderr
