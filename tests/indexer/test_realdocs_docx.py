"""Every real DOCX: no crash, Word's paragraphs all present, pages where Word broke them."""

from __future__ import annotations

import json

import pytest

from indexer.docx import extract_docx, read_docx

pytestmark = pytest.mark.realdocs


def _cases(realdocs):
    for path in sorted((realdocs / "docx").glob("*.docx")):
        yield path, json.loads((realdocs / "reference" / f"{path.name}.json").read_text())


def test_every_real_docx_extracts_with_the_reference_paragraphs(realdocs):
    for path, reference in _cases(realdocs):
        layout = read_docx(path)
        # The reference lists every non-empty w:p (cells and text boxes included, VML
        # copies left out); continuation blocks are tails of paragraphs already counted.
        assert layout.paragraph_count() == len(reference["paragraphs"]), path.name
        assert (layout.rendered_breaks, layout.hard_breaks) == (
            reference["rendered_page_breaks"], reference["hard_page_breaks"]), path.name
        starts = [d.text for page in layout.pages for d in page if not d.continuation]
        # Same text, up to whitespace and hyphens (we read a line break as a space and a
        # no-break hyphen as "-", as a reader sees them; the reference drops both) and
        # the list numbers Word prints before a paragraph.
        def squeeze(text):
            return "".join(text.split()).replace("-", "")

        for ours, theirs in zip(starts, reference["paragraphs"]):
            assert squeeze(theirs) in squeeze(ours), path.name


def test_page_counts_follow_the_breaks(realdocs):
    for path, reference in _cases(realdocs):
        doc = extract_docx(path)
        assert doc.readable, path.name
        rendered, hard = reference["rendered_page_breaks"], reference["hard_page_breaks"]
        pages = len(doc.pages)
        if rendered:
            assert doc.numbering == "rendered"
            # A row split over pages carries one rendered break per cell; an odd-page
            # section adds a blank page. Never more pages than breaks allow.
            assert pages <= rendered + hard + reference["sections"], path.name
            assert pages >= 2, path.name
        else:
            assert doc.numbering == "approximate" and any("approximately" in n for n in doc.notes)
            assert hard + 1 <= pages <= hard + reference["sections"] + 1 + 40, path.name
        for page in doc.pages:
            assert [b.n for b in page.blocks] == list(range(1, len(page.blocks) + 1))


def test_the_page_breaks_sample_lands_each_paragraph_on_its_page(realdocs):
    doc = extract_docx(realdocs / "docx" / "unstructured__page-breaks.docx")
    first = {p.physical: p.blocks[0].text[:20] for p in doc.pages if p.blocks}
    assert first[1].startswith("First page")
    assert first[2].startswith("<<Text on second")
    assert first[3].startswith("<<but break falls")  # the tail of a paragraph begun on page 2
    assert doc.page(3).block(2).text.startswith("Continuous section")
    assert doc.page(4).blocks == ()  # the blank page an odd-page section break inserts
    assert first[5].startswith("<<producing two")
    assert doc.page(6).block(1).text == "<<and then more text proceeds."
