"""`wcc report` reuses the assessment `wcc assess` saved, and only while every input it rests on is unchanged.

The real CLI in subprocesses on copies of the bundled sample. Reuse is made visible by
saving, under the key the CLI computes, an assessment whose PCT name is "TAMPERED": a
command that prints that name reused the saved file; after any change of input it must
judge afresh and print the real name.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wcc_core.records import saved
from wcc_core.reuse import saved_place as _saved_place

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"
TAMPERED = "TAMPERED by the test"


def wcc(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600,
                          env={k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None})


@pytest.fixture(scope="module")
def assessed(tmp_path_factory):
    """A copy of the sample with its index and the assessment `wcc assess --no-review` saved there."""
    root = tmp_path_factory.mktemp("saved")
    folder = root / "exampleshire"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".wcc"))
    run = wcc("assess", folder, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    assert run.returncode in (0, 1), run.stderr
    return folder, json.loads(run.stdout)


@pytest.fixture
def copy(assessed, tmp_path):
    """A fresh copy of the assessed sample (its index and saved assessment included)."""
    folder = tmp_path / "exampleshire"
    shutil.copytree(assessed[0], folder)
    return folder


def plant(folder: Path, **keyed) -> None:
    """Save a TAMPERED assessment where and under the key the CLI would look for with these options."""
    where, key = _saved_place(folder, None, **{"framework_id": None, "parameters": None, "review_file": False,
                                               "last_year": None, "validate": True, **keyed})
    assert saved.save(where, key, dataclasses.replace(_any_saved(where), submission=TAMPERED))


def _any_saved(where: Path):
    with open(where / saved.SAVED_FILE, "rb") as handle:
        handle.readline()
        return pickle.loads(handle.read())


def submission_name(run) -> str:
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return json.loads(run.stdout)["submission"]


def test_wcc_assess_saves_its_assessment_owner_only_and_whole(assessed):
    folder, _ = assessed
    index = folder / ".wcc"
    mode = stat.S_IMODE((index / saved.SAVED_FILE).stat().st_mode)
    assert mode == 0o600
    assert not [p for p in index.iterdir() if p.name.startswith(f".{saved.SAVED_FILE}")]  # no temporary left


def test_wcc_report_renders_the_saved_assessment_without_judging_again(copy, tmp_path):
    plant(copy)
    run = wcc("report", copy, "--no-review", "--format", "json", "--out", tmp_path / "out")
    assert run.returncode in (0, 1), run.stderr
    written = json.loads((tmp_path / "out" / "exampleshire-briefing.json").read_text(encoding="utf-8"))
    assert written["submission"] == TAMPERED


def test_the_saved_assessment_equals_a_fresh_one(assessed, tmp_path):
    folder, first = assessed
    elsewhere = tmp_path / "exampleshire"
    shutil.copytree(folder, elsewhere, ignore=shutil.ignore_patterns(".wcc"))
    fresh = wcc("assess", elsewhere, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    again = wcc("assess", folder, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    assert json.loads(again.stdout) == first == json.loads(fresh.stdout)


def _edit_toml(folder: Path) -> None:
    path = folder / "submission.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# an analyst's note\n", encoding="utf-8")


def _edit_data(folder: Path) -> None:
    path = folder / "data" / "finance.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ", ", 1), encoding="utf-8")


def _edit_document(folder: Path) -> None:
    with open(folder / "documents" / "strategic-plan.pdf", "ab") as handle:
        handle.write(b"\n% appended by the test\n")


def _add_file(folder: Path) -> None:
    (folder / "data" / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")


CHANGES = {
    "submission.toml edited": (_edit_toml, (), {}),
    "a data file edited": (_edit_data, (), {}),
    "a document's bytes changed": (_edit_document, (), {}),
    "a file added to the folder": (_add_file, (), {}),
    "the framework named": (None, ("--framework", "wcc-2009"), {}),
    "an extraction limit set": (None, (), {"WCC_MAX_BLOCK_CHARS": "150000"}),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_any_change_of_input_makes_wcc_assess_judge_afresh(copy, change):
    edit, options, env = CHANGES[change]
    plant(copy)
    hit = wcc("assess", copy, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    assert submission_name(hit) == TAMPERED  # unchanged: the saved one is used
    if edit:
        edit(copy)
    run = wcc("assess", copy, "--no-review", "--format", "json", *options, env={"WCC_REVIEW": None, **env})
    assert submission_name(run) == "NHS Exampleshire"


def test_parameters_and_options_are_part_of_the_key(copy):
    def key(**options):
        return _saved_place(copy, None, **{"framework_id": None, "parameters": None, "review_file": False,
                                           "last_year": None, "validate": True, **options})[1]

    keys = [key(), key(parameters={"survey_agree_share_baseline": 40.0}),
            key(parameters={"survey_agree_share_baseline": 45.0}), key(framework_id="wcc-2008"),
            key(validate=False)]
    assert len(set(keys)) == len(keys) and key() == keys[0]


def test_a_review_file_appearing_or_changing_makes_the_saved_assessment_stale(copy):
    review = copy.parent / f"{copy.name}.review.toml"
    plant(copy, review_file=None)  # no review file yet: the same as --no-review
    assert submission_name(wcc("assess", copy, "--format", "json", env={"WCC_REVIEW": None})) == TAMPERED
    made = wcc("review", copy, "comment", "alignment", "One plan.", "--by", "J. Chair", env={"WCC_REVIEW": None})
    assert made.returncode == 0, made.stderr
    assert submission_name(wcc("assess", copy, "--format", "json", env={"WCC_REVIEW": None})) == "NHS Exampleshire"
    plant(copy, review_file=None)
    assert submission_name(wcc("assess", copy, "--format", "json", env={"WCC_REVIEW": None})) == TAMPERED
    review.write_text(review.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert submission_name(wcc("assess", copy, "--format", "json", env={"WCC_REVIEW": None})) == "NHS Exampleshire"


def test_a_last_year_record_changing_makes_the_saved_assessment_stale(copy, tmp_path):
    record = tmp_path / "last-year.toml"
    record.write_text('framework = "wcc-2009"\n[levels]\nC1a = "2"\n', encoding="utf-8")
    plant(copy, last_year=record)
    args = ("assess", copy, "--no-review", "--format", "json", "--last-year", record)
    assert submission_name(wcc(*args, env={"WCC_REVIEW": None})) == TAMPERED
    record.write_text('framework = "wcc-2009"\n[levels]\nC1a = "3"\n', encoding="utf-8")
    assert submission_name(wcc(*args, env={"WCC_REVIEW": None})) == "NHS Exampleshire"


def test_a_damaged_saved_file_is_ignored_and_replaced(copy):
    (copy / ".wcc" / saved.SAVED_FILE).write_bytes(b'{"format": 1, "key": "x"}\n\x80\x05garbage')
    run = wcc("assess", copy, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    assert submission_name(run) == "NHS Exampleshire"
    assert (copy / ".wcc" / saved.SAVED_FILE).read_bytes().startswith(b'{"format": %d' % saved.FORMAT)


class _Planted:
    def __reduce__(self):
        return (os.system, ("touch PLANTED",))


def test_a_planted_file_with_the_right_key_cannot_run_code(copy):
    where, key = _saved_place(copy, None, framework_id=None, parameters=None, review_file=False,
                              last_year=None, validate=True)
    (where / saved.SAVED_FILE).write_bytes(json.dumps({"format": saved.FORMAT, "key": key}).encode() + b"\n"
                                           + pickle.dumps(_Planted()))
    run = wcc("assess", copy, "--no-review", "--format", "json", env={"WCC_REVIEW": None})
    assert submission_name(run) == "NHS Exampleshire"
    assert not (REPO / "PLANTED").exists()


def test_the_code_digest_changes_when_a_plugin_file_changes(tmp_path):
    package = tmp_path / "a_plugin"
    package.mkdir()
    (package / "criteria.toml").write_text("a = 1\n", encoding="utf-8")
    before = saved.code_digest([package], [])
    (package / "criteria.toml").write_text("a = 22\n", encoding="utf-8")
    assert saved.code_digest([package], []) != before
    touched = saved.code_digest([package], [])
    os.utime(package / "criteria.toml", ns=(1, 1))  # reinstalled: same bytes, another time
    assert saved.code_digest([package], []) != touched
    assert saved.code_digest([package], ["plugin 1.1"]) != saved.code_digest([package], ["plugin 1.2"])


def test_a_temporary_left_by_a_killed_save_is_removed_by_the_next(tmp_path):
    left = tmp_path / f".{saved.SAVED_FILE}.0123456789ab"
    left.write_bytes(b"half")
    os.utime(left, (1, 1))
    live = tmp_path / f".{saved.SAVED_FILE}.ba9876543210"
    live.write_bytes(b"being written now")
    assert saved.save(tmp_path, "k", saved.FORMAT)  # any picklable value of wcc's stands in
    assert not left.exists() and live.exists()
    assert saved.load_saved(tmp_path, "k") == saved.FORMAT and saved.load_saved(tmp_path, "other") is None
