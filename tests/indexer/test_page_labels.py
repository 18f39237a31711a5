"""Printed page numbers: which margin lines are page numbers, and when they label pages."""

from __future__ import annotations

import pytest

from indexer.page_labels import labels_from_printed
from indexer.pdf_lines import Line
from indexer.running_heads import PrintedNumber, find_running_heads, page_number_text, roman_value


@pytest.mark.parametrize(
    "text, number",
    [
        ("14", "14"),
        ("Page 14", "14"),
        ("Page 14 of 60", "14"),
        ("- 14 -", "14"),
        ("– 7 –", "7"),
        ("xiv", "xiv"),
        ("Page IV", "iv"),
        ("14/60", "14"),
    ],
)
def test_a_page_number_line_gives_its_number(text, number):
    assert page_number_text(text).text == number


@pytest.mark.parametrize("text", ["14 months", "Section 4", "2009/10 plan", "Table 3", "iiii", "Figures"])
def test_other_lines_are_not_page_numbers(text):
    assert page_number_text(text) is None


def test_roman_numerals_must_be_well_formed():
    assert [roman_value(t) for t in ("iv", "XIV", "mcmxcix", "iiii", "vx", "abc")] == [4, 14, 1999, None, None, None]


def _numbers(*texts):
    return [None if t is None else PrintedNumber(t, explicit=False) for t in texts]


def test_an_unnumbered_page_inside_a_run_takes_the_number_the_run_implies():
    # A chapter opener between printed 3 and 5 is page 4 to a reader leafing through.
    assert labels_from_printed(_numbers("1", "2", "3", None, "5")) == ["1", "2", "3", "4", "5"]


def test_an_unnumbered_cover_before_the_run_has_no_label():
    assert labels_from_printed(_numbers(None, "2", "3", None, "5")) == [None, "2", "3", "4", "5"]
    assert labels_from_printed(_numbers(None, "41", "42", "43")) == [None, "41", "42", "43"]


def test_cover_and_contents_before_page_1_of_n_are_unnumbered():
    explicit = [None, None] + [PrintedNumber(str(k), explicit=True) for k in range(1, 5)]
    assert labels_from_printed(explicit) == [None, None, "1", "2", "3", "4"]


def test_roman_front_matter_then_arabic():
    labels = labels_from_printed(_numbers("i", "ii", "iii", "1", "2", None, "4"))
    assert labels == ["i", "ii", "iii", "1", "2", "3", "4"]
    # A blank sheet between the front matter and page 1 prints nothing: no label.
    labels = labels_from_printed(_numbers(None, "i", "ii", None, "1", "2", "3", None))
    assert labels == [None, "i", "ii", None, "1", "2", "3", None]


def test_numbers_that_do_not_form_a_sequence_are_ignored():
    assert labels_from_printed(_numbers("7", "3", "12", "40")) is None
    assert labels_from_printed(_numbers(None, "5", None)) is None  # one bare number proves nothing


def test_one_explicit_page_number_is_enough():
    one = [PrintedNumber("3", explicit=True)]
    assert labels_from_printed(one) == ["3"]


def _line(text, top, size=9.0):
    return Line(text=text, x0=72, top=top, x1=300, bottom=top + size, size=size, bold=False)


def test_running_header_repeats_and_page_number_footer_is_read():
    height = 800.0
    pages = [
        [_line("Annual report 2009", 20), _line(f"Body text on page {p}", 300), _line(f"Page {p} of 4", 780)]
        for p in range(1, 5)
    ]
    report = find_running_heads(pages, [height] * 4)
    assert report.removed == [{0, 2}] * 4
    assert [n.text for n in report.numbers] == ["1", "2", "3", "4"]


def test_a_heading_near_the_top_of_one_page_is_not_a_running_head():
    height = 800.0
    pages = [[_line("Chapter text", 300)] for _ in range(4)]
    pages[2].insert(0, _line("1 Introduction", 30))
    report = find_running_heads(pages, [height] * 4)
    assert report.removed == [set(), set(), set(), set()]


def test_numbering_that_restarts_is_followed():
    labels = labels_from_printed(_numbers("1", "2", "3", "1", "2", "3"))
    assert labels == ["1", "2", "3", "1", "2", "3"]
    # An unnumbered page where one run ends and the next begins belongs to neither.
    labels = labels_from_printed(_numbers("1", "2", None, "1", "2", "3"))
    assert labels == ["1", "2", None, "1", "2", "3"]


def test_a_stray_number_in_the_footer_band_does_not_break_the_sequence():
    assert labels_from_printed(_numbers("1", "2", "17", "4", "5")) == ["1", "2", "3", "4", "5"]


def test_a_number_repeated_in_a_running_header_is_not_a_page_number():
    # "Pt C, Ch 1, Sec 2" on every page must not hide the footer's real page number.
    height = 800.0
    pages = [[_line("Pt C, Ch 1, Sec 2", 30), _line("Body", 300), _line(str(48 + p), 780)] for p in range(1, 5)]
    report = find_running_heads(pages, [height] * 4)
    assert [n.text for n in report.numbers] == ["49", "50", "51", "52"]
    assert labels_from_printed(report.numbers) == ["49", "50", "51", "52"]


def test_a_scanned_page_next_to_a_run_takes_its_number():
    # Physical page 2 has no text layer: whether it prints "Page 1 of 3" cannot be read.
    explicit = [None, None, PrintedNumber("2", True), PrintedNumber("3", True)]
    assert labels_from_printed(explicit, no_text={2}) == [None, "1", "2", "3"]
    assert labels_from_printed(explicit) == [None, None, "2", "3"]
