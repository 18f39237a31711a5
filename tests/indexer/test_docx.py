"""DOCX extraction: Word's rendered pages, and paragraph n of page p as a reader counts it."""

from __future__ import annotations

import zipfile

import pytest

from indexer.docx import extract_docx, read_docx
from tests.indexer.docx_factory import (
    hard_break,
    new_document,
    number_paragraph,
    numbered_heading_list,
    page_number_start,
    rendered_break,
    save,
)


def texts(document, physical):
    return [b.text for b in document.page(physical).blocks]


def test_rendered_page_breaks_start_new_pages_and_number_blocks_from_the_top(tmp_path):
    d = new_document()
    d.add_heading("1. Introduction", level=1)
    d.add_paragraph("First page body.")
    p = d.add_paragraph("Second page opens here.")
    rendered_break(p)
    d.add_paragraph("")  # empty paragraphs are not blocks
    d.add_paragraph("Second page, paragraph two.")
    doc = extract_docx(save(d, tmp_path / "plan.docx"))
    assert doc.readable and doc.numbering == "rendered"
    assert [p.label for p in doc.pages] == ["1", "2"]
    assert texts(doc, 1) == ["1. Introduction", "First page body."]
    assert texts(doc, 2) == ["Second page opens here.", "Second page, paragraph two."]
    first = doc.page(1).block(1)
    assert (first.kind, first.section, first.bbox) == ("heading", "1", None)
    assert doc.page(2).block(2).n == 2


def test_a_paragraph_running_over_a_page_belongs_where_it_starts_and_its_tail_opens_the_next_page(tmp_path):
    d = new_document()
    d.add_paragraph("Page one.")
    long = d.add_paragraph("3.1 Head of a long paragraph")
    long.add_run(" and its tail on page two.")
    rendered_break(long, at_run=1)
    d.add_paragraph("Next paragraph.")
    doc = extract_docx(save(d, tmp_path / "long.docx"))
    page1, page2 = doc.page(1), doc.page(2)
    assert page1.block(2).text == "3.1 Head of a long paragraph and its tail on page two."
    assert page1.block(2).section == "3.1"
    assert page2.block(1).text == "and its tail on page two."
    assert page2.block(1).section is None
    assert page2.block(2).text == "Next paragraph."
    assert read_docx(tmp_path / "long.docx").paragraph_count() == 3


def test_a_hard_break_and_the_rendered_break_word_writes_after_it_are_one_page(tmp_path):
    d = new_document()
    d.add_paragraph("One.")
    hard_break(d)
    p = d.add_paragraph("Two.")
    rendered_break(p)
    doc = extract_docx(save(d, tmp_path / "hard.docx"))
    assert [texts(doc, i) for i in (1, 2)] == [["One."], ["Two."]]
    assert len(doc.pages) == 2


def test_table_cells_are_blocks_in_reading_order(tmp_path):
    d = new_document()
    d.add_paragraph("Before the table.")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    d.add_paragraph("After the table.")
    doc = extract_docx(save(d, tmp_path / "table.docx"))
    assert texts(doc, 1) == ["Before the table.", "r0c0", "r0c1", "r1c0", "r1c1", "After the table."]
    assert [b.kind for b in doc.page(1).blocks][1:5] == ["table_cell"] * 4


def test_a_table_row_starting_on_a_new_page_puts_all_its_cells_there(tmp_path):
    d = new_document()
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    rendered_break(table.rows[1].cells[0].paragraphs[0])  # Word marked only the first cell
    doc = extract_docx(save(d, tmp_path / "rows.docx"))
    assert texts(doc, 1) == ["r0c0", "r0c1"]
    assert texts(doc, 2) == ["r1c0", "r1c1"]


def test_word_list_numbering_gives_the_printed_number_and_section(tmp_path):
    d = new_document()
    num_id = numbered_heading_list(d)
    for text, level in (("Vision", 0), ("Goals", 1), ("Measures", 1), ("Delivery", 0), ("Plan", 1)):
        p = d.add_paragraph(text, style="Heading 1" if level == 0 else "Heading 2")
        number_paragraph(p, num_id, level)
    doc = extract_docx(save(d, tmp_path / "numbered.docx"))
    blocks = doc.page(1).blocks
    assert [b.text for b in blocks] == ["1. Vision", "1.1 Goals", "1.2 Measures", "2. Delivery", "2.1 Plan"]
    assert [b.section for b in blocks] == ["1", "1.1", "1.2", "2", "2.1"]
    assert {b.kind for b in blocks} == {"heading"}


def test_bulleted_paragraphs_are_list_items(tmp_path):
    d = new_document()
    d.add_paragraph("Reduce smoking", style="List Bullet")
    d.add_paragraph("Plain text.")
    doc = extract_docx(save(d, tmp_path / "bullets.docx"))
    assert [(b.kind, b.text) for b in doc.page(1).blocks] == [("list_item", "Reduce smoking"), ("paragraph", "Plain text.")]


def test_page_number_start_sets_the_first_printed_label(tmp_path):
    d = new_document()
    page_number_start(d, 5)
    d.add_paragraph("Page five.")
    rendered_break(d.add_paragraph("Page six."))
    doc = extract_docx(save(d, tmp_path / "start.docx"))
    assert [p.label for p in doc.pages] == ["5", "6"]
    assert doc.pages_labelled("6")[0].physical == 2


def test_roman_page_numbers(tmp_path):
    d = new_document()
    page_number_start(d, 1, "lowerRoman")
    d.add_paragraph("i")
    rendered_break(d.add_paragraph("ii"))
    rendered_break(d.add_paragraph("iii"))
    assert [p.label for p in extract_docx(save(d, tmp_path / "roman.docx")).pages] == ["i", "ii", "iii"]


def test_a_docx_without_rendered_breaks_has_approximate_pages_and_says_so(tmp_path):
    d = new_document()
    d.add_paragraph("Before.")
    hard_break(d)
    d.add_paragraph("After.")
    doc = extract_docx(save(d, tmp_path / "generated.docx"))
    assert doc.numbering == "approximate"
    assert len(doc.pages) == 2 and texts(doc, 2) == ["After."]
    assert any("approximately" in note for note in doc.notes)


def test_page_break_before_in_a_paragraph_starts_a_page(tmp_path):
    d = new_document()
    d.add_paragraph("One.")
    p = d.add_paragraph("Two.")
    p.paragraph_format.page_break_before = True
    doc = extract_docx(save(d, tmp_path / "pbb.docx"))
    assert [texts(doc, 1), texts(doc, 2)] == [["One."], ["Two."]]


def test_deleted_text_and_field_codes_are_not_read(tmp_path):
    d = new_document()
    p = d.add_paragraph("Kept ")
    xml = p._p
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    xml.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>gone</w:delText></w:r></w:del>'))
    xml.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    xml.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>text</w:t></w:r>'))
    doc = extract_docx(save(d, tmp_path / "del.docx"))
    assert texts(doc, 1) == ["Kept text"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"just some bytes, not a zip", "corrupt: not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64, "encrypted"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "not a DOCX: a Word 97-2003"),
    ],
)
def test_files_that_are_not_readable_docx_come_back_unreadable_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    doc = extract_docx(path)
    assert doc.status == "unreadable" and doc.reason.startswith(reason)
    assert doc.pages == ()


def test_a_zip_with_broken_document_xml_is_corrupt(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    doc = extract_docx(path)
    assert doc.status == "unreadable" and doc.reason.startswith("corrupt: word/document.xml")


def test_a_zip_without_a_document_part_is_not_a_docx(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert extract_docx(path).reason == "not a DOCX: the zip has no word/document.xml"
