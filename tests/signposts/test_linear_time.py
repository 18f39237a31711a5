"""Signposts are typed by people, but pasted by anyone: reading one must take time in
proportion to its length, whatever it holds (issue 13).

Every regular expression of `wcc_core/signposts/` is timed against 100,000-character
runs of the characters it is most likely to backtrack on; the whole parser is timed
at two lengths, and must grow about linearly between them. Times are CPU times of this
process, so other work on a shared CI machine does not make them flaky.
"""

from __future__ import annotations

import importlib
import re
import time

import pytest

from tests.signposts.factories import catalogue, document, entry, page
from wcc_core.signposts import VerifyRules, verify_signposts
from wcc_core.signposts.parser import parse_signpost

MODULES = ("wcc_core.signposts.tokens", "wcc_core.signposts.parser", "wcc_core.signposts.document_names",
           "wcc_core.signposts.verify", "wcc_core.records.signposts", "wcc_core.signposts.document_limit",
           "wcc_core.signposts.relevance")
RUN = 100_000
BOUND = 1.0  # seconds for one pattern on one 100k input: generous for a slow CI machine
FILLERS = ("1", "1.", "1.1 ", " ", "p.", "p", "pp", "i", "x", "ix", "'", "a'", "-", "–", "§", ".", ",", "(", "a ")


def _patterns():
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{name.rsplit('.', 1)[1]}.{attr}", value))
    return found


PATTERNS = _patterns()


def test_the_patterns_are_found():
    names = {n for n, _ in PATTERNS}
    assert {"tokens._TOKEN", "parser._GLUED_PAGE"} <= names


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_each_pattern_runs_in_linear_time_on_long_runs_of_its_worst_characters(name, pattern):
    for filler in FILLERS:
        for suffix in ("", "x"):
            text = filler * (RUN // len(filler)) + suffix
            started = time.process_time()
            pattern.match(text)
            pattern.search(text)
            for _ in pattern.finditer(text):
                pass
            elapsed = time.process_time() - started
            assert elapsed < BOUND, f"{name} took {elapsed:.2f} s on {filler!r} x {RUN // len(filler)}"


def test_the_caption_pattern_verify_builds_is_linear_on_long_blocks():
    # "table 2" is found by the block whose caption starts so; a block of 100k spaces
    # or of "table table table ..." must not make that search quadratic.
    blocks = [" " * RUN, "table " * (RUN // 6), "Table 2" + "2" * RUN, "item " * (RUN // 5)]
    doc = document(page("1", *blocks))
    started = time.process_time()
    report = verify_signposts([entry("SP table 2"), entry("SP item 7")], catalogue(), {"SP": doc}, VerifyRules())
    assert time.process_time() - started < BOUND
    assert [r.status for r in report.results] == ["section_missing", "section_missing"]


SHORT = 3_000
ADVERSARIAL = ["1", "1.", "p.", "SP p.1 and ", "SP p.1; ", "Strategic plan ", "p; ", "SP §", "pvi ", "SP p.1 para 1, "]


def _parse_time(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        parse_signpost(text, catalogue())
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("filler", ADVERSARIAL)
def test_parsing_a_signpost_takes_time_in_proportion_to_its_length(filler):
    short = _parse_time(filler * (SHORT // len(filler)), runs=3)
    long = _parse_time(filler * (10 * SHORT // len(filler)), runs=2)
    # Ten times the text: linear work takes about ten times as long, quadratic a hundred.
    assert long < 25 * short + 0.5, f"{filler!r}: {SHORT} chars {short:.3f} s, ten times as many {long:.3f} s"
