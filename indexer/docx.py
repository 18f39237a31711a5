"""Word (.docx) documents into the pages Word last rendered, and numbered blocks.

Pages. Word records where it last broke pages (`w:lastRenderedPageBreak`); together with
hard page breaks (`w:br w:type="page"`), page-break-before and section breaks these are
the pages a reader saw. A hard break and the rendered break Word writes just after it are
one page break, not two. A DOCX that Word never saved (LibreOffice, generators) has no
rendered breaks: its pages are only where hard and section breaks fall, so it is marked
numbering="approximate" with a note.

Paragraphs that run over a page break. A paragraph belongs to the page where it starts:
it is a block there, with its full text, its kind and its section number. A reader of
the next page, though, sees the paragraph's tail at the top of that page, and a PDF of
the same document would show it as that page's first block; so the tail is also a block
there (a "continuation", same kind, no section number). Without it a page wholly covered
by one long paragraph would have no paragraph 1, and "p.15 para 1" would count
differently in the DOCX and in its PDF.

Blocks. Body paragraphs and the paragraphs of table cells and text boxes, in reading
order; empty paragraphs are not blocks. A table row split over two pages shows the
first part of every cell on the first page, then the rest. Headings come from the
paragraph style (Heading N, Title) or an outline level; list items from Word numbering;
the number Word prints before a numbered paragraph ("3.2.") is part of the block's text
and, for outline numbers, its section.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from lxml import etree
from zlib import error as zlib_error

from indexer.docx_numbering import W, ListLabel, Numbering, Styles, wval
from indexer.limits import LimitExceeded, Limits
from indexer.model import Block, ExtractedDocument, Page, unreadable
from indexer.running_heads import to_roman
from indexer.sections import section_number

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "docProps/app.xml")
_CHUNK = 1 << 20
_APP_PAGES = re.compile(rb"<(?:\w{1,40}:)?Pages>(\d{1,9})</")
_HEADING_STYLE = re.compile(r"^(heading \d|title)$")
_SPACES = re.compile(r"\s+")
# Page-break markers among a paragraph's text pieces (tuples, so no text can look like one).
_RENDERED = ("break", "rendered")
_HARD = ("break", "hard")

# Inline elements whose content a reader does not see (deleted text, field codes,
# the VML copy of a text box already read from its DrawingML twin).
_SKIP = {
    W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "delText", W + "instrText",
    W + "fldData", W + "commentReference", W + "footnoteReference", W + "endnoteReference",
    MC + "Fallback",
}


class DocxError(Exception):
    """A DOCX that cannot be read at all; the message is the unreadable reason."""


# Items of the reading stream, in document order.
@dataclass
class Draft:
    """A block before it knows its page position."""

    kind: str
    text: str
    section: str | None
    continuation: bool = False  # the tail of a paragraph that began on an earlier page


@dataclass(frozen=True)
class Break:
    kind: str  # "rendered", "hard", "before" (pageBreakBefore), "section"
    section_type: str = "nextPage"  # for "section": how the next section starts


@dataclass(frozen=True)
class SectionStart:
    index: int


@dataclass
class DocxLayout:
    """A DOCX laid out in pages, before it becomes an ExtractedDocument."""

    pages: list[list[Draft]]
    labels: list[str | None]  # Word's number for each page, printed or not (see _Pager._labels)
    numbering: str
    notes: list[str] = field(default_factory=list)
    rendered_breaks: int = 0
    hard_breaks: int = 0

    def paragraph_count(self) -> int:
        """Blocks that start a paragraph (continuations left out): Word's non-empty paragraphs."""
        return sum(1 for page in self.pages for d in page if not d.continuation)


