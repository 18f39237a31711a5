"""Property tests of the submission.toml loader and the CSV readers: whatever the bytes, a
value or a clear error, never a crash; and what is written correctly reads back exactly.

CI replays a fixed sequence of examples (tests/conftest.py); on a developer's machine
Hypothesis explores new ones. Any failure it finds is added below as an @example.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest

import tomli_w
from hypothesis import HealthCheck, example, given, settings, strategies as st

from wcc_core.records.findings import Finding
from wcc_core.submission import SubmissionError, load_submission, load_submission_with_problems
from wcc_core.submission.data_files import COLUMNS, READERS, read_finance
from wcc_core.submission.loader import structural_errors

SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])

_keys = st.sampled_from(["pct", "documents", "competencies", "governance", "outcomes", "data", "id", "file",
                         "type", "signposts", "self", "ref", "sub", "aspiration", "name", "framework", "C1", "a"])
_scalars = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.floats(allow_nan=False),
                     st.dates())
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(_keys, inner, max_size=4)), max_leaves=25)


_WORK = Path(tempfile.mkdtemp(prefix="wcc-properties-"))  # one folder, rewritten by every example


@pytest.fixture(scope="module", autouse=True)
def _remove_work_folder():
    yield
    shutil.rmtree(_WORK, ignore_errors=True)


def _folder_with(data: bytes) -> Path:
    (_WORK / "submission.toml").write_bytes(data)
    return _WORK


@SETTINGS
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf[pct]\nname = 1")
@example(b"a = " + b"[" * 200 + b"]" * 200)
@example(b'a = """' + b"[" * 100 + b'"""')
@example(b"\xff\xfe[\x00p\x00")
def test_any_bytes_load_or_give_a_submission_error(data):
    folder = _folder_with(data)
    try:
        submission, problems = load_submission_with_problems(folder)
    except SubmissionError as error:
        assert str(error).startswith(str(folder / "submission.toml"))
        return
    assert all(isinstance(p, Finding) for p in problems)


@SETTINGS
@given(st.dictionaries(_keys, _values, max_size=6))
@example({"documents": "x"})
@example({"documents": [{"id": "A", "file": "a.txt", "type": "x"}, {"id": "A", "file": "b.txt", "type": "x"}]})
@example({"competencies": {"C1": {"signposts": [{"ref": 5}]}}})
def test_any_toml_structure_loads_with_findings_and_commands_refuse_only_with_a_submission_error(data):
    folder = _folder_with(tomli_w.dumps(data).encode())
    submission, problems = load_submission_with_problems(folder)
    errors = structural_errors(submission, problems)
    try:
        strict = load_submission(folder)
    except SubmissionError:
        assert errors  # refused only for a reason it can name
        return
    assert not errors and strict.documents == submission.documents


_cells = st.text(alphabet=st.sampled_from(list('0123456789,.;"\' -\n\r\tabcé£=+')), max_size=12)


@SETTINGS
@given(st.sampled_from(sorted(READERS)), st.lists(st.lists(_cells, max_size=9), max_size=8), st.booleans())
@example("finance", [["2010/11", "plan", "base", "269", "900", "1", "2"]], True)
def test_any_csv_reads_to_rows_and_findings_never_a_crash(role, rows, with_header):
    folder = _WORK
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if with_header:
        writer.writerow(COLUMNS[role])
    for row in rows:
        out.write(",".join(row) + "\n")  # written by hand: quotes and commas land where they fall
    (folder / "data.csv").write_text(out.getvalue(), encoding="utf-8")
    values, findings = READERS[role](folder, "data.csv")
    assert isinstance(values, (list, dict))
    assert all(f.file == "data.csv" for f in findings)


_amounts = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(st.lists(st.tuples(_amounts, _amounts, st.booleans()), min_size=1, max_size=6))
def test_numbers_written_correctly_read_back_exactly_with_or_without_quoted_thousands(values):
    folder = _WORK
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS["finance"])
    for income, surplus, grouped in values:
        shown = f"{income:,.2f}" if grouped else f"{income:.2f}"
        writer.writerow(["2010/11", "plan", "base", shown, f"{surplus:.2f}", ""])
    (folder / "f.csv").write_text(out.getvalue())
    rows, findings = read_finance(folder, "f.csv")
    assert findings == []
    assert [(r.income, r.surplus) for r in rows] == [(float(i), float(s)) for i, s, _ in values]
