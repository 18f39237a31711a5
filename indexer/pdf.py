"""PDF documents into pages of numbered blocks, with printed page labels.

The hot path is pypdfium2 (pdfium's text layer): pdfplumber reads 5.5 pages/s on the
realdocs set, bare pdfium text 460, and the target for blocks is 100. pdfplumber is
not used at all: its table finder alone would cost 0.2-0.5 s on each ruled page (see
`indexer.pdf_tables`). Every pdfium page, text page and document is closed as soon as
it has been read, so memory stays flat however long the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from indexer.model import ExtractedDocument, Furniture, Page, page_runs, unreadable
from indexer.page_labels import labels_from_catalog, labels_from_printed
from indexer.pdf_layout import line_pitches, page_blocks
from indexer.pdf_lines import Line, read_lines
from indexer.pdf_tables import fill_tables, find_tables, ruling_segments
from indexer.running_heads import find_line_numbers, find_running_heads, page_number_text


@dataclass
class _RawPage:
    """What one pdfium page yielded before layout: its lines, rules and height."""

    lines: list[Line]
    rules: tuple[list, list]
    height: float
    error: str | None = None
    off_page: tuple[Line, ...] = ()  # text outside the crop box: printers' marks, slugs


def extract_pdf(path: Path) -> ExtractedDocument:
    """Extract a PDF into pages and blocks; a bad file comes back unreadable, never raises.

    Reasons: "encrypted" (a user password is needed; an owner password alone is not
    a bar), "no text layer" (every page is an image), "not a PDF: ...", "corrupt: ..."
    (pdfium cannot open it), "cannot read file: ...". A page without text in an
    otherwise readable file has status "no_text" and no blocks.
    """
    return _extract_pdf(path)


def extract_pdf_with_margins(path: Path) -> tuple[ExtractedDocument, list[list[str]]]:
    """Like `extract_pdf`, plus the text of each page's furniture (running heads, page
    numbers, margin line numbers, text outside the crop box) as plain strings.
    """
    document = _extract_pdf(path)
    return document, [[f.text for f in page.furniture] for page in document.pages]


def _extract_pdf(path: Path) -> ExtractedDocument:
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        return unreadable(name, "pdf", f"cannot read file: {exc.strerror or exc}")
    if b"%PDF-" not in head:
        return unreadable(name, "pdf", "not a PDF: no %PDF header in the first 1 KB")
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            return unreadable(name, "pdf", "encrypted")
        # pdfium's messages read "Failed to load document (PDFium: Data format error)."
        detail = message.split("PDFium:")[-1].strip(" ).") if "PDFium:" in message else message
        return unreadable(name, "pdf", f"corrupt: pdfium cannot parse it ({detail.lower()})")
    try:
        # Form fields and free-text notes are drawn from annotation appearances, not
        # the page content; pdfium only flattens them into text with forms loaded.
        if document.get_formtype() != pdfium_c.FORMTYPE_NONE:
            document.init_forms()  # costly for every page, so only when there are forms
        return _extract_open(name, document)
    finally:
        document.close()


def _extract_open(name: str, document) -> ExtractedDocument:
    count = len(document)
    if count == 0:
        return unreadable(name, "pdf", "corrupt: no pages")
    raw_pages = [_read_page(document, i) for i in range(count)]
    if all(not p.lines for p in raw_pages):
        return unreadable(name, "pdf", "no text layer")

    margins = find_running_heads([p.lines for p in raw_pages], [p.height for p in raw_pages])
    body_size, body_bold = _body_style(raw_pages)
    no_text = {i + 1 for i, raw in enumerate(raw_pages) if not raw.lines}
    labels, numbering = _labels(document, margins.numbers, count, no_text)
    pitches = line_pitches([p.lines for p in raw_pages])

    pages = []
    notes = []
    for i, raw in enumerate(raw_pages):
        if raw.error:
            notes.append(f"page {i + 1}: {raw.error}")
        removed = margins.removed[i]
        numbered = find_line_numbers(raw.lines, removed)
        furniture = _furniture(raw, removed, numbered)
        lines = [line for k, line in enumerate(raw.lines) if k not in removed and k not in numbered]
        if not lines:
            # Only a running header or page number in text: the body is a scan (or blank),
            # as a scanned sheet inside a Word-made PDF with its footer added is.
            pages.append(Page(physical=i + 1, label=labels[i], status="no_text", furniture=furniture))
            continue
        tables = find_tables(*raw.rules)
        lines = fill_tables(tables, lines)
        blocks = page_blocks(lines, tables, body_size, body_bold, pitches)
        pages.append(Page(physical=i + 1, label=labels[i], blocks=blocks, furniture=furniture))
    scanned = sum(1 for p in pages if p.status == "no_text")
    if scanned:
        notes.append(f"{scanned} of {count} pages have no text layer (scanned or blank)")
    unnumbered = [p.physical for p in pages if p.label is None]
    if unnumbered:
        notes.append(
            f"{len(unnumbered)} of {count} pages print no page number ({_physical_runs(unnumbered)}): "
            "they have no printed label and are reached by their physical number"
        )
    return ExtractedDocument(file=name, format="pdf", pages=tuple(pages), numbering=numbering, notes=tuple(notes))


def _physical_runs(physical: list[int]) -> str:
    """"physical pages 1-2, 40": runs of physical page numbers for a note."""
    return ("physical page " if len(physical) == 1 else "physical pages ") + page_runs(physical, dash="-")


def _furniture(raw: _RawPage, removed: set[int], line_numbers: set[int]) -> tuple[Furniture, ...]:
    """What the page prints besides its blocks, top to bottom: heads, numbers, slugs."""
    items = []
    for k in sorted(removed | line_numbers):
        line = raw.lines[k]
        if k in line_numbers:
            kind = "line_number"
        elif page_number_text(line.text) is not None:
            kind = "page_number"
        else:
            kind = "running_head"
        items.append((line, kind))
    items += [(line, "off_page") for line in raw.off_page]
    items.sort(key=lambda item: (round(item[0].top), item[0].x0))
    return tuple(Furniture(line.text, kind, (line.x0, line.top, line.x1, line.bottom)) for line, kind in items)


def _read_page(document, index: int) -> _RawPage:
    """Lines and ruling lines of one page; a page pdfium cannot parse has no lines."""
    page = textpage = None
    try:
        page = document[index]
        if _has_drawn_annotations(page):
            pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
            page.close()
            page = document[index]
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        height = top - bottom
        # Text outside the crop box (printers' marks, proof notes) is not on the page.
        lines, off_page = [], []
        rules = ruling_segments(page.raw, top)
        for line in read_lines(textpage.raw, top, vertical_rules=rules[1]):
            shown = line.bottom > 0 and line.top < height and line.x1 > left and line.x0 < right
            (lines if shown else off_page).append(line)
        return _RawPage(lines, rules, height, off_page=tuple(off_page))
    except pdfium.PdfiumError as exc:
        return _RawPage([], ([], []), 0.0, error=f"unreadable page ({exc})")
    finally:
        if textpage is not None:
            textpage.close()
        if page is not None:
            page.close()


def _has_drawn_annotations(page) -> bool:
    """Whether the page has form fields or free-text notes whose text a reader sees."""
    wanted = (pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT)
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
        pdfium_c.FPDFPage_CloseAnnot(annot)
        if subtype in wanted:
            return True
    return False


def _body_style(raw_pages: list[_RawPage]) -> tuple[float, bool]:
    """The font size and boldness of most of the document's text."""
    sizes: Counter = Counter()
    bold = 0
    total = 0
    for raw in raw_pages:
        for line in raw.lines:
            weight = len(line.text)
            sizes[round(line.size, 1)] += weight
            total += weight
            bold += weight if line.bold else 0
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    return body_size, bold * 2 > total


def _labels(document, printed, count: int, no_text: set[int]) -> tuple[list[str | None], str]:
    """Page labels and how they were found (catalog, printed numbers, or position)."""
    catalog = labels_from_catalog(document)
    if catalog is not None:
        return [label or str(i + 1) for i, label in enumerate(catalog)], "page_labels"
    from_print = labels_from_printed(printed, no_text)
    if from_print is not None:
        return from_print, "printed"
    return [str(i + 1) for i in range(count)], "physical"
