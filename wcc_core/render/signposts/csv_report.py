"""`wcc signposts --format csv`: one row per cited page, paragraph or section, for spreadsheets."""

from __future__ import annotations

import csv
import io

from wcc_core.safe_text import spreadsheet_safe
from wcc_core.records.signposts import SignpostReport
from wcc_core.render import Renderer
from wcc_core.render.signposts.json_report import shown

# One row per locator, at most this many per signpost: a signpost that expands to
# thousands of places would otherwise make a CSV no spreadsheet opens. The last row
# of a capped signpost says how many were left out.
MAX_LOCATOR_ROWS = 200

COLUMNS = (
    "element", "key", "sub", "index", "part", "raw", "document", "status", "relevance",
    "locator_kind", "cited", "page", "physical_page", "paragraph", "section", "locator_status",
    "excerpt", "message",
)


def _cell(value) -> str:
    """A cell as text, escaped against formula injection (a signpost or excerpt starting with =)."""
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)


_LOCATOR_COLUMNS = 8  # locator_kind .. excerpt: left empty in a row that has no locator


def render_csv(report: SignpostReport, only_problems: bool = False) -> str:
    """The signpost report as CSV: a row per locator (up to MAX_LOCATOR_ROWS), cells escaped against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in shown(report, only_problems).results:
        head = [result.element, result.key, result.sub, result.index, result.part, result.raw,
                result.document, result.status, result.relevance]
        if not result.locators:
            writer.writerow([_cell(v) for v in head] + [""] * _LOCATOR_COLUMNS + [_cell(result.message)])
        for loc in result.locators[:MAX_LOCATOR_ROWS]:
            row = head + [loc.kind, loc.cited, loc.page, loc.physical_page, loc.paragraph, loc.section,
                          loc.status, loc.excerpt, loc.message or result.message]
            writer.writerow([_cell(v) for v in row])
        if len(result.locators) > MAX_LOCATOR_ROWS:
            left_out = len(result.locators) - MAX_LOCATOR_ROWS
            writer.writerow([_cell(v) for v in head] + [""] * _LOCATOR_COLUMNS + [
                f"{left_out:,} more locators of this signpost not listed (at most {MAX_LOCATOR_ROWS} rows per signpost)"])
    return out.getvalue()


def _render(report: SignpostReport, options: dict) -> bytes:
    return render_csv(report, bool(options.get("only_problems"))).encode("utf-8")


RENDERER = Renderer("csv", "csv", _render, "one row per cited page, paragraph or section, for spreadsheets", subject="signposts")
