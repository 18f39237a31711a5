"""Line text and style read from pdfium, on PDFs drawn with reportlab.

The line reader decides boldness once per font and collapses only white space on pages
with nothing else to clean (issue 23's speed work); these tests pin what a reader sees.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from indexer.pdf import extract_pdf

WIDTH, HEIGHT = A4
BODY = [
    "The board agreed the commissioning plan for the coming year after a long",
    "discussion of the evidence on need, cost and the views of local people.",
]


def _page(c: canvas.Canvas, rows: list[tuple[str, str]]) -> None:
    """Draw (font, text) rows down the page, each its own text object, then end it."""
    y = HEIGHT - 100
    for font, text in rows:
        if font.endswith("Bold"):
            y -= 27  # a heading stands apart from the paragraph above it
        c.setFont(font, 10)
        c.drawString(72, y, text)
        y -= 13
    c.showPage()


def _blocks(path: Path) -> list[list[tuple[str, str]]]:
    return [[(b.kind, b.text) for b in page.blocks] for page in extract_pdf(path).pages]


def test_bold_is_decided_per_font_for_every_line(tmp_path):
    # Two bold headings in one font and body lines in another, alternating: every
    # heading is bold and no body line is, however often each font recurs.
    path = tmp_path / "styles.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    rows = []
    for n in (1, 2, 3):
        rows.append(("Helvetica-Bold", f"{n} Section heading"))
        rows += [("Helvetica", line) for line in BODY]
    _page(c, rows)
    c.save()
    (page,) = _blocks(path)
    assert page == [
        ("heading", "1 Section heading"), ("paragraph", " ".join(BODY)),
        ("heading", "2 Section heading"), ("paragraph", " ".join(BODY)),
        ("heading", "3 Section heading"), ("paragraph", " ".join(BODY)),
    ]


def _pdf_with_tounicode(path: Path, shown: bytes, mapping: dict[int, int]) -> Path:
    """A one-page PDF in Helvetica whose ToUnicode CMap maps byte codes to the given
    code points: how a real file ends up with control characters in its text layer
    (reportlab replaces those before they reach the page)."""
    pairs = "\n".join(f"<{code:02X}> <{point:04X}>" for code, point in mapping.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(mapping)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()
    content = b"BT /F1 10 Tf 72 700 Td (" + shown + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_control_characters_in_the_text_layer_are_dropped_inside_words(tmp_path):
    # "#" is mapped to U+000B (a vertical tab, which str.split takes for a space) and
    # "~" to U+0005: both are dropped, so "Gamma3" stays one word, not "Gamma 3".
    path = _pdf_with_tounicode(tmp_path / "controls.pdf", b"Gamma#3 and ~x  total  spend", {0x23: 0x0B, 0x7E: 0x05})
    (page,) = _blocks(path)
    assert page == [("paragraph", "Gamma3 and x total spend")]


def test_plain_pages_have_their_spaces_collapsed(tmp_path):
    path = tmp_path / "spaces.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _page(c, [("Helvetica", "Total\xa0spend   rose by 4%  in 2009/10.")])
    _page(c, [("Helvetica", "Total spend   rose by 4%  in 2009/10.")])
    c.save()
    assert _blocks(path) == [
        [("paragraph", "Total spend rose by 4% in 2009/10.")],
        [("paragraph", "Total spend rose by 4% in 2009/10.")],
    ]
