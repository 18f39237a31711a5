"""Text lines of one PDF page, read from pdfium's text layer.

Reading every character through ctypes runs at about 60 pages/s, too slow for the
100 pages/s target, so a page is read in a few calls: the whole text at once, then
one rectangle query and one style query per line that pdfium's own line breaks
delimit. A line is cut where its rectangles leave a wide gap (two columns or table
cells on one baseline), or where it crosses a column gutter with a gap in its glyphs;
the cut is found by bisection over glyph boxes, a few queries per cut.
"""

from __future__ import annotations

import array
import ctypes
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

# pdfium marks a hyphen it found at a line end (a word broken by typesetting).
_LINE_END_HYPHEN = "\ufffe"
# A gap wider than this many font sizes between pieces of one pdfium line means the
# pieces belong to different columns or cells.
_SPLIT_GAP_EM = 1.2
# Glyphs on both sides of a table rule stand at least this far (points) from it.
_RULE_CLEARANCE = 0.8
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Line:
    """One line of text, in PDF points with a top-left origin."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size on the page, read from a letter in the middle of the line
    bold: bool
    hyphenated: bool = False  # ends in a typesetting hyphen: the word continues
    chars: tuple[int, int] = (0, 0)  # pdfium character range, to cut the line later


def _page_text(textpage, count: int) -> str | None:
    """The page text with one str character per pdfium character, or None."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    if written - 1 != count:
        return None
    units = array.array("H")
    units.frombytes(buffer.raw[: count * 2])
    return "".join(map(chr, units))


def _page_text_slow(textpage, count: int) -> str:
    """Character by character; used only when pdfium's text and char list disagree."""
    chars = []
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        chars.append(chr(code) if code < 0x110000 else "\ufffd")
    return "".join(chars)


