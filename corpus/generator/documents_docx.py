"""Writing a laid-out document as a DOCX with python-docx, byte for byte reproducibly.

python-docx does not paginate, so the pages are the paginator's: the first paragraph
of every page after the first carries a `w:lastRenderedPageBreak`, as Word writes
when it saves a document it has laid out. Headings use Word's Heading styles, list
items "List Bullet", tables "Table Grid". Core properties get fixed dates and the zip
is rewritten with fixed timestamps and sorted entries.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from corpus.generator.builder import BuiltDocument
from corpus.generator.layout import Block, Table, TwoColumns

FIXED_TIME = dt.datetime(2009, 12, 1, 9, 0, 0)
ZIP_TIME = (2009, 12, 1, 9, 0, 0)
# style ids of python-docx's default template (Word's built-in styles)
STYLE_IDS = {"title": "Title", "h1": "Heading1", "h2": "Heading2", "list": "ListBullet",
             "caption": "Caption", "subtitle": "Subtitle"}


def _mark_rendered_break(paragraph) -> None:
    """Put Word's rendered-page-break marker at the start of the paragraph's first run."""
    runs = paragraph.runs
    run = runs[0] if runs else paragraph.add_run("")
    marker = OxmlElement("w:lastRenderedPageBreak")
    r_pr = run._r.find(qn("w:rPr"))
    if r_pr is not None:
        r_pr.addnext(marker)
    else:
        run._r.insert(0, marker)


def _write_block(document, block: Block):
    paragraph = document.add_paragraph(block.text)
    if block.style in STYLE_IDS:
        # set the style id directly: python-docx's lookup by style name is slow
        paragraph._p.style = STYLE_IDS[block.style]
    return paragraph


def _write_table(document, table: Table) -> list:
    caption = _write_block(document, table.caption)
    grid = document.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    grid._tbl.tblStyle_val = "TableGrid"
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = text
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return [caption]


def _reproducible_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def docx_bytes(document: BuiltDocument, pct_name: str) -> bytes:
    """The document as DOCX bytes."""
    word = Document()
    props = word.core_properties
    props.author = pct_name
    props.last_modified_by = pct_name
    props.title = document.title
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    section = word.sections[0]
    section.header.paragraphs[0].text = f"{pct_name}  |  {document.title}"
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    for number, page in enumerate(document.pages):
        first_paragraphs = []
        for item in page.items:
            if isinstance(item, Table):
                first_paragraphs += _write_table(word, item)
            elif isinstance(item, TwoColumns):
                for block in [item.heading, *item.left, *item.right]:
                    first_paragraphs.append(_write_block(word, block))
            else:
                first_paragraphs.append(_write_block(word, item))
        if number > 0 and first_paragraphs:
            _mark_rendered_break(first_paragraphs[0])
    buffer = io.BytesIO()
    word.save(buffer)
    return _reproducible_zip(buffer.getvalue())
