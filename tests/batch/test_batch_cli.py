"""`wcc batch` through the real CLI: isolation, resumability, reports from the same result, exit codes."""

from __future__ import annotations

from pathlib import Path

import shutil
import sqlite3

import pytest

from tests.batch.conftest import wcc


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def batch(two_pcts, tmp_path_factory):
    """Two good PCTs and one with a broken submission.toml, run once with reports, then again unchanged."""
    root = tmp_path_factory.mktemp("batch") / "sha"
    shutil.copytree(two_pcts, root)
    broken = root / "009-broken"
    broken.mkdir()
    (broken / "submission.toml").write_text("[pct\nname = ", encoding="utf-8")
    db = root.parent / "results.sqlite"
    first = wcc("batch", root, "--out", db, "--workers", "2", "--reports", "html,json")
    second = wcc("batch", root, "--out", db, "--workers", "2", "--reports", "html,json")
    return root, db, first, second


def test_one_pcts_failure_is_recorded_with_its_reason_and_the_others_are_assessed(batch):
    root, db, first, _ = batch
    assert first.returncode == 1, first.stderr
    assert "009-broken" in first.stdout and "submission.toml" in first.stdout
    assert len(rows(db, "SELECT code FROM pcts")) == 2
    [(folder, kind, reason)] = rows(db, "SELECT folder, kind, reason FROM failures")
    assert folder.endswith("009-broken") and kind == "input" and "submission.toml" in reason
    assert "Traceback" not in first.stderr


def test_the_summary_counts_assessed_failed_and_skipped(batch):
    _, _, first, second = batch
    assert "assessed             │     2" in first.stdout
    assert "skipped as unchanged │     2" in second.stdout and "assessed             │     0" in second.stdout
    assert second.returncode == 1  # the broken PCT still fails, and is listed again


def test_each_pct_gets_its_reports_written_from_the_same_result(batch):
    root, db, _, _ = batch
    for (folder,) in rows(db, "SELECT folder FROM pcts"):
        written = sorted(p.name for p in (root.parent / "reports" / folder.rsplit("/", 1)[1]).iterdir())
        # the briefings, and the record by which `wcc report` knows them as its own (never an edited one)
        assert [Path(n).suffix for n in written if n != ".wcc-written.json"] == [".html", ".json"]
        assert ".wcc-written.json" in written


def test_every_subcompetency_and_criterion_line_is_stored_with_its_evidence(batch):
    _, db, _, _ = batch
    for (code,) in rows(db, "SELECT code FROM pcts"):
        assert rows(db, "SELECT count(*) FROM subcompetencies WHERE pct_code = ?", code) == [(33,)]
        assert rows(db, "SELECT count(*) FROM competencies WHERE pct_code = ?", code) == [(11,)]
        lines = rows(db, "SELECT count(*) FROM criteria WHERE pct_code = ? AND level IS NOT NULL", code)[0][0]
        assert lines > 100
        met_without_page = rows(db, "SELECT count(*) FROM criteria c WHERE pct_code = ? AND evidence_status = 'met' "
                                    "AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.criterion_id = c.id)", code)
        assert met_without_page == [(0,)]
        assert {r[0] for r in rows(db, "SELECT component FROM governance WHERE pct_code = ?", code)} == {
            "strategy", "finance", "board"}
    assert rows(db, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL") == [(2,)]


def test_a_changed_review_file_reassesses_only_that_pct_and_panel_and_calibration_levels_are_stored(batch, tmp_path):
    root, db, _, _ = batch
    here = tmp_path / "sha"
    shutil.copytree(root, here)
    (here / "009-broken" / "submission.toml").unlink()
    (here / "009-broken").rmdir()
    copy = tmp_path / "results.sqlite"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as conn:  # the copied folders live elsewhere: point the stored rows at them
        conn.execute("UPDATE pcts SET folder = replace(folder, ?, ?)", (str(root), str(here)))
    first = sorted(p for p in here.iterdir() if p.is_dir())[0]
    decided = wcc("review", first, "level", "C4a", "1", "--role", "panel", "--because", "panel day", "--by", "J. Chair")
    assert decided.returncode == 0, decided.stderr
    calibrated = wcc("review", first, "level", "C4a", "2", "--role", "calibration", "--because", "national calibration",
                     "--by", "N. Panel")
    assert calibrated.returncode == 0, calibrated.stderr
    again = wcc("batch", here, "--out", copy, "--workers", "1")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "assessed             │     1" in again.stdout and "skipped as unchanged │     1" in again.stdout
    [levels] = rows(copy, "SELECT s.panel_level, s.calibrated_level, s.final_level FROM subcompetencies s JOIN pcts p "
                          "ON p.code = s.pct_code WHERE p.folder = ? AND s.sub = 'C4a'", str(first))
    assert levels == (1, 2, 2)  # calibration over panel


def test_input_errors_exit_2_naming_what_is_wrong(tmp_path, two_pcts):
    missing = wcc("batch", tmp_path / "nowhere", "--out", tmp_path / "r.sqlite")
    assert missing.returncode == 2 and "nowhere: no such folder" in missing.stderr
    empty = wcc("batch", tmp_path, "--out", tmp_path / "r.sqlite")
    assert empty.returncode == 2 and "no submission folder" in empty.stderr
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    foreign = wcc("batch", two_pcts, "--out", other)
    assert foreign.returncode == 2 and f"{other}: not a wcc results database" in foreign.stderr
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some words " * 100)
    garbage = wcc("batch", two_pcts, "--out", text)
    assert garbage.returncode == 2 and str(text) in garbage.stderr and "Traceback" not in garbage.stderr
