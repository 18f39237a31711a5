"""A hand-edited, shared review file is input too: it cannot drive the terminal, read outside
the submission, outrank a new decision by claiming a date, crash wcc by its nesting, lose
its permissions, or leave visible litter. Each case runs the real CLI in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import tomllib

import pytest
import tomli_w

from tests.review.conftest import REPO, copy_sample

# What a terminal acts on: C0 controls but tab and newline, DEL, C1 (the 8-bit CSI and OSC
# among them), bidi formatting, and the line separators some terminals take as breaks.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
HOSTILE = {
    "OSC 52 (writes the clipboard)": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "OSC 0 (sets the window title)": "\x1b]0;owned\x07",
    "BEL": "\x07",
    "8-bit CSI (clears the screen)": "\x9b2J",
    "right-to-left override": "\u202e",
    "CSI": "\x1b[2J",
    "8-bit OSC": "\x9d0;t\x9c",
    "line separator": "\u2028",
}
EVIL = "".join(HOSTILE.values())
LINE = "C6b.3"  # a criterion line of wcc-2009 (the framework, not the sample's proposals)


def wcc(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600, env={**os.environ, "WCC_REVIEWER": "A. Analyst",
                                                                 **(env or {})})


@pytest.fixture
def sub(base, tmp_path):
    """A fresh copy of the sample with its own index (copied, so nothing is extracted again)."""
    folder = copy_sample(tmp_path / "exampleshire", base.index_dir, tmp_path / "index")
    return folder, tmp_path / "index", tmp_path / "exampleshire.review.toml"


def entry(id, target, key, value, at="2026-12-01T10:00:00Z", role="analyst", by="A. Analyst", **more):
    return {"id": id, "target": target, "key": key, "value": value, "by": by, "role": role, "at": at, **more}


def write_review(path, *entries):
    path.write_text(tomli_w.dumps({"format": 1, "submission": {"name": "NHS Exampleshire"},
                                   "decision": list(entries)}), encoding="utf-8")


# --- 2: control sequences from the review file never reach the terminal --------------------


def test_by_because_keys_ids_and_targets_of_a_review_file_never_reach_the_terminal(sub):
    folder, index, review = sub
    write_review(review,
                 entry(f"d1{EVIL}", "criterion", LINE, "met", by=f"A.{EVIL} Analyst", because=f"seen{EVIL}"),
                 entry("d2", "criterion", f"C6z.9{EVIL}", "met", because=EVIL),  # stale: printed by assess
                 entry("d3", f"crit{EVIL}", LINE, "met"),  # unreadable: listed with why
                 entry("d4", "criterion", LINE, "not_met", by=EVIL, at="2999-01-01T00:00:00Z"))
    runs = {"list": wcc("review", folder),
            "list json": wcc("review", folder, "--format", "json"),
            "assess": wcc("assess", folder, "--index-dir", index),
            "assess json": wcc("assess", folder, "--index-dir", index, "--format", "json")}
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
        for stream in (run.stdout, run.stderr):
            assert not TERMINAL_CONTROL.search(stream), (name, TERMINAL_CONTROL.findall(stream)[:5])
    assert "C6z.9" in runs["assess"].stderr and "stale" in runs["assess"].stderr  # the line is still said
    assert "A. Analyst" in runs["list"].stdout  # the text around a sequence is kept
    # JSON keeps the value (escaped), so a reader of the JSON loses nothing
    listed = json.loads(runs["list json"].stdout)
    assert any(d["by"] == f"A.{EVIL} Analyst" for d in listed["decisions"])


# --- 3: nothing outside the submission is read or hashed ------------------------------------


def _point_documents_outside(folder, secret):
    """Three documents that leave the folder (../, absolute, a symlink out), each signposted for C1."""
    (folder / "documents" / "link.pdf").symlink_to(secret)
    data = tomllib.loads((folder / "submission.toml").read_text(encoding="utf-8"))
    data["documents"] += [{"id": "UP", "type": "other", "file": "../secret.txt"},
                          {"id": "ABS", "type": "other", "file": str(secret)},
                          {"id": "LNK", "type": "other", "file": "documents/link.pdf"}]
    data["competencies"]["C1"]["signposts"] = ["UP p.1", "ABS p.1", "LNK p.1"]
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("doc", ["UP", "ABS", "LNK"], ids=["../", "absolute", "symlink out"])
def test_a_decision_never_reads_or_hashes_a_file_outside_the_submission(sub, doc):
    folder, index, review = sub
    secret = folder.parent / "secret.txt"
    secret.write_text("hunter2\n")  # a low-entropy secret: its hash would confirm it
    _point_documents_outside(folder, secret)
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    runs = [wcc("review", folder, "set", LINE, "met", "--evidence", f"{doc} p.1", "--keep-unverified",
                "--index-dir", index, "--because", "x"),
            wcc("review", folder, "signpost", "C1", str(["UP", "ABS", "LNK"].index(doc)), "accept",
                "--because", "x")]
    for run in runs:
        assert "Traceback" not in run.stderr, run.stderr
    text = review.read_text() if review.exists() else ""
    assert digest not in text and "hunter2" not in text, text
    assert all(run.returncode in (0, 2) for run in runs)


# --- 4: the order decisions were recorded in decides, not the date an entry claims ----------


def _status(folder, index, line=LINE):
    run = wcc("assess", folder, "--index-dir", index, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    competency, sub = line[:2], line[2]
    found = next(c for c in data["competencies"][competency]["subcompetencies"][sub]["criteria"] if c["id"] == line)
    return found["status"], run.stderr


def test_a_new_decision_stands_over_a_future_dated_one_of_the_same_role(sub):
    folder, index, review = sub
    write_review(review, entry("d1", "criterion", LINE, "not_met", at="2999-01-01T00:00:00Z"),
                 entry("d2", "criterion", LINE, "not_met", at="2026-11-30T10:00:00Z"))
    run = wcc("review", folder, "set", LINE, "met", "--because", "the plan says so")
    assert run.returncode == 0, run.stderr
    assert " met " in run.stdout and "replaces d1 (not_met, dated 2999-01-01T00:00:00Z), d2" in run.stderr
    assert _status(folder, index)[0] == "met"


def test_two_decisions_of_one_role_on_a_line_the_later_recorded_stands_and_both_are_named(sub):
    folder, index, review = sub
    write_review(review, entry("d1", "criterion", LINE, "met", at="2999-01-01T00:00:00Z"),
                 entry("d2", "criterion", LINE, "not_met", at="2026-11-30T10:00:00Z"))
    status, stderr = _status(folder, index)
    assert status == "not_met"
    assert "d1 (met, dated 2999-01-01T00:00:00Z), d2 (not_met" in stderr and "d2 stands" in stderr


# --- 5: the review file is bounded like submission.toml -------------------------------------


@pytest.mark.parametrize("nested", [
    "a = " + "[" * 2000 + "]" * 2000 + "\n",
    "a = " + "{b = " * 2000 + "1" + "}" * 2000 + "\n",
    "[" + ".".join(["t"] * 2000) + "]\nx = 1\n",
], ids=["arrays", "inline tables", "dotted tables"])
@pytest.mark.parametrize("command", [["review"], ["assess"], ["review", "set", LINE, "met", "--because", "x"]],
                         ids=["list", "assess", "set"])
def test_a_review_file_nested_2000_deep_is_refused_with_its_name_not_a_traceback(sub, nested, command):
    folder, index, review = sub
    review.write_text(nested, encoding="utf-8")
    before = review.read_bytes()
    args = [command[0], folder, *command[1:]] + (["--index-dir", index] if command[0] == "assess" else [])
    run = wcc(*args)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert str(review) in run.stderr and "nested" in run.stderr
    assert review.read_bytes() == before


def test_a_review_file_over_the_size_bound_is_refused(sub):
    folder, _, review = sub
    write_review(review, entry("d1", "criterion", LINE, "met", because="x" * 40_000))
    run = wcc("review", folder, env={"WCC_MAX_TOML_BYTES": "30000"})  # the sample's submission.toml fits
    assert run.returncode == 2 and str(review) in run.stderr and "at most 30,000" in run.stderr, run.stderr


# --- 7: the review file keeps its mode; a read-only one is refused --------------------------


@pytest.mark.parametrize("mode", [0o664, 0o644, 0o660, 0o600])
def test_recording_a_decision_keeps_the_review_files_mode(sub, mode):
    folder, _, review = sub
    write_review(review, entry("d1", "criterion", LINE, "met"))
    review.chmod(mode)
    run = wcc("review", folder, "set", LINE, "not_met", "--because", "re-read")
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(review.stat().st_mode) == mode and "not_met" in review.read_text()


@pytest.mark.parametrize("command", [["set", LINE, "met", "--because", "x"], ["remove", "d1"],
                                     ["comment", "alignment", "x"]])
def test_a_read_only_review_file_is_refused_and_left_as_it_was(sub, command):
    folder, _, review = sub
    write_review(review, entry("d1", "criterion", LINE, "not_met"))
    review.chmod(0o444)
    before = review.read_bytes()
    run = wcc("review", folder, *command, "--by", "J. Chair") if command[0] == "comment" else wcc("review", folder, *command)
    assert run.returncode == 2 and "read-only" in run.stderr and str(review) in run.stderr, run.stderr
    assert review.read_bytes() == before and stat.S_IMODE(review.stat().st_mode) == 0o444


# --- also found: the lock is out of sight ---------------------------------------------------


def test_wcc_review_leaves_nothing_visible_beside_the_review_file(sub):
    folder, _, review = sub
    run = wcc("review", folder, "set", LINE, "met", "--because", "x")
    assert run.returncode == 0, run.stderr
    visible = sorted(p.name for p in review.parent.iterdir() if not p.name.startswith("."))
    assert visible == ["exampleshire", "exampleshire.review.toml", "index"]
    hidden = sorted(p.name for p in review.parent.iterdir() if p.name.startswith("."))
    assert hidden == [".exampleshire.review.toml.lock"]  # the lock: kept (see store.locked), out of sight
