"""Lines of a PDF page into blocks, in reading order, each with its kind.

Lines join into a block while they follow each other closely in one column with the
same style. A block ends at a wider vertical gap, a first-line indent, a change of
font size or weight at a heading, or a list marker. Blocks (and whole tables) are then
put in reading order with Breuel's rule for columns: A comes before B if they share
x-range and A is higher, or if A lies wholly left of B and nothing between them
vertically spans both; footnotes at the foot of the page then go last. Headings are short blocks set larger than the body text, or
in bold where the body is not.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from indexer.model import Block
from indexer.pdf_lines import Line, ends_in_leader
from indexer.pdf_tables import Table
from indexer.sections import section_number

_HEADING_SIZE = 1.15  # times the body size
_MAX_HEADING_CHARS = 200
_LIST_MARKER = re.compile(
    r"""^(?:[•●▪■□◦○‣⁃∙·➢►▶✓✔❖\uf000-\uf0ff*]\s*
        |[-–—o]\s+
        |\(?[a-z]\)\s+|\(?(?:[ivx]{1,5})\)\s+|[a-z]\.\s+
        |\d{1,2}[.)]\s+)\S""",
    re.VERBOSE,
)
# Where a document's line spacing is not known, a baseline this many font sizes below
# the last one starts a new block (single to 1.5-line spacing stays one block).
_UNKNOWN_PITCH = 1.9
# A contents entry ends in a dot leader and a page number: each entry is its own block.
_ROMAN_LETTERS = "ivxlcIVXLC"


def _contents_entry(text: str) -> bool:
    """"Etat initial ........ 26", "Foreword … iv": a leader, then a page number."""
    text = text.rstrip()
    number = text.rstrip("0123456789")
    if number == text:
        number = text.rstrip(_ROMAN_LETTERS)
        if len(text) - len(number) > 6:
            return False
    elif len(text) - len(number) > 4:
        return False
    return number != text and ends_in_leader(number, marks=4)
_SENTENCE_END = re.compile(r"[.:!?]['\")\]]?$")
_MAX_ORDERED = 120  # beyond this many items the cubic column rule is too slow


@dataclass(slots=True)  # one per line of every page: slots make them smaller and quicker
class _Group:
    """Lines gathered into one block; its box grows as lines join."""

    lines: list[Line]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0

    def __post_init__(self):
        first = self.lines[0]
        self.x0, self.top, self.x1, self.bottom = first.x0, first.top, first.x1, first.bottom

    def add(self, line: Line) -> None:
        self.lines.append(line)
        # Comparisons, not min/max: this runs once per line of every page.
        if line.x0 < self.x0:
            self.x0 = line.x0
        if line.top < self.top:
            self.top = line.top
        if line.x1 > self.x1:
            self.x1 = line.x1
        if line.bottom > self.bottom:
            self.bottom = line.bottom


def _text(lines: list[Line]) -> str:
    parts: list[str] = []
    for line in lines:
        if parts and not parts[-1].endswith("\u2060"):
            parts.append(" ")
        parts.append(line.text + ("\u2060" if line.hyphenated else ""))
    return "".join(parts).replace("\u2060", "").strip()


def _style_break(last: Line, line: Line) -> bool:
    """A change of size or weight where the earlier line stops short, as a heading does."""
    size_change = abs(line.size - last.size) > 0.1 * max(line.size, last.size)
    if size_change:
        return True
    return last.bold != line.bold and last.x1 < line.x1 - 2 * line.size


def _continues(group: _Group, line: Line, marked: bool, pitch: float | None) -> bool:
    """Whether `line` carries on the block `group` (same column, close below, same style).

    `marked`: the line starts with a list marker (matched once per line, not per group).
    `pitch`: the document's usual baseline-to-baseline distance for lines of this size,
    or None. Line spacing and indentation decide where a paragraph ends: a line further
    below the last than the usual pitch (by more than a third of the font size) starts
    a new block, and so does a first-line indent. A short last line ending a sentence
    ends a block only where the next line starts a sentence, for text set with neither.
    Distances are between baselines: glyph boxes are tight, so a one-word line such as
    "groups." (no ascenders) would otherwise look further from the line above it.
    """
    last = group.lines[-1]
    # Every test below only rejects, and none has side effects: the cheapest run first
    # (a line is tried against up to four blocks, most of them in another column).
    if line.x0 >= last.x1 or line.x1 <= last.x0:
        return False
    size = max(line.size, last.size, 1.0)
    if line.top - last.bottom < -0.5 * size:
        return False
    step = line.base - last.base
    usual = pitch
    if len(group.lines) >= 2:
        own = last.base - group.lines[-2].base
        if own > 0.5 * size:
            usual = own if usual is None else min(usual, own)
    if step > (usual + 0.35 * size if usual is not None else _UNKNOWN_PITCH * size):
        return False
    if marked or _style_break(last, line) or _contents_entry(last.text):
        return False
    first_marked = len(group.lines) == 1 and _LIST_MARKER.match(group.lines[0].text) is not None
    if not first_marked and line.x0 > last.x0 + 0.8 * size:
        return False  # first-line indent of a new paragraph
    right = max(group.x1, line.x1)
    short = last.x1 < right - 0.25 * (right - group.x0)
    if short and _SENTENCE_END.search(last.text) and line.text[:1].isupper():
        return False
    return True


def line_pitches(pages: list[list[Line]]) -> dict[float, float]:
    """The usual baseline-to-baseline distance of consecutive lines, by font size.

    Counted over the whole document (one page of one-line paragraphs would otherwise
    take its paragraph spacing for line spacing); sizes with fewer than three pairs of
    lines have no entry.
    """
    counts: dict[float, dict[float, int]] = {}
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if a.baseline is None or b.baseline is None or abs(a.size - b.size) > 0.1 * a.size:
                continue
            step = b.baseline - a.baseline
            if not (0.9 * a.size < step < 2.5 * a.size) or b.x0 >= a.x1 or b.x1 <= a.x0:
                continue
            bucket = counts.setdefault(round(a.size, 1), {})
            key = round(step * 2) / 2
            bucket[key] = bucket.get(key, 0) + 1
    pitches = {}
    for size, bucket in counts.items():
        if sum(bucket.values()) >= 3:
            pitches[size] = max(bucket.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return pitches


def group_lines(lines: list[Line], pitches: dict[float, float] | None = None) -> list[_Group]:
    """Lines (in content order) into blocks; a line may rejoin one of the last few blocks."""
    pitches = pitches or {}
    groups: list[_Group] = []
    for line in lines:
        marked = _LIST_MARKER.match(line.text) is not None
        pitch = pitches.get(round(line.size, 1))
        x0, x1 = line.x0, line.x1
        for group in reversed(groups[-4:]):
            last = group.lines[-1]
            if x0 >= last.x1 or x1 <= last.x0:
                continue  # another column: `_continues`'s first test, without the call
            if _continues(group, line, marked, pitch):
                group.add(line)
                break
        else:
            groups.append(_Group([line]))
    return groups


def _stacked(items: list) -> bool:
    """Whether items (sorted by top) sit one below another, none beside another."""
    lowest = float("-inf")
    for it in items:
        if it.top < lowest - 1.0:
            return False
        lowest = max(lowest, it.bottom)
    return True


def reading_order(items: list) -> list:
    """Items with x0/top/x1/bottom in reading order (columns left to right)."""
    n = len(items)
    if n < 2:
        return list(items)
    by_position = sorted(items, key=lambda it: (round(it.top), it.x0))
    if n > _MAX_ORDERED or _stacked(by_position):
        return by_position  # too many to order by columns, or no two side by side
    waiting, after = _precedence(items)  # waiting[b]: how many items precede b
    keys = [(round(it.top), it.x0, i) for i, it in enumerate(items)]
    ready = [keys[i] for i in range(n) if not waiting[i]]
    heapq.heapify(ready)
    queued = [not w for w in waiting]
    order: list = []
    while len(order) < n:
        if not ready:  # a cycle from overlapping boxes: take the highest left item
            rest = min(keys[i] for i in range(n) if not queued[i])
            ready.append(rest)
            queued[rest[2]] = True
        *_, i = heapq.heappop(ready)
        order.append(items[i])
        for j in after[i]:
            waiting[j] -= 1
            if not waiting[j] and not queued[j]:
                heapq.heappush(ready, keys[j])
                queued[j] = True
    return order


def _precedence(items: list) -> tuple[list[int], list[list[int]]]:
    """Breuel's rule as counts and edges: for each item, how many items come before
    it, and which items it comes before.

    Sets of items are bit masks (bit j is item j), so "no item between them spans
    both" is two ANDs instead of a loop over the items.
    """
    n = len(items)
    x0 = [it.x0 for it in items]
    x1 = [it.x1 for it in items]
    top = [it.top for it in items]
    bottom = [it.bottom for it in items]
    # overlaps[i]: items sharing more than 0.5 pt of x-range with item i. Swept in
    # order of x0: once an item starts within 0.5 pt of i's right edge, so do all after.
    overlaps = [0] * n
    by_x0 = sorted(range(n), key=x0.__getitem__)
    for k, i in enumerate(by_x0):
        right = x1[i]
        for j in by_x0[k + 1:]:
            start = x0[j]
            if right - start <= 0.5:
                break
            if x1[j] - start > 0.5:
                overlaps[i] |= 1 << j
                overlaps[j] |= 1 << i
    # by_top[k]: the k items with the lowest tops, to pick items with a top in a range
    ranked = sorted(range(n), key=top.__getitem__)
    tops = [top[i] for i in ranked]
    by_top = [0]
    for i in ranked:
        by_top.append(by_top[-1] | 1 << i)
    everyone = by_top[-1]
    waiting = [0] * n
    after: list[list[int]] = [[] for _ in range(n)]
    for a in range(n):
        overlaps_a, x0_a, x1_a, top_a, bottom_a = overlaps[a], x0[a], x1[a], top[a], bottom[a]
        for b in range(a + 1, n):
            if overlaps_a >> b & 1:
                first, second = (a, b) if top_a <= top[b] else (b, a)
            else:
                a_left, b_left = x1_a <= x0[b] + 0.5, x1[b] <= x0_a + 0.5
                if not (a_left or b_left):
                    continue
                spanning = overlaps_a & overlaps[b]
                if spanning:
                    lo = top_a if top_a < top[b] else top[b]
                    hi = bottom_a if bottom_a > bottom[b] else bottom[b]
                    between = by_top[bisect_left(tops, hi)] & (everyone ^ by_top[bisect_right(tops, lo)])
                    if spanning & between:
                        continue  # a block spanning both columns lies between them
                if a_left and b_left:  # boxes under 0.5 pt wide: each is left of the other
                    after[b].append(a)
                    waiting[a] += 1
                first, second = (a, b) if a_left else (b, a)
            after[first].append(second)
            waiting[second] += 1
    return waiting, after


_FOOTNOTE_SIZE = 0.9  # footnotes are set smaller than this many times the body size


def _footnotes_last(ordered: list, body_size: float) -> list:
    """The page's footnotes after everything above them, whatever column they sit under.

    A footnote is small print below every other block of the page. Breuel's rule reads one
    short enough to sit under the left column alone before the right column (it lies wholly
    left of it); the format reads the columns first, then the foot of the page.
    """
    def small(item) -> bool:
        return isinstance(item, _Group) and all(line.size < body_size * _FOOTNOTE_SIZE for line in item.lines)

    notes = [item for item in ordered if small(item)]
    if not notes:
        return ordered
    text_bottom = max((item.bottom for item in ordered if not small(item)), default=None)
    if text_bottom is None:
        return ordered
    foot = [item for item in notes if item.top >= text_bottom - 0.5]
    if not foot:
        return ordered
    at_foot = {id(item) for item in foot}
    return [item for item in ordered if id(item) not in at_foot] + foot


def _kind(group: _Group, text: str, body_size: float, body_bold: bool) -> str:
    lines = group.lines
    if len(lines) <= 3 and len(text) <= _MAX_HEADING_CHARS:
        larger = all(line.size >= body_size * _HEADING_SIZE for line in lines)
        bolder = not body_bold and all(line.bold for line in lines)
        # A bold bullet is still a list item; a bold "1. Introduction" is a heading.
        if (larger or bolder) and (section_number(text) or not _LIST_MARKER.match(text)):
            return "heading"
    return "list_item" if _LIST_MARKER.match(text) else "paragraph"


def page_blocks(
    lines: list[Line], tables: list[Table], body_size: float, body_bold: bool, pitches: dict[float, float] | None = None
) -> tuple[Block, ...]:
    """The numbered blocks of one page: paragraphs, headings, list items and table cells.

    `pitches` are the document's usual line spacings by font size (`line_pitches`).
    """
    groups = group_lines(lines, pitches)
    ordered = _footnotes_last(reading_order(groups + list(tables)), body_size)
    blocks: list[Block] = []
    for item in ordered:
        if isinstance(item, Table):
            for cell in item.cells:
                text = _text(sorted(cell.lines, key=lambda ln: (round(ln.top), ln.x0)))
                if text:
                    blocks.append(_block(len(blocks) + 1, "table_cell", text, cell, None))
            continue
        text = _text(item.lines)
        if not text:
            continue
        kind = _kind(item, text, body_size, body_bold)
        section = section_number(text) if kind in ("heading", "paragraph") else None
        blocks.append(_block(len(blocks) + 1, kind, text, item, section))
    return tuple(blocks)


def _block(n: int, kind: str, text: str, box, section: str | None) -> Block:
    return Block(n=n, kind=kind, text=text, section=section, bbox=(box.x0, box.top, box.x1, box.bottom))
