"""DOCX pages that print no number: a cover and contents before "Page 1 of N", a different
first page, a landscape section without a footer.

The format numbers a DOCX page as Word does, whether or not its header or footer prints
the number (SUBMISSION_FORMAT.md, "Page"): from 1, or from a section's start. A note
says which pages print none.
"""

from __future__ import annotations

import json
import subprocess
import sys

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from indexer.docx import extract_docx
from tests.indexer.docx_factory import new_document, rendered_break, save


def _field(paragraph, code: str) -> None:
    """A simple field (PAGE, NUMPAGES) as Word writes it in a footer."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_k_of_n(footer) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _number_format(section, start: int | None, fmt: str | None) -> None:
    for old in section._sectPr.findall(qn("w:pgNumType")):  # copied from the section before
        section._sectPr.remove(old)
    pg = OxmlElement("w:pgNumType")
    if start is not None:
        pg.set(qn("w:start"), str(start))
    if fmt:
        pg.set(qn("w:fmt"), fmt)
    section._sectPr.append(pg)


def _plan(tmp_path, roman_front: bool):
    """Cover, contents (and a foreword) in section 1; body from page 1 in section 2."""
    d = new_document()
    d.add_heading("Strategic Plan 2009/10 to 2013/14", level=0)
    contents = d.add_paragraph("Contents")
    rendered_break(contents)
    d.add_paragraph("1 Introduction ........ 1")
    if roman_front:
        foreword = d.add_paragraph("Foreword by the Chair")
        rendered_break(foreword)
        front = d.sections[0]
        front.different_first_page_header_footer = True  # the cover prints nothing
        front.footer.paragraphs[0].add_run("")
        _field(front.footer.paragraphs[0], "PAGE")
        _number_format(front, 0, "lowerRoman")  # the cover counts as 0: contents is i
    body = d.add_section(WD_SECTION.NEW_PAGE)
    body.different_first_page_header_footer = False
    body.footer.is_linked_to_previous = False
    _page_k_of_n(body.footer)
    _number_format(body, 1, None)
    for k in range(1, 4):
        heading = d.add_heading(f"{k} Chapter {k}", level=1)
        if k > 1:
            rendered_break(heading)
        d.add_paragraph(f"Text of chapter {k}.")
    return extract_docx(save(d, tmp_path / "plan.docx"))


def test_docx_cover_and_contents_without_a_page_field_keep_words_numbers(tmp_path):
    doc = _plan(tmp_path, roman_front=False)
    assert doc.numbering == "rendered"
    # Section 1 counts from 1 (cover, contents); section 2 restarts at 1, as Word shows it.
    assert [p.label for p in doc.pages] == ["1", "2", "1", "2", "3"]
    assert [p.blocks[0].text for p in doc.pages_labelled("1")] == ["Strategic Plan 2009/10 to 2013/14", "1 Chapter 1"]
    assert any("2 of 5 pages print no page number (physical pages 1, 2)" in note for note in doc.notes)


def test_docx_roman_front_matter_after_an_unnumbered_cover(tmp_path):
    doc = _plan(tmp_path, roman_front=True)
    assert [p.label for p in doc.pages] == ["0", "i", "ii", "1", "2", "3"]  # the cover is Word's page 0
    assert doc.pages_labelled("ii")[0].blocks[0].text == "Foreword by the Chair"


def test_docx_without_page_fields_keeps_words_count_for_every_page(tmp_path):
    d = new_document()
    d.add_paragraph("Cover")
    second = d.add_paragraph("Second page")
    rendered_break(second)
    doc = extract_docx(save(d, tmp_path / "plain.docx"))
    assert [p.label for p in doc.pages] == ["1", "2"]


def _report(tmp_path):
    """A first page with its own, empty footer; pages 2-3 "Page n"; page 4 a landscape table section without a footer."""
    d = new_document()
    first = d.sections[0]
    first.different_first_page_header_footer = True  # the title page prints nothing
    first.first_page_footer.paragraphs[0].text = ""
    _page_k_of_n(first.footer)
    d.add_paragraph("Annual Report 2009/10")
    for k in (2, 3):
        rendered_break(d.add_paragraph(f"Chapter {k} text."))
    wide = d.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = wide.page_height, wide.page_width
    wide.different_first_page_header_footer = False
    wide.footer.is_linked_to_previous = False  # a new section with no footer of its own
    d.add_paragraph("Table 4: finance by year")
    table = d.add_table(rows=2, cols=3)
    for i, text in enumerate(("Year", "Income", "Surplus")):
        table.cell(0, i).text = text
    return save(d, tmp_path / "report.docx")


def test_a_different_first_page_and_a_landscape_section_without_a_footer_keep_their_numbers(tmp_path):
    doc = extract_docx(_report(tmp_path))
    assert [p.label for p in doc.pages] == ["1", "2", "3", "4"]
    assert doc.pages_labelled("1")[0].blocks[0].text == "Annual Report 2009/10"
    assert doc.pages_labelled("4")[0].blocks[0].text == "Table 4: finance by year"
    assert any("(physical pages 1, 4)" in note and "keeps the number Word gives it" in note for note in doc.notes)


def test_signposts_to_the_unprinted_page_numbers_are_verified_through_the_cli(tmp_path):
    folder = tmp_path / "pct"
    (folder / "documents").mkdir(parents=True)
    _report(folder / "documents")
    (folder / "submission.toml").write_text(
        '[pct]\nname = "NHS Testshire"\nframework = "wcc-2009"\n'
        '[[documents]]\nid = "AR"\ntype = "strategic_plan"\nfile = "documents/report.docx"\n'
        '[competencies.C1]\nsignposts = ["AR p.1 para 1", "AR p.4 para 1", "AR p.5"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", "signposts", str(folder), "--format", "json",
                           "--index-dir", str(tmp_path / "index")], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr
    statuses = {s["raw"]: s["status"] for s in json.loads(done.stdout)["signposts"]}
    assert statuses == {"AR p.1 para 1": "verified", "AR p.4 para 1": "verified", "AR p.5": "page_missing"}
