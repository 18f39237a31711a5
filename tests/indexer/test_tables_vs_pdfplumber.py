"""Table cells from pdfium's ruling lines agree with pdfplumber's table finder.

pdfplumber is too slow for the indexing path (0.2-0.5 s a ruled page), so here it serves
as an independent oracle: on ruled tables the two must find the same cell texts.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from indexer.pdf import extract_pdf

REPO = Path(__file__).resolve().parents[2]


def squeeze(text: str) -> str:
    return "".join(text.split())


def cell_texts(pdf_path: Path) -> list[tuple[set[str], set[str]]]:
    """(our cells, pdfplumber's cells) for every page where we found a table."""
    pages = [p for p in extract_pdf(pdf_path).pages if any(b.kind == "table_cell" for b in p.blocks)]
    result = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pages:
            plumber_page = pdf.pages[page.physical - 1]
            theirs = {squeeze(c) for t in plumber_page.extract_tables() for row in t for c in row if c}
            plumber_page.close()
            ours = {squeeze(b.text) for b in page.blocks if b.kind == "table_cell"}
            result.append((ours, theirs))
    return result


def test_the_sample_financial_plan_tables_have_exactly_pdfplumbers_cells():
    pages = cell_texts(REPO / "corpus" / "samples" / "exampleshire" / "documents" / "financial-plan.pdf")
    assert pages, "the sample financial plan has ruled tables"
    for ours, theirs in pages:
        assert ours == theirs


@pytest.mark.realdocs
def test_a_real_report_tables_agree_with_pdfplumber(realdocs):
    pages = cell_texts(realdocs / "pdf" / "camelot__eu-004.pdf")
    found = sum(len(ours & theirs) for ours, theirs in pages)
    total = sum(len(theirs) for _, theirs in pages)
    assert total > 600 and found / total >= 0.98
