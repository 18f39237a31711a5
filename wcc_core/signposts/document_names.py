"""Stage 2: which submitted document a name like "Stratgic plan" or "CPF acute" means.

Each document answers to its own names (id, title, aliases, file name) and to the
usual names of its type ("Strategic plan", "SP", "Board minutes"). A name matches
  1. exactly (after folding case and punctuation), own names before type names;
  2. as a name followed by qualifiers that only one of the documents carries
     ("CPF acute", "Board minutes 12 Nov 2009": words of its title, aliases or date);
  3. with a small misspelling (edit distance 1 for names of 4-8 characters, 2 beyond);
  4. as a shortened or partial form of one of its names, every word of the cited name
     standing for a word of that name in any order ("Performance report" for "Provider
     performance report", "Delegation scheme" for "Schemes of delegation"; plurals and
     abbreviations of four letters or more fit, "of" and "the" are ignored).
The first rule that finds anything decides. When it finds two documents the name is
ambiguous: the catalogue returns both and the verifier reports document_missing
naming them. It never guesses.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterable, Mapping

from wcc_core.signposts.tokens import clean, tokenize

# Words a PCT puts before a name that say nothing about which document it is.
_FILLER = {"the", "our", "pct", "pct's", "see", "in"}
# "12th Nov" -> "12 Nov".
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_MONTHS = (
    "january february march april may june july august september october november december"
).split()


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, lower-case, punctuation dropped: "Strat. Plan 2009/10" -> strat plan 2009 10."""
    return words_of(tokenize(clean(text)))


def words_of(tokens) -> tuple[str, ...]:
    """name_words for tokens already cut (see tokens.tokenize)."""
    words: list[str] = []
    for token in tokens:
        if token.kind == "number":
            words.append(token.text.lstrip("0") or "0")
        elif token.kind == "dotted":
            words.extend(p.lstrip("0") or "0" for p in token.text.split("."))
        elif token.kind == "word":
            lower = token.lower
            if lower in _ORDINAL_SUFFIXES and words and words[-1].isdigit():
                continue
            words.append(lower)
    while words and words[0] in _FILLER:
        words.pop(0)
    return tuple(words)


