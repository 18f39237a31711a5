"""One record for "a block found at a place in a document": `indexer.model.LocatedBlock`.

There were six (the indexer's search Hit, scoring's ScoredBlock, judging's Passage, the
signpost Suggestion, the result's EvidenceItem, beside the page's Block), each with its
own copy of the document, page and paragraph fields, and two already disagreed on what
an unnumbered page's label is. A record that adds to a place (a score, an excerpt, a
stance) now holds a `LocatedBlock`. Read from the source, so a new copy fails the day it
is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = ("indexer/model.py", "LocatedBlock")
# A field naming the document, and one naming the page, make a class a located-block record.
DOCUMENT_FIELDS = {"doc_id", "document", "doc", "document_id"}
PAGE_FIELDS = {"physical", "physical_page", "page", "label", "page_label"}


def _annotated_fields(node: ast.ClassDef) -> set[str]:
    return {item.target.id for item in node.body
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)}


def located_block_classes(path: Path) -> list[str]:
    """Each class of `path` whose own fields say which document and which page."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            fields = _annotated_fields(node)
            if fields & DOCUMENT_FIELDS and fields & PAGE_FIELDS:
                found.append(node.name)
    return found


def _sources():
    for top in ("indexer", "wcc_core", "plugins", "corpus"):
        yield from sorted((ROOT / top).rglob("*.py"))


def test_a_block_at_a_place_has_one_record():
    found = sorted(f"{p.relative_to(ROOT).as_posix()}: {name}" for p in _sources() for name in located_block_classes(p))
    assert found == [f"{HOME[0]}: {HOME[1]}"], (
        "hold an indexer.model.LocatedBlock (and add your own fields beside it), do not copy its fields:\n"
        + "\n".join(found))


def test_the_check_finds_a_copy(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text("from dataclasses import dataclass\n\n@dataclass\nclass Finding:\n    document: str\n"
                    "    physical_page: int\n    paragraph: int\n    score: float\n\n"
                    "@dataclass\nclass Scored:\n    place: object\n    score: float\n")
    assert located_block_classes(copy) == ["Finding"]


def test_records_that_add_to_a_place_hold_one():
    """The search hit, the scored block (judging's Passage), the suggestion and the evidence compose it."""
    from indexer.model import LocatedBlock
    from indexer.store import Hit
    from wcc_core.judging.context import Passage
    from wcc_core.records.results import EvidenceItem
    from wcc_core.records.signposts import Suggestion
    from wcc_core.scoring import ScoredBlock

    assert Passage is ScoredBlock
    for record in (Hit, ScoredBlock, Suggestion, EvidenceItem):
        assert "place" in record.__dataclass_fields__, record
        assert record.__dataclass_fields__["place"].type in ("LocatedBlock", "LocatedBlock | None"), record
    assert LocatedBlock.__dataclass_fields__.keys() >= {"doc_id", "physical", "label", "n"}
