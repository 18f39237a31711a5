"""The problem submission: a PCT whose files break the ways real uploads did.

An encrypted PDF (the financial plan), a PDF cut short (the JSNA), a scan with no
text layer (the LAA performance report), a PDF with one scanned page among text pages
(the provider performance report, page 2), a ".docx" that is an old binary Word file
(the OD plan), and signposts to a document that was never uploaded.
"""

from __future__ import annotations

import random
from pathlib import Path

from corpus.generator.generate import GeneratedSubmission, write_submission
from corpus.generator.pct_profile import make_profile
from corpus.generator.signposts import DocumentIndex

BREAKAGE = {
    "FP": "encrypted",
    "JSNA": "truncated",
    "LAAR": "scanned",
    "PPR": "scanned_page:2",
    "OD": "not_zip",
}
PAGES = 60


def _page_signpost(index: DocumentIndex, physical: int, name: str) -> tuple[str, list[dict]]:
    label = index.built.pages[physical - 1].label
    return f"{name} p.{label} para 1", [{"kind": "page", "page": label, "physical_page": physical,
                                          "paragraph": 1, "status": "verified"}]


def _add_signposts(indexes: dict[str, DocumentIndex], competencies: dict, governance: dict, expected: dict) -> None:
    """Make sure each broken document, the scanned page and a missing document are cited."""
    wanted = [
        ("finance.historical", "FP", 2, "Fin plan"),
        ("board.performance", "PPR", 2, "Provider performance report"),
        ("board.information", "PPR", 3, "PPR"),
        ("strategy.vision_and_goals", "JSNA", 7, "JSNA"),
        ("board.organisation", "OD", 2, "OD plan"),
        ("strategy.milestones", "LAAR", 2, "LAA performance report"),
    ]
    for key, doc_id, physical, name in wanted:
        index = indexes[doc_id]
        physical = min(physical, len(index.built.pages))
        raw, locators = _page_signpost(index, physical, name)
        entries = governance.setdefault(key, [])
        entries.append(raw)
        expected["signposts"].append({"element": "governance", "key": key, "sub": None, "index": len(entries) - 1,
                                      "raw": raw, "status": "verified", "document": doc_id, "locators": locators})
    entries = governance.setdefault("board.risk", [])
    raw = "Assurance Framework 2009/10 p.3"
    entries.append(raw)
    expected["signposts"].append({"element": "governance", "key": "board.risk", "sub": None, "index": len(entries) - 1,
                                  "raw": raw, "status": "document_missing", "document": None, "locators": []})


def generate_problems(out_dir: Path, seed: int) -> GeneratedSubmission:
    """The problem submission in `out_dir`, the same bytes for the same seed."""
    rng = random.Random(f"wcc-corpus-problems:{seed}")
    profile = make_profile(rng, name="NHS Problemshire", code="5ZY")
    return write_submission(Path(out_dir), profile, rng, PAGES, breakage=BREAKAGE, extra=_add_signposts)
