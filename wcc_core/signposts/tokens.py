"""Stage 1: clean a signpost and cut it into tokens that keep their character spans.

Tokens are deliberately small (a word, a number, one punctuation mark) so that the
grammar in `parser.py` decides what they mean: "p14" is the word "p" then the number
14, "3.2.1" is one dotted number, "22–3" is a number, a dash and a number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["word", "number", "dotted", "dash", "punct"]

# Order matters: a dotted number before a plain one, so "3.2.1" stays whole.
_TOKEN = re.compile(
    r"""
    (?P<dotted>\d+(?:\.\d+)+)
  | (?P<number>\d+)
  | (?P<word>[^\W\d_]+(?:'[^\W\d_]+)?)
  | (?P<dash>[-\u2010-\u2015\u2212])
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """One token of a signpost (a word, number, dotted number, dash or mark) with its place in the text."""

    kind: TokenKind
    text: str
    start: int  # character offsets into the cleaned signpost
    end: int

    @property
    def lower(self) -> str:
        """The token's text in lower case."""
        return self.text.lower()

    def is_word(self, *words: str) -> bool:
        """True when the token is a word and one of `words` (give them in lower case)."""
        return self.kind == "word" and self.text.lower() in words

    def is_punct(self, *marks: str) -> bool:
        """True when the token is one of the punctuation `marks`."""
        return self.kind == "punct" and self.text in marks


def clean(text: str) -> str:
    """The signpost with Unicode compatibility forms folded and odd spaces made plain.

    Offsets of tokens refer to this cleaned text; NFKC keeps "§" and en dashes as they are
    but turns full-width digits and non-breaking spaces into ordinary ones.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if ch.isspace() or unicodedata.category(ch) == "Cc" else ch for ch in text)


def tokenize(text: str) -> list[Token]:
    """Tokens of an already cleaned signpost, in order."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        tokens.append(Token(kind, match.group(), match.start(), match.end()))  # type: ignore[arg-type]
    return tokens
