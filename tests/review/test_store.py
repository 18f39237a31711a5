"""The review file: round-trips unchanged through `wcc review`, concurrent writers lose nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from tests.review.conftest import REPO, copy_sample, decision, review_of
from wcc_core.cli.review_commands import review
from wcc_core.review.store import (
    ReviewFileError,
    default_review_path,
    dumps,
    read_review,
    review_path,
    update_review,
    write_atomic,
)


def run(*args):
    result = CliRunner().invoke(review, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture
def filled(base, tmp_path):
    """A review file written by `wcc review`: a criterion, a level, a rating, a signpost, a comment."""
    path = tmp_path / "decisions.review.toml"
    sub = base.folder
    signpost = base.assessment.signposts.results[0]
    for args in (
        ("set", "C6b.3", "met", "--because", "seen on the page", "--by", "A. Analyst"),
        ("level", "C6b", "3", "--because", "the panel heard it", "--by", "J. Chair"),
        ("rating", "finance.base_case", "amber", "--because", "plan is thin", "--by", "J. Chair"),
        ("signpost", signpost.key, str(signpost.index), "accept", "--because", "next page", "--by", "A. Analyst"),
        ("comment", "alignment", "Aligned, with \"quotes\" and\na second line.", "--by", "J. Chair"),
    ):
        result = run(sub, *args, "--review", path)
        assert result.exit_code == 0, result.output
    return path


def test_every_decision_records_who_when_and_in_which_role(filled):
    decisions = read_review(filled).decisions
    assert [d.target for d in decisions] == ["criterion", "level", "rating", "signpost", "commentary"]
    assert [d.role for d in decisions] == ["analyst", "panel", "panel", "analyst", "panel"]
    assert all(d.by and d.at.endswith("Z") and "T" in d.at for d in decisions)
    assert decisions[0].snapshot["text"], "the criterion line's text is kept to notice a changed criteria set"
    assert decisions[3].snapshot["raw"], "the signpost's text is kept to notice a rewritten signpost"


def test_listing_leaves_the_file_unchanged(base, filled):
    before, stamp = filled.read_bytes(), filled.stat().st_mtime_ns
    for args in ((), ("list",), ("list", "--format", "json"), ("--format", "json")):
        result = run(base.folder, "--review", filled, *args) if args[:1] != ("list",) else run(base.folder, *args, "--review", filled)
        assert result.exit_code == 0, result.output
    assert filled.read_bytes() == before and filled.stat().st_mtime_ns == stamp
    listed = json.loads(run(base.folder, "list", "--format", "json", "--review", filled).output)
    assert [d["id"] for d in listed["decisions"]] == ["d1", "d2", "d3", "d4", "d5"]
    assert listed["decisions"][4]["value"] == "Aligned, with \"quotes\" and\na second line."


def test_set_then_remove_restores_the_file_byte_for_byte(base, filled):
    before = filled.read_bytes()
    added = run(base.folder, "set", "C1a.1", "not_met", "--because", "the minutes say not yet", "--by", "B", "--review", filled)
    assert added.exit_code == 0 and added.output.startswith("d6:")
    assert filled.read_bytes() != before
    assert run(base.folder, "remove", "d6", "--review", filled).exit_code == 0
    assert filled.read_bytes() == before
    run(base.folder, "level", "C1a", "2", "--role", "calibration", "--because", "regional", "--by", "C", "--review", filled)
    assert run(base.folder, "remove", "C1a", "--review", filled).exit_code == 0  # by its target, when only one is on it
    assert filled.read_bytes() == before


def test_reading_and_writing_again_gives_the_same_bytes(filled):
    assert dumps(read_review(filled)) == filled.read_text(encoding="utf-8")


def test_the_same_role_deciding_again_replaces_its_decision_and_keeps_its_id(base, filled):
    run(base.folder, "set", "C6b.3", "not_met", "--because", "re-read", "--by", "A. Analyst", "--review", filled)
    on_line = [d for d in read_review(filled).decisions if d.key == "C6b.3"]
    assert [(d.id, d.value, d.because) for d in on_line] == [("d1", "not_met", "re-read")]
    run(base.folder, "set", "C6b.3", "met", "--role", "panel", "--because", "heard", "--by", "J", "--review", filled)
    assert len([d for d in read_review(filled).decisions if d.key == "C6b.3"]) == 2


def test_hand_edited_entries_that_cannot_be_read_are_kept_and_reported(base, filled):
    filled.write_text(filled.read_text() + textwrap.dedent("""
        [[decision]]
        id = "d40"
        target = "criterion"
        key = "C2a.1"
        value = "perhaps"
        by = "X"
        role = "analyst"
        at = "2026-12-01T10:00:00Z"
        """))
    listed = json.loads(run(base.folder, "--format", "json", "--review", filled).output)
    assert "perhaps" in listed["invalid"][0]["why"]
    run(base.folder, "comment", "overview", "Summary.", "--by", "J", "--review", filled)
    kept = read_review(filled)
    assert kept.invalid and kept.invalid[0][0]["id"] == "d40"
    assert kept.get("d41") is not None, "new ids never collide with an entry kept as written"


@pytest.mark.parametrize("args, message", [
    (("set", "C6b.33", "met", "--because", "x", "--by", "A"), "did you mean C6b.3"),
    (("set", "C6b.3", "yes", "--because", "x", "--by", "A"), "met or not_met"),
    (("set", "C6b.3", "met", "--because", "x", "--by", "A", "--role", "panell"), "did you mean panel"),
    (("level", "C6x", "3", "--because", "x", "--by", "A"), "did you mean C6"),
    (("level", "C6b", "5", "--because", "x", "--by", "A"), "levels, lowest first: 1, 2, 3, 4"),
    (("rating", "finance.basecase", "amber", "--because", "x", "--by", "A"), "did you mean finance.base_case"),
    (("rating", "finance", "purple", "--because", "x", "--by", "A"), "red, amber, green"),
    (("signpost", "C1", "99", "accept", "--because", "x", "--by", "A"), "numbered 0 to"),
    (("comment", "alignmnt", "x", "--by", "A"), "did you mean alignment"),
    (("remove", "d99"), "no decision d99"),
    (("set", "C6b.3", "met", "--because", "x"), "--by"),
])
def test_invalid_ids_levels_ratings_and_roles_are_clear_errors_naming_the_nearest(base, tmp_path, monkeypatch, args, message):
    monkeypatch.delenv("WCC_REVIEWER", raising=False)
    path = tmp_path / "r.review.toml"
    write_atomic(path, dumps(review_of(path)))
    before = path.read_bytes()
    result = run(base.folder, *args, "--review", path)
    assert result.exit_code == 2
    assert message in result.output
    assert path.read_bytes() == before


def test_the_review_file_lives_beside_the_submission_never_inside_it(tmp_path, monkeypatch):
    monkeypatch.delenv("WCC_REVIEW", raising=False)
    folder = copy_sample(tmp_path / "exampleshire")
    assert review_path(folder) == default_review_path(folder) == tmp_path / "exampleshire.review.toml"
    files = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert run(folder, "comment", "overview", "Good year.", "--by", "J").exit_code == 0
    assert (tmp_path / "exampleshire.review.toml").is_file()
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == files
    with pytest.raises(ReviewFileError, match="kept apart"):
        review_path(folder, folder / "review.toml")
    monkeypatch.setenv("WCC_REVIEW", str(tmp_path / "shared") + "/")
    assert review_path(folder) == tmp_path / "shared" / "exampleshire.review.toml"
    assert review_path(folder, tmp_path / "x.toml") == tmp_path / "x.toml", "--review wins over $WCC_REVIEW"


WRITER = """
import sys
from pathlib import Path
from wcc_core.review.model import Decision
from wcc_core.review.store import update_review

