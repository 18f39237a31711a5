"""Property tests for the output guards: for any string, the spreadsheet cell wcc writes never
begins with a formula character and the terminal text never holds a control sequence.

The strings mix arbitrary text with the pieces attacks are made of (escape introducers,
C1 controls, bidi formatting, white space a spreadsheet skips, formula characters), so
Hypothesis builds "\\x01=...", "\\u202a=...", "\\x1b[0m=..." and their like on its own.
The cells are checked as written: saved by openpyxl and read back, or parsed by csv.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from wcc_core.render.xlsx_renderer import guard_workbook
from wcc_core.safe_text import (
    MAX_CELL_CHARS,
    json_for_terminal,
    office_property,
    sheet_name,
    spreadsheet_safe,
    terminal_safe,
    terminal_styled,
)
from wcc_core.records.signposts import LocatorResult, SignpostReport, SignpostResult
from wcc_core.render.signposts import render_csv

PIECES = ["\x1b", "\x1b[", "\x1b]", "\x1bP", "\x1b\\", "\x9b", "\x9d", "\x9c", "\x07", "\x00", "\x01", "\x7f",
          "\r", "\n", "\t", " ", "\u00a0", "\u200b", "\ufeff", "\u202a", "\u202e", "\u2066", "\u2028", "\ud800",
          "=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "0m", "52;c;", "2J", ";", "'"]
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=24).map("".join)
FORMULA_START = set("=+-@\uff1d\uff0b\uff0d\uff20")
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                              "\u2028\u2029\ud800-\udfff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def first_shown(text: str) -> str:
    """What a spreadsheet looks at first: white space, controls and format characters skipped."""
    return next((c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp"))),
                "")


@given(HOSTILE_TEXT)
def test_a_spreadsheet_cell_never_begins_with_a_formula_character(text):
    cell = spreadsheet_safe(text)
    assert first_shown(cell) not in FORMULA_START
    assert not TERMINAL_CONTROL.search(cell)
    assert len(cell) <= MAX_CELL_CHARS


@settings(max_examples=60)
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=6))
def test_a_workbook_wcc_writes_holds_no_formula_whatever_its_cells_were_given(values):
    workbook = Workbook()
    sheet = workbook.active
    for row, value in enumerate(values, 1):
        sheet.cell(row=row, column=1).value = TERMINAL_CONTROL.sub("", value)  # what openpyxl itself accepts
    guard_workbook(workbook)
    saved = io.BytesIO()
    workbook.save(saved)
    for row in load_workbook(io.BytesIO(saved.getvalue())).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert cell.value is None or first_shown(str(cell.value)) not in FORMULA_START


@settings(max_examples=60)
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_a_signposts_csv_cell_never_begins_with_a_formula_character(raw, excerpt):
    locator = LocatorResult("page", "verified", "p.1", page="1", physical_page=1, paragraph=1, excerpt=excerpt)
    report = SignpostReport(raw, "wcc-2009", (SignpostResult("competency", "C1", None, 0, raw, "SP", "verified", "",
                                                            (locator,)),))
    for row in csv.reader(io.StringIO(render_csv(report))):
        for cell in row:
            assert first_shown(cell) not in FORMULA_START, cell
            assert not TERMINAL_CONTROL.search(cell.replace("\r", "")), cell


@given(HOSTILE_TEXT)
def test_terminal_text_never_holds_a_control_sequence(text):
    shown = terminal_safe(text)
    assert not TERMINAL_CONTROL.search(shown)
    assert "\x1b" not in shown and "\x9b" not in shown


@given(st.lists(st.one_of(HOSTILE_TEXT, st.sampled_from(["\x1b[1;31m", "\x1b[0m", "\x1b[2m"])), max_size=8).map("".join))
def test_styled_terminal_text_keeps_only_colour_codes(text):
    shown = terminal_styled(text)
    assert not TERMINAL_CONTROL.search(SGR.sub("", shown))


@given(HOSTILE_TEXT)
def test_json_printed_on_a_terminal_means_the_same_and_holds_no_control_character(text):
    value = text.encode("utf-8", "replace").decode("utf-8")  # JSON text cannot hold a lone surrogate's bytes
    printed = json_for_terminal(json.dumps({"by": value}, ensure_ascii=False))
    assert not TERMINAL_CONTROL.search(printed)
    assert json.loads(printed) == {"by": value}


@given(HOSTILE_TEXT)
def test_office_properties_and_sheet_names_fit_their_limits(text):
    prop, name = office_property(text * 20), sheet_name(text * 5)
    assert len(prop) <= 255 and not TERMINAL_CONTROL.search(prop)
    assert 0 < len(name) <= 31 and not set(name) & set(":\\/?*[]") and not TERMINAL_CONTROL.search(name)
