"""Plain text and Markdown: form feeds are pages, blank lines separate blocks."""

from __future__ import annotations

from indexer.extract import extract
from indexer.text import extract_text


def blocks(doc, physical=1):
    return [(b.kind, b.text) for b in doc.page(physical).blocks]


def test_form_feeds_start_pages_numbered_physically(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Item 1\n\nApologies were received.\fItem 2\n\nThe board agreed\nthe plan.\n\f")
    doc = extract_text(path)
    assert doc.numbering == "physical" and [p.label for p in doc.pages] == ["1", "2"]
    assert blocks(doc, 2) == [("paragraph", "Item 2"), ("paragraph", "The board agreed the plan.")]


def test_a_short_numbered_line_alone_is_a_heading_in_plain_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("3.2 Market analysis\n\n3.2.1 The PCT has agreed three priorities for the coming year.\n")
    doc = extract_text(path)
    assert [(b.kind, b.section) for b in doc.page(1).blocks] == [("heading", "3.2"), ("paragraph", "3.2.1")]


def test_markdown_headings_lists_and_table_cells(tmp_path):
    path = tmp_path / "comms.md"
    path.write_text(
        "# 1. Engagement\n\nWe listen\nto patients.\n\n- surveys\n- panels\n  held monthly\n\n"
        "| Group | Count |\n|---|---|\n| Patients | 12 |\n\n---\n\nSetext heading\n==============\n"
    )
    doc = extract_text(path)
    assert blocks(doc) == [
        ("heading", "1. Engagement"),
        ("paragraph", "We listen to patients."),
        ("list_item", "- surveys"),
        ("list_item", "- panels held monthly"),
        ("table_cell", "Group"), ("table_cell", "Count"), ("table_cell", "Patients"), ("table_cell", "12"),
        ("heading", "Setext heading"),
    ]
    assert doc.page(1).block(1).section == "1"
    assert [b.n for b in doc.page(1).blocks] == list(range(1, 10))


def test_text_that_is_not_utf8_is_read_as_windows_1252_with_a_note(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Budget \u00a3 2m \u2013 agreed".encode("cp1252"))
    doc = extract_text(path)
    assert doc.page(1).block(1).text == "Budget \u00a3 2m \u2013 agreed"
    assert doc.notes == ("not valid UTF-8: decoded as Windows-1252",)


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Hello wide world".encode("utf-16"))
    assert extract_text(path).page(1).block(1).text == "Hello wide world"


def test_binary_data_named_txt_is_unreadable(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    doc = extract_text(path)
    assert doc.status == "unreadable" and doc.reason == "not a text file: it holds binary data"


def test_the_dispatcher_reports_unknown_types_and_missing_files_without_raising(tmp_path):
    legacy = tmp_path / "plan.doc"
    legacy.write_bytes(b"whatever")
    doc = extract(legacy)
    assert doc.status == "unreadable" and doc.reason.startswith("unsupported file type '.doc'")
    missing = extract(tmp_path / "gone.pdf")
    assert (missing.status, missing.reason, missing.file) == ("unreadable", "file not found", "gone.pdf")


def test_the_dispatcher_routes_by_suffix(tmp_path):
    path = tmp_path / "notes.MD"
    path.write_text("# Title\n")
    doc = extract(path)
    assert doc.format == "md" and doc.page(1).block(1).kind == "heading"


def test_a_page_label_typed_with_full_width_digits_finds_the_page():
    from indexer.model import ExtractedDocument, Page

    doc = ExtractedDocument(file="x.txt", format="txt", pages=(Page(1, "i"), Page(2, "14")))
    assert [p.physical for p in doc.pages_labelled("１４")] == [2]
    assert [p.physical for p in doc.pages_labelled(" I ")] == [1]
