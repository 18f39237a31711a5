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
# Sentence ends: . ! ? followed by white space. One pass, no backtracking. A semicolon
# ends a clause, not a sentence (`clauses`): "we do not yet have A; and B" denies B too.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Cues:
    negation: tuple[str, ...]
    intention: tuple[str, ...]
    not_cues: tuple[str, ...] = ()
    clause_breaks: tuple[str, ...] = ()
    before_dates: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    knowing: tuple[str, ...] = ()
    wh_words: tuple[str, ...] = ()
    unfinished: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> Cues:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    names = ("negation", "intention", "not_cues", "clause_breaks", "before_dates", "relatives", "knowing",
             "wh_words", "unfinished")
    return Cues(*(tuple(data.get(name, ())) for name in names))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# "April 2010", "2010", "2010/11", "2010-11": the month is optional.
_DATE = re.compile(r"\b(?:(?:" + "|".join(_MONTHS) + r")\s+)?(20\d\d)(?:[/-]\d\d)?\b")


def future_date(sentence: str, as_of: str, cues: Cues | None = None) -> str:
    """The phrase ("by April 2010") when the sentence puts the thing in a year after `as_of`'s, else "".

    A document dated October 2009 that says something happens "by April 2010" or "in
    2010/11" is promising it, not reporting it. Only a date after one of the cue words
    of `before_dates` (by, from, in, during ...) counts: "the 2010 targets were agreed"
    reports a thing done.
    """
    cues = cues or load_cues()
    if not as_of or not cues.before_dates:
        return ""
    try:
        year = int(as_of[:4])
    except ValueError:
        return ""
    lower = sentence.lower()
    for match in _DATE.finditer(lower):
        before = lower[:match.start()].split()[-1:]
        # A later calendar year, not merely a later month: documents are often dated
        # before the meetings they already report ("as the board heard in November").
        if before and before[0] in cues.before_dates and int(match.group(1)) > year:
            return f"{before[0]} {match.group(0)}"
    return ""


@functools.lru_cache(maxsize=4)
def _clause_pattern(breaks: tuple[str, ...]) -> re.Pattern | None:
    if not breaks:
        return None
    words_ = "|".join(re.escape(b) for b in breaks)
    # A comma or semicolon (optional) and white space before a break word; or a semicolon
    # that does not go on with a list item ("; and", "; or"): those items share the
    # verb, and so the negation, of the clause before them. One pass, no nesting.
    return re.compile(rf"[,;]?\s+(?=(?:{words_})\b)|;\s+(?!(?:and|or|nor)\b)", re.IGNORECASE)


def clauses(sentence: str, cues: Cues | None = None) -> list[str]:
    """The clauses of a sentence, cut before "but", "although" ... (cues.toml) and at a semicolon
    that does not continue a list; [sentence] when none."""
    pattern = _clause_pattern((cues or load_cues()).clause_breaks)
    parts = [p for p in pattern.split(sentence) if p.strip()] if pattern else [sentence]
    return parts if len(parts) > 1 else [sentence]


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


@functools.lru_cache(maxsize=4)
def _by_first_word(cues: Cues) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue phrases grouped by their first word, so one pass over a sentence finds them all."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in cues.negation + cues.intention:
        table.setdefault(phrase.split()[0], []).append(tuple(phrase.split()))
    return {word: tuple(phrases) for word, phrases in table.items()}


def _occurrences(tokens: list[str], cues: Cues) -> list[tuple[int, tuple[str, ...]]]:
    """(position, phrase) of every cue phrase in `tokens`, in one pass."""
    table = _by_first_word(cues)
    found = []
    for i, token in enumerate(tokens):
        for phrase in table.get(token, ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                found.append((i, phrase))
    return found


def _describes(tokens: list[str], i: int, phrase: tuple[str, ...], cues: Cues) -> bool:
    """Is the cue at `i` inside a clause that describes something rather than denying the statement?

    "clinicians who do not sit on the PEC", "gains that will come in the longer run": a
    relative pronoun straight before the cue. "has identified where supply falls short":
    a wh-clause after a verb of finding out, which reports what the PCT knows. A clause
    that calls the thing unfinished ("initiatives which have not yet been prioritised")
    still names a gap.
    """
    if cues.unfinished and set(tokens[i:i + len(phrase) + 2]).intersection(cues.unfinished):
        return False
    # "that not all practices report" is "that" opening a statement, not a relative clause:
    # a relative pronoun is followed by its verb ("who do not", "that will").
    if i and tokens[i - 1] in cues.relatives and phrase[0] not in ("not", "no"):
        return True
    return any(tokens[j] in cues.wh_words and tokens[j - 1] in cues.knowing for j in range(max(1, i - 4), i))


@functools.lru_cache(maxsize=65_536)
def stance(sentence: str, cues: Cues | None = None, criterion: str = "", as_of: str = "") -> tuple[str, str]:
    """("against", the cue) when the sentence denies or defers the thing; ("for", "") otherwise.

    Cues in a clause that describes a thing (`_describes`) deny nothing. Cues the
    `criterion` text itself contains are discounted, once for each time it has them: a
    criterion about "initiatives that do not directly map to a health need" is met by a
    passage repeating those words. With `as_of` (the document's date), a date
    after it defers the thing too (`future_date`).
    """
    cues = cues or load_cues()
    tokens = _blank_exceptions(words(sentence), cues)
    found = _occurrences(tokens, cues)
    # A describing cue takes the shorter cues inside it along ("who do not" holds "not").
    described = {j for i, phrase in found if _describes(tokens, i, phrase, cues) for j in range(i, i + len(phrase))}
    found = [(i, phrase) for i, phrase in found if not described.intersection(range(i, i + len(phrase)))]
    if not found:
        later = future_date(sentence, as_of, cues)
        return ("against", later) if later else ("for", "")
    own: dict[tuple[str, ...], int] = {}
    if criterion:
        for _, phrase in _occurrences(_blank_exceptions(words(criterion), cues), cues):
            own[phrase] = own.get(phrase, 0) + 1
    seen: dict[tuple[str, ...], int] = {}
    kept = []
    for i, phrase in found:
        seen[phrase] = seen.get(phrase, 0) + 1
        if seen[phrase] > own.get(phrase, 0):
            kept.append((i, -len(phrase), " ".join(phrase)))
    if not kept:
        later = future_date(sentence, as_of, cues)
        return ("against", later) if later else ("for", "")
    return "against", min(kept)[2]
