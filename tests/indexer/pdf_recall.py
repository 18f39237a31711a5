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


# Control characters pdfium's raw text keeps from symbol-font encodings ("α\x06z"); the
# indexer drops them (they print nothing), so "αz" is one word on both sides.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def raw_tokens(text: str) -> list[str]:
    """Tokens of pdfium's raw page text, its control characters removed."""
    return tokens(_CONTROLS.sub("", text))


def missing_words(raw: str, extracted: str) -> list[str]:
    """Words of pdfium's raw text for a page that are in none of the extracted text.

    Documented exceptions, each a word that *is* on our side in another form:
    * hyphen joins: "Ex-" + "isting" at a line end is "Existing" in a block, and a
      word pdfium split that the indexer joined (letter-spaced capitals closed up);
    * cell run-ons: pdfium runs the text of two table cells it sees no space between
      into one word ("HX" for cells "H" and "X"); both parts are in blocks.
    Counts matter: a word printed three times must be found three times.
    """
    ref = raw_tokens(raw)
    ours = Counter(tokens(extracted))
    unmatched = []
    for word in ref:
        if ours[word] > 0:
            ours[word] -= 1
        else:
            unmatched.append(word)
    still = []
    for word in unmatched:
        split = next(
            (k for k in range(1, len(word)) if ours[word[:k]] > 0 and ours[word[k:]] > (word[:k] == word[k:])),
            None,
        )
        if split is not None:
            ours[word[:split]] -= 1
            ours[word[split:]] -= 1
        else:
            still.append(word)
    # Pieces of a joined word: "ex" and "isting" inside "existing".
    leftovers = [w for w, n in ours.items() if n > 0 and len(w) > 2]
    i = 0
    result = []
    while i < len(still):
        joined = None
        for j in range(min(len(still), i + 8), i + 1, -1):
            if ours["".join(still[i:j])] > 0:
                joined = j
                break
        if joined is not None:
            ours["".join(still[i:joined])] -= 1
            i = joined
            continue
        if not any(still[i] in w for w in leftovers):
            result.append(still[i])
        i += 1
    return result


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