def extract_docx(path: Path, limits: Limits | None = None) -> ExtractedDocument:
    """Extract a DOCX into pages and blocks; bad files come back unreadable.

    Reasons: "encrypted" (a password-protected DOCX is an OLE file), "not a DOCX: ...",
    "corrupt: ...", "cannot read file: ...". Raises LimitExceeded when the zip or its
    XML breaks one of `limits` (bytes decompressed, members, nesting depth).
    """
    path = Path(path)
    try:
        layout = read_docx(path, limits)
    except DocxError as error:
        return unreadable(path.name, "docx", str(error))
    pages = tuple(
        Page(
            physical=i + 1,
            label=layout.labels[i],
            blocks=tuple(Block(n=j + 1, kind=d.kind, text=d.text, section=d.section) for j, d in enumerate(drafts)),
        )
        for i, drafts in enumerate(layout.pages)
    )
    return ExtractedDocument(
        file=path.name, format="docx", pages=pages, numbering=layout.numbering, notes=tuple(layout.notes)
    )


def read_docx(path: Path, limits: Limits | None = None) -> DocxLayout:
    """Lay a DOCX out in pages of draft blocks. Raises DocxError with the reason it cannot be
    read, LimitExceeded when reading it would break `limits`."""
    limits = limits or Limits()
    parts = read_parts(Path(path), limits)
    document = _parse(parts["word/document.xml"], "word/document.xml", limits)
    body = document.find(W + "body")
    if body is None:
        raise DocxError("corrupt: word/document.xml has no w:body")
    styles = Styles(_parse(parts["word/styles.xml"], "word/styles.xml", limits) if "word/styles.xml" in parts else None)
    numbering = Numbering(
        _parse(parts["word/numbering.xml"], "word/numbering.xml", limits) if "word/numbering.xml" in parts else None
    )
    reader = _BodyReader(body, styles, numbering)
    stream = list(reader.walk(body))
    pager = _Pager(reader.sections)
    for item in stream:
        pager.take(item)
    layout = pager.layout(_page_number_parts(path, _spent(limits, parts), parts, reader.sections))
    layout.rendered_breaks = reader.rendered_breaks
    layout.hard_breaks = reader.hard_breaks
    _judge_numbering(layout, reader, _app_pages(parts.get("docProps/app.xml")))
    return layout


def read_parts(path: Path, limits: Limits, names: tuple[str, ...] = _PARTS) -> dict[str, bytes]:
    """The named parts of a DOCX zip that are present, decompressed under `limits`.

    The bytes actually decompressed are counted, across all parts, while they come out
    of the zip: the sizes a zip's headers claim can be forged and are not trusted.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise DocxError(f"cannot read file: {error.strerror or error}") from None
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ooxml(path):
            raise DocxError("encrypted")
        raise DocxError("not a DOCX: a Word 97-2003 binary (.doc) file; save it as .docx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise LimitExceeded(f"members in a DOCX zip: it has {len(members):,}", limits.max_zip_members,
                                    name="max_zip_members")
            present = {m.filename for m in members}
            if "word/document.xml" not in present:
                raise DocxError("not a DOCX: the zip has no word/document.xml")
            budget = [limits.max_zip_bytes]
            return {name: _decompress(archive, name, budget, limits) for name in names if name in present}
    except zipfile.BadZipFile as error:
        raise DocxError(f"corrupt: not a zip archive ({error})") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, zlib_error) as error:
        raise DocxError(f"corrupt: {error}") from None


def _spent(limits: Limits, parts: dict[str, bytes]) -> Limits:
    """`limits` with the bytes already decompressed taken off the zip budget: a later read of
    more parts of the same DOCX shares one budget with the first."""
    used = sum(len(data) for data in parts.values())
    return replace(limits, max_zip_bytes=max(1, limits.max_zip_bytes - used))


def _decompress(archive: zipfile.ZipFile, name: str, budget: list[int], limits: Limits) -> bytes:
    """One member's bytes, charged to `budget` (bytes left) as they are decompressed."""
    chunks = []
    with archive.open(name) as member:
        while chunk := member.read(min(_CHUNK, budget[0] + 1)):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise LimitExceeded("bytes decompressed from a DOCX zip", limits.max_zip_bytes, " bytes",
                                    name="max_zip_bytes")
            chunks.append(chunk)
    return b"".join(chunks)


