"""The terminal summary of an Assessment: what a person takes in on one screen.

Scorecard of competencies, governance RAG per component and sub-component, outcomes
against peers, signpost problems, the survey and the top focus areas, drawn with `rich`.
On a terminal it is in colour at the terminal's width; anywhere else (a pipe, a file, a
test) it is plain text at a fixed width of 120 columns, so the output is the same bytes
every time.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from wcc_core.assessment.model import Assessment
from wcc_core.render import Renderer, view
from wcc_core.safe_text import terminal_safe

PLAIN_WIDTH = 120
TOP_FOCUS = 8
RAG_STYLES = {"red": "bold white on red", "amber": "bold black on dark_orange", "green": "bold white on green4"}


def console_for(file=None, color: bool = False, width: int | None = None) -> Console:
    """A rich Console: colours and the terminal's width on a tty, plain text at 120 columns elsewhere."""
    if color:
        return Console(file=file, force_terminal=True, width=width, highlight=False)
    return Console(file=file, force_terminal=False, no_color=True, color_system=None, width=width or PLAIN_WIDTH,
                   highlight=False, emoji=False, legacy_windows=False)


def _plain(value) -> Text:
    """Text from the submission or the framework: never read as rich markup, never a control sequence."""
    return Text(terminal_safe(value))


def _rating(value: str | None) -> Text:
    """A chip: " G " on green ... and " - " when the tool cannot rate (legend under the table)."""
    label = (value or "-")[:1].upper()
    return Text(f" {label} ", style=RAG_STYLES.get((value or "").lower(), "dim"))


def _score(value: float | None, style: str = "") -> Text:
    return Text(view.score_text(value), style=style)


