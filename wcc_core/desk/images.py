"""Page images for the desk: each cited PDF page rendered once, kept under the index folder.

The HTML report renders and crops pages in one go (`render/evidence_images.py`); the desk
serves them on demand, so a page is rendered once with pypdfium2 and its grey PNG kept
in `<index folder>/desk-pages/`, named by the document's content hash and the physical
page (a document replaced by the PCT gets new images, never the old ones). Crops of
cited paragraphs and the page with one paragraph outlined are cut from that file by the
report's own functions. Document ids from a request are only looked up in the table of
the submission's PDFs (`evidence_images.pdf_files`, which goes through the one path
resolver); no name a request sends becomes a path.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, PngImagePlugin

from indexer.cache import file_digest
from wcc_core.render import evidence_images

FOLDER = "desk-pages"
OUTLINE = (200, 30, 30)


class PageImages:
    """The submission's PDF pages as cached images: a paragraph's crop, or its page with it outlined."""

    def __init__(self, pdfs: dict[str, Path], index_dir: Path):
        self.pdfs = dict(pdfs)
        self.folder = Path(index_dir) / FOLDER
        self._digests: dict[str, str] = {}
        self._lock = threading.Lock()  # pdfium is not thread-safe; one render at a time
        self._crop = lru_cache(maxsize=512)(self._crop_uncached)

    def _page_file(self, doc_id: str, physical: int) -> Path | None:
        if doc_id not in self.pdfs:
            return None
        if doc_id not in self._digests:
            self._digests[doc_id] = file_digest(self.pdfs[doc_id]) or ""
        digest = self._digests[doc_id]
        return self.folder / f"{digest[:24]}-p{physical}.png" if digest else None

    def page(self, doc_id: str, physical: int) -> tuple[Image.Image, float] | None:
        """The rendered page and its crop box's left edge (from the cache, else rendered and cached); None if none."""
        cached = self._page_file(doc_id, physical)
        if cached is None:
            return None
        if cached.is_file():
            image = Image.open(cached)
            image.load()
            return image.convert("L"), float(image.info.get("wcc-left", "0"))
        with self._lock:
            try:
                pdf = pdfium.PdfDocument(str(self.pdfs[doc_id]))
            except (pdfium.PdfiumError, OSError):
                return None
            try:
                if not 1 <= physical <= len(pdf):
                    return None
                rendered = evidence_images.render_page(pdf, physical)
            finally:
                pdf.close()
        if rendered is None:
            return None
        self._store(cached, *rendered)
        return rendered

    def _store(self, path: Path, image: Image.Image, left: float) -> None:
        """Written atomically and owner-only: the page is the PCT's confidential text."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = PngImagePlugin.PngInfo()
        info.add_text("wcc-left", repr(left))
        fd, tmp = tempfile.mkstemp(prefix=".page-", suffix=".png", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                image.save(handle, format="PNG", pnginfo=info, compress_level=3)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def crop(self, doc_id: str, physical: int, bbox: tuple[float, float, float, float]) -> bytes | None:
        """PNG of the cited paragraph, cut as the HTML report cuts it; None when there is no such page."""
        return self._crop(doc_id, physical, tuple(round(v, 1) for v in bbox))

    def _crop_uncached(self, doc_id: str, physical: int, bbox: tuple) -> bytes | None:
        rendered = self.page(doc_id, physical)
        if rendered is None:
            return None
        key = (doc_id, physical, bbox)
        return evidence_images.crop_blocks(*rendered, [key]).get(key)

    def outlined(self, doc_id: str, physical: int, bbox: tuple[float, float, float, float] | None) -> bytes | None:
        """PNG of the whole page with the paragraph at `bbox` outlined (drawn in, so no inline style is needed)."""
        rendered = self.page(doc_id, physical)
        if rendered is None:
            return None
        image, left = rendered
        picture = image.convert("RGB")
        box = evidence_images.block_box(image, left, bbox) if bbox else None
        if box is not None:
            ImageDraw.Draw(picture).rectangle(box, outline=OUTLINE, width=3)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()
