"""Sentence boundaries by pysbd, the rule-based Golden Rules splitter (Sadvilkar and Neumann, 2020).

A block is split once per run; "e.g.", "Mr.", "p. 14" and "Jan. 2010" do not end a
sentence, as a hand-written split on full stops would make them.
"""

from __future__ import annotations

import functools
import re

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


@functools.lru_cache(maxsize=65_536)
def _split(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SEGMENTER.segment(text) if s.strip())


def sentences(text: str) -> list[str]:
    """The sentences of a block, white space normalised; a block without a full stop is one sentence."""
    text = " ".join(text.split())
    return list(_split(text)) if text else []


# A clause begins at these words after a comma, or after a semicolon: "X is monitored,
# but we do not yet analyse it by group" says two things about two lines.
# "X; and Y" ends a list, not a clause: a denial of X governs Y too.
_CLAUSE = re.compile(r"(?:[,;]\s+|\s+)(?=(?:but|however|although|though|whereas|while)\b)|;\s+(?!(?:and|or)\b)",
                     re.IGNORECASE)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, cut before "but", "however", "although" ... and at semicolons that end no list."""
    parts = [p.strip() for p in _CLAUSE.split(sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]
