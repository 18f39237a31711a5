"""Bag-of-words recall of extracted text against a reference text (used by the tests).

Both sides are tokenised the same way: Unicode NFKC (so ligatures split), lower case,
runs of letters and digits. The extractor joins words that typesetting hyphenated at a
line end ("Ex-" + "isting" -> "Existing"), which a layout-mode reference keeps as two
fragments; a reference token counts as recalled when it is part of an extracted
token (of three or more letters) that is otherwise unmatched, or when consecutive reference tokens
spell one unmatched extracted word (letter-spaced or rotated text the reference tool
split), so this joining is not punished. A reference token that is one of ours
written twice ("hh" for a fake-bold "h" drawn twice) also counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def recall(reference: str, extracted: str) -> float | None:
    """Share of reference word occurrences found in the extracted text (None: no words)."""
    ref = tokens(reference)
    if not ref:
        return None
    ours = Counter(tokens(extracted))
    matched = [False] * len(ref)
    for i, word in enumerate(ref):
        if ours[word] > 0:
            ours[word] -= 1
            matched[i] = True
    # A word the reference split (hyphenation, letter-spaced or rotated text) that the
    # extractor joined: consecutive unmatched reference tokens spelling one leftover word.
    for i in range(len(ref)):
        for j in range(i + 2, min(i + 8, len(ref)) + 1):
            if any(matched[i:j]):
                break
            joined = "".join(ref[i:j])
            if ours[joined] > 0:
                ours[joined] -= 1
                matched[i:j] = [True] * (j - i)
                break
    leftovers = [w for w, n in ours.items() if n > 0 and len(w) > 2]
    for i, word in enumerate(ref):
        if matched[i]:
            continue
        half = word[: len(word) // 2]
        if half * 2 == word and ours[half] > 0:  # a glyph drawn twice for fake bold
            matched[i] = True
        elif any(word in w for w in leftovers):
            matched[i] = True  # a piece of a word the reference split across lines
    return sum(matched) / len(ref)
