"""Build DOCX files the way Word saves them, so a test knows which block is paragraph n of page p.

python-docx never writes `w:lastRenderedPageBreak`; Word does, at the first run of every
page it laid out. `rendered_break(paragraph)` puts one where Word would.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.enum.text import WD_BREAK


def new_document() -> docx.Document:
    return docx.Document()


def rendered_break(paragraph, at_run: int = 0) -> None:
    """Insert a w:lastRenderedPageBreak at the start of run `at_run` of the paragraph."""
    run = paragraph.runs[at_run]._r
    mark = OxmlElement("w:lastRenderedPageBreak")
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        rpr.addnext(mark)
    else:
        run.insert(0, mark)


def hard_break(document) -> None:
    """An empty paragraph holding only a hard page break, as Word's Ctrl+Enter writes it."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def page_number_start(document, start: int, fmt: str | None = None) -> None:
    sect = document.sections[0]._sectPr
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), str(start))
    if fmt:
        pg.set(qn("w:fmt"), fmt)
    sect.append(pg)


def numbered_heading_list(document) -> str:
    """Add an outline-numbered list (%1. / %1.%2) to numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, text in ((0, "%1."), (1, "%1.%2")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90"


def number_paragraph(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path

