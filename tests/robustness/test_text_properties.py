"""Property test of the text and Markdown extractor: any text is pages of blocks, never a crash,
and every word of it lands in some block (nothing dropped silently)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from indexer.extract import extract
from indexer.limits import Limits

_WORK = Path(tempfile.mkdtemp(prefix="wcc-text-properties-"))
_ALPHABET = st.sampled_from(list("ab1. #|-*=`~:\t\n\f\r") + ["\x1b", "é"])
_WORD = re.compile(r"[ab1é]+")


@pytest.fixture(scope="module", autouse=True)
def _remove_work_folder():
    yield
    shutil.rmtree(_WORK, ignore_errors=True)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=300), st.sampled_from(["txt", "md"]))
@example("# x" + " " * 500 + "#x", "md")
@example("| a | b |\n|---|---|\n| 1 | 2 |", "md")
@example("```\nab\n", "md")
def test_any_text_becomes_pages_of_blocks_keeping_every_word(text, fmt):
    path = _WORK / f"doc.{fmt}"
    path.write_text(text, encoding="utf-8")
    document = extract(path, Limits())
    assert document.readable, document.reason
    blocks = " ".join(b.text for p in document.pages for b in p.blocks)
    for page in document.pages:
        assert [b.n for b in page.blocks] == list(range(1, len(page.blocks) + 1))
    # Every word of the file is in some block, except Markdown markup itself.
    kept = set(_WORD.findall(blocks))
    assert set(_WORD.findall(text.replace("\r", "\n"))) - kept <= ({"1"} if fmt == "md" else set())
