"""Small submissions of real files (text and generated DOCX) for index tests."""

from __future__ import annotations

from pathlib import Path

from indexer.build import DocumentSource
from tests.indexer.docx_factory import new_document, rendered_break, save

PLAN_PAGES = [
    "1. Introduction\n\nThe PCT commissions services for 300,000 people.",
    "2. Priorities\n\nWe will reduce smoking prevalence in deprived wards.\n\n"
    "Cardiovascular mortality is our second priority.",
    "3. Finance\n\nThe financial plan shows a recurrent surplus in every year.",
]


def write_sources(folder: Path) -> list[DocumentSource]:
    """A strategic plan (.txt, 3 pages), a communications strategy (.docx, 2 pages) and minutes (.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "plan.txt"
    plan.write_text("\f".join(PLAN_PAGES))
    d = new_document()
    d.add_heading("Engaging patients", level=1)
    d.add_paragraph("Our patient panels meet monthly and shape commissioning decisions.")
    rendered_break(d.add_paragraph("Stakeholders told us the smoking service was hard to reach."))
    comms = save(d, folder / "comms.docx")
    minutes = folder / "minutes.md"
    minutes.write_text("# Board minutes\n\nThe board challenged the financial plan assumptions.\n")
    return [
        DocumentSource("SP", "strategic_plan", plan, "documents/plan.txt"),
        DocumentSource("COMMS", "communications_strategy", comms, "documents/comms.docx"),
        DocumentSource("MIN", "board_minutes", minutes, "documents/minutes.md"),
    ]
