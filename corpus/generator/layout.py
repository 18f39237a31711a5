"""Blocks, pages and the paginator: where every block of a document lies.

The generator decides pagination itself, for PDF and DOCX alike, so it knows which
block is paragraph n of page p: blocks are counted from the top of a page (headings,
list items, table cells and paragraphs; never running headers, footers or page
numbers), a block never splits across pages, a heading never ends a page, and a
two-column page lists its heading, then the left column, then the right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4 in points
MARGIN_X = 72.0
BODY_TOP = 95.0  # distance from the top edge; running heads sit above, in the top tenth
BODY_BOTTOM = 92.0  # distance from the bottom edge; footers sit below, in the bottom tenth
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
BODY_HEIGHT = PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM
COLUMN_GAP = 22.0
BLOCK_GAP = 9.0
CELL_PAD = 4.0
LIST_INDENT = 16.0

# style -> (font, size, leading, extra space above when not first on the page)
STYLES = {
    "title": ("Helvetica-Bold", 22, 27, 0),
    "subtitle": ("Helvetica", 13, 17, 0),
    "h1": ("Helvetica-Bold", 15, 19, 8),
    "h2": ("Helvetica-Bold", 12, 15, 4),
    "body": ("Helvetica", 10, 13, 0),
    "list": ("Helvetica", 10, 13, 0),
    "caption": ("Helvetica-Oblique", 9, 11, 0),
    "cell": ("Helvetica", 9, 11, 0),
    "cell_head": ("Helvetica-Bold", 9, 11, 0),
}
KIND_OF_STYLE = {"title": "heading", "h1": "heading", "h2": "heading", "list": "list_item",
                 "cell": "table_cell", "cell_head": "table_cell"}


@lru_cache(maxsize=200_000)
def _width(word: str, font: str, size: float) -> float:
    return stringWidth(word, font, size)


@lru_cache(maxsize=50_000)
def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap: the lines a block takes at this width."""
    space = _width(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        w = _width(word, font, size)
        if current and used + space + w > width:
            lines.append(" ".join(current))
            current, used = [word], w
        else:
            used += (space if current else 0.0) + w
            current.append(word)
    lines.append(" ".join(current))
    return lines


@dataclass
class Block:
    """One block of text: what a signpost's "para n" counts."""

    style: str
    text: str
    section: str | None = None  # the number it carries: "4.2", "3.2.1", "Appendix B"
    topic: str | None = None  # the phrase bank it was written from
    plant: str | None = None  # the criterion line ("C6b.3") this paragraph was planted for

    @property
    def kind(self) -> str:
        return KIND_OF_STYLE.get(self.style, "paragraph")

    def lines(self, width: float) -> list[str]:
        font, size, _, _ = STYLES[self.style]
        if self.style == "list":
            width -= LIST_INDENT
        return wrap(self.text, font, size, width)

    def height(self, width: float) -> float:
        return len(self.lines(width)) * STYLES[self.style][2]


@dataclass
class Table:
    caption: Block
    rows: list[list[str]]  # the first row is the header
    widths: list[float]  # fractions of the body width
    topic: str | None = None

    def cells(self) -> list[list[Block]]:
        return [[Block("cell_head" if r == 0 else "cell", text, topic=self.topic) for text in row]
                for r, row in enumerate(self.rows)]

    def row_heights(self) -> list[float]:
        heights = []
        for row in self.cells():
            tallest = max(b.height(w * BODY_WIDTH - 2 * CELL_PAD) for b, w in zip(row, self.widths))
            heights.append(tallest + 2 * CELL_PAD)
        return heights

    def height(self) -> float:
        return self.caption.height(BODY_WIDTH) + BLOCK_GAP + sum(self.row_heights())


@dataclass
class TwoColumns:
    """A page of its own: a heading across the top, then two columns of blocks."""

    heading: Block
    left: list[Block]
    right: list[Block]


class PageBreak:
    """Start a new page here (cover, contents, a chapter that opens on a new page)."""


Item = Block | Table | TwoColumns | PageBreak


@dataclass
class Placement:
    """Where the PDF writer draws one block (y measured down from the top edge)."""

    block: Block
    x: float
    y: float
    width: float


@dataclass
class Grid:
    x: float
    y: float
    col_widths: list[float]
    row_heights: list[float]


@dataclass
class Page:
    placements: list[Placement] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # what the DOCX writer writes, in order
    label: str | None = None  # the printed page number a signpost cites
    footer: str | None = None  # the page number as printed, if any

    @property
    def blocks(self) -> list[Block]:
        """The page's blocks in reading order: paragraph n is blocks[n - 1]."""
        return [p.block for p in self.placements]


def column_height(blocks: list[Block], width: float) -> float:
    return sum(b.height(width) + BLOCK_GAP + STYLES[b.style][3] for b in blocks)


class Paginator:
    """Flows items onto pages, top to bottom, never splitting a block or a table."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page()]
        self.y = BODY_TOP

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        if self.page.placements:
            self.pages.append(Page())
        self.y = BODY_TOP

    def room(self) -> float:
        return PAGE_HEIGHT - BODY_BOTTOM - self.y

    def _space_above(self, block: Block) -> float:
        return STYLES[block.style][3] if self.page.placements else 0.0

    def place_block(self, block: Block, following: Item | None) -> None:
        need = self._space_above(block) + block.height(BODY_WIDTH)
        if block.kind == "heading" and following is not None:
            need += 30  # keep a heading with the first lines of what follows
        if need > self.room():
            self.new_page()
        self.y += self._space_above(block)
        x = MARGIN_X
        self.page.placements.append(Placement(block, x, self.y, BODY_WIDTH))
        self.page.items.append(block)
        self.y += block.height(BODY_WIDTH) + BLOCK_GAP

    def place_table(self, table: Table) -> None:
        if table.height() > self.room():
            self.new_page()
        self.page.placements.append(Placement(table.caption, MARGIN_X, self.y, BODY_WIDTH))
        self.y += table.caption.height(BODY_WIDTH) + BLOCK_GAP
        widths = [w * BODY_WIDTH for w in table.widths]
        heights = table.row_heights()
        self.page.grids.append(Grid(MARGIN_X, self.y, widths, heights))
        y = self.y
        for row, height in zip(table.cells(), heights):
            x = MARGIN_X
            for cell, width in zip(row, widths):
                self.page.placements.append(Placement(cell, x + CELL_PAD, y + CELL_PAD, width - 2 * CELL_PAD))
                x += width
            y += height
        self.page.items.append(table)
        self.y = y + BLOCK_GAP

    def place_columns(self, spread: TwoColumns) -> None:
        self.new_page()
        self.page.placements.append(Placement(spread.heading, MARGIN_X, self.y, BODY_WIDTH))
        self.y += spread.heading.height(BODY_WIDTH) + BLOCK_GAP
        width = (BODY_WIDTH - COLUMN_GAP) / 2
        top = self.y
        for column, x in ((spread.left, MARGIN_X), (spread.right, MARGIN_X + width + COLUMN_GAP)):
            y = top
            for block in column:
                self.page.placements.append(Placement(block, x, y, width))
                y += block.height(width) + BLOCK_GAP
        self.page.items.append(spread)
        self.y = PAGE_HEIGHT  # nothing else on this page
        self.new_page()

    def run(self, items: list[Item]) -> list[Page]:
        for i, item in enumerate(items):
            following = items[i + 1] if i + 1 < len(items) else None
            if isinstance(item, PageBreak):
                self.new_page()
            elif isinstance(item, Table):
                self.place_table(item)
            elif isinstance(item, TwoColumns):
                self.place_columns(item)
            else:
                self.place_block(item, following)
        if not self.page.placements and len(self.pages) > 1:
            self.pages.pop()
        return self.pages
