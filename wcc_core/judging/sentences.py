"""Sentence boundaries by pysbd, the rule-based Golden Rules splitter (Sadvilkar and Neumann, 2020).

A block is split once per run; "e.g.", "Mr.", "p. 14" and "Jan. 2010" do not end a
sentence, as a hand-written split on full stops would make them.
"""

from __future__ import annotations

import functools
import re

from wcc_core.judging.pysbd_speed import Segmenter

_SEGMENTER = Segmenter(language="en", clean=False)


@functools.lru_cache(maxsize=65_536)
def _split(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SEGMENTER.segment(text) if s.strip())


# pysbd's regular expressions grow faster than the text on long runs without a sentence end
# ("not not not ..." for 200,000 characters took 98 s), so a long block is cut first into
# pieces of at most CHUNK characters at a sentence end (else a space), each split by pysbd.
CHUNK = 1000
_END = re.compile(r"[.!?][\"')\]]*\s")


def _pieces(text: str) -> list[str]:
    pieces = []
    while len(text) > CHUNK:
        head = text[:CHUNK]
        ends = [m.end() for m in _END.finditer(head)]
        cut = ends[-1] if ends else (head.rfind(" ") + 1 or CHUNK)
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


def sentences(text: str) -> list[str]:
    """The sentences of a block, white space normalised; a block without a full stop is one sentence."""
    text = " ".join(text.split())
    return [s for piece in _pieces(text) if piece.strip() for s in _split(piece)] if text else []


# A clause begins at these words after a comma, or after a semicolon: "X is monitored,
# but we do not yet analyse it by group" says two things about two lines.
# "X; and Y" ends a list, not a clause: a denial of X governs Y too.
_CLAUSE = re.compile(r"(?:[,;]\s+|\s+)(?=(?:but|however|although|though|whereas|while)\b)|;\s+(?!(?:and|or)\b)",
                     re.IGNORECASE)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, cut before "but", "however", "although" ... and at semicolons that end no list."""
    parts = [p.strip() for p in _CLAUSE.split(sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]
