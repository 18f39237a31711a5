"""Does a sentence state the thing as done, or as not done / only intended?

"We do not yet stratify our population by risk", "has not been evaluated", "a strategy
is being drafted", "will be launched in May" are evidence *against* a criterion. The cue
phrases are data (cues.toml); matching is on whole lower-case words, in linear time.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CUES_FILE = Path(__file__).with_name("cues.toml")

_WORDS = re.compile(r"[a-z0-9']+")
# Sentence ends: . ! ? ; followed by white space. One pass, no backtracking.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Cues:
    negation: tuple[str, ...]
    intention: tuple[str, ...]
    not_cues: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> Cues:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Cues(tuple(data.get("negation", ())), tuple(data.get("intention", ())), tuple(data.get("not_cues", ())))


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("’", "'"))


def sentences(text: str) -> list[str]:
    """The sentences of a block (a block without a full stop is one sentence)."""
    return [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]


def _find(tokens: list[str], phrase: str) -> int:
    """Index of `phrase` (whole words) in `tokens`, or -1."""
    wanted = phrase.split()
    n = len(wanted)
    first = wanted[0]
    for i, token in enumerate(tokens):
        if token == first and tokens[i:i + n] == wanted:
            return i
    return -1


def _blank_exceptions(tokens: list[str], cues: Cues) -> list[str]:
    tokens = list(tokens)
    for phrase in cues.not_cues:
        n = len(phrase.split())
        while (i := _find(tokens, phrase)) >= 0:
            tokens[i:i + n] = ["_"] * n
    return tokens


def stance(sentence: str, cues: Cues | None = None) -> tuple[str, str]:
    """("against", the cue) when the sentence denies or defers the thing; ("for", "") otherwise."""
    cues = cues or load_cues()
    tokens = _blank_exceptions(words(sentence), cues)
    found = []
    for phrase in cues.negation + cues.intention:
        i = _find(tokens, phrase)
        if i >= 0:
            found.append((i, -len(phrase.split()), phrase))
    if not found:
        return "for", ""
    return "against", min(found)[2]