def _is_encrypted_ooxml(path: Path) -> bool:
    """An encrypted OOXML file is an OLE compound file holding an EncryptionInfo stream."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return "EncryptionInfo".encode("utf-16-le") in data


def _parse(data: bytes, name: str, limits: Limits):
    """An XML part's tree; LimitExceeded if its elements nest deeper than `limits.max_xml_depth`.

    The walk over the body recurses with the nesting (a table inside a table cell inside
    ...), so depth is checked before the tree is used: by an XPath of max_xml_depth
    steps, which finds any element deeper than that in C, in milliseconds.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise _too_deep(name, limits) from None
        raise DocxError(f"corrupt: {name}: {error}") from None
    if etree.XPath("/".join(["*"] * limits.max_xml_depth))(root):
        raise _too_deep(name, limits)
    return root


def _too_deep(name: str, limits: Limits) -> LimitExceeded:
    return LimitExceeded(f"XML nesting depth in {name}", limits.max_xml_depth, " levels", name="max_xml_depth")


def _app_pages(data: bytes | None) -> int | None:
    """The page count Word saved in docProps/app.xml (an estimate, sometimes stale)."""
    if not data:
        return None
    match = _APP_PAGES.search(data)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class _Section:
    start_type: str  # how this section starts: nextPage, continuous, oddPage, evenPage
    page_start: int | None  # w:pgNumType w:start
    page_format: str  # w:pgNumType w:fmt
    # Header and footer relationship ids by kind ("default", "first"), as written in
    # this section's sectPr (a kind not written is inherited from the section before).
    headers: tuple[tuple[str, str], ...] = ()
    footers: tuple[tuple[str, str], ...] = ()
    title_page: bool = False  # w:titlePg: the first page has its own header and footer


def _sections(body) -> list[_Section]:
    """Every section of the body in order: sectPr in paragraph marks, then the body's own."""
    out = []
    for sect in body.iter(W + "sectPr"):
        parent = sect.getparent()
        if parent is None or parent.tag not in (W + "pPr", W + "body"):
            continue  # a tracked change's old properties
        pgnum = sect.find(W + "pgNumType")
        start = pgnum.get(W + "start") if pgnum is not None else None
        refs = {
            tag: tuple((ref.get(W + "type") or "default", ref.get(_R_ID) or "") for ref in sect.findall(W + tag))
            for tag in ("headerReference", "footerReference")
        }
        title_page = sect.find(W + "titlePg")
        out.append(
            _Section(
                start_type=wval(sect, "type") or "nextPage",
                page_start=int(start) if start and start.isdigit() else None,
                page_format=(pgnum.get(W + "fmt") if pgnum is not None else None) or "decimal",
                headers=refs["headerReference"],
                footers=refs["footerReference"],
                title_page=title_page is not None and (title_page.get(W + "val") or "1") not in ("0", "false", "off"),
            )
        )
    return out or [_Section("nextPage", None, "decimal")]


