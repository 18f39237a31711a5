"""pysbd's segmenter with its regular expressions compiled once per run: the same boundaries, found faster.

pysbd (0.3.4) calls `re.sub`, `re.findall` ... with pattern strings, several hundred
distinct ones per block (each abbreviation it meets makes three), so the `re` module's
cache of 512 compiled patterns is overrun and most calls compile again: under a profile,
compiling was half of sentence splitting on a 1,000-page submission. Two changes, neither
touching what pysbd decides:

* pysbd's modules get a stand-in for `re` whose functions compile through a larger cache
  of their own; every call is the `re` call it replaces, on the same pattern and flags;
* the abbreviation pass, which runs a case-blind search for each of pysbd's 188
  abbreviations found anywhere in the block ("no" in "not", "st" in "first"), skips an
  abbreviation of letters and digits that the block never writes as a word followed by
  a full stop: every replacement that pass makes turns such a full stop into a
  placeholder, so without one it changes nothing (pure-ASCII blocks only, where a case-blind match
  is exactly a case variant of the letters);
* a substitution whose pattern is a literal string (two thirds of them: the rules that
  put placeholder symbols back) is skipped when the text lacks that string;
* the segmenter's last step, which finds each sentence in the original text with a
  regular expression made from the sentence itself (a new pattern for every sentence),
  finds the same match with `str.find`: the pattern was the sentence's literal text
  followed by `\\s*`, and `str.isspace` is what `\\s` matches in a str pattern.

`tests/judging/test_sentence_boundaries.py` checks the boundaries against pysbd's own
segmenter on the bundled sample's and the realdocs texts.
"""

from __future__ import annotations

import re
import sys
import types
from re import _parser

import pysbd
from pysbd.lang.english import English
from pysbd.utils import TextSpan

# Bounded: a pattern made from an abbreviation as the text spells it ("No", "NO", "no")
# is one of a few thousand; nothing pysbd compiles through this is made from a whole text.
_CACHE_SIZE = 8192


_COMPILED: dict[tuple, re.Pattern] = {}


def _pattern(pattern, flags: int) -> re.Pattern:
    """`re.compile(pattern, flags)`, once per pattern and flags (a compiled pattern is its own answer)."""
    try:
        return _COMPILED[pattern, flags]
    except KeyError:
        if len(_COMPILED) >= _CACHE_SIZE:
            _COMPILED.clear()
        found = _COMPILED[pattern, flags] = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        return found


_LITERALS: dict[str, str | None] = {}


def _literal(pattern) -> str | None:
    """The text a pattern string matches when it is nothing but literal characters ("∯", "&ᓰ&"), else None."""
    try:
        return _LITERALS[pattern]
    except KeyError:
        found = None
        if isinstance(pattern, str):
            parsed = _parser.parse(pattern)
            if len(parsed) and all(op is _parser.LITERAL for op, _ in parsed):
                found = "".join(chr(code) for _, code in parsed)
        if len(_LITERALS) >= _CACHE_SIZE:
            _LITERALS.clear()
        _LITERALS[pattern] = found
        return found


class _CachingRe(types.ModuleType):
    """`re` as pysbd's modules see it: the module itself, with the pattern functions compiling through `_compiled`."""

    def __getattr__(self, name):
        return getattr(re, name)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        # Two thirds of pysbd's substitutions put back placeholder symbols ("∯" for a
        # full stop kept inside an abbreviation) that most sentences never had: a literal
        # pattern absent from the text changes nothing, and `re.sub` would return it as a str.
        if not flags:
            literal = _literal(pattern)
            if literal is not None and literal not in string:
                return string if type(string) is str else str(string)
        return _pattern(pattern, flags).sub(repl, string, count)

    @staticmethod
    def findall(pattern, string, flags=0):
        return _pattern(pattern, flags).findall(string)

    @staticmethod
    def finditer(pattern, string, flags=0):
        return _pattern(pattern, flags).finditer(string)

    @staticmethod
    def search(pattern, string, flags=0):
        return _pattern(pattern, flags).search(string)

    @staticmethod
    def match(pattern, string, flags=0):
        return _pattern(pattern, flags).match(string)

    @staticmethod
    def split(pattern, string, maxsplit=0, flags=0):
        return _pattern(pattern, flags).split(string, maxsplit)


_RE = _CachingRe("re")


def _install() -> None:
    """Give every loaded pysbd module that imported `re` the caching stand-in (idempotent)."""
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = _RE


class _Abbreviations(English.AbbreviationReplacer):
    """English's abbreviation pass, skipping the abbreviations that cannot change the block."""

    # (abbreviation, whether it is letters and digits only), in pysbd's order.
    _ORDER = tuple((a.strip(), a.strip().isalnum()) for a in English.Abbreviation.ABBREVIATIONS)

    def search_for_abbreviations_in_string(self, text):
        """pysbd 0.3.4's loop (abbreviation_replacer.py), with the full-stop test first for plain abbreviations."""
        if not text.isascii():
            return super().search_for_abbreviations_in_string(text)
        lowered = text.lower()
        # Every replacement is of a full stop right after the abbreviation as a word of its
        # own (after white space or at the start): the words written before a full stop
        # are the only plain abbreviations that can change the block ("p." in "group."
        # is not one). A word here is what follows the last white space before the stop.
        before_stops = {word.rsplit(None, 1)[-1] if word.strip() else "" for word in (" " + lowered).split(".")[:-1]}
        for stripped, plain in self._ORDER:
            if (stripped not in before_stops) if plain else (stripped not in lowered):
                continue
            abbrev_match = _RE.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = _RE.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


class _English(English):
    """pysbd's English rules, with the abbreviation pass above."""

    AbbreviationReplacer = _Abbreviations


class Segmenter(pysbd.Segmenter):
    """pysbd's English Segmenter, its sentence spans found by `str.find` instead of a pattern per sentence."""

    def __init__(self, **options):
        super().__init__(**options)
        if self.language_module is English and pysbd.__version__ == "0.3.4":
            # The abbreviation loop is a copy of 0.3.4's; another version keeps its own.
            self.language_module = _English

    def sentences_with_char_spans(self, sentences):
        """pysbd's own loop, with `re.finditer(re.escape(sent) + r"\\s*", text)` done by `str.find`."""
        text = self.original_text
        spans = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # an empty pattern matches everywhere: leave that case to pysbd's regex
                found = next((m for m in re.finditer(r"\s*", text) if m.end() > prior_end), None)
                if found is not None:
                    spans.append(TextSpan(found.group(), *found.span()))
                    prior_end = found.end()
                continue
            start = text.find(sent)
            while start >= 0:
                end = start + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                # finditer's next search starts where this match ended
                start = text.find(sent, end)
        return spans


_install()
