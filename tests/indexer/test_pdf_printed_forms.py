"""Generated PDFs in the forms real PCT documents take, where words, paragraphs and
page numbers used to go wrong: dot-leader contents pages, right-aligned numbers,
letter-spaced headings, a paragraph continued from the page before that ends in a
one-word line, unnumbered covers before "Page 1 of N", and margin line numbers.

Each test knows what an analyst sees on the printed page and checks the extraction
against it; pdfium's own raw text is the witness that no word was cut or lost.
"""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from indexer.pdf import extract_pdf
from tests.indexer.pdf_recall import missing_words
from wcc_core.cli.main import cli

WIDTH, HEIGHT = A4
LEFT = 72
RIGHT = WIDTH - 72
CONTENTS = [
    ("1.1 Etat initial de l'environnement", "26"),
    ("1.2 Justification des choix retenus", "31"),
    ("2 Incidences notables sur la santé", "104"),
    ("Annexe B Résumé non technique", "212"),
]


def _raw_text(path: Path, index: int) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


def _leader(c: canvas.Canvas, title: str, font: str, size: float) -> str:
    width = c.stringWidth(title, font, size)
    dot = c.stringWidth(".", font, size)
    return "." * int((RIGHT - LEFT - width - 30) / dot)


def _contents_page(path: Path, style: str) -> Path:
    """One contents page in one of the ways word processors draw dot leaders."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(LEFT, HEIGHT - 100, "Sommaire")
    y = HEIGHT - 130
    for title, page in CONTENTS:
        c.setFont("Helvetica", 11)
        width = c.stringWidth(title, "Helvetica", 11)
        if style == "leader_then_number":  # title, leader, right-aligned number
            c.drawString(LEFT, y, title)
            c.drawString(LEFT + width + 4, y, _leader(c, title, "Helvetica", 11))
            c.drawRightString(RIGHT, y, page)
        elif style == "number_first":  # the number drawn before the title and leader
            c.drawRightString(RIGHT, y, page)
            c.drawString(LEFT + width + 4, y, _leader(c, title, "Helvetica", 11))
            c.drawString(LEFT, y, title)
        elif style == "tracked_leader":  # leader dots spread by character spacing
            c.drawString(LEFT, y, title)
            text = c.beginText(LEFT + width + 2, y)
            text.setFont("Helvetica", 11)
            text.setCharSpace(4)
            text.textOut("." * 30)
            c.drawText(text)
            c.drawRightString(RIGHT, y, page)
        else:  # one string, leader and number typed in
            c.drawString(LEFT, y, f"{title} {'.' * 20} {page}")
        y -= 20
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("style", ["leader_then_number", "number_first", "tracked_leader", "typed"])
def test_a_dot_leader_contents_line_is_one_block_with_its_words_whole_and_its_number(tmp_path, style):
    path = _contents_page(tmp_path / f"{style}.pdf", style)
    page = extract_pdf(path).page(1)
    texts = [b.text for b in page.blocks]
    assert texts[0] == "Sommaire"
    assert len(texts) == 1 + len(CONTENTS), texts
    for block, (title, number) in zip(page.blocks[1:], CONTENTS):
        assert block.text.startswith(title + " ..."), block.text
        assert block.text.endswith(" " + number), block.text
    assert missing_words(_raw_text(path, 0), " ".join(texts)) == []


def _spaced_heading(path: Path, tracking: float) -> Path:
    """A heading drawn one glyph at a time with wide letter-spacing, then body text."""
    c = canvas.Canvas(str(path), pagesize=A4)
    x = LEFT
    c.setFont("Helvetica-Bold", 12)
    for ch in "SUMMARY OF PLANS":
        c.drawString(x, HEIGHT - 100, ch)
        x += c.stringWidth(ch, "Helvetica-Bold", 12) + tracking
    text = c.beginText(LEFT, HEIGHT - 130)
    text.setFont("Helvetica-Bold", 12)
    text.setCharSpace(tracking)
    text.textOut("OUR PRIORITIES")
    c.drawText(text)
    c.setFont("Helvetica", 10)
    c.drawString(LEFT, HEIGHT - 160, "The plan sets out five priorities agreed with partners.")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("tracking", [3, 8, 14])
def test_a_letter_spaced_heading_keeps_its_words(tmp_path, tracking):
    path = _spaced_heading(tmp_path / "spaced.pdf", tracking)
    blocks = extract_pdf(path).page(1).blocks
    assert [b.text for b in blocks] == [
        "SUMMARY OF PLANS",
        "OUR PRIORITIES",
        "The plan sets out five priorities agreed with partners.",
    ]
    assert blocks[0].kind == "heading"


CONTINUED = [
    "commissioning intentions agreed with the practice based commissioning consortia and",
    "the local authority, and tested at public meetings with patients and voluntary sector",
    "and with the clinical executive, the professional executive committee and the",
]


def _continued_paragraph(path: Path, size: float, leading: float, lines_before: int, gap: float, indent: float,
                         last_word: str) -> Path:
    """Three pages whose first paragraph continues from the page before and ends in a
    one-word line, then two more paragraphs separated by `gap` and/or `indent`."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for physical in (1, 2, 3):
        c.setFont("Helvetica", 8)
        c.drawString(LEFT, HEIGHT - 40, "NHS Exampleshire Strategic Plan 2009/10")
        c.drawCentredString(WIDTH / 2, 30, f"Page {physical} of 3")
        c.setFont("Times-Roman", size)
        y = HEIGHT - 90
        for line in CONTINUED[:lines_before] + [last_word]:
            c.drawString(LEFT, y, line)
            y -= leading
        y -= gap
        c.drawString(LEFT + indent, y, "The second paragraph starts here and runs over two full lines of text so that")
        y -= leading
        c.drawString(LEFT, y, "it is a normal paragraph of the plan.")
        y -= leading + gap
        c.drawString(LEFT + indent, y, "A third paragraph.")
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("line_spacing", [1.15, 1.5, 2.0])
@pytest.mark.parametrize("lines_before", [0, 1, 3])
@pytest.mark.parametrize("separation", ["space", "indent", "neither"])
def test_a_continued_paragraph_ending_in_a_one_word_line_is_one_block(tmp_path, line_spacing, lines_before, separation):
    size = 11
    gap = size * 0.8 if separation == "space" else 0
    indent = 18 if separation == "indent" else 0
    path = _continued_paragraph(tmp_path / "continued.pdf", size, size * line_spacing, lines_before, gap, indent, "groups.")
    page = extract_pdf(path).page(2)
    texts = [b.text for b in page.blocks]
    assert len(texts) == 3, texts
    assert texts[0] == " ".join(CONTINUED[:lines_before] + ["groups."])
    assert texts[1].startswith("The second paragraph") and texts[1].endswith("of the plan.")
    assert texts[2] == "A third paragraph."


