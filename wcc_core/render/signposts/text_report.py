"""`wcc signposts` for a terminal: a table grouped by competency / governance key, coloured by status."""

from __future__ import annotations

import click

from wcc_core.safe_text import terminal_safe as t
from wcc_core.records.signposts import STATUSES, LocatorResult, SignpostReport, SignpostResult
from wcc_core.render import Renderer
from wcc_core.render.signposts.json_report import shown

# Every value quoted from the submission or its documents goes through t() (terminal_safe):
# a document can carry escape sequences that would rewrite the analyst's screen.
# A signpost lists at most this many locators; the rest are counted.
MAX_LOCATORS_SHOWN = 200

# Green: usable; yellow: usable but imprecise; red: the cited thing is not there;
# magenta: could not be read or checked at all.
COLOURS = {
    "verified": "green",
    "too_broad": "yellow",
    "paragraph_missing": "red",
    "section_missing": "red",
    "page_missing": "red",
    "unparseable": "magenta",
    "unreadable": "magenta",
    "document_missing": "red",
}
STATUS_WIDTH = max(map(len, STATUSES))


def _where(loc: LocatorResult) -> str:
    if loc.kind == "section":
        where = f"§{t(loc.section)}"
        if loc.physical_page is not None:
            page = f"p.{t(loc.page)}" if loc.page is not None else "unnumbered page"
            where += f" ({page}, phys {loc.physical_page}, ¶{loc.paragraph})"
        return where
    if loc.page is None:
        return t(loc.cited) or "document"
    where = f"p.{t(loc.page)}"
    if loc.paragraph is not None:
        where += f" ¶{loc.paragraph}"
    if loc.physical_page is not None:
        where += f" (phys {loc.physical_page})"
    return where


def _signpost_lines(result: SignpostResult) -> list[str]:
    status = click.style(f"{result.status:<{STATUS_WIDTH}}", fg=COLOURS[result.status])
    label = f"[{result.index}" + (f".{result.part}" if result.parts > 1 else "") + "]"
    sub = t(result.sub) or "-"
    lines = [f"  {label:<6} {sub:<2} {status}  {t(result.raw)}"]
    if result.verified:
        for loc in result.locators[:MAX_LOCATORS_SHOWN]:
            lines.append(f"{'':12}{_where(loc)}: \"{t(loc.excerpt)}\"")
        if len(result.locators) > MAX_LOCATORS_SHOWN:
            lines.append(f"{'':12}… and {len(result.locators) - MAX_LOCATORS_SHOWN:,} more locators not listed "
                         f"(at most {MAX_LOCATORS_SHOWN} per signpost are listed)")
        if result.relevance is not None:
            lines.append(f"{'':12}relevance {result.relevance:.2f}")
        for s in result.suggestions:
            place = s.place
            page = f"p.{place.label}" if place.label is not None else f"unnumbered page (phys {place.physical})"
            lines.append(f"{'':12}better fit: {t(place.doc_id)} {t(page)} ¶{place.n} ({s.relevance:.2f}) \"{t(s.excerpt)}\"")
    else:
        lines.append(f"{'':12}{t(result.message)}")
    return lines


def summary_line(report: SignpostReport) -> str:
    """"12 signposts: 9 verified, 3 too_broad", each count coloured by its status."""
    counts = report.summary()
    pieces = [click.style(f"{counts[s]} {s}", fg=COLOURS[s]) for s in STATUSES if s in counts]
    return f"{counts['total']} signposts: " + (", ".join(pieces) if pieces else "none")


def render_text(report: SignpostReport, only_problems: bool = False) -> str:
    """The signpost report for the terminal: signposts grouped by competency or component, then the findings."""
    lines = [f"{t(report.submission)} — signposts against {t(report.framework)}"]
    current = None
    for result in shown(report, only_problems).results:
        group = (result.element, result.key)
        if group != current:
            current = group
            lines.append("")
            lines.append(click.style(t(result.key), bold=True))
        lines.extend(_signpost_lines(result))
    if report.findings:
        lines.append("")
        lines.append(click.style("Findings", bold=True))
        lines.extend(f"  {t(f.key)}: {click.style(f.status, fg='red')}: {t(f.message)}" for f in report.findings)
    if report.notes:
        lines.append("")
        lines.extend(f"Note: {t(note)}" for note in report.notes)
    lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _render(report: SignpostReport, options: dict) -> bytes:
    return render_text(report, bool(options.get("only_problems"))).encode("utf-8")


RENDERER = Renderer("text", "txt", _render, "the signposts grouped by competency or component, for the terminal", subject="signposts")
