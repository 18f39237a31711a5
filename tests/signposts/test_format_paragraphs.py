"""Paragraphs exactly as the format defines them, on real PDFs (SUBMISSION_FORMAT.md,
"Paragraph"): down the left column then the right; captions and footnotes are blocks; a
table's header row repeated on a continuation page counts; running headers and footers
do not. Made with reportlab frames and with Word output converted by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Table, TableStyle

from indexer.pdf import extract_pdf

WIDTH, HEIGHT = A4
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=10)
NOTE = ParagraphStyle("note", fontName="Helvetica", fontSize=7.5, leading=9)
CAPTION = ParagraphStyle("caption", fontName="Helvetica-Oblique", fontSize=9, leading=11, spaceAfter=6)
LEFT_TEXT = ["Left one: the locality boards met monthly through the winter.",
             "Left two: each board reported its waiting times to the PCT board.",
             "Left three: a patient panel reviewed every locality plan in June."]
# A footnote set across the text width, under both columns.
FOOTNOTE = ("1 Figures from the locality boards' minutes, April 2009 to March 2010, as reported to the PCT board "
            "each quarter and checked against the trust's own returns.")
RIGHT_TEXT = ["Right one: the diabetes pathway was redesigned with the trust.",
              "Right two: the new pathway cut admissions by a tenth in a year."]


def _footer(canvas, doc):
    canvas.setFont("Helvetica", 8)
    canvas.drawString(56, HEIGHT - 36, "NHS Testshire Strategic Plan")
    canvas.drawCentredString(WIDTH / 2, 30, f"Page {doc.page}")


def _two_column_plan(path: Path) -> None:
    """Page 1: two columns of text, a footnote in a frame at the foot. Pages 2-3: a table continued with its header repeated."""
    column = (WIDTH - 2 * 56 - 20) / 2
    left = Frame(56, 120, column, HEIGHT - 200, id="left")
    right = Frame(56 + column + 20, 120, column, HEIGHT - 200, id="right")
    foot = Frame(56, 50, WIDTH - 112, 60, id="foot")
    full = Frame(56, 60, WIDTH - 112, HEIGHT - 130, id="full")
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", [left, right, foot], onPage=_footer, autoNextPageTemplate="table"),
                          PageTemplate("table", [full], onPage=_footer)])
    story = [Paragraph(t, BODY) for t in LEFT_TEXT] + [FrameBreak()]
    story += [Paragraph(t, BODY) for t in RIGHT_TEXT] + [FrameBreak()]
    story += [Paragraph(FOOTNOTE, NOTE), FrameBreak()]
    rows = [["Year", "Admissions", "Change"]] + [[f"Row {k}", str(1000 + k), f"{k % 5}%"] for k in range(1, 71)]
    table = Table(rows, repeatRows=1, colWidths=[150, 150, 150])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [Paragraph("Table 1: admissions by year", CAPTION), table]
    doc.build(story)


def _blocks(page):
    return [b.text for b in page.blocks]


def test_two_columns_read_down_the_left_then_the_right_and_the_footnote_is_a_block(tmp_path):
    doc = extract_pdf(_two_column_plan_at(tmp_path))
    first = _blocks(doc.pages_labelled("1")[0])
    assert first == LEFT_TEXT + RIGHT_TEXT + [FOOTNOTE]


SHORT_NOTE = "2 Source: locality minutes."


def _short_footnote_under_the_left_column(path: Path) -> None:
    """Two columns with a footnote in a frame under the left column only, drawn last."""
    column = (WIDTH - 2 * 56 - 20) / 2
    left = Frame(56, 120, column, HEIGHT - 200, id="left")
    right = Frame(56 + column + 20, 120, column, HEIGHT - 200, id="right")
    note = Frame(56, 60, column, 50, id="note")  # under the left column, nothing under the right
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", [left, right, note])])  # one page: no running heads to tell apart
    story = [Paragraph(t, BODY) for t in LEFT_TEXT] + [FrameBreak()]
    story += [Paragraph(t, BODY) for t in RIGHT_TEXT] + [FrameBreak()]
    story += [Paragraph(SHORT_NOTE, NOTE)]
    doc.build(story)


def test_a_short_footnote_under_the_left_column_is_read_after_the_right_column(tmp_path):
    path = tmp_path / "note.pdf"
    _short_footnote_under_the_left_column(path)
    page = extract_pdf(path).pages[0]
    assert _blocks(page) == LEFT_TEXT + RIGHT_TEXT + [SHORT_NOTE]
    assert page.blocks[-1].bbox[2] < page.blocks[len(LEFT_TEXT)].bbox[0]  # it really sits under the left column


def test_small_print_beside_the_text_is_not_moved(tmp_path):
    """A small-print note in the left column with the right column's text running below it stays where it stands."""
    column = (WIDTH - 2 * 56 - 20) / 2
    left = Frame(56, 300, column, HEIGHT - 380, id="left")
    right = Frame(56 + column + 20, 60, column, HEIGHT - 140, id="right")
    path = tmp_path / "aside.pdf"
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", [left, right])])
    story = [Paragraph(t, BODY) for t in LEFT_TEXT] + [Paragraph(SHORT_NOTE, NOTE), FrameBreak()]
    story += [Paragraph(t, BODY) for t in RIGHT_TEXT * 12]
    doc.build(story)
    blocks = _blocks(extract_pdf(path).pages[0])
    assert blocks[:4] == LEFT_TEXT + [SHORT_NOTE]


def test_a_caption_is_a_block_and_a_repeated_header_row_counts_on_the_continuation_page(tmp_path):
    doc = extract_pdf(_two_column_plan_at(tmp_path))
    second, third = doc.pages_labelled("2")[0], doc.pages_labelled("3")[0]
    assert _blocks(second)[0] == "Table 1: admissions by year"
    assert _blocks(second)[1:4] == ["Year", "Admissions", "Change"]
    assert _blocks(third)[:3] == ["Year", "Admissions", "Change"]  # repeated: counted as table cells
    assert not any("Strategic Plan" in b or b.startswith("Page ") for p in doc.pages for b in _blocks(p))


def _two_column_plan_at(tmp_path: Path) -> Path:
    path = tmp_path / "columns.pdf"
    _two_column_plan(path)
    return path


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None and not Path("/.ci").exists(), reason="LibreOffice is not installed")
def test_a_word_document_converted_to_pdf_by_libreoffice_keeps_its_pages_and_paragraphs(tmp_path):
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(11)
    section = d.sections[0]
    paragraph = section.footer.paragraphs[0]
    paragraph.text = "NHS Testshire board report"
    d.add_heading("1 Introduction", level=1)
    d.add_paragraph("The board approved the commissioning strategy in May 2009.")
    d.add_paragraph("Figure 1: the localities", style="Caption")
    d.add_page_break()
    d.add_heading("2 Finance", level=1)
    d.add_paragraph("The plan shows a surplus in every year of the base case.")
    source = tmp_path / "report.docx"
    d.save(source)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    doc = extract_pdf(tmp_path / "report.pdf")
    assert len(doc.pages) == 2
    assert _blocks(doc.pages[0]) == ["1 Introduction", "The board approved the commissioning strategy in May 2009.",
                                     "Figure 1: the localities"]
    assert _blocks(doc.pages[1]) == ["2 Finance", "The plan shows a surplus in every year of the base case."]
