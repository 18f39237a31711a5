"""Section numbers carried at the start of a heading or paragraph.

A signpost "section 4.2" or "para 3.2.1" names the block numbered so, wherever it is.
Blocks carry the number they start with: "3.2.1 Market analysis" -> "3.2.1",
"Appendix B: Finance" -> "Appendix B", "4. Delivery" -> "4".
"""

from __future__ import annotations

import re

_NUMBERED = re.compile(
    r"""^\s*
    (?:(?:section|sect\.?|s\.|para(?:graph)?\.?|§)\s*)?   # an optional word before the number
    (?P<num>\d{1,2}(?:\.\d{1,3}){0,4})                   # 4 / 4.2 / 3.2.1
    (?:\.(?!\d))?                                        # "4." as in "4. Delivery"
    (?:\)|:)?                                            # "4)" or "4:"
    (?=\s+\S|\s*$)""",
    re.IGNORECASE | re.VERBOSE,
)
_APPENDIX = re.compile(
    r"^\s*(?P<word>appendix|annex|annexe|schedule)\s+(?P<id>[A-Z]{1,2}|[IVX]{1,5}|\d{1,2})\b",
    re.IGNORECASE,
)
# A bare number followed by a long sentence is usually a numbered paragraph; a bare
# number followed by a unit, a year or a figure is usually data ("12 months", "2009 saw").
_NOT_A_SECTION_AFTER = re.compile(
    r"^\s*(?>\d+(?:\.\d+)*\.?)\s*(?:%|per\b|months?\b|years?\b|weeks?\b|days?\b|[-–—/,x×£$€]|\d)",
    re.IGNORECASE,
)


def section_number(text: str) -> str | None:
    """The section number a block starts with, or None.

    >>> section_number("3.2.1 Market analysis")
    '3.2.1'
    >>> section_number("Appendix b - Finance")
    'Appendix B'
    >>> section_number("12 months of data") is None
    True
    """
    match = _APPENDIX.match(text)
    if match:
        return f"{match['word'].capitalize()} {match['id'].upper()}"
    if _NOT_A_SECTION_AFTER.match(text):
        return None
    match = _NUMBERED.match(text)
    if not match:
        return None
    number = match["num"]
    # Years and large figures are not section numbers.
    if "." not in number and int(number) > 99:
        return None
    # A bare "22" running into lower-case words is the tail of a sentence broken
    # across lines ("... see line" / "22 on page 1"), not a numbered paragraph.
    rest = text[match.end():].lstrip()
    bare = "." not in number and not match.group(0).rstrip().endswith((".", ")", ":"))
    if bare and rest[:1].islower():
        return None
    return number


def normalise_section(ref: str) -> str:
    """Canonical form of a cited section, so "4.2." and "4.02" both match "4.2"."""
    ref = ref.strip().rstrip(".")
    match = _APPENDIX.match(ref)
    if match:
        return f"{match['word'].capitalize()} {match['id'].upper()}"
    parts = ref.split(".")
    if all(p.isdigit() for p in parts):
        return ".".join(str(int(p)) for p in parts)
    return ref