def competency_table(a: Assessment) -> Table:
    proposed = view.proposal_word(a)
    table = Table(title="Competencies (mean level)", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    table.add_column("", no_wrap=True, width=3)
    table.add_column("competency", width=23, no_wrap=True, overflow="ellipsis")
    table.add_column("last", justify="right", width=4, no_wrap=True)
    table.add_column("self", justify="right", width=4, no_wrap=True)
    table.add_column(proposed[:4], justify="right", width=5, no_wrap=True)
    table.add_column("met", justify="right", width=5, no_wrap=True)
    for key, c in a.competencies.items():
        counts = view.competency_counts(c)
        below = c.score is not None and c.self_score is not None and c.score < c.self_score
        changed = any(s.proposed_by_evidence is not None or s.decided_by for s in c.subcompetencies)
        table.add_row(_plain(key), _plain(c.title), _score(c.last_year_score), _score(c.self_score),
                      _score(c.score, "bold red" if below else "bold green") + ("*" if changed else ""),
                      f"{counts['met']}/{sum(counts.values())}")
    return table


def governance_table(a: Assessment) -> Table:
    proposed = view.proposal_word(a)
    table = Table(title="Governance (RAG)", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left",
                  caption="R red, A amber, G green, - cannot rate", caption_justify="left")
    table.add_column("component", width=32, no_wrap=True, overflow="ellipsis")
    table.add_column("last", width=4, no_wrap=True)
    table.add_column("self", width=4, no_wrap=True)
    table.add_column(proposed[:4], width=5, no_wrap=True)
    if not a.governance:
        table.add_row(Text("no governance ratings yet", style="dim"), "", "", "")
    for component, sub in view.governance_rows(a):
        subject = sub or component
        name = Text(terminal_safe(component.title), style="bold") if sub is None else _plain("  " + sub.title)
        mark = "*" if view.decision_note(subject) else ""
        table.add_row(name, _rating(subject.last_year), _rating(subject.self_rating),
                      _rating(subject.proposed) + mark)
    return table


def outcomes_table(a: Assessment) -> Table:
    table = Table(title="Outcomes: 3-year CAGR % a year", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    table.add_column("outcome", min_width=30, max_width=34, no_wrap=True, overflow="ellipsis")
    for label in ("PCT", "national", "ONS cl.", "top dec."):  # the order of view.OUTCOME_PEERS
        table.add_column(label, justify="right", min_width=8, no_wrap=True)
    table.add_column("aspiration", justify="right", min_width=10, no_wrap=True)
    table.add_column("flags", no_wrap=True, overflow="ellipsis")
    for o in a.outcomes:
        flags = "; ".join(o.flags) + (f" [{len(o.findings)} data note(s)]" if o.findings else "")
        table.add_row(_plain(view.outcome_label(o)), *[view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS],
                      view.percent_text(o.aspiration_cagr), _plain(flags))
    return table


def signposts_line(a: Assessment) -> Text:
    counts = a.signpost_counts()
    line = Text("Signposts: ", style="bold")
    line.append(f"{counts.get('total', 0)} total, {counts.get('verified', 0)} verified")
    problems = view.signpost_problem_counts(a)
    if problems:
        line.append("; problems: ")
        line.append(", ".join(f"{n} {status.replace('_', ' ')}" for status, n in problems.items()), style="red")
    if a.signposts is not None and a.signposts.findings:
        line.append(f"; {len(a.signposts.findings)} competency finding(s)", style="red")
    return line


def survey_table(a: Assessment) -> Table | Text:
    survey = a.survey
    if survey is None:
        return Text("Survey: none in the submission", style="dim")
    title = f"Survey: {survey.completed} completed (min {survey.minimum}), mean of 1-6 vs SHA average"
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left", min_width=70)
    table.add_column("", width=4)
    for q in survey.questions:
        table.add_column(_plain(q.question), justify="right")
    means = []
    for q in survey.questions:
        low = q.mean is not None and q.sha_average is not None and q.mean < q.sha_average
        means.append(Text(view.mean_text(q.mean), style="red" if low else "green"))
    table.add_row("PCT", *means)
    table.add_row("SHA", *[view.mean_text(q.sha_average) for q in survey.questions])
    return table


def focus_lines(a: Assessment) -> Group:
    lines = [Text(f"Top focus areas ({len(a.focus_areas)} in all)", style="bold")]
    for area in a.focus_areas[:TOP_FOCUS]:
        line = Text(f"  {terminal_safe(area.key):<22}", style="bold red" if area.priority == 1 else "bold")
        line.append(terminal_safe(f"{area.kind.replace('_', ' ')}: {area.why}"))
        line.truncate(PLAIN_WIDTH - 2, overflow="ellipsis")
        lines.append(line)
    if not a.focus_areas:
        lines.append(Text("  none", style="dim"))
    return Group(*lines)


# Narrower than this, governance goes under the competencies instead of beside them.
SIDE_BY_SIDE_WIDTH = 116


def summary_renderables(a: Assessment, width: int = PLAIN_WIDTH) -> list:
    head = Text(terminal_safe(f"{view.title(a)}: {a.submission}"), style="bold")
    head.append(terminal_safe(f" — {a.framework_name}"), style="")
    agreed, total = view.agreement(a)
    sub = Text(f"{view.proposal_word(a).capitalize()} level agrees with the self-assessment in "
               f"{agreed} of {total} sub-competencies" + ("; * a decision changed the evidence's value"
                                                        if view.is_panel_report(a) else ""), style="dim")
    names = a.level_names
    if any(name != str(n) for n, name in names.items()):
        sub.append(terminal_safe("\nLevels: " + ", ".join(f"{n} {name}" for n, name in names.items())))
    if width >= SIDE_BY_SIDE_WIDTH:
        grid = Table.grid(padding=(0, 3))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_row(competency_table(a), governance_table(a))
        parts = [head, sub, grid]
    else:
        parts = [head, sub, competency_table(a), governance_table(a)]
    if a.outcomes:
        parts.append(outcomes_table(a))
    parts += [signposts_line(a), survey_table(a), focus_lines(a)]
    return parts


def terminal_summary(assessment: Assessment, color: bool = False, width: int | None = None) -> str:
    """The one-screen summary as text: ANSI colours only when `color`."""
    buffer = io.StringIO()
    console = console_for(buffer, color=color, width=width)
    for part in summary_renderables(assessment, console.width):
        console.print(part)
    return buffer.getvalue()


def render(assessment: Assessment, options: dict) -> bytes:
    return terminal_summary(assessment, color=bool(options.get("color")), width=options.get("width")).encode("utf-8")


RENDERER = Renderer("text", "txt", render, "the one-screen summary `wcc assess` prints")
