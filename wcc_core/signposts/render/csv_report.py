"""`wcc signposts --format csv`: one row per cited page, paragraph or section, for spreadsheets."""

from __future__ import annotations

import csv
import io

from wcc_core.signposts.model import SignpostReport
from wcc_core.signposts.render.json_report import shown

COLUMNS = (
    "element", "key", "sub", "index", "part", "raw", "document", "status", "relevance",
    "locator_kind", "cited", "page", "physical_page", "paragraph", "section", "locator_status",
    "excerpt", "message",
)


def _cell(value) -> str:
    return "" if value is None else str(value)


def render_csv(report: SignpostReport, only_problems: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in shown(report, only_problems).results:
        head = [result.element, result.key, result.sub, result.index, result.part, result.raw,
                result.document, result.status, result.relevance]
        if not result.locators:
            writer.writerow([_cell(v) for v in head] + [""] * 7 + [result.message])
        for loc in result.locators:
            row = head + [loc.kind, loc.cited, loc.page, loc.physical_page, loc.paragraph, loc.section,
                          loc.status, loc.excerpt, loc.message or result.message]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
