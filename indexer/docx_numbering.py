"""Word styles and list numbering: what a paragraph's style makes it, and the number Word prints.

A DOCX keeps heading levels, page-break-before and list numbering in `styles.xml` and
`numbering.xml`, not in the paragraph text. A reader sees "3.2 Market analysis" where the
XML holds only "Market analysis" and a pointer (numId 4, level 1) into a list whose
level text is "%1.%2". This module resolves both, so the DOCX extractor can give each
block the kind and section number a reader would see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.running_heads import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_STYLE_DEPTH = 20  # basedOn chains are short; a cycle must not hang the extractor


def wval(element, tag: str) -> str | None:
    """The w:val of child `tag` of `element`, or None."""
    if element is None:
        return None
    child = element.find(W + tag)
    return None if child is None else child.get(W + "val")


def _on(element, tag: str) -> bool | None:
    """A Word on/off property (<w:b/>, <w:pageBreakBefore w:val="0"/>): True, False or unset."""
    if element is None:
        return None
    child = element.find(W + tag)
    if child is None:
        return None
    return child.get(W + "val", "1").lower() not in ("0", "false", "off")


@dataclass(frozen=True)
class ParagraphStyle:
    name: str  # lower-case: Word stores built-in names in English ("heading 1")
    based_on: str | None
    outline_level: int | None
    num_id: str | None
    ilvl: int | None
    page_break_before: bool | None


class Styles:
    """Paragraph styles from styles.xml, resolved through their basedOn chains."""

    def __init__(self, root=None):
        self._styles: dict[str, ParagraphStyle] = {}
        self.default_id: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            style_id = style.get(W + "styleId")
            if not style_id:
                continue
            ppr = style.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            outline = wval(ppr, "outlineLvl")
            ilvl = wval(numpr, "ilvl")
            self._styles[style_id] = ParagraphStyle(
                name=(wval(style, "name") or style_id).lower(),
                based_on=wval(style, "basedOn"),
                outline_level=int(outline) if outline and outline.isdigit() else None,
                num_id=wval(numpr, "numId"),
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                page_break_before=_on(ppr, "pageBreakBefore"),
            )
            if style.get(W + "default") in ("1", "true"):
                self.default_id = style_id

    def chain(self, style_id: str | None) -> list[ParagraphStyle]:
        """The style and its ancestors, nearest first."""
        out: list[ParagraphStyle] = []
        current = style_id or self.default_id
        while current and current in self._styles and len(out) < _MAX_STYLE_DEPTH:
            style = self._styles[current]
            out.append(style)
            current = style.based_on
        return out

    def name(self, style_id: str | None) -> str:
        chain = self.chain(style_id)
        return chain[0].name if chain else ""

    def inherited(self, style_id: str | None, attribute: str):
        """The first value of `attribute` set along the style's basedOn chain."""
        for style in self.chain(style_id):
            value = getattr(style, attribute)
            if value is not None:
                return value
        return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    style_id: str | None = None
    legal: bool = False  # isLgl: show every level as decimal


@dataclass
class _AbstractList:
    levels: dict[int, _Level] = field(default_factory=dict)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        text = to_roman(max(value, 1))
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("lowerLetter", "upperLetter"):
        value = max(value, 1)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


_DECIMAL_FORMATS = {"decimal", "decimalZero"}


@dataclass(frozen=True)
class ListLabel:
    """The number Word prints before a list paragraph, and whether it is a section number."""

    text: str  # "3.2.", "a)", "" for bullets
    section: str | None  # "3.2" when the label is a decimal outline number


class Numbering:
    """Word list numbering: (numId, ilvl) -> the label Word prints, counted in document order."""

    def __init__(self, root=None):
        self._abstract: dict[str, _AbstractList] = {}
        self._num_to_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}  # numId -> ilvl -> startOverride
        self._counters: dict[str, dict[int, int]] = {}  # abstract id -> ilvl -> current value
        self._overridden: set[tuple[str, int]] = set()
        self.style_levels: dict[str, tuple[str, int]] = {}  # style id -> (abstract id, ilvl)
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId")
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                ilvl = lvl.get(W + "ilvl")
                if ilvl is None or not ilvl.isdigit():
                    continue
                start = wval(lvl, "start")
                level = _Level(
                    start=int(start) if start and start.lstrip("-").isdigit() else 1,
                    fmt=wval(lvl, "numFmt") or "decimal",
                    text=wval(lvl, "lvlText") or "",
                    style_id=wval(lvl, "pStyle"),
                    legal=_on(lvl, "isLgl") or False,
                )
                levels[int(ilvl)] = level
                if level.style_id:
                    self.style_levels[level.style_id] = (abstract_id, int(ilvl))
            self._abstract[abstract_id] = _AbstractList(levels)
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId")
            abstract_id = wval(num, "abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            self._num_to_abstract[num_id] = abstract_id
            for override in num.iter(W + "lvlOverride"):
                ilvl = override.get(W + "ilvl")
                start = wval(override, "startOverride")
                if ilvl and ilvl.isdigit() and start and start.isdigit():
                    self._overrides.setdefault(num_id, {})[int(ilvl)] = int(start)

    def advance(self, num_id: str, ilvl: int) -> ListLabel | None:
        """Count one more paragraph of list `num_id` at level `ilvl`; its printed label.

        Lists sharing an abstract definition continue one another, as in Word, unless
        a w:startOverride restarts them.
        """
        abstract_id = self._num_to_abstract.get(num_id)
        if abstract_id is None or abstract_id not in self._abstract:
            return None
        levels = self._abstract[abstract_id].levels
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abstract_id, {})
        override = self._overrides.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self._overridden:
            self._overridden.add((num_id, ilvl))
            counters[ilvl] = override
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return self._label(levels, counters, ilvl)

    def _label(self, levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> ListLabel:
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.text:
            return ListLabel("", None)
        text = level.text
        all_decimal = True
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder not in text:
                continue
            source = levels.get(k, _Level())
            value = counters.get(k, source.start)
            fmt = "decimal" if (level.legal and k < ilvl) else source.fmt
            all_decimal &= fmt in _DECIMAL_FORMATS
            text = text.replace(placeholder, _format_number(value, fmt))
        text = text.strip()
        number = text.rstrip(".)")
        is_outline = all_decimal and number and all(p.isdigit() for p in number.split("."))
        section = ".".join(str(int(p)) for p in number.split(".")) if is_outline else None
        return ListLabel(text, section)