def _date_words(date: str) -> set[str]:
    """"2009-11-12" -> {"2009", "11", "12", "november", "nov"}: the ways a signpost dates minutes."""
    try:
        day = _dt.date.fromisoformat(date.strip()[:10])
    except ValueError:
        return set(name_words(date))
    month = _MONTHS[day.month - 1]
    return {str(day.year), str(day.month), str(day.day), month, month[:3], str(day.year % 100)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_typos(name: str) -> int:
    """How many typing slips a name of this length may carry and still be recognised.

    Short names (ids like "SP", "OD") must be exact: one slip turns one into another.
    """
    letters = len(name.replace(" ", ""))
    return 0 if letters < 4 else 1 if letters <= 8 else 2


# No name of a document has more words than this; longer runs are not tried.
MAX_NAME_WORDS = 40
# Words that join a name's words and say nothing of which document it is.
_LINKING = {"of", "the", "and", "for", "on", "to"}
# A name of one word must have at least this many letters to be a partial name.
_PARTIAL_MIN = 4


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words_fit(wanted: list[str], candidate: tuple[str, ...]) -> bool:
    """Whether each wanted word stands for a different word of `candidate`: the same
    word, its singular or plural, or an abbreviation of at least four letters."""
    free = [_singular(w) for w in candidate if w not in _LINKING]
    for word in wanted:
        word = _singular(word)
        k = next((i for i, c in enumerate(free) if c == word or (len(word) >= 4 and c.startswith(word))), None)
        if k is None:
            return False
        free.pop(k)
    return True


def _qualifier_fits(word: str, haystack: frozenset[str]) -> bool:
    if word in haystack:
        return True
    if word.isdigit():
        return False
    if len(word) >= 3 and any(h.startswith(word) for h in haystack if not h.isdigit()):
        return True  # "Nov" for "November", "prim" for "primary"
    return len(word) >= 5 and any(edit_distance(word, h, 1) <= 1 for h in haystack if len(h) >= 4)


@dataclass(frozen=True)
class CatalogueEntry:
    """The names one submitted document answers to."""

    id: str
    type: str
    own_names: tuple[tuple[str, ...], ...]  # id, title, aliases, file stem (as word tuples)
    type_names: tuple[tuple[str, ...], ...]  # the type's name and usual names
    qualifiers: frozenset[str]  # words that can pick this document out of several
    title: str = ""

    @property
    def label(self) -> str:
        """How messages name the document: "SP (Strategic Plan 2009/10)"."""
        return f"{self.id} ({self.title})" if self.title and self.title != self.id else self.id


@dataclass(frozen=True)
class NameMatch:
    """The documents a name fits, and by which rule ("exact", "qualified", "fuzzy")."""

    ids: tuple[str, ...]
    how: str

    @property
    def ambiguous(self) -> bool:
        """True when the name fits more than one document."""
        return len(self.ids) > 1


class DocumentCatalogue:
    """Every document of a submission by every name it answers to."""

    def __init__(self, entries: Iterable[CatalogueEntry]):
        self.entries = {e.id: e for e in entries}
        self._own: dict[tuple[str, ...], set[str]] = {}
        self._typed: dict[tuple[str, ...], set[str]] = {}
        for entry in self.entries.values():
            for words in entry.own_names:
                self._own.setdefault(words, set()).add(entry.id)
            for words in entry.type_names:
                self._typed.setdefault(words, set()).add(entry.id)
        self._cache: dict[tuple[str, ...], NameMatch | None] = {}

    def label(self, doc_id: str) -> str:
        """How messages name the document with this id; the id itself when it is not in the catalogue."""
        entry = self.entries.get(doc_id)
        return entry.label if entry else doc_id

    def match(self, words: tuple[str, ...]) -> NameMatch | None:
        """The documents the name `words` (see name_words) means, or None."""
        if words not in self._cache:
            self._cache[words] = self._match(words)
        return self._cache[words]

    def _exact(self, words: tuple[str, ...]) -> set[str]:
        own = self._own.get(words)
        if own:
            return set(own)
        typed = set(self._typed.get(words, ()))
        if len(typed) > 1:
            # "OD plan" is the type's name, but also starts with the id of one of them.
            starting = {
                doc_id for doc_id in typed
                if any(words[: len(n)] == n for n in self.entries[doc_id].own_names if len(n) < len(words))
            }
            if len(starting) == 1:
                return starting
        return typed

    def _match(self, words: tuple[str, ...]) -> NameMatch | None:
        if not words or len(words) > MAX_NAME_WORDS:
            return None  # no document is called by forty words ("1.1.1.1..." is many)
        found = self._exact(words)
        if found:
            return NameMatch(tuple(sorted(found)), "exact")
        found = self._qualified(words)
        if found:
            return NameMatch(tuple(sorted(found)), "qualified")
        found = self._fuzzy(words)
        if found:
            return NameMatch(tuple(sorted(found)), "fuzzy")
        found = self._partial(words)
        if found:
            return NameMatch(tuple(sorted(found)), "partial")
        return None

    def _partial(self, words: tuple[str, ...]) -> set[str]:
        """Documents one of whose names holds every content word of `words` (see rule 4)."""
        wanted = [w for w in words if w not in _LINKING]
        if not wanted or any(w.isdigit() for w in wanted):
            return set()
        if len(wanted) == 1 and len(wanted[0]) < _PARTIAL_MIN:
            return set()  # one short word ("plan", "PR") names nothing in particular
        found = set()
        for names in (self._own, self._typed):
            for candidate, ids in names.items():
                if _words_fit(wanted, candidate):
                    found |= ids
        return found

    def _qualified(self, words: tuple[str, ...]) -> set[str]:
        # The longest leading name wins: "board minutes" + "12 nov 2009", not "board" + ...
        for split in range(len(words) - 1, 0, -1):
            base = self._own.get(words[:split], set()) | self._typed.get(words[:split], set())
            if not base:
                continue
            qualifiers = words[split:]
            fitting = {
                doc_id
                for doc_id in base
                if all(_qualifier_fits(q, self.entries[doc_id].qualifiers) for q in qualifiers)
            }
            if fitting:
                return fitting
        return set()

    def _fuzzy(self, words: tuple[str, ...]) -> set[str]:
        text = " ".join(words)
        limit = allowed_typos(text)
        if limit == 0:
            return set()
        for names in (self._own, self._typed):
            found = {
                doc_id
                for candidate, ids in names.items()
                # Word for word, numbers exactly: a dropped or extra word ("plan p") or
                # another number ("CPF 1" for "CPF A") is not a typing slip.
                if len(candidate) == len(words)
                and [w for w in candidate if w.isdigit()] == [w for w in words if w.isdigit()]
                and allowed_typos(" ".join(candidate)) > 0
                and edit_distance(text, " ".join(candidate), limit) <= limit
                for doc_id in ids
            }
            if found:
                return found
        return set()


def catalogue_for(documents: Iterable, document_types: Mapping | None = None) -> DocumentCatalogue:
    """The catalogue of submitted documents (records with id, type, file, title, aliases, date).

    `document_types` maps a type key to a record with `name` and `usual_names` (the
    framework's document types); without it documents answer only to their own names.
    """
    entries = []
    for doc in documents:
        own = [doc.id, getattr(doc, "title", "") or "", *getattr(doc, "aliases", ())]
        file = getattr(doc, "file", "") or ""
        if file:
            own.append(PurePosixPath(file).stem.replace("_", " ").replace("-", " "))
        doc_type = (document_types or {}).get(doc.type)
        typed = [doc_type.name, *doc_type.usual_names] if doc_type else []
        own_names = tuple(dict.fromkeys(w for w in map(name_words, own) if w))
        type_names = tuple(dict.fromkeys(w for w in map(name_words, typed) if w))
        qualifiers = {w for words in own_names for w in words}
        date = str(getattr(doc, "date", "") or "")
        if date:
            qualifiers |= _date_words(date)
        entries.append(
            CatalogueEntry(doc.id, doc.type, own_names, type_names, frozenset(qualifiers), getattr(doc, "title", "") or "")
        )
    return DocumentCatalogue(entries)
