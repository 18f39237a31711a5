"""PDFs drawn with reportlab, where the test knows exactly which block is paragraph n of page p.

The strategic plan below has an unnumbered cover, a running header on every page, a
footer "Page N of 7" from page 2 on (so printed numbers run two ahead of the physical
index), numbered headings in bold, a bulleted list with a wrapped item, a two-column
page whose right column is drawn before the left, a table ruled with grid lines, and
lettered and roman list items.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from indexer.pdf import extract_pdf

WIDTH, HEIGHT = A4
LEFT = 72
HEADER = "NHS Exampleshire - Strategic Plan 2009/10 to 2013/14"


def _text(c: canvas.Canvas, x: float, y: float, lines: list[str], font="Helvetica", size=10, leading=13):
    """Draw lines downwards from y; return the y below the last line."""
    c.setFont(font, size)
    for line in lines:
        c.drawString(x, y, line)
        y -= leading
    return y


def _margins(c: canvas.Canvas, physical: int) -> None:
    _text(c, LEFT, HEIGHT - 40, [HEADER], size=8)
    if physical > 1:
        c.setFont("Helvetica", 8)
        c.drawCentredString(WIDTH / 2, 30, f"Page {physical + 2} of 7")


def _plan(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    # Page 1: cover.
    _margins(c, 1)
    y = _text(c, LEFT, HEIGHT - 150, ["Strategic Plan"], font="Helvetica-Bold", size=24)
    _text(c, LEFT, y - 20, ["Our commissioning intentions for the next five years,", "agreed by the Board in November 2009."])
    c.showPage()

    # Page 2: numbered headings, paragraphs, bullets.
    _margins(c, 2)
    y = _text(c, LEFT, HEIGHT - 100, ["2 Our plan"], font="Helvetica-Bold", size=16, leading=26)
    y = _text(c, LEFT, y, ["2.1 Needs"], font="Helvetica-Bold", size=12, leading=20)
    y = _text(c, LEFT, y, [
        "The joint strategic needs assessment shows that life expectancy in the",
        "most deprived wards is eight years lower than in the least deprived wards,",
        "and that the gap has widened since 2003.",
    ])
    y = _text(c, LEFT, y - 10, [
        "Smoking, alcohol and obesity explain most of the difference between",
        "the wards.",
    ])
    y -= 10
    for first, *rest in (
        ["Stop smoking services in every practice."],
        ["Alcohol liaison nurses in the acute trust, funded jointly with the", "local authority from April 2010."],
        ["Weight management for children."],
    ):
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, y, "\u2022")
        y = _text(c, LEFT + 14, y, [first] + rest) - 4
    c.showPage()

    # Page 3: two columns under a full-width heading; the right column is drawn first.
    _margins(c, 3)
    _text(c, LEFT, HEIGHT - 100, ["3 Delivery"], font="Helvetica-Bold", size=16)
    col2 = LEFT + 240
    y = _text(c, col2, HEIGHT - 140, ["Right column first paragraph", "continues on this line."])
    _text(c, col2, y - 12, ["Right column second paragraph."])
    y = _text(c, LEFT, HEIGHT - 140, ["Left column first paragraph", "continues here as well."])
    _text(c, LEFT, y - 12, ["Left column second paragraph."])
    c.showPage()

    # Page 4: a ruled table between two paragraphs.
    _margins(c, 4)
    _text(c, LEFT, HEIGHT - 100, ["Table 1 shows the budget for each programme."])
    rows = [["Programme", "2009/10", "2010/11"], ["Smoking", "1.2m", "1.4m"], ["Alcohol", "0.8m", "1.1m"]]
    top, row_h, col_w = HEIGHT - 130, 22, 120
    for r in range(len(rows) + 1):
        c.line(LEFT, top - r * row_h, LEFT + col_w * 3, top - r * row_h)
    for k in range(4):
        c.line(LEFT + k * col_w, top, LEFT + k * col_w, top - row_h * len(rows))
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            _text(c, LEFT + k * col_w + 4, top - r * row_h - 15, [cell])
    _text(c, LEFT, top - row_h * len(rows) - 30, ["Figures are in pounds sterling."])
    c.showPage()

    # Page 5: lettered and roman list items, and a numbered paragraph.
    _margins(c, 5)
    y = _text(c, LEFT, HEIGHT - 100, ["3.2.1 Market analysis shows three providers in the area."])
    y = _text(c, LEFT, y - 10, ["a) the acute trust;"])
    y = _text(c, LEFT, y - 6, ["(ii) the community provider."])
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return extract_pdf(_plan(tmp_path_factory.mktemp("pdf") / "plan.pdf"))


def _block(doc, physical: int, n: int):
    block = doc.page(physical).block(n)
    assert block is not None, f"page {physical} has {len(doc.page(physical).blocks)} blocks, wanted {n}"
    return block


def test_printed_footers_give_the_page_labels_and_the_unnumbered_cover_has_none(plan):
    assert plan.numbering == "printed"
    assert [p.label for p in plan.pages] == [None, "4", "5", "6", "7"]
    assert plan.pages_labelled("5")[0].physical == 3
    assert plan.pages_labelled("3") == []


def test_running_header_and_footer_are_not_blocks(plan):
    for page in plan.pages:
        texts = [b.text for b in page.blocks]
        assert not any("Strategic Plan 2009/10" in t or t.startswith("Page ") for t in texts), texts


@pytest.mark.parametrize(
    "physical, n, kind, text, section",
    [
        (1, 1, "heading", "Strategic Plan", None),
        (1, 2, "paragraph", "Our commissioning intentions for the next five years, agreed by the Board in November 2009.", None),
        (2, 1, "heading", "2 Our plan", "2"),
        (2, 2, "heading", "2.1 Needs", "2.1"),
        (2, 3, "paragraph", "The joint strategic needs assessment shows that life expectancy in the most deprived "
                            "wards is eight years lower than in the least deprived wards, and that the gap has widened since 2003.", None),
        (2, 4, "paragraph", "Smoking, alcohol and obesity explain most of the difference between the wards.", None),
        (2, 5, "list_item", "\u2022 Stop smoking services in every practice.", None),
        (2, 6, "list_item", "\u2022 Alcohol liaison nurses in the acute trust, funded jointly with the local authority from April 2010.", None),
        (2, 7, "list_item", "\u2022 Weight management for children.", None),
        (3, 1, "heading", "3 Delivery", "3"),
        (3, 2, "paragraph", "Left column first paragraph continues here as well.", None),
        (3, 3, "paragraph", "Left column second paragraph.", None),
        (3, 4, "paragraph", "Right column first paragraph continues on this line.", None),
        (3, 5, "paragraph", "Right column second paragraph.", None),
        (4, 1, "paragraph", "Table 1 shows the budget for each programme.", None),
        (4, 2, "table_cell", "Programme", None),
        (4, 4, "table_cell", "2010/11", None),
        (4, 5, "table_cell", "Smoking", None),
        (4, 10, "table_cell", "1.1m", None),
        (4, 11, "paragraph", "Figures are in pounds sterling.", None),
        (5, 1, "paragraph", "3.2.1 Market analysis shows three providers in the area.", "3.2.1"),
        (5, 2, "list_item", "a) the acute trust;", None),
        (5, 3, "list_item", "(ii) the community provider.", None),
    ],
)
def test_block_n_of_page_p(plan, physical, n, kind, text, section):
    block = _block(plan, physical, n)
    assert (block.kind, block.text, block.section) == (kind, text, section)


def test_pages_have_no_extra_blocks(plan):
    assert [len(p.blocks) for p in plan.pages] == [2, 7, 5, 11, 3]


def test_bounding_boxes_use_a_top_left_origin(plan):
    heading = _block(plan, 2, 1)
    last = _block(plan, 2, 7)
    x0, top, x1, bottom = heading.bbox
    assert x0 == pytest.approx(LEFT, abs=2) and top < bottom < last.bbox[1]
    # The baseline is 100 pt below the top edge: a 16 pt line's box ends just below it.
    assert 100 - 16 < top < 100 < bottom < 106


def test_page_labels_from_the_catalog_win_over_printed_numbers(tmp_path):
    path = tmp_path / "labels.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.addPageLabel(0, style="ROMAN_LOWER")
    c.addPageLabel(2, style="ARABIC", start=1)
    for physical in range(1, 5):
        _text(c, LEFT, HEIGHT - 100, [f"Body text of page {physical}."])
        c.setFont("Helvetica", 8)
        c.drawCentredString(WIDTH / 2, 30, str(physical + 40))  # misleading printed numbers
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert doc.numbering == "page_labels"
    assert [p.label for p in doc.pages] == ["i", "ii", "1", "2"]
    assert [b.text for b in doc.page(1).blocks] == ["Body text of page 1."]


def test_bare_footer_numbers_with_roman_front_matter(tmp_path):
    path = tmp_path / "roman.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    printed = ["i", "ii", "iii", "1", "2", "3", "4"]
    for physical, number in enumerate(printed, start=1):
        _text(c, LEFT, HEIGHT - 100, [f"Text on sheet {physical}."])
        c.setFont("Helvetica", 9)
        c.drawCentredString(WIDTH / 2, 30, f"- {number} -")
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert doc.numbering == "printed"
    assert [p.label for p in doc.pages] == printed
    assert all(len(p.blocks) == 1 for p in doc.pages)


def test_a_page_without_text_is_no_text_and_the_rest_is_read(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, HEIGHT - 100, ["A page with words."])
    c.showPage()
    c.rect(100, 100, 300, 300, fill=1)  # a drawing only, as a scanned page would be
    c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert doc.readable
    assert [p.status for p in doc.pages] == ["ok", "no_text"]
    assert doc.page(2).blocks == ()
    assert any("no text layer" in note for note in doc.notes)
