"""Printed page labels: the page numbers a reader (and a signpost) uses.

Best first: the PDF's own /PageLabels; then the numbers printed in headers and
footers, accepted only when they form a consistent sequence across pages; otherwise
the physical index.
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


def labels_from_printed(numbers: list[PrintedNumber | None]) -> list[str] | None:
    """Labels from printed page numbers when they form a sequence, else None.

    Arabic and roman numbers are checked separately (front matter is often roman).
    An unnumbered page inside a run (a chapter opener) gets the number the run
    implies; unnumbered pages before a run take its numbers while they stay >= 1,
    and otherwise continue the run before them.
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
    n = len(numbers)
    labels = [str(p) for p in range(1, n + 1)]
    previous_end = max(roman_runs[0][1]) if roman_runs else 0
    starts = []
    for offset, pages in arabic_runs:
        start = max(previous_end + 1, 1 - offset, 1)
        starts.append(min(start, pages[0]))
        previous_end = pages[-1]
    for k, (offset, _) in enumerate(arabic_runs):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else n
        for p in range(starts[k], end + 1):
            labels[p - 1] = str(p + offset)
    if roman_runs:
        offset, pages = roman_runs[0]
        end = starts[0] - 1 if starts else pages[-1]
        for p in range(pages[0], end + 1):
            labels[p - 1] = to_roman(p + offset)
    return labels