def _cover_contents_then_page_k_of_n(path: Path, front: str) -> Path:
    """A cover and a contents page printing no number (or roman numbers), then the
    body printing "Page k of N" from its first page."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 24)
    c.drawString(LEFT, HEIGHT - 200, "Strategic Plan 2009/10 to 2013/14")
    c.showPage()
    fronts = ["Contents", "Foreword"] if front == "roman" else ["Contents"]
    for k, title in enumerate(fronts, start=1):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(LEFT, HEIGHT - 100, title)
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, HEIGHT - 130, f"The {title.lower()} of the plan.")
        if front == "roman":
            c.setFont("Helvetica", 9)
            c.drawCentredString(WIDTH / 2, 30, ["i", "ii"][k - 1])
        c.showPage()
    body = 4
    for k in range(1, body + 1):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(LEFT, HEIGHT - 100, f"{k} Chapter {k}")
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, HEIGHT - 130, f"Text of chapter {k}.")
        c.setFont("Helvetica", 9)
        c.drawCentredString(WIDTH / 2, 30, f"Page {k} of {body}")
        c.showPage()
    c.save()
    return path


def test_an_unnumbered_cover_and_contents_do_not_take_the_printed_numbers(tmp_path):
    doc = extract_pdf(_cover_contents_then_page_k_of_n(tmp_path / "plan.pdf", "none"))
    assert doc.numbering == "printed"
    assert [p.label for p in doc.pages] == [None, None, "1", "2", "3", "4"]
    assert doc.pages_labelled("1")[0].physical == 3
    assert doc.pages_labelled("1")[0].blocks[0].text == "1 Chapter 1"
    assert any("print no page number" in note and "physical pages 1-2" in note for note in doc.notes)


def test_roman_front_matter_after_an_unnumbered_cover(tmp_path):
    doc = extract_pdf(_cover_contents_then_page_k_of_n(tmp_path / "plan.pdf", "roman"))
    assert [p.label for p in doc.pages] == [None, "i", "ii", "1", "2", "3", "4"]
    assert doc.pages_labelled("1")[0].physical == 4
    assert doc.pages_labelled("ii")[0].physical == 3


def test_extract_json_shows_furniture_and_unnumbered_pages(tmp_path):
    path = _cover_contents_then_page_k_of_n(tmp_path / "plan.pdf", "none")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    pages = json.loads(result.stdout)["pages"]
    assert pages[0]["label"] is None and pages[0]["furniture"] == []
    assert pages[2]["furniture"] == [
        {"text": "Page 1 of 4", "kind": "page_number", "bbox": pages[2]["furniture"][0]["bbox"]}
    ]
    x0, top, x1, bottom = pages[2]["furniture"][0]["bbox"]
    assert HEIGHT - 40 < top < bottom < HEIGHT - 25 and x0 < WIDTH / 2 < x1
    text = CliRunner().invoke(cli, ["extract", str(path)]).stdout
    assert "Unnumbered page (physical 1: it prints no page number)" in text
    assert "page_number   Page 1 of 4" in text


def _transcript(path: Path) -> Path:
    """A transcript page: lines numbered 1-20 down the left margin, a running header."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for physical in (1, 2, 3):
        c.setFont("Helvetica", 9)
        c.drawString(LEFT + 40, HEIGHT - 40, "Board meeting transcript, 12 November 2009")
        y = HEIGHT - 100
        for n in range(1, 21):
            c.setFont("Courier", 10)
            c.drawRightString(LEFT + 20, y, str(n))
            if n in (1, 11):
                c.drawString(LEFT + 40, y, f"CHAIR: Item {n} of the agenda on page {physical}.")
            elif n not in (10, 20):
                c.drawString(LEFT + 40, y, "the board discussed the commissioning plan and agreed it")
            y -= 24
        c.showPage()
    c.save()
    return path


def test_margin_line_numbers_are_furniture_not_paragraphs(tmp_path):
    doc = extract_pdf(_transcript(tmp_path / "transcript.pdf"))
    page = doc.page(2)
    assert not any(b.text.isdigit() for b in page.blocks), [b.text for b in page.blocks]
    numbers = [f.text for f in page.furniture if f.kind == "line_number"]
    assert numbers == [str(n) for n in range(1, 21)]
    assert [f.kind for f in page.furniture if not f.text.isdigit()] == ["running_head"]
