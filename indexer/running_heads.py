"""Running headers, footers and printed page numbers: found so they stay out of blocks.

A line is a running head when it sits in the top or bottom margin band and the same
text (digits and roman numerals ignored) sits there on several pages. A line in a
margin band that is nothing but a page number ("14", "Page 14 of 60", "- 14 -",
"xiv") is a page number whether or not it repeats. The number such lines print is
kept as the page's printed-number candidate for `indexer.page_labels`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from indexer.pdf_lines import Line

_BAND = 0.1  # top and bottom tenth of the page
_ROMAN = r"[ivxlcdm]{1,7}"
_PAGE_NUMBER = re.compile(
    rf"""^(?:(?P<word>page|pg\.?|p\.)\s*)?(?:[-–—]\s*)?
    (?P<num>\d{{1,4}}|{_ROMAN})
    \s*(?:[-–—]\s*)?(?:(?:of|/)\s*\d{{1,4}})?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A number at either end of a repeating header line: "14 | Annual report", "Report   14".
# (No two adjacent parts may match the same spaces: "\s*[|]?\s+" backtracked quadratically.)
_EDGE_NUMBER = re.compile(rf"^(?P<a>\d{{1,4}}|{_ROMAN})(?:\s*[|·•:–—-])?\s+\S|\S(?:\s*[|·•:–—-])?\s+(?P<b>\d{{1,4}}|{_ROMAN})$", re.I)
_DIGITS = re.compile(r"\d+")
_ROMAN_WORD = re.compile(rf"\b{_ROMAN}\b", re.I)


@dataclass(frozen=True)
class PrintedNumber:
    """A page number printed in a page's margin, as text ("14", "iv")."""

    text: str
    explicit: bool  # written as "Page 14" / "14 of 60", not just a bare number


def _shape(text: str) -> str:
    """The text with its numbers blanked, so "Page 3" and "Page 4" repeat."""
    text = _DIGITS.sub("#", text.lower())
    return " ".join(_ROMAN_WORD.sub("#", text).split())


def _in_band(line: Line, height: float) -> str | None:
    if line.bottom <= height * _BAND:
        return "top"
    if line.top >= height * (1 - _BAND):
        return "bottom"
    return None


def page_number_text(text: str) -> PrintedNumber | None:
    """The number a page-number line prints, or None if the line is something else.

    >>> page_number_text("Page 14 of 60")
    PrintedNumber(text='14', explicit=True)
    >>> page_number_text("- xiv -").text
    'xiv'
    """
    match = _PAGE_NUMBER.match(text.strip())
    if not match:
        return None
    num = match["num"]
    explicit = bool(match["word"]) or " of " in text.lower() or "/" in text
    if not num.isdigit() and not _is_roman(num):
        return None
    return PrintedNumber(num.lower() if not num.isdigit() else num, explicit)


def _is_roman(text: str) -> bool:
    return roman_value(text) is not None


def roman_value(text: str) -> int | None:
    """The value of a well-formed lower- or upper-case roman numeral, else None."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    text = text.lower()
    if not text or any(c not in values for c in text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total if to_roman(total) == text else None


def to_roman(value: int) -> str:
    out = []
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= v:
            out.append(s)
            value -= v
    return "".join(out)


_LINE_NUMBER = re.compile(r"^\d{1,3}$")
_MIN_LINE_NUMBERS = 5


def find_line_numbers(lines: list[Line], skip: set[int]) -> set[int]:
    """Indices of margin line numbers: a column of bare numbers counting 1, 2, 3 ... down
    the left or right edge of the text (transcripts, legal drafts, consultation papers).

    They number printed lines, not paragraphs, so they are furniture. The column must
    hold at least five numbers, each one more than the number above it, standing wholly
    left (or right) of every other line of the page.
    """
    numbers = [i for i, line in enumerate(lines) if i not in skip and _LINE_NUMBER.match(line.text)]
    if len(numbers) < _MIN_LINE_NUMBERS:
        return set()
    others = [line for i, line in enumerate(lines) if i not in skip and i not in set(numbers)]
    if not others:
        return set()
    left_edge = min(line.x0 for line in others)
    right_edge = max(line.x1 for line in others)
    found: set[int] = set()
    for side in ("left", "right"):
        if side == "left":
            column = [i for i in numbers if lines[i].x1 <= left_edge - 2]
        else:
            column = [i for i in numbers if lines[i].x0 >= right_edge + 2]
        column.sort(key=lambda i: lines[i].top)
        run: list[int] = []
        for i in column:
            if run and int(lines[i].text) == int(lines[run[-1]].text) + 1:
                run.append(i)
            else:
                if len(run) >= _MIN_LINE_NUMBERS:
                    found.update(run)
                run = [i]
        if len(run) >= _MIN_LINE_NUMBERS:
            found.update(run)
    return found


@dataclass
class MarginReport:
    """For each page: which lines are running heads, and the number printed there."""

    removed: list[set[int]]  # indices into that page's line list
    numbers: list[PrintedNumber | None]


def find_running_heads(pages: list[list[Line]], heights: list[float]) -> MarginReport:
    """Mark running headers, footers and page numbers on every page of a document."""
    n_pages = len(pages)
    # Three pages make a running head; in a short document (a cover and two pages)
    # two pages must do, or its header would be paragraph 1 of every page.
    repeat_needed = 3 if n_pages >= 5 else 2
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for p, (lines, height) in enumerate(zip(pages, heights)):
        for line in lines:
            band = _in_band(line, height)
            if band:
                seen[(band, _shape(line.text))].add(p)
    running = {key for key, where in seen.items() if len(where) >= repeat_needed and key[1] != "#"}

    removed: list[set[int]] = []
    numbers: list[PrintedNumber | None] = []
    for lines, height in zip(pages, heights):
        gone: set[int] = set()
        whole: list[PrintedNumber] = []  # lines that are nothing but a page number
        edges: list[PrintedNumber] = []  # numbers at the end of a running header
        for i, line in enumerate(lines):
            band = _in_band(line, height)
            if not band:
                continue
            printed = page_number_text(line.text)
            if printed is not None:
                gone.add(i)
                whole.append(printed)
            elif (band, _shape(line.text)) in running:
                gone.add(i)
                edge = _EDGE_NUMBER.search(line.text)
                found = edge and (edge["a"] or edge["b"])
                if found and (found.isdigit() or _is_roman(found)):
                    edges.append(PrintedNumber(found.lower(), False))
        whole.sort(key=lambda n: not n.explicit)  # "Page 4 of 9" beats a bare "4"
        candidates = whole + edges
        removed.append(gone)
        numbers.append(candidates[0] if candidates else None)
    return MarginReport(removed=removed, numbers=numbers)
