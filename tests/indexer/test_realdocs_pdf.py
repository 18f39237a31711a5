"""Every realdocs PDF: no crash, the right page count, labels, and word recall.

Two measures per page, on every page with words:
* recall of blocks + furniture against the poppler `pdftotext -layout` reference in
  realdocs/reference (>= MIN_RECALL); and
* nothing silently dropped: every word of pdfium's own raw text for the page is in a
  block or in the page's furniture (running heads, page numbers, margin line numbers,
  text outside the crop box), allowing only the exceptions documented in
  `tests.indexer.pdf_recall.missing_words`; recall against that raw text must be at
  least MIN_RAW_RECALL.
Tokenisation and its allowances are in tests/indexer/pdf_recall.py. Run with -s to see
the table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from indexer.pdf import extract_pdf
from tests.indexer.pdf_recall import missing_words, raw_tokens, recall

from tests.shared_paths import REALDOCS
MIN_RECALL = 0.97
MIN_RAW_RECALL = 0.99

needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"realdocs not found at {REALDOCS}")


def _pdfs(folder: str) -> list[Path]:
    return sorted((REALDOCS / folder).glob("*.pdf")) if REALDOCS.is_dir() else []


READABLE = _pdfs("pdf") + [
    REALDOCS / "broken" / name
    for name in (
        "pdfminer__dmca.pdf",
        "pdfminer__zen_of_python_corrupted.pdf",
        "camelot__agstat.pdf",
        "pdfplumber__malformed-from-issue-932.pdf",
        "unstructured__invalid-pdf-structure-pdfminer-one-page.pdf",
    )
]
UNREADABLE = {
    "pdfplumber__password-example.pdf": "encrypted",
    "camelot__health_protected.pdf": "encrypted",
    "pdfplumber__issue-203-decimalize.pdf": "no text layer",
    "pdfminer__175.pdf": "no text layer",
}


def _pdfium_raw_text(path: Path) -> list[str]:
    """pdfium's plain text of every page, as `FPDFText_GetText` gives it."""
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


@pytest.fixture(scope="module")
def recall_table():
    rows: list[str] = []
    yield rows
    print("\n\nword recall per document (pages with words; min and mean of per-page recall)")
    print(f"{'file':58} {'pages':>5} {'poppler min':>11} {'mean':>6} {'pdfium raw min':>14}")
    print("\n".join(rows))


@needs_realdocs
@pytest.mark.slow
@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_readable_pdf_matches_reference_pages_and_words(path, recall_table):
    document = extract_pdf(path)
    assert document.readable, document.reason
    reference = json.loads((REALDOCS / "reference" / f"{path.name}.json").read_text())["pages"]
    raw_pages = _pdfium_raw_text(path)
    assert len(document.pages) == len(raw_pages) == len(reference)
    assert [p.physical for p in document.pages] == list(range(1, len(reference) + 1))
    figures = []
    raw_figures = []
    dropped = []
    for page, ref_text, raw_text in zip(document.pages, reference, raw_pages):
        ours = " ".join([b.text for b in page.blocks] + [f.text for f in page.furniture])
        r = recall(ref_text, ours)
        if r is not None:
            figures.append((r, page.physical))
        if raw_tokens(raw_text):
            missing = missing_words(raw_text, ours)
            raw_figures.append((1 - len(missing) / len(raw_tokens(raw_text)), page.physical))
            if missing:
                dropped.append((page.physical, missing[:10]))
    if document.numbering == "printed":
        _assert_labels_match_reference_page_numbers(document, reference)
    if figures:
        low = min(figures)
        mean = sum(r for r, _ in figures) / len(figures)
        raw_low = min(raw_figures)[0] if raw_figures else 1.0
        recall_table.append(f"{path.name:58} {len(figures):5d} {low[0]:11.3f} {mean:6.3f} {raw_low:14.3f}")
        bad = [(p, round(r, 3)) for r, p in figures if r < MIN_RECALL]
        assert not bad, f"{path.name}: pages with recall below {MIN_RECALL}: {bad}"
    assert all(r >= MIN_RAW_RECALL for r, _ in raw_figures), f"{path.name}: raw recall below {MIN_RAW_RECALL}: {dropped}"
    assert not dropped, f"{path.name}: words of pdfium's text in no block and no furniture: {dropped}"


_NUMBER = re.compile(r"(?<![\w.,])\d{1,4}(?![\w.,])")
_EDGES = re.compile(r"^\d{1,4}(?=\s)|(?<=\s)\d{1,4}$")


def _assert_labels_match_reference_page_numbers(document, reference: list[str]) -> None:
    """On every page whose furniture prints a page number (a line of its own, or a
    number at the end of a running head: "22 MMWR / January 14, 2011"), the label is
    a number the reference prints in that page's first or last two lines."""
    checked = 0
    for page, text in zip(document.pages, reference):
        numbered = any(f.kind == "page_number" and _NUMBER.search(f.text) for f in page.furniture) or (
            page.label is not None
            and any(f.kind == "running_head" and page.label in _EDGES.findall(f.text) for f in page.furniture)
        )
        if not numbered:
            continue  # a page printing no number: inferred inside a run, else unnumbered
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        printed = set(_NUMBER.findall(" ".join(lines[:2] + lines[-2:])))
        checked += 1
        assert page.label in printed, f"page {page.physical}: label {page.label}, prints {sorted(printed)}"
    assert checked, "printed numbering claimed but no page prints a number"


