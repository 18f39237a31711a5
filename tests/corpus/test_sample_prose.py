"""The bundled sample reads like a real submission: no document says the same sentence twice,
and the finance figures its prose states are the ones in its finance data.

Read back through the indexer, as `wcc` reads it, so the check covers what an analyst sees.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.bundled import EXAMPLESHIRE
from corpus.generator import generate_submission
from indexer import extract

SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-Z£])")
NUMBER = re.compile(r"^\d+(\.\d+)*\s+")  # "3.2.1 " before a numbered paragraph


def sentences(path: Path) -> list[str]:
    """Every sentence of the document's paragraphs and list items, as the indexer reads them."""
    out = []
    for page in extract(path).pages:
        for block in page.blocks:
            if block.kind in ("paragraph", "list_item"):
                out += [s.strip() for s in SENTENCE.split(NUMBER.sub("", block.text)) if len(s.split()) >= 3]
    return out


def repeated_sentences(folder: Path) -> dict[str, list[str]]:
    """document file -> the sentences it states more than once."""
    out = {}
    for path in sorted((folder / "documents").iterdir()):
        twice = [s for s, n in Counter(sentences(path)).items() if n > 1]
        if twice:
            out[path.name] = twice
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> list[Path]:
    out = []
    for seed, bank in ((21, "dev"), (22, "holdout")):
        folder = tmp_path_factory.mktemp("prose") / f"pct-{seed}"
        generate_submission(folder, seed=seed, pages=60, bank=bank)
        out.append(folder)
    return out


def test_no_document_of_the_bundled_sample_repeats_a_sentence():
    assert repeated_sentences(EXAMPLESHIRE) == {}


def test_no_document_of_a_fresh_pct_repeats_a_sentence(fresh):
    for folder in fresh:
        assert repeated_sentences(folder) == {}, folder.name


def test_the_check_finds_a_sentence_stated_twice(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("The clinical forum met in May 2009. David Okafor is the PCT manager.")
    document.add_paragraph("David Okafor is the PCT manager. Locality meetings are held in the evening.")
    (tmp_path / "documents").mkdir()
    document.save(tmp_path / "documents" / "plan.docx")
    assert repeated_sentences(tmp_path) == {"plan.docx": ["David Okafor is the PCT manager."]}


def _finance(folder: Path) -> dict[tuple[str, str], tuple[float, float, float]]:
    with open(folder / "data" / "finance.csv", newline="", encoding="utf-8") as handle:
        return {(r["year"], r["scenario"]): (float(r["income"]), float(r["surplus"]), float(r["sha_expected_surplus"]))
                for r in csv.DictReader(handle)}


def _money(text: str) -> float:
    value = float(re.search(r"£([\d.]+)m", text).group(1))
    return -value if text.startswith("a deficit") else value


MONEY = r"((?:a deficit of )?£[\d.]+m)"


def test_finance_figures_in_the_prose_are_those_of_the_finance_data(fresh):
    checked = 0
    for folder in [EXAMPLESHIRE, *fresh]:
        finance = _finance(folder)
        text = " ".join(s for path in sorted((folder / "documents").iterdir()) for s in sentences(path))
        for m in re.finditer(rf"2008/09 outturn was a surplus of {MONEY},? on income of £([\d.]+)m", text):
            assert (_money(m.group(1)), float(m.group(2))) == (finance[("2008/09", "actual")][1], finance[("2008/09", "actual")][0])
            checked += 1
        for m in re.finditer(rf"base case the planned surplus is {MONEY} in 2009/10 and {MONEY} in 2013/14", text):
            assert (_money(m.group(1)), _money(m.group(2))) == (finance[("2009/10", "base")][1], finance[("2013/14", "base")][1])
            checked += 1
        for m in re.finditer(rf"downside scenario the planned surplus moves from {MONEY} in 2009/10 to {MONEY}", text):
            assert (_money(m.group(1)), _money(m.group(2))) == (finance[("2009/10", "downside")][1],
                                                               finance[("2013/14", "downside")][1])
            checked += 1
        for m in re.finditer(r"revenue allocation for 2009/10 is £([\d.]+)m", text):
            assert float(m.group(1)) == finance[("2009/10", "base")][0]
            checked += 1
    assert checked >= 3