class _BodyReader:
    """Walks the body XML and yields drafts, breaks and section starts in reading order."""

    def __init__(self, body, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.sections = _sections(body)
        self._section_index = 0
        self.rendered_breaks = 0
        self.hard_breaks = 0
        self.section_breaks = 0

    def walk(self, container, in_table: bool = False, in_textbox: bool = False) -> Iterator:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                yield from self._paragraph(child, in_table, in_textbox)
            elif tag == W + "tbl":
                yield from self._table(child, in_textbox)
            elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if content is not None:
                    yield from self.walk(content, in_table, in_textbox)

    # --- tables -----------------------------------------------------------------
    def _table(self, table, in_textbox: bool) -> Iterator:
        for row in _rows(table):
            cells = [list(self.walk(cell, True, in_textbox)) for cell in _cells(row)]
            yield from _merge_row(cells)

    # --- paragraphs -------------------------------------------------------------
    def _paragraph(self, p, in_table: bool, in_textbox: bool) -> Iterator:
        ppr = p.find(W + "pPr")
        style_id = wval(ppr, "pStyle")
        label = self._list_label(ppr, style_id)
        pieces: list = []
        textboxes: list = []
        _inline(p, pieces, textboxes)
        if in_textbox:  # a text box floats; its rendered breaks say nothing of the body's pages
            pieces = [x for x in pieces if isinstance(x, str)]
        self.rendered_breaks += pieces.count(_RENDERED)
        self.hard_breaks += pieces.count(_HARD)
        segments, leading, middle, trailing = _split_pieces(pieces)
        if not in_textbox and self._page_break_before(ppr, style_id):
            yield Break("before")
        for kind in leading:
            yield Break(kind)
        text = _clean(" ".join(segments))
        if text:
            shown = f"{label.text} {text}" if label and label.text else text
            section = (label.section if label else None) or section_number(shown)
            yield Draft(self._kind(ppr, style_id, label, in_table), shown, section)
            for kind, tail in middle:
                yield Break(kind)
                tail = _clean(tail)
                if tail:
                    yield Draft(self._kind(ppr, style_id, label, in_table), tail, None, continuation=True)
        else:
            for kind, _ in middle:
                yield Break(kind)
        for textbox in textboxes:
            yield from self.walk(textbox, in_table, in_textbox=True)
        for kind in trailing:
            yield Break(kind)
        if ppr is not None and ppr.find(W + "sectPr") is not None and not in_table and not in_textbox:
            self._section_index += 1
            if self._section_index < len(self.sections):
                self.section_breaks += 1
                yield Break("section", self.sections[self._section_index].start_type)
                yield SectionStart(self._section_index)

    def _page_break_before(self, ppr, style_id: str | None) -> bool:
        direct = None
        if ppr is not None:
            child = ppr.find(W + "pageBreakBefore")
            if child is not None:
                direct = child.get(W + "val", "1").lower() not in ("0", "false", "off")
        if direct is not None:
            return direct
        return bool(self.styles.inherited(style_id, "page_break_before"))

    def _list_label(self, ppr, style_id: str | None) -> ListLabel | None:
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = wval(numpr, "numId") or self.styles.inherited(style_id, "num_id")
        if not num_id or num_id == "0":
            return None
        ilvl_text = wval(numpr, "ilvl")
        if ilvl_text and ilvl_text.isdigit():
            ilvl = int(ilvl_text)
        else:
            ilvl = self.styles.inherited(style_id, "ilvl")
            if ilvl is None:
                ilvl = self.numbering.style_levels.get(style_id or "", (None, 0))[1]
        return self.numbering.advance(num_id, ilvl) or ListLabel("", None)

    def _kind(self, ppr, style_id: str | None, label: ListLabel | None, in_table: bool) -> str:
        if in_table:
            return "table_cell"
        name = self.styles.name(style_id)
        outline = wval(ppr, "outlineLvl")
        level = int(outline) if outline and outline.isdigit() else self.styles.inherited(style_id, "outline_level")
        if _HEADING_STYLE.match(name) or (level is not None and level < 9):
            return "heading"
        if label is not None or name.startswith("list"):
            return "list_item"
        return "paragraph"


def _rows(table) -> Iterator:
    for child in table:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):  # rows wrapped in a content control
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _rows(content)


def _cells(row) -> Iterator:
    for child in row:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _merge_row(cells: list[list]) -> Iterator:
    """One table row in reading order: what each cell shows on a page, page by page.

    Word writes a rendered break into every cell that carries on over a page; a row that
    starts on a new page has one at the top of its cells. Either way the row's cells share
    their page boundaries, so the k-th page part of every cell is read before any cell's
    (k+1)-th.
    """
    split = [_split_at_breaks(items) for items in cells]
    if any(len(parts) > 1 and not parts[0][0] for parts in split):
        # The row starts on a new page: cells Word gave no leading break start there too.
        split = [parts if (len(parts) > 1 and not parts[0][0]) else [([], None)] + parts for parts in split]
    depth = max((len(parts) for parts in split), default=0)
    for k in range(depth):
        if k:
            kinds = {parts[k][1] for parts in split if k < len(parts)}
            yield Break("rendered" if kinds == {"rendered"} else "hard")
        for parts in split:
            if k < len(parts):
                yield from parts[k][0]


def _split_at_breaks(items: list) -> list[tuple[list, str | None]]:
    """Items cut at page breaks: [(items, kind of the break before them)]."""
    parts: list[tuple[list, str | None]] = [([], None)]
    for item in items:
        if isinstance(item, Break) and item.kind in ("rendered", "hard", "before"):
            parts.append(([], item.kind))
        else:
            parts[-1][0].append(item)
    return parts


