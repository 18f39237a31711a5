"""`wcc validate` on values of the wrong type and on paths the file system refuses: findings, not tracebacks."""

from __future__ import annotations

import datetime
import os

import pytest
import tomli_w
from click.testing import CliRunner

from tests.submission.factory import valid_submission_data, write_submission
from wcc_core.cli.main import cli
from wcc_core.framework import load_framework
from wcc_core.submission.validate import validate_folder


def errors_for(folder, mutate):
    data = valid_submission_data()
    mutate(data)
    write_submission(folder, data)
    _, findings = validate_folder(folder, load_framework)
    return [(f.key, f.message) for f in findings if f.severity == "error"]


@pytest.mark.parametrize(
    "mutate, key, message",
    [
        (lambda d: d["documents"][0].update(id=5), "documents[0].id", "should be text in quotes, found an integer 5"),
        (lambda d: d["documents"][0].update(id=["SP"]), "documents[0].id", "found an array ['SP']"),
        (lambda d: d["pct"].update(name=["NHS"]), "pct.name", "should be text in quotes, found an array"),
        (lambda d: d["pct"].update(framework=2009), "pct.framework", "found an integer 2009"),
        (lambda d: d["documents"][0].update(aliases=["SP", ["x"]]), "documents[0].aliases", "should be an array of names"),
        (lambda d: d["documents"][0].update(date=datetime.time(12, 0)), "documents[0].date", "a date like 2009-12-01"),
        (lambda d: d["competencies"]["C1"].update(actions=3), "competencies.C1.actions", "found an integer 3"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error(tmp_path, mutate, key, message):
    errors = errors_for(tmp_path, mutate)
    assert any(k == key and message in m for k, m in errors), errors


def test_previous_year_must_be_true_or_false(tmp_path):
    def mutate(d):
        d["outcomes"][0]["previous_year"] = "yes"

    errors = errors_for(tmp_path, mutate)
    assert any(k == "outcomes[0].previous_year" and "should be true or false, found text 'yes'" in m for k, m in errors)


def test_a_date_as_text_or_a_toml_date_is_fine(tmp_path):
    assert errors_for(tmp_path, lambda d: d["documents"][0].update(date=datetime.date(2009, 12, 1))) == []
    assert errors_for(tmp_path, lambda d: d["documents"][0].update(date="December 2009")) == []


@pytest.mark.parametrize(
    "file, message",
    [
        ("documents/loop.pdf", "cannot be used"),
        ("documents/a\x00b.pdf", "cannot be used: embedded null byte"),
        ("documents/" + "a" * 5000 + ".pdf", "cannot be used: File name too long"),
        ("documents", "is a folder, not a file"),
        ("documents/pipe.txt", "is not a regular file"),
    ],
    ids=["symlink-loop", "nul-byte", "name-too-long", "folder", "fifo"],
)
def test_a_document_path_the_file_system_refuses_is_reported(tmp_path, file, message):
    data = valid_submission_data()
    write_submission(tmp_path, data)
    data["documents"][0]["file"] = file  # named only in submission.toml: the factory cannot write it
    (tmp_path / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    os.symlink("loop.pdf", tmp_path / "documents" / "loop.pdf")
    os.mkfifo(tmp_path / "documents" / "pipe.txt")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "documents[0] (SP).file" in result.output and message in result.output


def test_a_byte_order_mark_from_windows_notepad_is_accepted(tmp_path):
    write_submission(tmp_path, valid_submission_data())
    toml = tmp_path / "submission.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_a_submission_toml_in_another_encoding_is_an_input_error(tmp_path):
    write_submission(tmp_path, valid_submission_data())
    (tmp_path / "submission.toml").write_bytes('[pct]\nname = "Café"\n'.encode("latin-1"))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "submission.toml: is not UTF-8 text (byte 17); save it as UTF-8" in result.output