def _clean(text: str) -> str:
    """Lone surrogates paired up, control characters dropped, spaces collapsed."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = text.replace("\x00", "").replace("\x02", "-").replace("\xa0", " ")
    return " ".join(text.split())


class _TextPage:
    """Small wrapper over the raw text page calls the line reader needs."""

    def __init__(self, textpage, page_top: float):
        self.raw = textpage
        self.top = page_top
        self._l, self._t, self._r, self._b = (ctypes.c_double() for _ in range(4))
        self._matrix = pdfium_c.FS_MATRIX()
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """Boxes (x0, top, x1, bottom) pdfium gives for characters start..start+count."""
        n = pdfium_c.FPDFText_CountRects(self.raw, start, count)
        out = []
        for i in range(n):
            pdfium_c.FPDFText_GetRect(self.raw, i, self._l, self._t, self._r, self._b)
            out.append((self._l.value, self.top - self._t.value, self._r.value, self.top - self._b.value))
        return out

    def char_box(self, index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(self.raw, index, self._l, self._r, self._b, self._t)
        return (self._l.value, self.top - self._t.value, self._r.value, self.top - self._b.value)

    def style(self, index: int) -> tuple[float, bool]:
        # The font size pdfium reports ignores the text matrix (often size 1 scaled
        # by Tm), so scale it by the matrix to get the size on the page.
        size = pdfium_c.FPDFText_GetFontSize(self.raw, index)
        if pdfium_c.FPDFText_GetMatrix(self.raw, index, self._matrix):
            m = self._matrix
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
        weight = pdfium_c.FPDFText_GetFontWeight(self.raw, index)
        bold = weight >= 600
        if not bold and weight != -1:
            name = self.font_name(index).lower()
            bold = "bold" in name or "black" in name or "heavy" in name
        return float(size), bold

    def font_name(self, index: int) -> str:
        n = pdfium_c.FPDFText_GetFontInfo(self.raw, index, self._name, len(self._name), self._flags)
        if n <= 0:
            return ""
        if n > len(self._name):  # a name longer than the buffer: ask again with room
            self._name = ctypes.create_string_buffer(n)
            pdfium_c.FPDFText_GetFontInfo(self.raw, index, self._name, n, self._flags)
        return self._name.value.decode("utf-8", "replace")


def read_lines(textpage, page_top: float, vertical_rules=()) -> list[Line]:
    """Every non-empty line of a page, in pdfium's (content-stream) order.

    `textpage` is a raw FPDF_TEXTPAGE; `page_top` the y of the page's top edge, used
    to turn pdfium's bottom-left coordinates into top-left ones. `vertical_rules`
    are drawn lines (x, top, bottom): text never runs across one, so a line that
    crosses a rule where its glyphs leave room for it is cut there (table cells).
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _page_text(textpage, count)
    if text is None:
        text = _page_text_slow(textpage, count)
    tp = _TextPage(textpage, page_top)
    lines: list[Line] = []
    start = 0
    while start < count:
        end = text.find("\n", start)
        end = count if end < 0 else end + 1
        _add_line(tp, text, start, end, lines)
        start = end
    gutters = [(lo, hi, float("-inf"), float("inf"), None) for lo, hi in _gutters(lines)]
    gutters += [(x - 0.5, x + 0.5, top, bottom, 0.0) for x, top, bottom in vertical_rules]
    if gutters:
        lines = _split_across_gutters(tp, text, lines, gutters)
    return lines


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Vertical strips few lines cross but many lines border: the gaps between columns.

    One text object can run across a gutter (pdfium then gives one rectangle for text
    of two columns), so a strip counts as a gutter even when a few lines cross it.
    """
    if len(lines) < 6:
        return []
    bin_width = 2.0
    right = max(line.x1 for line in lines)
    n_bins = int(right / bin_width) + 2
    coverage = [0] * (n_bins + 1)
    for line in lines:
        a, b = max(0, int(line.x0 / bin_width)), max(0, int(line.x1 / bin_width))
        coverage[a] += 1
        coverage[b + 1] -= 1
    for i in range(1, len(coverage)):
        coverage[i] += coverage[i - 1]
    peak = max(coverage)
    low, high = peak * 0.25, peak * 0.5
    gutters = []
    i = 0
    while i < n_bins:
        if coverage[i] > low:
            i += 1
            continue
        j = i
        while j < n_bins and coverage[j] <= low:
            j += 1
        near = 15  # bins: text must stand within 30 pt on both sides
        left_ok = any(c >= high for c in coverage[max(0, i - near):i])
        right_ok = any(c >= high for c in coverage[j:j + near])
        if left_ok and right_ok and (j - i) * bin_width >= 4:
            gutters.append((i * bin_width, j * bin_width))
        i = j
    return gutters


def _split_across_gutters(tp: _TextPage, text: str, lines: list[Line], gutters) -> list[Line]:
    """Cut lines that run across a gutter or rule where their glyphs leave a gap there.

    A gutter is (x_lo, x_hi, top, bottom, min_gap): between columns the glyphs must
    stand more than a font size apart (min_gap None); at a drawn rule it is enough
    that the glyphs on either side keep clear of it (min_gap 0).
    """
    out = []
    for line in lines:
        middle_y = (line.top + line.bottom) / 2
        crossing = [
            g for g in gutters
            if line.x0 < g[0] and line.x1 > g[1] and g[2] <= middle_y <= g[3]
        ]
        if not crossing:
            out.append(line)
            continue
        start, end = line.chars
        visible = [i for i in range(start, end) if not text[i].isspace()]
        cuts = []
        for lo_x, hi_x, _, _, min_gap in sorted(crossing):
            mid_x = (lo_x + hi_x) / 2
            lo, hi = 0, len(visible)
            while lo < hi:  # first glyph whose centre is right of the gutter's middle
                mid = (lo + hi) // 2
                x0, _, x1, _ = tp.char_box(visible[mid])
                if (x0 + x1) / 2 < mid_x:
                    lo = mid + 1
                else:
                    hi = mid
            if 0 < lo < len(visible):
                before, after = tp.char_box(visible[lo - 1]), tp.char_box(visible[lo])
                if min_gap is None:
                    apart = after[0] - before[2] > line.size
                else:
                    # Cell text keeps clear of its rules; a rule that merely falls
                    # between two letters of a word does not cut it.
                    apart = before[2] <= mid_x - _RULE_CLEARANCE and after[0] >= mid_x + _RULE_CLEARANCE
                if apart:
                    cuts.append(visible[lo])
        if not cuts:
            out.append(line)
            continue
        bounds = [start] + sorted(set(cuts)) + [end]
        for a, b in zip(bounds, bounds[1:]):
            _add_line(tp, text, a, b, out, may_split=False)
    return out


def _add_line(
    tp: _TextPage, text: str, start: int, end: int, out: list[Line], may_split: bool = True
) -> None:
    """Turn characters start..end (one pdfium line) into one or more Lines."""
    raw_text = text[start:end].rstrip("\r\n")
    stripped = raw_text.strip()
    if not stripped:
        return
    # Style is read from a letter in the middle of the line: a bullet's symbol font, a
    # footnote mark or a bold run-in word at the start says little about the line.
    middle = len(raw_text) // 2
    first = start + next(
        (k for k in range(middle, len(raw_text)) if raw_text[k].isalnum()),
        next((k for k, c in enumerate(raw_text) if not c.isspace()), 0),
    )
    rects = tp.rects(start, len(raw_text))
    if not rects:
        return
    size, bold = tp.style(first)
    if size <= 0:
        size = max(r[3] - r[1] for r in rects)
    if may_split and len(rects) > 1 and _has_wide_gap(rects, size):
        for piece_start, piece_end in _split_at_gaps(tp, text, start, start + len(raw_text), rects, size):
            _add_line(tp, text, piece_start, piece_end, out, may_split=False)
        return
    line = _make_line(raw_text, rects, size, bold)
    line.chars = (start, start + len(raw_text))
    out.append(line)


def _jumps(a, b, size: float) -> bool:
    """Whether piece b does not follow piece a on the same baseline (it goes back or off the line)."""
    off_line = abs((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) > size
    return b[2] < a[0] or off_line


def _has_wide_gap(rects, size: float) -> bool:
    for (a, b) in zip(rects, rects[1:]):
        if b[0] - a[2] > _SPLIT_GAP_EM * size or _jumps(a, b, size):
            return True
    return False


def _split_at_gaps(tp: _TextPage, text: str, start: int, end: int, rects, size: float):
    """Character ranges of one pdfium line, cut between rectangles that gap or jump.

    pdfium gives one rectangle per text object, in character order, so the rectangle a
    character falls in never decreases along the line. The first character of each
    piece is therefore found by bisection: a few box queries per cut, not one per glyph.
    """
    visible = [i for i in range(start, end) if not text[i].isspace()]
    cuts = [
        k + 1
        for k, (a, b) in enumerate(zip(rects, rects[1:]))
        if b[0] - a[2] > _SPLIT_GAP_EM * size or _jumps(a, b, size)
    ]
    if not any(_jumps(a, b, size) for a, b in zip(rects, rects[1:])):
        # Rectangles run left to right: a glyph is past cut k when its centre is right
        # of the middle of the gap before rectangle k.
        def after_cut(i: int, cut: int) -> bool:
            x0, _, x1, _ = tp.char_box(i)
            return (x0 + x1) / 2 >= (rects[cut - 1][2] + rects[cut][0]) / 2
    else:
        after_cut = _rect_membership(tp, rects)

    pieces = []
    piece_start = start
    lo = 0
    total_width = sum(r[2] - r[0] for r in rects) or 1.0
    width_before = [0.0]
    for r in rects:
        width_before.append(width_before[-1] + r[2] - r[0])
    for cut in cuts:
        # Guess where the cut falls from the rectangles' widths (glyphs are of similar
        # width), then bracket and bisect near the guess: probes then land in the two
        # rectangles beside the cut, which are cheap to test.
        guess = int(width_before[cut] / total_width * len(visible))
        guess = min(max(guess, lo), len(visible) - 1) if visible else 0
        hi = len(visible)
        step = 1
        if visible and after_cut(visible[guess], cut):
            hi = guess
            while hi - step > lo and after_cut(visible[hi - step], cut):
                hi -= step
                step *= 2
            lo = max(lo, hi - step)
        elif visible:
            lo = guess + 1
            while lo + step < hi and not after_cut(visible[lo + step - 1], cut):
                lo += step
                step *= 2
            hi = min(hi, lo + step)
        while lo < hi:
            mid = (lo + hi) // 2
            if not after_cut(visible[mid], cut):
                lo = mid + 1
            else:
                hi = mid
        if lo < len(visible) and visible[lo] > piece_start:
            pieces.append((piece_start, visible[lo]))
            piece_start = visible[lo]
    pieces.append((piece_start, end))
    return pieces


def _rect_membership(tp: _TextPage, rects):
    """A test of whether a glyph lies in a given rectangle of the line or a later one."""

    def after_cut(i: int, cut: int) -> bool:
        """Whether character i lies in rectangle `cut` or later."""
        x0, top, x1, bottom = tp.char_box(i)
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2

        def inside(r):
            return r[0] - 0.5 <= cx <= r[2] + 0.5 and r[1] - 0.5 <= cy <= r[3] + 0.5

        if inside(rects[cut]):
            return True
        if inside(rects[cut - 1]):
            return False
        hits = [k for k, r in enumerate(rects) if inside(r)]
        if hits:
            return hits[-1] >= cut
        nearest = min(range(len(rects)), key=lambda k: abs((rects[k][0] + rects[k][2]) / 2 - cx))
        return nearest >= cut

    return after_cut


def _make_line(raw_text: str, rects, size: float, bold: bool) -> Line:
    hyphenated = raw_text.rstrip().endswith(_LINE_END_HYPHEN)
    body = raw_text.replace(_LINE_END_HYPHEN, "" if hyphenated else "-")
    if hyphenated:
        body = body.rstrip()
    return Line(
        text=_clean(body),
        x0=min(r[0] for r in rects) if len(rects) > 1 else rects[0][0],
        top=min(r[1] for r in rects) if len(rects) > 1 else rects[0][1],
        x1=max(r[2] for r in rects) if len(rects) > 1 else rects[0][2],
        bottom=max(r[3] for r in rects) if len(rects) > 1 else rects[0][3],
        size=size,
        bold=bold,
        hyphenated=hyphenated,
    )
