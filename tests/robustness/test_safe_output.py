"""Safe output: no terminal control sequences from documents, no formulas in spreadsheet cells,
no gigabytes of CSV from one signpost."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from tests.signposts.submissions import pdf, write
from wcc_core.cli.main import cli
from wcc_core.safe_text import spreadsheet_safe, terminal_safe
from wcc_core.records.signposts import LocatorResult, SignpostReport, SignpostResult
from wcc_core.render.signposts import render_csv, render_text
from wcc_core.render.signposts.csv_report import MAX_LOCATOR_ROWS


@pytest.mark.parametrize("hostile,shown", [
    ("plain text, unchanged", "plain text, unchanged"),
    ("a\x1b[2Jb", "ab"),  # CSI: clear screen
    ("a\x1b[31;1mred\x1b[0m", "ared"),  # SGR colours
    ("a\x1b]52;c;cm0gLXJmIH4=\x07b", "ab"),  # OSC 52 writes the clipboard
    ("a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
    ("bell\x07", "bell"),
    ("a\x9b2Jb", "ab"),  # 8-bit CSI
    ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
    ("tab\tand\nnewline kept", "tab\tand\nnewline kept"),
    ("back\rspace\x08", "backspace"),
    ("abc\u202edcba", "abcdcba"),  # right-to-left override ("Trojan Source")
    ("\x1b", ""),
    ("\x1b]0;" + "x" * 1000, ""),  # an unterminated OSC is removed
])
def test_terminal_safe_removes_escape_sequences_and_control_characters(hostile, shown):
    assert terminal_safe(hostile) == shown


def test_terminal_safe_is_linear_on_long_runs_of_escape_characters():
    import time

    for text in ("\x1b" * 200_000, "\x1b[" * 100_000, "\x1b]" * 100_000, "\x9b" * 200_000, "\x1b[" + "1;" * 100_000):
        started = time.process_time()  # CPU time: other tests share the machine
        terminal_safe(text)
        assert time.process_time() - started < 0.5


@pytest.mark.parametrize("value,cell", [
    ('=HYPERLINK("http://evil","p.4")', '\'=HYPERLINK("http://evil","p.4")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("Strategic plan p.4", "Strategic plan p.4"),
    (-3.5, -3.5),
    (None, None),
])
def test_spreadsheet_safe_escapes_formulas_and_keeps_numbers(value, cell):
    assert spreadsheet_safe(value) == cell


def _report(raw: str, locators: int, excerpt: str = "Our plan.") -> SignpostReport:
    locs = tuple(LocatorResult("page", "verified", f"p.{i}", page=str(i), physical_page=i, paragraph=1,
                               excerpt=excerpt) for i in range(1, locators + 1))
    result = SignpostResult("competency", "C1", None, 0, raw, "SP", "verified", "", locs)
    return SignpostReport("NHS \x1b[2JTestshire", "wcc-2009", (result,))


def test_signposts_csv_escapes_formulas_from_signposts_and_documents():
    out = render_csv(_report('=HYPERLINK("http://evil","SP p.1")', 1, excerpt="@SUM(1+1)"))
    row = next(r for r in csv.DictReader(io.StringIO(out)))
    assert row["raw"].startswith("'=HYPERLINK") and row["excerpt"] == "'@SUM(1+1)"


def test_a_signpost_of_thousands_of_locators_makes_a_bounded_csv_and_says_so():
    out = render_csv(_report("SP pp. everything", 50_000, excerpt="x" * 200))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == MAX_LOCATOR_ROWS + 1
    assert rows[-1]["message"] == f"49,800 more locators of this signpost not listed (at most {MAX_LOCATOR_ROWS} rows per signpost)"
    assert len(out) < 200_000


def test_the_text_report_lists_a_bounded_number_of_locators_and_no_control_sequences():
    text = render_text(_report("SP \x1b]0;owned\x07p.1", 5_000, excerpt="a\x1b[2Jb"))
    assert "more locators not listed" in text and text.count("\n") < 300
    assert "\x1b]" not in text and "\x07" not in text and "\x1b[2J" not in text


@pytest.fixture(scope="module")
def hostile_submission(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pdf(root / "documents" / "sp.pdf", [["1 Plan", "=HYPERLINK(\"http://evil\",\"click\") and our plan."]], footers=["1"])
    write(root, [{"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf"}],
          {"C1": ["SP p.1 para 2", "=cmd|' /C calc'!A0 SP p.1"]})
    return root


def test_wcc_signposts_csv_end_to_end_has_no_cell_a_spreadsheet_would_run(hostile_submission):
    result = CliRunner().invoke(cli, ["signposts", str(hostile_submission), "--format", "csv"])
    assert result.exit_code in (0, 1), result.output
    for row in csv.reader(io.StringIO(result.stdout)):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
