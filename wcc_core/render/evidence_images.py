"""Images of cited paragraphs, cropped from the rendered PDF page.

An analyst reading the briefing sees the evidence as printed, without opening the PDF:
pdfium renders each cited page once, at `SCALE`, and every block cited on it is cut out
by its bbox (PDF points, top-left origin of the crop box, as the indexer records it).
Pages are rendered one at a time and dropped once their blocks are cut, so memory stays
at one page whatever the submission's size.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from wcc_core.submission.paths import inside_submission

# 1.5 x 72 dpi = 108 dpi: body text stays legible and a paragraph's PNG stays small.
SCALE = 1.5
# Points of white kept around the block, so descenders and the first letter are not cut.
MARGIN = 4.0
# Grey levels kept in a crop: enough for anti-aliased text, few enough for 4-bit PNGs.
SHADES = 16
_TO_SHADE = [round(v * (SHADES - 1) / 255) for v in range(256)]  # grey -> shade index
_PALETTE = [round(i * 255 / (SHADES - 1)) for i in range(SHADES) for _ in range(3)]  # shade index -> grey RGB

if TYPE_CHECKING:
    from PIL import Image

CropKey = tuple[str, int, tuple[float, float, float, float]]


def crop_key(item) -> CropKey | None:
    """(document, physical page, bbox) of an evidence item that can be cropped, else None."""
    place = item.place
    if place is None or not place.bbox:
        return None
    return place.doc_id, int(place.physical), tuple(round(v, 1) for v in place.bbox)


def render_crops(keys: Iterable[CropKey], files: dict[str, Path], scale: float = SCALE) -> dict[CropKey, bytes]:
    """PNG bytes of each cited block; each (document, page) is rendered once.

    `files` maps a document id to its PDF; documents not there (DOCX, TXT, unreadable)
    and pages pdfium cannot render are left out, and the renderer shows their text.
    """
    by_page: dict[tuple[str, int], list[CropKey]] = defaultdict(list)
    for key in sorted(set(keys)):
        if key[0] in files:
            by_page[(key[0], key[1])].append(key)
    out: dict[CropKey, bytes] = {}
    open_docs: dict[str, pdfium.PdfDocument | None] = {}
    try:
        for (doc_id, physical), wanted in sorted(by_page.items()):
            pdf = _open(open_docs, doc_id, files[doc_id])
            if pdf is None or not 1 <= physical <= len(pdf):
                continue
            out.update(_crop_page(pdf, physical, wanted, scale))
    finally:
        for pdf in open_docs.values():
            if pdf is not None:
                pdf.close()
    return out


def _open(cache: dict, doc_id: str, path: Path):
    if doc_id not in cache:
        try:
            cache[doc_id] = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError):
            cache[doc_id] = None  # encrypted, corrupt or gone: the excerpt stands in
    return cache[doc_id]


def _crop_page(pdf, physical: int, wanted: list[CropKey], scale: float) -> dict[CropKey, bytes]:
    rendered = render_page(pdf, physical, scale)
    if rendered is None:
        return {}
    return crop_blocks(*rendered, wanted, scale)


def render_page(pdf, physical: int, scale: float = SCALE) -> tuple[Image.Image, float] | None:
    """The page `physical` (1-based) of an open PDF in grey, and its crop box's left edge; None if pdfium cannot."""
    page = pdf[physical - 1]
    try:
        left, _bottom, _right, _top = page.get_cropbox()
        # Grey, in 16 shades: the printed paragraph stays legible and its PNG is a third the size.
        bitmap = page.render(scale=scale, may_draw_forms=True, grayscale=True,
                             force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
        return bitmap.to_pil().convert("L"), float(left)
    except pdfium.PdfiumError:
        return None
    finally:
        page.close()


def block_box(image: Image.Image, left: float, bbox, scale: float = SCALE) -> tuple[int, int, int, int] | None:
    """The pixels of `bbox` (PDF points, top-left origin) on a page rendered at `scale`, with MARGIN; None if empty."""
    width, height = image.size
    x0, top, x1, bottom = bbox
    box = (max(0, int((x0 - left - MARGIN) * scale)), max(0, int((top - MARGIN) * scale)),
           min(width, int((x1 - left + MARGIN) * scale + 1)), min(height, int((bottom + MARGIN) * scale + 1)))
    return None if box[2] <= box[0] or box[3] <= box[1] else box


def crop_blocks(image: Image.Image, left: float, wanted: Iterable[CropKey], scale: float = SCALE) -> dict[CropKey, bytes]:
    """4-bit grey PNG bytes of each wanted block cut from a rendered page (`render_page`)."""
    from PIL import Image  # here, not at the top: the HTML renderer's record is looked up by every command

    out = {}
    for key in wanted:
        box = block_box(image, left, key[2], scale)
        if box is None:
            continue
        buffer = io.BytesIO()
        crop = image.crop(box).point(_TO_SHADE)
        shaded = Image.frombytes("P", crop.size, crop.tobytes())
        shaded.putpalette(_PALETTE)
        shaded.save(buffer, format="PNG", bits=4, compress_level=3)
        out[key] = buffer.getvalue()
    return out


def pdf_files(assessment, root: Path | None) -> dict[str, Path]:
    """Document id -> PDF path for the readable PDFs of the submission at `root`."""
    if root is None:
        return {}
    files = {}
    for doc in assessment.documents:
        path = inside_submission(Path(root), doc.file)[0]  # never a file outside the submission
        if doc.readable and doc.file.lower().endswith(".pdf") and path is not None and path.is_file():
            files[doc.id] = path
    return files
