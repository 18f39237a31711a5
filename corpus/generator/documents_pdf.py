"""Writing a laid-out document as a PDF with reportlab, byte for byte reproducibly.

Every block is drawn where the paginator placed it. Running headers and footers sit in
the top and bottom tenth of the page, outside the body. /PageLabels are written for
documents whose front matter is numbered i, ii, ... or whose numbering starts later.
"""

from __future__ import annotations

import io

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from corpus.generator.builder import BuiltDocument
from corpus.generator.layout import LIST_INDENT, PAGE_HEIGHT, PAGE_WIDTH, STYLES, Page

HEADER_Y = 48.0  # from the top edge
FOOTER_Y = 40.0  # from the bottom edge


def _draw_page(canvas: Canvas, page: Page, header: str | None) -> None:
    if header:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, PAGE_HEIGHT - HEADER_Y, header)
        canvas.setLineWidth(0.4)
        canvas.line(72, PAGE_HEIGHT - HEADER_Y - 5, PAGE_WIDTH - 72, PAGE_HEIGHT - HEADER_Y - 5)
    for placement in page.placements:
        block = placement.block
        font, size, leading, _ = STYLES[block.style]
        x = placement.x
        if block.style == "list":
            canvas.setFont("Helvetica", size)
            canvas.drawString(x + 4, PAGE_HEIGHT - placement.y - size, "\u2022")
            x += LIST_INDENT
        canvas.setFont(font, size)
        for n, line in enumerate(block.lines(placement.width)):
            canvas.drawString(x, PAGE_HEIGHT - placement.y - size - n * leading, line)
    canvas.setLineWidth(0.6)
    for grid in page.grids:
        top = PAGE_HEIGHT - grid.y
        width, height = sum(grid.col_widths), sum(grid.row_heights)
        y = top
        for row_height in [0.0, *grid.row_heights]:
            y -= row_height
            canvas.line(grid.x, y, grid.x + width, y)
        x = grid.x
        for col_width in [0.0, *grid.col_widths]:
            x += col_width
            canvas.line(x, top, x, top - height)
    if page.footer:
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, page.footer)


def _scanned_image(page: Page, seed: int):
    """A greyscale picture of the page's text, as a scanner would make it: no text layer."""
    from PIL import Image, ImageDraw

    scale = 0.75
    image = Image.new("L", (int(PAGE_WIDTH * scale), int(PAGE_HEIGHT * scale)), 250)
    draw = ImageDraw.Draw(image)
    for placement in page.placements:
        font, size, leading, _ = STYLES[placement.block.style]
        for n, line in enumerate(placement.block.lines(placement.width)):
            draw.text((placement.x * scale, (placement.y + n * leading) * scale), line, fill=40)
    # a little deterministic speckle, as on a photocopy
    for i in range(400):
        x = (i * 7919 + seed * 104729) % image.width
        y = (i * 6007 + seed * 1299709) % image.height
        image.putpixel((x, y), 120)
    return image


def pdf_bytes(document: BuiltDocument, pct_name: str, password: str | None = None,
              scanned_pages: frozenset[int] = frozenset()) -> bytes:
    """The document as PDF bytes.

    `password` encrypts it with that user password; pages whose 0-based index is in
    `scanned_pages` are drawn as an image only, with no text layer.
    """
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, strength=128) if password else None
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1, encrypt=encrypt)
    canvas.setTitle(document.title)
    canvas.setAuthor(pct_name)
    spec = document.spec
    if spec["pagination"] == "labels":
        canvas.addPageLabel(0, style="ROMAN_LOWER")
        canvas.addPageLabel(document.roman_pages, style="ARABIC", start=1)
    elif spec["pagination"] == "offset":
        canvas.addPageLabel(0, style="ARABIC", start=spec["first_page"])
    header = None if spec["pagination"] == "none" else f"{pct_name}  |  {document.title}"
    for i, page in enumerate(document.pages):
        if i in scanned_pages:
            canvas.drawImage(ImageReader(_scanned_image(page, i)), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
        else:
            _draw_page(canvas, page, header if i > 0 or spec["pagination"] == "offset" else None)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
