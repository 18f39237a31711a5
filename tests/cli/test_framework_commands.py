"""`wcc frameworks`, `wcc plugins` and `wcc validate`, run as a user runs them: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import tomli_w

from tests.submission.factory import valid_submission_data, write_submission

from pathlib import Path

# The console script installed beside the interpreter running the tests (the venv's).
WCC = [str(Path(sys.executable).with_name("wcc"))]


def run(*args, cwd=None):
    return subprocess.run(WCC + list(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def test_frameworks_json_prints_the_contract():
    result = run("frameworks", "--format", "json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    wcc2009 = next(f for f in listing if f["id"] == "wcc-2009")
    assert wcc2009["name"] == "WCC assurance Year 2 (2009/10)"
    assert wcc2009["levels"] == ["1", "2", "3", "4"]
    counts = wcc2009["counts"]
    assert set(counts) == {"competencies", "subcompetencies", "criteria_lines", "governance_subcomponents", "outcome_metrics", "document_types"}
    assert (counts["competencies"], counts["subcompetencies"], counts["governance_subcomponents"]) == (11, 33, 16)
    assert counts["document_types"] == 17
    assert counts["criteria_lines"] > 200


def test_plugins_lists_name_version_framework_keys_and_source():
    result = run("plugins", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    c7 = rows["wcc-2009-c7"]
    assert (c7["framework"], c7["keys"], c7["source"], c7["distribution"]) == ("wcc-2009", ["C7"], "plugins.competencies.wcc2009.c7", "wcc")
    assert rows["wcc-2009-board"]["keys"] == ["board"]
    assert rows["wcc-2009-outcomes"]["keys"] == ["outcomes"]
    text = run("plugins")
    assert "wcc-2009-c11" in text.stdout and "plugins.competencies.wcc2009.c11" in text.stdout


def test_validate_a_valid_submission_exits_zero(tmp_path):
    write_submission(tmp_path, valid_submission_data())
    result = run("validate", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NHS Testshire: valid" in result.stdout


def test_validate_reports_every_problem_and_exits_one(tmp_path):
    data = valid_submission_data()
    data["documents"][0]["type"] = "strategy_plan"
    data["competencies"]["C4"]["self"]["b"] = 7
    write_submission(tmp_path, data)
    result = run("validate", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    keys = {f["key"] for f in report["findings"]}
    assert {"documents[0] (SP).type", "competencies.C4.self.b"} <= keys


def test_validate_a_folder_without_submission_toml_is_an_input_error(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert "submission.toml: not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_broken_toml_names_the_file_and_the_line(tmp_path):
    (tmp_path / "submission.toml").write_text('[pct]\nname = "unterminated\n')
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert "submission.toml: not valid TOML" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_an_unknown_framework(tmp_path):
    data = valid_submission_data()
    data["pct"]["framework"] = "wcc-1999"
    write_submission(tmp_path, data)
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "unknown framework 'wcc-1999'" in result.stdout


def test_ctrl_c_while_wcc_is_loading_its_commands_prints_no_traceback():
    import signal
    import time

    for delay in (0.3, 0.6):
        process = subprocess.Popen(WCC + ["frameworks"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr
