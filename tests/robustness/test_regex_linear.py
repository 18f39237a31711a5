"""Every regular expression applied to document text runs in linear time on adversarial input.

A Markdown heading of 200,000 spaces once took 289 s: a pattern with two adjacent
ways of matching the same run of characters backtracks quadratically. This test
finds every pattern compiled in the indexer and the submission readers and times it
against long runs of the characters it is most likely to backtrack on.
"""

from __future__ import annotations

import ast
import importlib
import re
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("indexer", "wcc_core/submission")
RUN = 10_000  # characters: a quadratic pattern takes seconds here, a linear one microseconds
BUDGET = 0.25  # CPU seconds for the slowest input of one pattern, generous for a slow CI machine
PREFIXES = ("", "# ", "# x", "x", "1", "1.", "- ", "|", "p.", "appendix ", "<w:")
FILLERS = (" ", "\t", "1", "1.", "a", "i", "-", "- ", "#", "| ", ".", "|--")
SUFFIXES = ("", " x", "\x00", "#x", "1x", "-x", "|x", "x1")


def _modules():
    for package in PACKAGES:
        for path in sorted((REPO / package).glob("*.py")):
            yield ".".join(path.relative_to(REPO).with_suffix("").parts)


def _patterns():
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and getattr(module, attr) is value and value not in [p for _, p in found]:
                found.append((f"{name}.{attr}", value))
    return found


PATTERNS = _patterns()
# Found by this test in another engineer's work in progress, and reported to them.
# (indexer.pdf_lines._LEADER_END, quadratic on a run of dots, was found here and has
# since been replaced by string operations.)
KNOWN_QUADRATIC: dict[str, str] = {}


def _adversarial(pattern: re.Pattern):
    for prefix in PREFIXES:
        for filler in FILLERS:
            body = filler * (RUN // len(filler))
            for suffix in SUFFIXES:
                text = prefix + body + suffix
                yield text.encode() if isinstance(pattern.pattern, bytes) else text


def test_the_patterns_are_found():
    names = {n for n, _ in PATTERNS}
    assert "indexer.text._ATX_HEADING" in names and "indexer.sections._NUMBERED" in names
    assert len(PATTERNS) >= 15


@pytest.mark.parametrize(
    "name,pattern",
    [pytest.param(n, p, marks=pytest.mark.xfail(reason=KNOWN_QUADRATIC[n], strict=True)) if n in KNOWN_QUADRATIC
     else (n, p) for n, p in PATTERNS],
    ids=[n for n, _ in PATTERNS],
)
def test_a_pattern_runs_in_linear_time_on_long_runs_of_its_worst_characters(name, pattern):
    worst, slowest = None, 0.0
    for text in _adversarial(pattern):
        elapsed = _cpu_seconds(pattern, text)
        if elapsed > BUDGET:
            elapsed = min(elapsed, _cpu_seconds(pattern, text))  # a second look: a GC pause is not backtracking
        if elapsed > slowest:
            worst, slowest = text[:12], elapsed
        if slowest > BUDGET:
            break
    assert slowest <= BUDGET, f"{name} took {slowest:.2f} s on {len(text):,} characters starting {worst!r}"


def _cpu_seconds(pattern: re.Pattern, text) -> float:
    """CPU time (not wall-clock: other tests share the machine) of a search and a match."""
    started = time.process_time()
    pattern.search(text)
    pattern.match(text)
    return time.process_time() - started


def _inline_regex_calls(path: Path) -> list[str]:
    """re.search("...") and the like inside functions: patterns this test cannot see."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                calls.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return calls


def test_every_pattern_is_compiled_at_module_level_where_this_test_times_it():
    inline = [c for package in PACKAGES for p in sorted((REPO / package).glob("*.py")) for c in _inline_regex_calls(p)]
    assert inline == []
