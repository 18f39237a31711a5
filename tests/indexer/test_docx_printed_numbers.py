"""DOCX pages that print no number: a cover and contents before "Page 1 of N".

Word numbers every page, but a page whose header and footer hold no PAGE field prints
no number, so a reader cannot cite it by one. Those pages get no printed label (they
are reached by their physical number) once the document prints numbers elsewhere; a
document that prints none keeps Word's count for every page.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
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


def test_docx_cover_and_contents_without_a_page_field_have_no_label(tmp_path):
    doc = _plan(tmp_path, roman_front=False)
    assert doc.numbering == "rendered"
    assert [p.label for p in doc.pages] == [None, None, "1", "2", "3"]
    assert doc.pages_labelled("1")[0].blocks[0].text == "1 Chapter 1"
    assert any("print no page number" in note for note in doc.notes)


def test_docx_roman_front_matter_after_an_unnumbered_cover(tmp_path):
    doc = _plan(tmp_path, roman_front=True)
    assert [p.label for p in doc.pages] == [None, "i", "ii", "1", "2", "3"]
    assert doc.pages_labelled("ii")[0].blocks[0].text == "Foreword by the Chair"


def test_docx_without_page_fields_keeps_words_count_for_every_page(tmp_path):
    d = new_document()
    d.add_paragraph("Cover")
    second = d.add_paragraph("Second page")
    rendered_break(second)
    doc = extract_docx(save(d, tmp_path / "plain.docx"))
    assert [p.label for p in doc.pages] == ["1", "2"]
