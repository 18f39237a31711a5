"""The word stems come from PyStemmer (Snowball's C stemmers) and are exactly pure-Python Snowball's.

snowballstemmer hands its work to PyStemmer when it is installed (pyproject.toml asks for
it: 16x faster, and no import of 30 pure-Python stemmers). Judging compares stems, so the
two must agree word for word: checked on every word of the bundled sample and realdocs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import Stemmer
from snowballstemmer.english_stemmer import EnglishStemmer

from indexer.extract import extract
from tests.shared_paths import REALDOCS
from wcc_core.scoring import bm25

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire" / "documents"


def _words(folder: Path) -> list[str]:
    found = set()
    for path in sorted(folder.iterdir()):
        document = extract(path)
        for page in document.pages if document.readable else ():
            for block in page.blocks:
                found.update(re.findall(r"\w+", block.text.lower()))
    return sorted(found)


def test_wcc_stems_with_pystemmer():
    assert isinstance(bm25._STEMMER, Stemmer.Stemmer)


@pytest.mark.parametrize("folder", [SAMPLE] + ([REALDOCS / "pdf", REALDOCS / "docx"] if REALDOCS.is_dir() else []),
                         ids=lambda p: p.name)
def test_same_stems_as_pure_python_snowball(folder):
    words = _words(folder)
    assert len(words) > 1000
    pure = EnglishStemmer()
    differ = [(w, pure.stemWord(w), bm25.stem(w)) for w in words if pure.stemWord(w) != bm25.stem(w)]
    assert differ == []


def test_stems_that_judging_relies_on():
    assert [bm25.stem(w) for w in ("monitored", "monitoring", "monitors", "contractual", "contracts")] == [
        "monitor", "monitor", "monitor", "contractu", "contract"]
