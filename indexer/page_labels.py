"""Printed page labels: the page numbers a reader (and a signpost) uses.

Best first: the PDF's own /PageLabels; then the numbers printed in headers and
footers, accepted only when they form a consistent sequence across pages (pages that
print no number then have no label); otherwise the physical index.
"""

from __future__ import annotations


from indexer.running_heads import PrintedNumber, roman_value, to_roman


def labels_from_catalog(document) -> list[str] | None:
    """Labels from /PageLabels via pdfium, or None when the PDF defines none."""
    labels = [document.get_page_label(i) for i in range(len(document))]
    return labels if any(labels) else None


def _runs(values: dict[int, int], explicit: set[int]) -> list[tuple[int, list[int]]]:
    """Runs of pages whose printed number keeps one offset from the physical index.

    A run is (offset, numbered pages). Numbering may restart (a second part starting
    again at 1), so several runs can be kept; a number agreeing with no neighbour is
    noise (a table figure in the footer band) and is dropped. Returns [] when the
    numbers do not form a believable sequence.
    """
    runs: list[tuple[int, list[int]]] = []
    for page in sorted(values):
        offset = values[page] - page
        if runs and runs[-1][0] == offset:
            runs[-1][1].append(page)
        else:
            runs.append((offset, [page]))
    kept: list[tuple[int, list[int]]] = []
    for offset, pages in runs:
        if len(pages) < 2 and not (pages[0] in explicit and len(runs) == 1):
            continue
        if kept and kept[-1][0] == offset:
            kept[-1][1].extend(pages)
        else:
            kept.append((offset, pages))
    support = sum(len(pages) for _, pages in kept)
    if not kept or support * 2 < len(values):
        return []
    return kept


def labels_from_printed(numbers: list[PrintedNumber | None], no_text: set[int] = frozenset()) -> list[str | None] | None:
    """Labels from printed page numbers when they form a sequence, else None.

    Arabic and roman numbers are checked separately (front matter is often roman).
    An unnumbered page inside a run (a chapter opener between pages 4 and 6) gets the
    number the run implies: a reader leafing from 4 to 6 finds it there. A page outside
    every run (a cover or contents page before "Page 1 of 18", a blank page between
    roman front matter and page 1, a back cover) prints no number and gets none (None):
    `p.1` must never be the cover. A page with no text layer (`no_text`, physical
    numbers) next to a run is the exception: whether it prints a number cannot be
    seen, and a scanned page within a document is numbered like its neighbours, so the
    run's numbers carry over it.
    """
    arabic: dict[int, int] = {}
    roman: dict[int, int] = {}
    explicit: set[int] = set()
    for physical, number in enumerate(numbers, start=1):
        if number is None:
            continue
        if number.explicit:
            explicit.add(physical)
        if number.text.isdigit():
            arabic[physical] = int(number.text)
        elif roman_value(number.text) is not None:
            roman[physical] = roman_value(number.text)
    arabic_runs = _runs(arabic, explicit)
    roman_runs = _runs(roman, explicit)[:1]  # front matter: one roman run
    if not arabic_runs and not roman_runs:
        return None
    labels: list[str | None] = [None] * len(numbers)
    for runs, write in ((arabic_runs, str), (roman_runs, to_roman)):
        for offset, pages in runs:
            first, last = pages[0], pages[-1]
            while first - 1 in no_text and first - 1 + offset >= 1 and labels[first - 2] is None:
                first -= 1
            while last + 1 in no_text and last + 1 <= len(numbers):
                last += 1
            for p in range(first, last + 1):
                if labels[p - 1] is None and p + offset >= 1:
                    labels[p - 1] = write(p + offset)
    return labels