path, writer, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    def add(review, i=i):
        return review.with_decision(Decision(id=review.next_id(), target="criterion", key=f"W{writer}.{i}",
                                             value="met", by=f"writer {writer}", role="analyst",
                                             at="2026-12-01T10:00:00Z"))
    update_review(path, add)
"""


def test_two_writers_at_once_never_lose_a_decision(tmp_path):
    path, count = tmp_path / "busy.review.toml", 60
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)], cwd=REPO)
               for name in ("A", "B")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    decisions = read_review(path).decisions
    assert len(decisions) == 2 * count
    assert {d.key for d in decisions} == {f"W{w}.{i}" for w in "AB" for i in range(count)}
    assert len({d.id for d in decisions}) == 2 * count
    assert not list(tmp_path.glob(".busy.review.toml.*.tmp")), "no temporary file is left behind"


def test_a_change_that_fails_writes_nothing(tmp_path):
    path = tmp_path / "r.review.toml"
    update_review(path, lambda r: r.with_decision(decision("commentary", "overview", "x", role="panel")))
    before = path.read_bytes()

    def broken(review):
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        update_review(path, broken)
    assert path.read_bytes() == before


def test_a_damaged_review_file_or_another_pcts_is_an_input_error_and_is_not_overwritten(base, tmp_path):
    damaged = tmp_path / "damaged.review.toml"
    damaged.write_text("[[decision]\nid = ", encoding="utf-8")
    result = run(base.folder, "comment", "overview", "x", "--by", "J", "--review", damaged)
    assert result.exit_code == 2 and "not a TOML review file" in result.output
    assert damaged.read_text(encoding="utf-8") == "[[decision]\nid = "
    other = tmp_path / "other.review.toml"
    write_atomic(other, dumps(review_of(other, name="NHS Elsewhere")))
    before = other.read_bytes()
    result = run(base.folder, "comment", "overview", "x", "--by", "J", "--review", other)
    assert result.exit_code == 2 and "for NHS Elsewhere, not NHS Exampleshire" in result.output
    assert other.read_bytes() == before


def test_options_may_come_before_the_subcommand(base, tmp_path):
    path = tmp_path / "early.review.toml"
    assert run(base.folder, "--review", path, "comment", "overview", "Early.", "--by", "J").exit_code == 0
    listed = json.loads(run(base.folder, "--review", path, "--format", "json").output)
    assert [d["value"] for d in listed["decisions"]] == ["Early."]
