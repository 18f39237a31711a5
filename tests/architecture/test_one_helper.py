"""One helper for one job: text is shortened for a message in `wcc_core/records/text.py` only.

There were five copies of "cut this line at a word and add ' …'" (two already differed in
how they cut); a copy is a bug waiting to diverge. Read from the source, so a new copy
fails the day it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wcc_core.records.text import shorten

ROOT = Path(__file__).resolve().parents[2]
HOME = Path("wcc_core/records/text.py")
# Names such a helper has gone by.
HELPER_NAMES = {"short", "_short", "shorten", "_shorten"}
# The mark a word-cut quote ends with. Known places that write it without the helper,
# and why they may.
WORD_CUT_MARK = " …"
ALLOWED_MARKS = {
    # textwrap.shorten's placeholder: the standard library doing the job for a listing.
    Path("wcc_core/cli/index_commands.py"),
    # signposts.verify.excerpt cuts at `limit` where the helper cuts at `limit - 1`, so the
    # JSON contract's excerpts would change on some blocks: left for the lead to decide.
    Path("wcc_core/signposts/verify.py"),
}


def _modules():
    return sorted(p for p in (ROOT / "wcc_core").rglob("*.py"))


def copies(path: Path) -> list[str]:
    """Each definition of a shortening helper, and each ' …' written by hand, in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in HELPER_NAMES:
            found.append(f"line {node.lineno}: def {node.name}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(WORD_CUT_MARK):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_text_is_shortened_by_one_helper_only():
    found = []
    for path in _modules():
        relative = path.relative_to(ROOT)
        if relative == HOME:
            continue
        for where in copies(path):
            if relative in ALLOWED_MARKS and not where.split(": ", 1)[1].startswith("def "):
                continue
            found.append(f"{relative} {where}")
    assert not found, "shorten text with wcc_core.records.text.shorten, not a copy:\n" + "\n".join(found)


def test_the_check_finds_a_copy(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('def _short(text, limit):\n    return text[: limit - 1].rsplit(" ", 1)[0] + " …"\n')
    assert copies(copy) == ["line 1: def _short", "line 2: ' …'"]


@pytest.mark.parametrize(("text", "limit", "at_word", "expected"), [
    ("The PCT  has\na plan", 40, True, "The PCT has a plan"),
    ("The PCT has published its strategic plan", 20, True, "The PCT has …"),
    ("The PCT has published its strategic plan", 20, False, "The PCT has publish…"),
    ("exactly twenty chars", 20, True, "exactly twenty chars"),
])
def test_shorten_cuts_at_a_word_on_one_line(text, limit, at_word, expected):
    assert shorten(text, limit, at_word=at_word) == expected


# --- one renderer registry ----------------------------------------------------------------

REGISTRY = Path("wcc_core/render/registry.py")


def format_tables(path: Path) -> list[str]:
    """Module-level dicts in `path` whose keys are format names ("text", "json", ...) and whose values are callables."""
    formats = {"text", "json", "csv", "html", "docx", "xlsx", "txt"}
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Dict) and value.keys and all(
                isinstance(k, ast.Constant) and k.value in formats for k in value.keys) \
                and all(isinstance(v, (ast.Name, ast.Attribute, ast.Lambda)) for v in value.values):
            found.append(f"line {node.lineno}")
    return found


def test_renderers_are_looked_up_in_one_registry():
    found = [f"{p.relative_to(ROOT)} {where}" for p in _modules() if p.relative_to(ROOT) != REGISTRY
             for where in format_tables(p)]
    assert not found, "register a Renderer record in wcc_core/render/registry.py, not a format table:\n" + "\n".join(found)


def test_the_registry_check_finds_a_format_table(tmp_path):
    table = tmp_path / "table.py"
    table.write_text('RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}\n'
                     'LABELS = {"text": "Text"}\n')
    assert format_tables(table) == ["line 1"]


# --- one name, one meaning ----------------------------------------------------------------


def test_a_score_is_a_competency_score_and_a_blocks_bm25_is_bm25():
    """The records that once all said `score` for four things now say which (docs/architecture.md, glossary)."""
    from indexer.store import Hit
    from wcc_core.records.results import CompetencyResult, EvidenceItem
    from wcc_core.records.signposts import Suggestion
    from wcc_core.scoring import ScoredBlock

    fields = {record: set(record.__dataclass_fields__) for record in (Hit, ScoredBlock, EvidenceItem, Suggestion)}
    assert "bm25" in fields[Hit] and "bm25" in fields[ScoredBlock]
    assert "fit" in fields[EvidenceItem] and "relevance" in fields[Suggestion]
    assert not any("score" in names for names in fields.values())
    assert "score" in CompetencyResult.__dataclass_fields__
