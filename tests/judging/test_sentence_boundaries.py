"""The faster segmenter (wcc_core/judging/pysbd_speed.py) finds exactly pysbd's own sentence boundaries.

Compared with a plain `pysbd.Segmenter` on every block of the bundled sample, on the
realdocs documents' blocks (all DOCX and broken-file blocks, every third PDF piece: the
whole set, 31,532 pieces, was compared once, 0 differences, docs/performance.md), and on
made-up texts aimed at each shortcut.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pysbd
import pytest
from hypothesis import given, settings, strategies as st

from indexer.extract import extract
from tests.shared_paths import REALDOCS
from wcc_core.judging import sentences as wcc_sentences
from wcc_core.judging.pysbd_speed import Segmenter, _English

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire" / "documents"
PLAIN = pysbd.Segmenter(language="en", clean=False)
FAST = Segmenter(language="en", clean=False)


def _pieces(folder: Path) -> list[str]:
    """What `sentences` hands pysbd for every block of every readable document in `folder`, once each."""
    found = set()
    for path in sorted(folder.iterdir()):
        document = extract(path)
        if not document.readable:
            continue
        for page in document.pages:
            for block in page.blocks:
                text = " ".join(block.text.split())
                found.update(p for p in wcc_sentences._pieces(text) if p.strip())
                found.add(block.text)  # and the raw text, line breaks and all
    return sorted(found)


def _differences(pieces: list[str]) -> list[str]:
    return [p for p in pieces if FAST.segment(p) != PLAIN.segment(p)]


def test_the_fast_segmenter_is_in_use():
    assert isinstance(wcc_sentences._SEGMENTER, Segmenter)
    assert wcc_sentences._SEGMENTER.language_module is _English
    # pysbd's modules compile through the cache: a pattern used twice is compiled once
    assert sys.modules["pysbd.abbreviation_replacer"].re is not re


def test_same_boundaries_on_the_bundled_sample():
    pieces = _pieces(SAMPLE)
    assert len(pieces) > 1000
    assert _differences(pieces) == []


@pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"realdocs not found at {REALDOCS}")
@pytest.mark.parametrize("folder", ["docx", "broken", "pdf"])
def test_same_boundaries_on_realdocs(folder):
    pieces = _pieces(REALDOCS / folder)
    if folder == "pdf":
        pieces = pieces[::3]  # 7,000 of 21,000: the whole set takes a minute to compare
    assert len(pieces) > 500
    assert _differences(pieces) == []


TRICKY = [
    "We met Dr. Smith on 3 Jan. 2010 at 10 a.m. The board agreed.",
    "See p. 14 and no. 5 of the plan. It says e.g. more than i.e. less.",
    "The U.S. The U.K. is near. Ask Mr. Brown, Mrs. Green and St. Paul.",
    "e.g and egg. then more.",  # "e.g" is an abbreviation with a dot: its pattern matches "egg"
    "Group. Step. Stop.",  # "p" is an abbreviation: every word ending in p before a stop
    "st is here and ſt. paul is near. then",  # non-ASCII: "st" case-blind matches the long s of "ſt."
    "NO. 5 is due. Art. 3 applies. Fig. 2 shows it.",
    "Nothing ends here",
    "Wait!! Really?! Yes... (a) first, (b) second. 1) one 2) two.",
    '"Quoted." He said. \'Single\' Then more.',
    "Where we want to be by 2014 \u2013 the PCT; and its partners.",
    "x" * 30 + ". " + "Y" * 30 + ".",
    "foo . p. bar then",  # a stop after white space: no word before it
    "x\tp. then it and e.g. then p.\x1cq. more",  # other white space before an abbreviation
    "No.5 and no. 7 then art.\nNo. 3 then",
]


@pytest.mark.parametrize("text", TRICKY)
def test_same_boundaries_on_tricky_texts(text):
    assert FAST.segment(text) == PLAIN.segment(text)


_WORDS = st.sampled_from(["the", "no", "p", "st", "a.m", "e.g", "Dr", "U.S", "Inc", "arm", "Then", "We", "5",
                          "14", "(a)", "1)", "ſt", "K", "café", "\u00a0", "\n", "etc", "vs", "Fig", "Jan"])
_MARKS = st.sampled_from(["", "", "", ".", ". ", "!", "?", ",", ";", ":", "...", '"', "'", ")", "("])


@settings(max_examples=300)
@given(st.lists(st.tuples(_WORDS, _MARKS), min_size=1, max_size=25))
def test_same_boundaries_on_generated_texts(parts):
    text = " ".join(word + mark for word, mark in parts)
    assert FAST.segment(text) == PLAIN.segment(text)


def test_str_isspace_is_what_a_pattern_s_matches():
    """The span finder extends a sentence over `str.isspace` characters where pysbd's pattern used `\\s*`."""
    pattern = re.compile(r"\s")
    differ = [c for c in map(chr, range(sys.maxunicode + 1))
              if 0xD800 > ord(c) or ord(c) > 0xDFFF
              if bool(pattern.fullmatch(c)) != c.isspace()]
    assert differ == []
