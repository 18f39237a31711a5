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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, groupby
from operator import itemgetter

import pypdfium2.raw as pdfium_c

from indexer import pdfium_calls as pdfium

# pdfium marks a hyphen it found at a line end (a word broken by typesetting).
_LINE_END_HYPHEN = "\ufffe"
# A gap wider than this many font sizes between pieces of one pdfium line means the
# pieces belong to different columns or cells.
_SPLIT_GAP_EM = 1.2
# Glyphs closer than this (font sizes) with no space between them in pdfium's text
# are letters of one word.
_WORD_GAP_EM = 0.45
# Glyphs on both sides of a table rule stand at least this far (points) from it.
_RULE_CLEARANCE = 0.8
_MAX_PAGE_POINTS = 14_400.0  # 200 inches: the largest page size PDF allows (ISO 32000, annex C)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters pdfium passes through from odd font encodings ("Γ\x033" for a
# subscripted "Γ3"): dropped, so the word stays whole. \x02 is pdfium's soft hyphen.
_CONTROLS = {c: None for c in (*range(0x00, 0x02), *range(0x03, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_LETTER = re.compile(r"[^\W_]")  # what str.isalnum accepts (re's \w is that plus "_")
_INK = re.compile(r"\S")  # what str.isspace rejects
_INK_RUN = re.compile(r"\S+")
# What `_clean` changes besides white space: a page without any of these (most pages)
# only has its spaces collapsed, a fifth of the cost of the full clean per line.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\xa0\ud800-\udfff]")


@dataclass(slots=True)  # one per line of every page: slots make them smaller and quicker
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
    baseline: float | None = None  # y of the baseline (top-left origin), from a mid-line letter

    @property
    def base(self) -> float:
        """The baseline, or the box's bottom where it is not known."""
        return self.baseline if self.baseline is not None else self.bottom


def _page_text(textpage, count: int) -> str | None:
    """The page text with one str character per pdfium character, or None."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    if written - 1 != count:
        return None
    data = ctypes.string_at(buffer, count * 2)
    # Decoding keeps one character per UTF-16 unit (lone surrogates included) unless
    # a valid surrogate pair merges two; then the units are mapped one by one.
    text = data.decode("utf-16-le", "surrogatepass")
    if len(text) != count:
        text = "".join(map(chr, array.array("H", data)))
    return text


def _page_text_slow(textpage, count: int) -> str:
    """Character by character; used only when pdfium's text and char list disagree."""
    codes = map(pdfium.get_unicode, [textpage] * count, range(count))
    return "".join([chr(code) if code < 0x110000 else "\ufffd" for code in codes])


def _clean(text: str) -> str:
    """Lone surrogates paired up, control characters dropped, spaces collapsed."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = text.translate(_CONTROLS).replace("\x02", "-").replace("\xa0", " ")
    return " ".join(text.split())


class _TextPage:
    """The text page calls the line reader needs, through `indexer.pdfium_calls`.

    pdfium writes boxes into four doubles made once per page; pointers to them are
    made once too (making a `byref` costs more than the call it is passed to).
    """

    def __init__(self, textpage, page_top: float):
        self.raw = textpage
        self.top = page_top
        self._box = (ctypes.c_double * 4)()  # left, top, right, bottom
        self._at = tuple(ctypes.byref(self._box, 8 * k) for k in range(4))
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_at = ctypes.byref(self._matrix)
        self._name = ctypes.create_string_buffer(128)
        self._flags_at = ctypes.byref(ctypes.c_int())
        self._bold_names: dict[bytes, bool] = {}
        self._char_boxes: dict[int, tuple[float, float, float, float]] = {}
        self._fonts: dict[int, tuple[float, bool]] = {}  # by text object address
        self._bold_fonts: dict[int, bool] = {}  # by font address
        self._origin = (ctypes.c_double(), ctypes.c_double())
        self._origin_at = tuple(ctypes.byref(c) for c in self._origin)
        self.plain = False  # the page text has nothing for `_clean` but white space

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """Boxes (x0, top, x1, bottom) pdfium gives for characters start..start+count."""
        raw, top, box = self.raw, self.top, self._box
        left, upper, right, lower = self._at
        out = []
        for i in range(pdfium.count_rects(raw, start, count)):
            pdfium.get_rect(raw, i, left, upper, right, lower)
            x0, y0, x1, y1 = box[:]
            out.append((x0, top - y0, x1, top - y1))
        return out

    def baseline(self, index: int) -> float | None:
        """The y (top-left origin) of a character's baseline: unlike its box, the same
        for "groups." and "Tall" on one line, so line spacing can be measured exactly."""
        if not pdfium.get_char_origin(self.raw, index, *self._origin_at):
            return None
        return self.top - self._origin[1].value

    def char_box(self, index: int) -> tuple[float, float, float, float]:
        """The box of one character; kept, as bisections for several cuts probe it again."""
        box = self._char_boxes.get(index)
        if box is None:
            left, upper, right, lower = self._at
            pdfium.get_char_box(self.raw, index, left, right, lower, upper)
            x0, y0, x1, y1 = self._box[:]
            box = self._char_boxes[index] = (x0, self.top - y0, x1, self.top - y1)
        return box

    def style(self, index: int) -> tuple[float, bool]:
        # The font size pdfium reports ignores the text matrix (often size 1 scaled
        # by Tm), so scale it by the matrix to get the size on the page.
        raw = self.raw
        font = self._font_style(index)
        size, bold = font
        if pdfium.get_matrix(raw, index, self._matrix_at):
            m = self._matrix
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
        return float(size), bold

    def _font_style(self, index: int) -> tuple[float, bool]:
        """Font size (before the text matrix) and boldness of a character's font.

        pdfium answers both from the character's text object, so they are read once
        per text object (a line or a run of one); the matrix stays per character.
        """
        text_object = pdfium.get_text_object(self.raw, index)
        font = self._fonts.get(text_object) if text_object is not None else None
        if font is None:
            raw = self.raw
            # Weight and name belong to the font, and most text objects (one a line)
            # share a few fonts: boldness is decided once per font.
            font_address = pdfium.get_font(text_object) if text_object is not None else None
            bold = self._bold_fonts.get(font_address) if font_address is not None else None
            if bold is None:
                bold = self._bold(index)
                if font_address is not None:
                    self._bold_fonts[font_address] = bold
            font = (pdfium.get_font_size(raw, index), bold)
            if text_object is not None:
                self._fonts[text_object] = font
        return font

    def _bold(self, index: int) -> bool:
        """Whether a character's font is bold, by its weight or else its name."""
        weight = pdfium.get_font_weight(self.raw, index)
        bold = weight >= 600
        if not bold and weight != -1:
            bold = self._bold_by_name(index)
        return bold

    def _bold_by_name(self, index: int) -> bool:
        """Whether the font's name says bold; a page has few fonts, so names are cached."""
        n = pdfium.get_font_info(self.raw, index, self._name, ctypes.c_ulong(len(self._name)), self._flags_at)
        if n <= 0:
            return False
        if n > len(self._name):  # a name longer than the buffer: ask again with room
            self._name = ctypes.create_string_buffer(n)
            pdfium.get_font_info(self.raw, index, self._name, ctypes.c_ulong(n), self._flags_at)
        key = self._name.value
        bold = self._bold_names.get(key)
        if bold is None:
            name = key.decode("utf-8", "replace").lower()
            bold = self._bold_names[key] = "bold" in name or "black" in name or "heavy" in name
        return bold


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
    tp.plain = _NEEDS_CLEANING.search(text) is None
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
    # A damaged PDF can place a glyph at x = 1e30: the strip is cut at the largest page
    # PDF allows, or one line would ask for astronomically many bins (found by fuzzing).
    right = min(max(line.x1 for line in lines), _MAX_PAGE_POINTS)
    n_bins = int(right / bin_width) + 2
    coverage = [0] * (n_bins + 1)
    for line in lines:
        a = min(n_bins - 1, max(0, int(min(line.x0, right) / bin_width)))
        b = min(n_bins - 1, max(0, int(min(line.x1, right) / bin_width)))
        coverage[a] += 1
        coverage[b + 1] -= 1
    coverage = list(accumulate(coverage))
    peak = max(coverage)
    low, high = peak * 0.25, peak * 0.5
    near = 15  # bins: text must stand within 30 pt on both sides
    gutters = []
    i = 0
    # Runs of bins alike in being crossed by few lines (coverage <= low) or not.
    for sparse, run in groupby(coverage[:n_bins], key=low.__ge__):
        j = i + len(list(run))
        if sparse and (j - i) * bin_width >= 4:
            left, right = coverage[max(0, i - near):i], coverage[j:j + near]
            if left and right and max(left) >= high and max(right) >= high:
                gutters.append((i * bin_width, j * bin_width))
        i = j
    return gutters


def _split_across_gutters(tp: _TextPage, text: str, lines: list[Line], gutters) -> list[Line]:
    """Cut lines that run across a gutter or rule where their glyphs leave a gap there.

    A gutter is (x_lo, x_hi, top, bottom, min_gap): between columns the glyphs must
    stand more than a font size apart (min_gap None); at a drawn rule it is enough
    that the glyphs on either side keep clear of it (min_gap 0).
    """
    # A ruled page has hundreds of rules, so only those starting inside a line's
    # x-range are tested: sorted by x_lo, they are found by bisection.
    gutters = sorted(gutters, key=itemgetter(0))
    starts = [g[0] for g in gutters]
    out = []
    for line in lines:
        middle_y = (line.top + line.bottom) / 2
        x0, x1 = line.x0, line.x1
        crossing = {
            g for g in gutters[bisect_right(starts, x0):bisect_left(starts, x1)]
            if x1 > g[1] and g[2] <= middle_y <= g[3]
        }
        if not crossing:
            out.append(line)
            continue
        start, end = line.chars
        visible = _visible(text, start, end)
        cuts = set()
        for lo_x, hi_x, _, _, min_gap in sorted(crossing):
            mid_x = (lo_x + hi_x) / 2
            lo, hi = 0, len(visible)
            while lo < hi:  # first glyph whose centre is right of the gutter's middle
                mid = (lo + hi) // 2
                box = tp.char_box(visible[mid])
                if (box[0] + box[2]) / 2 < mid_x:
                    lo = mid + 1
                else:
                    hi = mid
            if 0 < lo < len(visible):
                before, after = tp.char_box(visible[lo - 1]), tp.char_box(visible[lo])
                if min_gap is None:
                    apart = after[0] - before[2] > line.size
                else:
                    # Cell text keeps clear of its rules; a rule that merely falls
                    # between two letters of a word does not cut it, nor one crossing
                    # a figure that overflows its cell ("19,1|15"): pdfium's text has
                    # a space there, or the glyphs stand clearly apart.
                    apart = before[2] <= mid_x - _RULE_CLEARANCE and after[0] >= mid_x + _RULE_CLEARANCE
                    apart = apart and (
                        text[visible[lo] - 1].isspace() or after[0] - before[2] > _WORD_GAP_EM * line.size
                    )
                if apart:
                    cuts.add(visible[lo])
        if not cuts:
            out.append(line)
            continue
        bounds = [start] + sorted(cuts) + [end]
        for a, b in zip(bounds, bounds[1:]):
            _add_line(tp, text, a, b, out, may_split=False)
    return out


def _visible(text: str, start: int, end: int) -> list[int]:
    """Indices of the characters in start..end that are not white space."""
    # By runs of ink, not by character: a run is one regex match and one range.
    out: list[int] = []
    for run in _INK_RUN.finditer(text, start, end):
        out.extend(range(*run.span()))
    return out


def _add_line(
    tp: _TextPage, text: str, start: int, end: int, out: list[Line], may_split: bool = True
) -> None:
    """Turn characters start..end (one pdfium line) into one or more Lines."""
    raw_text = text[start:end].rstrip("\r\n")
    if not raw_text or raw_text.isspace():
        return
    # Style is read from a letter in the middle of the line: a bullet's symbol font, a
    # footnote mark or a bold run-in word at the start says little about the line.
    letter = _LETTER.search(raw_text, len(raw_text) // 2) or _INK.search(raw_text)
    rects = tp.rects(start, len(raw_text))
    if not rects:
        return
    size, bold = tp.style(start + letter.start())
    if size <= 0:
        size = max(r[3] - r[1] for r in rects)
    if may_split and len(rects) > 1:
        cuts, jumped = _gaps(rects, size)
        if cuts:
            pieces = _split_at_gaps(tp, text, start, start + len(raw_text), rects, cuts, jumped)
            pieces = _rejoin(tp, text, pieces, size, jumped)
            if len(pieces) > 1:
                for piece_start, piece_end in pieces:
                    _add_line(tp, text, piece_start, piece_end, out, may_split=False)
                return
    stripped = raw_text.strip()
    # The pattern needs a space after the first letter: most lines fail that cheaper test.
    if stripped[1:2] == " " and _SPACED_OUT.match(stripped):
        raw_text = _close_up(tp, text, start, raw_text.rstrip(), size)
    line = _make_line(raw_text, rects, size, bold, (start, start + len(raw_text)), tp.plain)
    line.baseline = tp.baseline(start + letter.start())
    out.append(line)


# A dot leader (a table of contents' "Etat initial ........ 26") leads the eye to the
# number after it: a piece ending in one is never cut from what follows.
_LEADER_MARKS = 3


def ends_in_leader(text: str, marks: int = _LEADER_MARKS) -> bool:
    """Whether `text` ends in a leader: `marks` or more dots (spaced or not), an
    ellipsis or a middle dot, or a rule of underscores. String operations, not a
    pattern, so a line of ten thousand dots costs one pass."""
    text = text.rstrip()
    if text.endswith(("…", "·")):
        return True
    if text.endswith("_"):
        return len(text) - len(text.rstrip("_")) >= marks
    tail = text.rstrip(". ")
    return text[len(tail):].count(".") >= marks
# Letter-spaced capitals ("S U M M A R Y"): pdfium puts a space between every letter.
_SPACED_OUT = re.compile(r"^(?:[^\W\d_] ){3,}[^\W\d_]$")
# A gap between single letters wider than this (font sizes) is two columns, not
# letter-spacing (a word gap in spaced-out text is two letter gaps and a space).
_MAX_TRACKING_EM = 3.0


def _rejoin(tp: _TextPage, text: str, pieces: list[tuple[int, int]], size: float, jumped: bool) -> list[tuple[int, int]]:
    """Undo cuts that would break what a reader sees as one run of text.

    A cut after a dot leader joins the leader to its page number; a cut between two
    single letters no more than `_MAX_TRACKING_EM` apart is letter-spacing inside a
    word; a cut that falls between two characters with no space between them in
    pdfium's text is inside a word (the bisection met glyphs out of order) and moves
    to the nearest space.
    """
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if not out:
            out.append((a, b))
            continue
        pa, pb = out[-1]
        before, after = text[pa:pb], text[a:b]
        join = False
        if not jumped and ends_in_leader(before):
            join = True
        elif _single_letter(before.split()[-1:]) and _single_letter(after.split()[:1]):
            left, right = tp.char_box(_visible(text, pa, pb)[-1]), tp.char_box(_visible(text, a, b)[0])
            join = 0 <= right[0] - left[2] <= _MAX_TRACKING_EM * size
        if join:
            out[-1] = (pa, b)
            continue
        if a > pa and not text[a - 1].isspace() and not text[a].isspace():
            # Inside a word: move the cut to the space nearest to it within the two pieces.
            left_space = text.rfind(" ", pa, a)
            right_space = text.find(" ", a, b)
            candidates = [i + 1 for i in (left_space, right_space) if i >= 0 and pa < i + 1 < b]
            if not candidates:
                out[-1] = (pa, b)
                continue
            a = min(candidates, key=lambda i: abs(i - a))
            out[-1] = (pa, a)
        out.append((a, b))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _single_letter(words: list[str]) -> bool:
    return len(words) == 1 and len(words[0]) == 1 and words[0].isalpha()


def _close_up(tp: _TextPage, text: str, start: int, raw_text: str, size: float) -> str:
    """"S U M M A R Y  O F" -> "SUMMARY OF" when the letters are evenly spaced (tracking).

    Word gaps are the letter gap plus a space, so a gap clearly wider than the usual
    one between letters is kept as a space; the others are closed up.
    """
    letters = [start + i for i, ch in enumerate(raw_text) if not ch.isspace()]
    boxes = [tp.char_box(i) for i in letters]
    gaps = [b[0] - a[2] for a, b in zip(boxes, boxes[1:])]
    if any(g < -0.5 or g > _MAX_TRACKING_EM * size for g in gaps) or any(
        abs((a[1] + a[3]) - (b[1] + b[3])) > size for a, b in zip(boxes, boxes[1:])
    ):
        return raw_text
    usual = sorted(gaps)[len(gaps) // 3]
    if usual < 0.15 * size:
        return raw_text  # letters set close: ordinary single-letter words ("a b c d")
    words = [text[letters[0]]]
    for gap, k in zip(gaps, range(1, len(letters))):
        ch = text[letters[k]]
        words.append((" " if gap > usual + 0.2 * size else "") + ch)
    return "".join(words)


def _gaps(rects, size: float) -> tuple[list[int], bool]:
    """Where a line's rectangles leave a wide gap or jump (indices of the rectangle
    after each), and whether any jump: go back, or leave the baseline by a font size.
    """
    cuts = []
    jumped = False
    wide = _SPLIT_GAP_EM * size
    for k in range(1, len(rects)):
        a0, a1, a2, a3 = rects[k - 1]
        b0, b1, b2, b3 = rects[k]
        if b2 < a0 or abs((a1 + a3) / 2 - (b1 + b3) / 2) > size:
            jumped = True
            cuts.append(k)
        elif b0 - a2 > wide:
            cuts.append(k)
    return cuts, jumped


def _split_at_gaps(tp: _TextPage, text: str, start: int, end: int, rects, cuts, jumped: bool):
    """Character ranges of one pdfium line, cut before each rectangle in `cuts`.

    pdfium gives one rectangle per text object, in character order, so the rectangle a
    character falls in never decreases along the line. The first character of each
    piece is therefore found by bisection: a few box queries per cut, not one per glyph.
    """
    visible = _visible(text, start, end)
    if not jumped:
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


def _make_line(
    raw_text: str, rects, size: float, bold: bool, chars: tuple[int, int], plain: bool = False
) -> Line:
    hyphenated = False
    body = raw_text
    if _LINE_END_HYPHEN in raw_text:  # rare: most lines skip three string passes
        hyphenated = raw_text.rstrip().endswith(_LINE_END_HYPHEN)
        body = raw_text.replace(_LINE_END_HYPHEN, "" if hyphenated else "-")
        if hyphenated:
            body = body.rstrip()
    if len(rects) == 1:
        x0, top, x1, bottom = rects[0]
    else:
        x0s, tops, x1s, bottoms = zip(*rects)
        x0, top, x1, bottom = min(x0s), min(tops), max(x1s), max(bottoms)
    text = " ".join(body.split()) if plain else _clean(body)
    return Line(text, x0, top, x1, bottom, size, bold, hyphenated, chars)
