"""Stage 3: the signpost grammar. A typed signpost becomes one or more `Signpost` records.

    signpost  := part (";" part)*
    part      := [name] locators
    locators  := locator (sep locator)*     sep := "," | "and" | "&" | "+" | ":" | ")"
    locator   := page | section | appendix | item | whole
    page      := [PAGE_WORD ["."]] pages [paras]  PAGE_WORD := p | pp | pg | page | pages ...
               | "pvi" ...                    (a roman page glued to "p", two letters or more)
    pages     := value [range_end] ((","|"and"|"&") value [range_end])*   (one kind of number)
    value     := NUMBER | ROMAN                ("p. iv"; a bare value is a number, never a year)
    range_end := ("-" | "to") value           ("22-3" is read as 22-23)
    paras     := [","] PARA_WORD ["."] numbers | "(" numbers ")"      ("p.14 para 3", "14(3)")
    section   := (SECTION_WORD ["."] | "§") (DOTTED | NUMBER)        ("section 4.2", "s.4.2")
               | PARA_WORD DOTTED | PARA_WORD NUMBER (no page before it) ("para 3.2.1", "para 3")
               | DOTTED                       ("JSNA 4.2.2": a bare dotted number is a section;
                                               a bare whole number is a page, as in "14(3)")
    caption   := (table | figure | fig | chart) ["."] NUMBER   ("Appendix 3 table 2")
    appendix  := (appendix | annex | annexe) ["."] ID
    item      := [agenda] item NUMBER          (board minutes: checked as the section numbered so,
                                                or a block starting "Item 7")
    whole     := (whole | entire | full | all | throughout) [document words]

Bullets and brackets before a part, and a dash or bracket between the name and the
first locator ("SP - p.4", "JSNA (whole document)"), only set things off.

Where the name ends is decided with the document catalogue (see `_Splitter`):
the split whose remainder reads fully as locators wins, then one naming exactly one
document, then the surest match, then the longest name. With no document matching,
the name is what comes before the first readable locator. Whatever cannot be read
becomes an `UnknownLocator` covering the rest of the part, never an exception.

A part with no name ("SP p.4; p.7") refers to the document of the part before it. A
part whose unreadable rest starts, after "and", "&", "/" or ",", with the name of another
document is two parts ("SP p.14 and JSNA p.3"). A full stop ending a part ends the
sentence, not a locator ("SP p.14."), and "ff" or "onwards" after a page cites the page
the passage starts on.
`render_signpost` writes the canonical form; parsing that again gives the same records.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from indexer.running_heads import roman_value  # the one roman-numeral converter; verify.py imports it from here
from indexer.sections import normalise_section
from wcc_core.signposts.document_names import DocumentCatalogue, NameMatch, words_of
from wcc_core.records.signposts import (
    AppendixLocator,
    Locator,
    PageList,
    PageLocator,
    PageRange,
    SectionLocator,
    Signpost,
    UnknownLocator,
    WholeDocument,
)
from wcc_core.signposts.tokens import Token, clean, tokenize

PAGE_WORDS = {"p", "pp", "pg", "pgs", "pge", "page", "pages"}
PARA_WORDS = {"para", "paras", "paragraph", "paragraphs", "par", "pars", "para's"}
SECTION_WORDS = {"section", "sections", "sect", "sec", "s", "chapter", "ch"}
APPENDIX_WORDS = {"appendix", "annex", "annexe", "app"}
WHOLE_WORDS = {"whole", "entire", "full", "all", "throughout"}
WHOLE_TAIL = {"document", "doc", "of", "the", "pages", "report", "plan", "strategy", "text"}
SEPARATORS = {",", "&", "+", ":", ")", "/"}
CAPTION_WORDS = {"table": "table", "tables": "table", "figure": "figure", "fig": "figure", "figs": "figure",
                 "chart": "figure", "graph": "figure"}
# "p.14 ff", "p.14 onwards": the passage starts on page 14.
PAGE_SUFFIXES = {"ff", "f", "onwards", "onward", "et"}
# Numbers longer than this are typing slips, never pages or paragraphs (and a number of
# thousands of digits must not reach int(), which refuses more than 4,300).
MAX_DIGITS = 6
# A bare dotted number is a section when it looks like one: "4.2.2", not "12.11.2009".
_SECTION_PARTS = 5
# Bare numbers in this range are years ("JSNA 2009 p.4"), never pages.
YEARS = range(1990, 2031)
_MATCH_RANK = {"exact": 3, "qualified": 2, "fuzzy": 1, "partial": 0}
# A paragraph range longer than this is a typing slip, not a citation.
MAX_PARAGRAPHS = 100
# Names longer than this are not tried against the catalogue: no document title is.
MAX_NAME_TOKENS = 16
# A ";" part longer than this many tokens is not one reference: what follows is left
# unread (an explicit unknown locator), which keeps parsing linear in the text's length.
MAX_PART_TOKENS = 200




def _number(token: Token) -> int:
    """The value of a number token; a run of digits too long to be a page is unreadable."""
    if len(token.text) > MAX_DIGITS:
        raise _Invalid(f"'{token.text[:12]}…' is too long to be a page, paragraph or section number")
    return int(token.text)


def _is_section_number(text: str) -> bool:
    """"4.2.2" yes; "12.11.2009" (a date), "1.000001" or nine parts no."""
    parts = text.split(".")
    return len(parts) <= _SECTION_PARTS and len(parts[0]) <= 2 and all(len(part) <= 3 for part in parts)


class _Fail(Exception):
    """Internal: the locator grammar does not match here (caught within this module)."""


class _Invalid(_Fail):
    """Internal: it matches, but cannot be right ("pp. 23-20"): no backtracking past it."""


class _LocatorReader:
    """Recursive descent over the tokens of one part, from a start position."""

    def __init__(self, tokens: Sequence[Token], text: str):
        self.tokens = tokens
        self.text = text
        self.pos = 0

    # -- helpers -------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise _Fail("end of text")
        self.pos += 1
        return token

    def optional_dot(self) -> None:
        token = self.peek()
        if token is not None and token.is_punct("."):
            self.pos += 1

    def span_from(self, start: int) -> tuple[int, int]:
        return (self.tokens[start].start, self.tokens[self.pos - 1].end)

    def is_separator(self, token: Token | None) -> bool:
        return token is not None and (token.is_punct(*SEPARATORS) or token.is_word("and"))

    # -- locators ------------------------------------------------------------------------
    def read_all(self, start: int) -> tuple[tuple[Locator, ...], bool]:
        """Locators from `start` to the end, and whether all of it could be read."""
        self.pos = start
        locators: list[Locator] = []
        while self.peek() is not None:
            # Before the first locator a dash or bracket only sets it off: "SP - p.4", "JSNA (whole document)";
            # a bracket also sets off a later one: "section 3 (p.12)".
            while self.is_separator(self.peek()) or (
                self.peek() and (self.peek().is_punct("(") or (not locators and self.peek().kind == "dash"))
            ):
                self.pos += 1
            if self.peek() is None:
                break
            if locators and self.ends_sentence():
                break
            at = self.pos
            try:
                locators.append(self.locator())
            except _Fail as why:
                # With no name and nothing read, all of the part is unreadable, "and" included.
                first = self.tokens[start if start == 0 and not locators else at]
                text = self.text[first.start : self.tokens[-1].end]
                locators.append(UnknownLocator(text, str(why), (first.start, self.tokens[-1].end)))
                return tuple(locators), False
        return tuple(locators), True

    def ends_sentence(self) -> bool:
        """Whether only a full stop (or several) is left: "SP p.14." ends a sentence."""
        rest = self.tokens[self.pos:]
        return bool(rest) and all(t.is_punct(".") for t in rest)

    def locator(self) -> Locator:
        token = self.peek()
        start = self.pos
        glued = _glued_roman_page(token)
        if glued is not None:  # "pvi": page vi typed without a space
            self.pos += 1
            return self.pages_after(start, glued)
        if token.is_word(*PAGE_WORDS):
            self.pos += 1
            self.optional_dot()
            return self.pages(start, allow_roman=True)
        if token.kind == "number":
            if _number(token) in YEARS:
                raise _Fail(f"'{token.text}' is a year, not a page")
            return self.pages(start, allow_roman=False)
        if token.kind == "dotted":  # "JSNA 4.2.2": a bare dotted number is a section
            self.pos += 1
            if not _is_section_number(token.text):
                raise _Invalid(f"'{token.text[:20]}' is not a section number")
            return SectionLocator(normalise_section(token.text), "section", self.span_from(start))
        if token.is_word(*CAPTION_WORDS):
            self.pos += 1
            self.optional_dot()
            number = self.take()
            if number.kind not in ("number", "dotted") or (number.kind == "dotted" and not _is_section_number(number.text)):
                raise _Fail(f"expected a {CAPTION_WORDS[token.lower]} number, found '{number.text}'")
            if number.kind == "number":
                _number(number)
            return SectionLocator(normalise_section(number.text), CAPTION_WORDS[token.lower], self.span_from(start))
        if token.is_word(*SECTION_WORDS) or token.is_punct("§"):
            self.pos += 1
            self.optional_dot()
            if self.peek() is not None and self.peek().is_punct("§"):
                self.pos += 1  # "§§"
            return SectionLocator(self.section_number(), "section", self.span_from(start))
        if token.is_word(*PARA_WORDS):
            self.pos += 1
            self.optional_dot()
            return SectionLocator(self.section_number(), "para", self.span_from(start))
        if token.is_word(*APPENDIX_WORDS):
            self.pos += 1
            self.optional_dot()
            return AppendixLocator(self.appendix_id(), self.span_from(start))
        if token.is_word("agenda", "item", "items"):
            if token.is_word("agenda"):
                self.pos += 1
                if not (self.peek() and self.peek().is_word("item", "items")):
                    raise _Fail("'agenda' should be followed by 'item' and a number")
            self.pos += 1
            self.optional_dot()
            return SectionLocator(self.section_number(), "item", self.span_from(start))
        if token.is_word(*WHOLE_WORDS):
            self.pos += 1
            while self.peek() is not None and self.peek().is_word(*WHOLE_TAIL):
                self.pos += 1
            return WholeDocument(self.span_from(start))
        raise _Fail(f"cannot read '{token.text}' as a page, paragraph or section")

    def section_number(self) -> str:
        token = self.take()
        if token.kind not in ("dotted", "number"):
            raise _Fail(f"expected a section number, found '{token.text}'")
        if token.kind == "number":
            _number(token)
        elif not _is_section_number(token.text):
            raise _Invalid(f"'{token.text[:20]}' is not a section number")
        return normalise_section(token.text)

    def appendix_id(self) -> str:
        token = self.take()
        if token.kind == "number":
            return str(_number(token))
        if token.kind == "word" and (len(token.text) <= 2 or roman_value(token.lower)) and not _starts_locator(token):
            return token.text.upper()  # "appendix B", not "appendix p. 4"
        raise _Fail(f"expected an appendix letter or number, found '{token.text}'")

    # -- pages ---------------------------------------------------------------------------
    def page_value(self, allow_roman: bool) -> tuple[str, int, bool]:
        """(label, numeric value, is_roman) of the next page value."""
        token = self.take()
        if token.kind == "number":
            value = _number(token)
            return str(value), value, False
        if allow_roman and token.kind == "word" and roman_value(token.lower):
            return token.lower, roman_value(token.lower), True
        raise _Fail(f"expected a page number, found '{token.text}'")

    def range_end(self, first: tuple[str, int, bool]) -> str | None:
        token = self.peek()
        if token is None or not (token.kind == "dash" or token.is_word("to")):
            return None
        before = self.pos
        self.pos += 1
        try:
            label, value, roman = self.page_value(allow_roman=first[2])
        except _Invalid:
            raise
        except _Fail:
            self.pos = before  # "p. 4 - see note": the dash is not a range
            return None
        if roman != first[2]:
            raise _Invalid("a page range mixes roman and arabic numbers")
        if not roman and value < first[1] and len(label) < len(first[0]):
            label = first[0][: len(first[0]) - len(label)] + label  # "22-3" means 22-23
            value = int(label)
        if value < first[1]:
            raise _Invalid(f"the page range {first[0]}-{label} runs backwards")
        return label

    def page_suffix(self) -> None:
        """Skip "ff", "onwards", "et seq." after a page: the passage starts there."""
        token = self.peek()
        if token is None or not token.is_word(*PAGE_SUFFIXES):
            return
        if token.is_word("et"):
            after = self.peek(1)
            if after is None or not after.is_word("seq"):
                return
            self.pos += 1
        self.pos += 1
        self.optional_dot()

    def one_page(self, allow_roman: bool) -> PageLocator | PageRange:
        start = self.pos
        first = self.page_value(allow_roman)
        self.page_suffix()
        last = self.range_end(first)
        if last is not None:  # "pp. 14-14" stays a range: its rendering must read back the same
            if self.paragraphs():
                # Read as a section, "para 2" would be checked somewhere else entirely.
                raise _Invalid("a paragraph belongs to one page, not to a range of pages")
            return PageRange(first[0], last, self.span_from(start))
        paragraphs = self.paragraphs()
        return PageLocator(first[0], paragraphs, self.span_from(start))

    def pages(self, start: int, allow_roman: bool) -> Locator:
        roman = allow_roman and self.peek() is not None and self.peek().kind == "word"
        return self.more_pages(start, [self.one_page(allow_roman)], allow_roman, roman)

    def pages_after(self, start: int, label: str) -> Locator:
        """The rest of a page locator whose first page is already read ("pvi para 4")."""
        paragraphs = self.paragraphs()
        first = PageLocator(label, paragraphs, self.span_from(start))
        return self.more_pages(start, [first], True, True)

    def more_pages(self, start: int, items: list, allow_roman: bool, roman: bool) -> Locator:
        while True:
            token, following = self.peek(), self.peek(1)
            if not (token is not None and (token.is_punct(",", "&", "/") or token.is_word("and"))):
                break
            # A list keeps to one kind of number: "pp. 4 and C" is page 4 and something else.
            if following is None or not (
                (following.kind == "number" and not roman)
                or (roman and following.kind == "word" and roman_value(following.lower))
            ):
                break
            # An item that does not read ends the list there, for the next locator to try.
            before = self.pos
            self.pos += 1
            try:
                items.append(self.one_page(allow_roman))
            except _Invalid:
                raise
            except _Fail:
                self.pos = before
                break
        if len(items) == 1:
            only = items[0]
            return replace(only, span=self.span_from(start))
        return PageList(tuple(items), self.span_from(start))

    def paragraphs(self) -> tuple[int, ...]:
        token = self.peek()
        if token is not None and token.is_punct("("):
            before = self.pos
            self.pos += 1
            if self.peek() is not None and self.peek().is_word(*PARA_WORDS):  # "p 4 (para 2)"
                self.pos += 1
                self.optional_dot()
            try:
                numbers = self.paragraph_numbers()
            except _Invalid:
                raise
            except _Fail:
                numbers = ()
            if not numbers or not (self.peek() and self.peek().is_punct(")")):
                self.pos = before  # "p.3 (see note)": not a paragraph; the rest is read on its own
                return ()
            self.pos += 1
            return numbers
        ahead = 1 if token is not None and token.is_punct(",") else 0
        word = self.peek(ahead)
        if word is None or not word.is_word(*PARA_WORDS):
            return ()
        after = self.peek(ahead + 1)
        if after is not None and after.is_punct("."):
            after = self.peek(ahead + 2)
        if after is None or after.kind != "number":
            return ()  # "para 3.2.1" after a page is a section of its own
        before = self.pos
        self.pos += ahead + 1
        self.optional_dot()
        try:
            return self.paragraph_numbers()
        except _Invalid:
            raise
        except _Fail:
            self.pos = before  # "p.4 para 3-x": page 4, then "para 3-x" to be read (or not) on its own
            return ()

    def paragraph_numbers(self) -> tuple[int, ...]:
        numbers: list[int] = []
        while True:
            token = self.take()
            if token.kind != "number":
                raise _Fail(f"expected a paragraph number, found '{token.text}'")
            first = _number(token)
            last = first
            dash = self.peek()
            if dash is not None and (dash.kind == "dash" or dash.is_word("to")):
                self.pos += 1
                end = self.take()
                if end.kind != "number":
                    raise _Fail(f"expected a paragraph number, found '{end.text}'")
                last = _number(end)
                if last < first:
                    raise _Invalid(f"the paragraph range {first}-{last} runs backwards")
            if last - first + 1 + len(numbers) > MAX_PARAGRAPHS:
                raise _Invalid(f"more than {MAX_PARAGRAPHS} paragraphs cited")
            numbers.extend(range(first, last + 1))
            token, following = self.peek(), self.peek(1)
            if (
                token is not None
                and (token.is_punct(",", "&") or token.is_word("and"))
                and following is not None
                and following.kind == "number"
            ):
                before = self.pos
                self.pos += 1
                try:
                    rest = self.paragraph_numbers()
                except _Invalid:
                    raise
                except _Fail:
                    self.pos = before
                    return tuple(dict.fromkeys(numbers))
                if len(numbers) + len(rest) > MAX_PARAGRAPHS:
                    raise _Invalid(f"more than {MAX_PARAGRAPHS} paragraphs cited")
                return tuple(dict.fromkeys(numbers + list(rest)))
            return tuple(dict.fromkeys(numbers))


# Two or more roman letters, so that "PC" (primary care) and "pi" stay words.
_GLUED_PAGE = re.compile(r"^(?:pp?|pg)([ivxl]{2,})$")
# Front matter is short: a glued roman number above this is more likely a word.
_GLUED_MAX = 40


def _glued_roman_page(token: Token) -> str | None:
    """"pvi" -> "vi": a roman page number typed against its page word, else None."""
    if token.kind != "word":
        return None
    match = _GLUED_PAGE.match(token.lower)
    value = roman_value(match.group(1)) if match else None
    return match.group(1) if value and value <= _GLUED_MAX else None


def _starts_locator(token: Token) -> bool:
    return _glued_roman_page(token) is not None or (
        token.is_word(*PAGE_WORDS, *PARA_WORDS, *SECTION_WORDS, *APPENDIX_WORDS, *WHOLE_WORDS, *CAPTION_WORDS,
                      "item", "agenda")
        or token.is_punct("§")
        or token.kind in ("number", "dotted")
    )


def _may_end_name(token: Token) -> bool:
    """A name ends with a word or number ("Plan 2009/10"), or a closing bracket, never with "," or "-"."""
    return token.kind in ("word", "number", "dotted") or token.is_punct(")", "]")


class _Splitter:
    """Where the document name of one part ends: a token index, and what the name matched.

    Among the splits whose name matches a document, prefer one whose remainder reads
    fully as locators, then one naming exactly one document, then the surest match
    (exact, then with qualifiers, then with typing slips), then the longest name
    ("Board minutes 12 Nov 2009 item 7" keeps the date in the name; "SP 14(3)" does not
    swallow the 14 even though the plan's title ends "2013/14"). With no match: no name if
    the part starts with a locator, else the name ends before the first readable locator.
    """

    def __init__(self, tokens: Sequence[Token], reader: _LocatorReader):
        self.tokens = tokens
        self.reader = reader
        self.n = len(tokens)
        self._full: dict[int, bool] = {}
        self._some: dict[int, bool] = {}

    def reads_fully(self, k: int) -> bool:
        """Whether everything from token k reads as one or more locators."""
        if k not in self._full:
            locators, complete = self.reader.read_all(k) if k < self.n else ((), False)
            self._full[k] = complete and bool(locators)
        return self._full[k]

    def reads_some(self, k: int) -> bool:
        """Whether a locator (at least) reads from token k."""
        if k not in self._some:
            locators = self.reader.read_all(k)[0]
            self._some[k] = bool(locators) and not isinstance(locators[0], UnknownLocator)
        return self._some[k]

    def split(self, catalogue: DocumentCatalogue | None) -> tuple[int, NameMatch | None]:
        if catalogue is not None:
            found = self.matched(catalogue)
            if found is not None:
                return found
        if self.reads_fully(0) or self.reads_some(0):
            return 0, None  # it starts with a locator: no name (a later part inherits one)
        return self.unmatched(), None

    def matched(self, catalogue: DocumentCatalogue) -> tuple[int, NameMatch] | None:
        best: tuple[tuple, int, NameMatch] | None = None
        for k in range(min(self.n, MAX_NAME_TOKENS), 0, -1):
            last = self.tokens[k - 1]
            if not _may_end_name(last) or self.dash_joins(k):
                continue
            if last.kind == "word" and _starts_locator(last) and self.reads_some(k - 1):
                continue  # "CPF p.2" is "CPF" then page 2, even beside a document "CPF-P"
            match = catalogue.match(words_of(self.tokens[:k]))
            if match is None:
                continue
            if match.how == "partial" and (k >= self.n or not self.reads_some(k)):
                continue  # a partial name ("Annual ...") counts only when a locator follows it
            score = (self.reads_fully(k), not match.ambiguous, _MATCH_RANK[match.how], k)
            if best is None or score > best[0]:
                best = (score, k, match)
        return (best[1], best[2]) if best else None

    def dash_joins(self, k: int) -> bool:
        """Whether a dash after tokens[:k] joins on rather than ends a name: stuck to it
        ("P1-0", "CPF1-0") or to the number after it ("P1 -0" is a broken range), where
        "COMMS - 3(14)", spaced both sides, sets the name off."""
        tokens = self.tokens
        if k >= self.n or tokens[k].kind != "dash":
            return False
        stuck_after = k + 1 < self.n and tokens[k + 1].kind == "number" and tokens[k + 1].start == tokens[k].end
        return tokens[k].start == tokens[k - 1].end or stuck_after

    def may_be_name(self, k: int) -> bool:
        """Whether tokens[:k] can be the name of a document the catalogue does not know."""
        tokens = self.tokens
        if self.dash_joins(k):
            return False
        if not (_may_end_name(tokens[k - 1]) and tokens[0].kind == "word"):
            return False  # a name starts with a word: "1 to 0" is a broken range, not a name
        # Nor does a name run over a locator word that reads ("A p. 0 ...").
        return not any(
            tokens[j].kind == "word" and _starts_locator(tokens[j]) and self.reads_some(j) for j in range(1, k)
        )

    def unmatched(self) -> int:
        """The end of an unknown name: before the first locator word from which everything
        reads ("Annual report 2009 p.4"), else before any readable remainder ("Annual
        report 14(3)"), else before the first locator word at all ("Annual report: page x")."""
        for k in range(1, self.n):
            word = self.tokens[k]
            if self.may_be_name(k) and word.kind == "word" and _starts_locator(word) and self.reads_fully(k):
                return k
        for k in range(1, self.n):
            if self.may_be_name(k) and self.reads_fully(k):
                return k
        k = next((i for i, t in enumerate(self.tokens) if _starts_locator(t)), self.n)
        while k > 0 and not _may_end_name(self.tokens[k - 1]):
            k -= 1
        return k if k and self.may_be_name(k) else 0


def _parse_parts(
    text: str, tokens: Sequence[Token], catalogue: DocumentCatalogue | None, part: int, previous: Signpost | None
) -> list[Signpost]:
    """One ";" part, or several where it runs on into another document's signpost:
    "SP p.14 and JSNA p.3", "SP p.14 / JSNA p.3" are two references."""
    found = [_parse_part(text, tokens, catalogue, part, previous)]
    while catalogue is not None:
        last = found[-1]
        rest = last.locators[-1] if last.locators else None
        if not isinstance(rest, UnknownLocator):
            break
        at = next((i for i, t in enumerate(tokens) if t.start == rest.span[0]), None)
        while at is not None and at < len(tokens) and (tokens[at].is_punct(*SEPARATORS) or tokens[at].is_word("and")):
            at += 1
        if at is None or at == 0 or at >= len(tokens) or tokens[at].kind != "word":
            break
        following = _parse_part(text, tokens[at:], catalogue, part + len(found), None)
        if following.name is None or (following.document is None and not following.candidates):
            break  # what follows names no document of the submission: it stays unreadable
        found[-1] = replace(last, locators=last.locators[:-1])
        found.append(following)
        tokens = tokens[at:]
    return found


def _parse_part(
    text: str, tokens: Sequence[Token], catalogue: DocumentCatalogue | None, part: int, previous: Signpost | None
) -> Signpost:
    reader = _LocatorReader(tokens, text)
    k, match = _Splitter(tokens, reader).split(catalogue)
    locators = reader.read_all(k)[0] if k < len(tokens) else ()
    if k == 0:
        if previous is not None:
            return Signpost(text, None, previous.document, locators, previous.candidates, part, inherited=True)
        return Signpost(text, None, None, locators, (), part)
    name_span = (tokens[0].start, tokens[k - 1].end)
    name = text[name_span[0] : name_span[1]]
    if match is None:
        return Signpost(text, name, None, locators, (), part, name_span=name_span)
    document = match.ids[0] if not match.ambiguous else None
    candidates = match.ids if match.ambiguous else ()
    return Signpost(text, name, document, locators, candidates, part, name_span=name_span)


def parse_signpost(raw: str, catalogue: DocumentCatalogue | None = None) -> tuple[Signpost, ...]:
    """Every reference in one typed signpost, in order. Never raises.

    An empty or blank signpost gives one Signpost with no name and no locators.
    """
    text = clean(raw)
    tokens = tokenize(text)
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.is_punct(";"):
            parts.append([])
        else:
            parts[-1].append(token)
    # A part of punctuation alone ("SP p.4; :") says nothing: it is dropped.
    parts = [p for p in parts if any(t.kind not in ("punct", "dash") for t in p)] or [[]]
    # Bullets and brackets before a part ("- SP p.4", "(SP p.4)") say nothing either.
    parts = [p[next(i for i, t in enumerate(p) if t.kind not in ("punct", "dash") or t.text == "§"):] if p else p
             for p in parts]
    signposts: list[Signpost] = []
    for i, part_tokens in enumerate(parts):
        previous = signposts[-1] if signposts else None
        if not part_tokens:
            signposts.append(Signpost(text, None, None, (), (), i))
            continue
        overflow = part_tokens[MAX_PART_TOKENS:]
        # Spans stay relative to the whole cleaned signpost.
        found = _parse_parts(text, part_tokens[:MAX_PART_TOKENS], catalogue, i, previous)
        if overflow:
            span = (overflow[0].start, overflow[-1].end)
            rest = UnknownLocator(text[span[0]:span[1]], f"more than {MAX_PART_TOKENS} words and numbers in one reference", span)
            found[-1] = replace(found[-1], locators=found[-1].locators + (rest,))
        signposts.extend(found)
    return tuple(replace(s, part=i) for i, s in enumerate(signposts))


# --- the canonical form ------------------------------------------------------------------


def _render_paragraphs(paragraphs: tuple[int, ...], bracketed: bool) -> str:
    if not paragraphs:
        return ""
    numbers = ", ".join(map(str, paragraphs))
    if bracketed:
        return f"({numbers})"
    return f" para {numbers}" if len(paragraphs) == 1 else f" paras {numbers}"


def render_locator(locator: Locator) -> str:
    """One locator in canonical form: "p. 14 para 3", "pp. 22-23", "section 4.2" ..."""
    if isinstance(locator, PageLocator):
        return f"p. {locator.page}{_render_paragraphs(locator.paragraphs, bracketed=False)}"
    if isinstance(locator, PageRange):
        return f"pp. {locator.first}-{locator.last}"
    if isinstance(locator, PageList):
        items = [
            f"{i.first}-{i.last}"
            if isinstance(i, PageRange)
            else f"{i.page}{_render_paragraphs(i.paragraphs, bracketed=True)}"
            for i in locator.items
        ]
        return "pp. " + ", ".join(items)
    if isinstance(locator, SectionLocator):
        # "agenda item": a name ending in "agenda" cannot then swallow the locator's first word.
        return f"agenda item {locator.section}" if locator.word == "item" else f"{locator.word} {locator.section}"
    if isinstance(locator, AppendixLocator):
        return f"appendix {locator.appendix}"
    if isinstance(locator, WholeDocument):
        return "whole document"
    return locator.text


def render_signpost(signposts: Sequence[Signpost]) -> str:
    """The canonical text of parsed signposts: names as written, locators normalised.

    Locators are joined with " and " (not ",") so that a paragraph-numbered section
    after a page ("p. 4 and para 3") is not read back as a paragraph of that page; the
    unreadable rest, always last, follows whatever separated it in the original.
    """
    parts = []
    for signpost in signposts:
        pieces = [signpost.name] if signpost.name else []
        readable = [loc for loc in signpost.locators if not isinstance(loc, UnknownLocator)]
        if readable:
            pieces.append(" and ".join(render_locator(loc) for loc in readable))
        text = " ".join(pieces)
        for loc in signpost.locators[len(readable) :]:
            # What stood between the last readable piece and the unreadable rest is kept
            # as written: a separator word there ("and") also ends a document name.
            before = readable[-1].span[1] if readable else signpost.name_span[1] if signpost.name_span else None
            gap = signpost.text[before : loc.span[0]] if before is not None else ""
            text = f"{text}{gap if gap.strip() else ' '}{loc.text}" if text else loc.text
        parts.append(text)
    return "; ".join(parts)


def meaning(signposts: Sequence[Signpost]) -> tuple:
    """What parsed signposts say, without character spans: equal meanings render alike."""

    def strip(locator: Locator):
        if isinstance(locator, PageList):
            return ("list", tuple(strip(i) for i in locator.items))
        if isinstance(locator, UnknownLocator):
            return ("unknown", " ".join(locator.text.split()))
        return replace(locator, span=(0, 0))

    return tuple(
        (
            " ".join(s.name.split()) if s.name is not None else None,
            s.document,
            s.candidates,
            s.inherited,
            tuple(strip(loc) for loc in s.locators),
        )
        for s in signposts
    )