def _inline(element, pieces: list, textboxes: list) -> None:
    """Collect a paragraph's text and page breaks in order; nested text boxes go aside."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            pieces.append(child.text or "")
        elif tag in (W + "tab", W + "ptab", W + "cr"):
            pieces.append(" ")
        elif tag == W + "br":
            pieces.append(_HARD if child.get(W + "type") == "page" else " ")
        elif tag == W + "lastRenderedPageBreak":
            pieces.append(_RENDERED)
        elif tag == W + "noBreakHyphen":
            pieces.append("-")
        elif tag == W + "txbxContent":
            textboxes.append(child)
        else:  # runs, hyperlinks, fields, content controls, insertions, drawings
            _inline(child, pieces, textboxes)


def _split_pieces(pieces: list) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    """Split a paragraph at its page breaks.

    Returns (every text segment, breaks before the first text, [(break, text after it)]
    for breaks inside the text, breaks after the last text). Break markers are
    _RENDERED and _HARD; everything else is text.
    """
    texts: list[str] = []
    breaks: list[tuple[str, int]] = []  # (kind, number of text pieces before it)
    current: list[str] = []
    for piece in pieces:
        if isinstance(piece, tuple):
            texts.append("".join(current))
            current = []
            breaks.append((piece[1], len(texts)))
        else:
            current.append(piece)
    texts.append("".join(current))
    nonblank = [i for i, t in enumerate(texts) if t.strip()]
    if not nonblank:
        return [], [k for k, _ in breaks], [], []
    first, last = nonblank[0], nonblank[-1]
    leading = [k for k, pos in breaks if pos <= first]
    trailing = [k for k, pos in breaks if pos > last]
    middle = [(k, texts[pos]) for k, pos in breaks if first < pos <= last]
    return texts, leading, middle, trailing


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class _Pager:
    """Turns the reading stream into pages, one break at a time."""

    def __init__(self, sections: list[_Section]):
        self.sections = sections
        self.pages: list[list[Draft]] = [[]]
        self.page_sections: list[int] = [0]
        self.section = 0
        self.after_forced_break = False  # a hard/section break with no text since

    def _new_page(self) -> None:
        self.pages.append([])
        self.page_sections.append(self.section)

    def take(self, item) -> None:
        if isinstance(item, Draft):
            self.pages[-1].append(item)
            self.after_forced_break = False
        elif isinstance(item, SectionStart):
            self.section = item.index
            if not self.pages[-1]:
                self.page_sections[-1] = item.index
        elif isinstance(item, Break):
            self._break(item)

    def _break(self, item: Break) -> None:
        if item.kind == "rendered":
            if self.after_forced_break:
                self.after_forced_break = False  # Word's record of the break just taken
                return
            self._new_page()
        elif item.kind == "before":
            if self.pages[-1] and not self.after_forced_break:
                self._new_page()
                self.after_forced_break = True
        elif item.kind == "hard":
            self._new_page()
            self.after_forced_break = True
        elif item.kind == "section" and item.section_type != "continuous":
            if not self.after_forced_break or self.pages[-1]:
                self._new_page()
            parity = {"oddPage": 1, "evenPage": 0}.get(item.section_type)
            if parity is not None and len(self.pages) % 2 != parity:
                self._new_page()  # Word inserts a blank page to start on the odd/even side
            self.after_forced_break = True

    def layout(self, numbered_parts: set[str] | None = None) -> DocxLayout:
        labels, silent = self._labels(numbered_parts)
        layout = DocxLayout(pages=self.pages, labels=labels, numbering="rendered")
        if silent:
            # The format numbers a DOCX page as Word does, printed or not: a PCT reading
            # Word's status bar cites a cover or a landscape table by that number.
            layout.notes.append(
                f"{len(silent)} of {len(labels)} pages print no page number (physical "
                f"{'page' if len(silent) == 1 else 'pages'} {', '.join(map(str, silent))}): "
                "each keeps the number Word gives it"
            )
        return layout

    def _labels(self, numbered_parts: set[str] | None = None) -> tuple[list[str], list[int]]:
        """(Word's page numbers, the physical pages whose header and footer print none).

        Every page has the number Word counts for it (from 1, or a section's start), whether
        or not it prints it (SUBMISSION_FORMAT.md, "Page"). `numbered_parts`: relationship
        ids of the headers and footers holding a PAGE field, to tell which pages print none
        when any does.
        """
        labels: list[str] = []
        silent: list[int] = []
        number = 0
        inherited: dict[tuple[str, str], str] = {}  # (header/footer, kind) -> rel id
        seen_section = -1
        for i, section_index in enumerate(self.page_sections):
            section = self.sections[min(section_index, len(self.sections) - 1)]
            starts_section = i == 0 or self.page_sections[i - 1] != section_index
            if starts_section and section.page_start is not None:
                number = section.page_start
            else:
                number += 1
            if section_index != seen_section:
                for k in range(seen_section + 1, min(section_index, len(self.sections) - 1) + 1):
                    for where, refs in (("header", self.sections[k].headers), ("footer", self.sections[k].footers)):
                        inherited.update({(where, kind): rel for kind, rel in refs})
                seen_section = section_index
            labels.append(_format_label(number, section.page_format))
            if numbered_parts:
                kind = "first" if starts_section and section.title_page else "default"
                shown = {inherited.get(("header", kind)), inherited.get(("footer", kind))}
                if not shown & numbered_parts:
                    silent.append(i + 1)
        return labels, silent


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELS = "word/_rels/document.xml.rels"
_RELATIONSHIP = re.compile(rb"<(?:\w{1,40}:)?Relationship\b[^>]{0,2000}>")
_ATTRIBUTE = re.compile(rb'\b(Id|Target)="([^"]{0,500})"')
# A PAGE field (not NUMPAGES or SECTIONPAGES) in a simple field or a field code.
_PAGE_FIELD = re.compile(rb'(?:instr="|<w:instrText\b[^>]{0,200}>)[ ]{0,20}PAGE\b')


def _page_number_parts(path: Path, limits: Limits, parts: dict[str, bytes], sections: list[_Section]) -> set[str]:
    """Relationship ids of the headers and footers that print a page number (a PAGE field).

    Only the headers and footers the sections name are read, each a small part.
    """
    wanted = {rel for section in sections for _, rel in (*section.headers, *section.footers) if rel}
    if not wanted:
        return set()
    rels = parts.get(_RELS)
    if rels is None:
        rels = read_parts(path, limits, (_RELS,)).get(_RELS, b"")
        limits = _spent(limits, {_RELS: rels})
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attributes = dict(_ATTRIBUTE.findall(tag))
        rel, target = attributes.get(b"Id", b"").decode(), attributes.get(b"Target", b"").decode()
        if rel in wanted and target and ".." not in target:
            targets[rel] = "word/" + target.lstrip("/").removeprefix("word/")
    found = read_parts(path, limits, tuple(sorted(set(targets.values())))) if targets else {}
    return {rel for rel, target in targets.items() if _PAGE_FIELD.search(found.get(target, b""))}


def _format_label(number: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman") and number > 0:
        roman = to_roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(number)


def _judge_numbering(layout: DocxLayout, reader: _BodyReader, app_pages: int | None) -> None:
    """Decide whether the pages are Word's rendered pages or only an approximation."""
    count = len(layout.pages)
    one_page = reader.hard_breaks == 0 and reader.section_breaks == 0 and app_pages == 1 and count == 1
    if reader.rendered_breaks == 0 and not one_page:
        layout.numbering = "approximate"
        estimate = f" (Word's saved estimate is {app_pages} pages)" if app_pages else ""
        layout.notes.append(
            f"No rendered page breaks: this DOCX was not last saved by Word, so its {count} page(s) "
            f"follow only hard page breaks and section breaks{estimate}. Page and paragraph "
            "citations into it can only be checked approximately."
        )
    elif app_pages is not None and app_pages > 1 and app_pages != count:
        # (a saved estimate of 1 page is a generator's template default, not Word's count)
        layout.notes.append(
            f"Word's saved page count is {app_pages}; the rendered page breaks give {count} pages."
        )