@needs_realdocs
@pytest.mark.parametrize("name, reason", sorted(UNREADABLE.items()))
def test_encrypted_and_scanned_files_are_unreadable_with_the_reason(name, reason):
    document = extract_pdf(REALDOCS / "broken" / name)
    assert (document.status, document.reason, document.pages) == ("unreadable", reason, ())


@needs_realdocs
def test_owner_password_only_file_is_read():
    document = extract_pdf(REALDOCS / "broken" / "pdfminer__dmca.pdf")
    assert document.readable and len(document.pages) == 18
    assert sum(len(p.blocks) for p in document.pages) > 100


@needs_realdocs
@pytest.mark.parametrize(
    "name, labels",
    [
        ("pdfminer__pagelabels.pdf", ["iii", "iv", "1", "2", "1"]),
        ("unstructured__failure-after-repair.pdf", ["i", "ii"] + [str(n) for n in range(1, 75)]),
        ("pdfplumber__issue-316-example.pdf", [str(n) for n in range(0, 17)]),
        ("pdfplumber__issue-912.pdf", ["1", "1"]),
    ],
)
def test_page_labels_come_from_the_catalog(name, labels):
    document = extract_pdf(REALDOCS / "pdf" / name)
    assert document.numbering == "page_labels"
    assert [p.label for p in document.pages] == labels


@needs_realdocs
def test_printed_page_numbers_label_a_file_without_page_labels():
    # eu-004 is an excerpt whose footers print 40, 41, ... (checked by eye in the reference).
    document = extract_pdf(REALDOCS / "pdf" / "camelot__eu-004.pdf")
    assert document.numbering == "printed"
    assert [p.label for p in document.pages][:3] == ["40", "41", "42"]
    assert not any(b.text.strip() == "40" for b in document.page(1).blocks)


@needs_realdocs
def test_a_truncated_pdf_does_not_crash(tmp_path):
    source = (REALDOCS / "pdf" / "pdfminer__naacl06-shinyama.pdf").read_bytes()
    cut = tmp_path / "half.pdf"
    cut.write_bytes(source[: len(source) // 2])
    document = extract_pdf(cut)
    # pdfium cannot rebuild this file without its cross-reference table at the end.
    assert document.status == "unreadable"
    assert document.reason.startswith("corrupt: ")


def test_a_file_that_is_not_a_pdf_is_unreadable(tmp_path):
    fake = tmp_path / "minutes.pdf"
    fake.write_text("Board minutes, 12 November 2009\n")
    document = extract_pdf(fake)
    assert document.status == "unreadable"
    assert document.reason.startswith("not a PDF")
    assert document.file == "minutes.pdf"


def test_an_empty_or_missing_file_is_unreadable(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert extract_pdf(empty).reason.startswith("not a PDF")
    assert extract_pdf(tmp_path / "absent.pdf").reason.startswith("cannot read file")


def test_a_pdf_header_with_garbage_after_it_is_corrupt(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    document = extract_pdf(junk)
    assert document.status == "unreadable"
    assert document.reason.startswith("corrupt")


@needs_realdocs
def test_a_ruled_table_gives_one_block_per_cell_in_row_order():
    # eu-004 page 2, Table 6.1: each figure of the Germany row is its own cell.
    page = extract_pdf(REALDOCS / "pdf" / "camelot__eu-004.pdf").page(2)
    texts = [b.text for b in page.blocks]
    start = texts.index("Germany")
    assert texts[start:start + 7] == ["Germany", "27.5", "81.9", "415.3", "196", "373", "898"]
    assert all(page.blocks[start + k].kind == "table_cell" for k in range(7))
    assert page.blocks[0].kind == "heading" and page.blocks[0].text.startswith("Table 6.1")


@needs_realdocs
def test_two_column_page_reads_down_the_left_column_first():
    page = extract_pdf(REALDOCS / "pdf" / "pdfminer__naacl06-shinyama.pdf").page(1)
    texts = [b.text for b in page.blocks]
    background = texts.index("1 Background")
    left = next(i for i, t in enumerate(texts) if t.startswith("Every day, a large number"))
    right = next(i for i, t in enumerate(texts) if t.startswith("cles and adjust its patterns"))
    assert background < left < right
    assert page.blocks[background].kind == "heading" and page.blocks[background].section == "1"


@needs_realdocs
def test_three_column_lines_are_not_run_together():
    # i1040nr prints three columns; one text object can span two of them.
    page = extract_pdf(REALDOCS / "pdf" / "pdfminer__i1040nr.pdf").page(6)
    texts = [b.text for b in page.blocks]
    assert "See Pub. 555, Community Property, for more details." in texts
