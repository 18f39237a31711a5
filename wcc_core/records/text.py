"""Text shortened for a message, an enquiry or a listing: the one helper for that job.

Every layer that quotes a line or a sentence inside its own sentence ("C4.2 'The PCT
has …' is not met") cuts it here, each with its own limit, so the quotes read the same
everywhere and a fix lands once.
"""

from __future__ import annotations


def shorten(text: str, limit: int, *, at_word: bool = True) -> str:
    """`text` on one line (runs of white space made one space), cut to about `limit` characters.

    At a word (the default) the cut falls on the last space before `limit` and " …" marks
    it; with `at_word=False` the text is cut at `limit` itself and ends in "…" (the review
    listing's columns). Text within `limit` comes back whole.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if at_word:
        return text[: limit - 1].rsplit(" ", 1)[0] + " …"
    return text[: limit - 1] + "…"
