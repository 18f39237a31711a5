"""The terminal summary of an Assessment: what a person takes in on one screen.

Scorecard of competencies, governance RAG per component and sub-component, outcomes
against peers, signpost problems, the survey and the top focus areas, drawn with `rich`.
On a terminal it is in colour at the terminal's width; anywhere else (a pipe, a file, a
test) it is plain text at a fixed width of 120 columns, so the output is the same bytes
every time. Narrow terminals (80 columns) get the same content stacked: tables one under
another, long names wrapped onto a second line rather than cut, outcome flags under the
outcome's name; a figure is never dropped to make room.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from wcc_core.records.results import Assessment
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


def _name_column(table: Table, header: str, width: int) -> None:
    """A name column that wraps at word boundaries: a name is never cut to fit."""
    table.add_column(header, min_width=min(width, 14), max_width=max(width, 14), overflow="fold", ratio=1)


def _figure_column(table: Table, header: str, width: int, justify: str = "right") -> None:
    """A figure column that keeps its width: numbers are never wrapped, cut or dropped."""
    table.add_column(header, justify=justify, min_width=width, no_wrap=True)


def competency_table(a: Assessment, name_width: int = 40) -> Table:
    """The terminal's table of competencies: mean level last year, self-assessed, proposed, and criteria met."""
    proposed = view.proposal_word(a)
    table = Table(title="Competencies (mean level)", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  title_justify="left")
    _figure_column(table, "", 3, "left")
    _name_column(table, "competency", name_width)
    _figure_column(table, "last", 4)
    _figure_column(table, "self", 4)
    _figure_column(table, proposed[:4], 5)
    _figure_column(table, "met", 5)
    for key, c in a.competencies.items():
        counts = view.competency_counts(c)
        below = c.score is not None and c.self_score is not None and c.score < c.self_score
        changed = any(s.proposed_by_evidence is not None or s.decided_by for s in c.subcompetencies)
        table.add_row(_plain(key), _plain(c.title), _score(c.last_year_score), _score(c.self_score),
                      _score(c.score, "bold red" if below else "bold green") + ("*" if changed else ""),
                      f"{counts['met']}/{sum(counts.values())}")
    return table


def governance_table(a: Assessment, name_width: int = 48) -> Table:
    """The terminal's table of governance ratings (RAG): last year, self-assessed and proposed, per (sub-)component."""
    proposed = view.proposal_word(a)
    table = Table(title="Governance (RAG)", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left",
                  caption="R red, A amber, G green, - cannot rate", caption_justify="left")
    _name_column(table, "component", name_width)
    _figure_column(table, "last", 4, "left")
    _figure_column(table, "self", 4, "left")
    _figure_column(table, proposed[:4], 5, "left")
    if not a.governance:
        table.add_row(Text("no governance ratings yet", style="dim"), "", "", "")
    for component, sub in view.governance_rows(a):
        subject = sub or component
        # A sub-component's name is indented as a block, so its wrapped lines stay indented too.
        name = Text(terminal_safe(component.title), style="bold") if sub is None else Padding(_plain(sub.title),
                                                                                                (0, 0, 0, 2))
        mark = "*" if view.decision_note(subject) else ""
        table.add_row(name, _rating(subject.last_year), _rating(subject.self_rating),
                      _rating(subject.proposed) + mark)
    return table


# Narrower than this, an outcome's flags go on a line under its name instead of in a column.
FLAGS_COLUMN_WIDTH = 110


def _outcome_flags(o) -> str:
    notes = len(o.findings)
    return "; ".join(o.flags) + (f" [{notes} data {'note' if notes == 1 else 'notes'}]" if notes else "")


def outcomes_table(a: Assessment, width: int = PLAIN_WIDTH) -> Table:
    """The terminal's outcomes table: 3-year CAGR of the PCT and its peers, the aspiration, flags when `width` allows."""
    table = Table(title="Outcomes: 3-year CAGR % a year", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  title_justify="left")
    flags_beside = width >= FLAGS_COLUMN_WIDTH
    _name_column(table, "outcome", 40 if flags_beside else 60)
    table.columns[0].ratio = 2  # the name before the flags when both must wrap
    for label in ("PCT", "national", "ONS cl.", "top dec."):  # the order of view.OUTCOME_PEERS
        _figure_column(table, label, 6)
    _figure_column(table, "aspiration", 6)
    if flags_beside:
        table.add_column("flags", min_width=16, overflow="fold", ratio=1)
    for o in a.outcomes:
        figures = [view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS]
        figures.append(view.percent_text(o.aspiration_cagr))
        flags = _outcome_flags(o)
        if flags_beside:
            table.add_row(_plain(view.outcome_label(o)), *figures, _plain(flags))
        else:
            name = _plain(view.outcome_label(o))
            if flags:  # stacked: the flags under the name, indented as a block
                name = Group(name, Padding(Text(terminal_safe(flags), style="dim"), (0, 0, 0, 2)))
            table.add_row(name, *figures)
    return table


def signposts_line(a: Assessment) -> Text:
    """The terminal's one line on signposts: how many, how many verified, the problems by status."""
    counts = a.signpost_counts()
    line = Text("Signposts: ", style="bold")
    line.append(f"{counts.get('total', 0)} total, {counts.get('verified', 0)} verified")
    problems = view.signpost_problem_counts(a)
    if problems:
        line.append("; problems: ")
        line.append(", ".join(f"{n} {status.replace('_', ' ')}" for status, n in problems.items()), style="red")
    unfit = sum(1 for s in view.signpost_results(a) if view.verified_without_relevance(s))
    if unfit:
        # Verified says the page exists; relevance says whether it is about the criteria.
        line.append(f"; {unfit} verified but {'does' if unfit == 1 else 'do'} not fit {'its' if unfit == 1 else 'their'} "
                    f"criteria (relevance below {view.LOW_RELEVANCE:.2f})", style="yellow")
    # A finding about a competency's signposting as a whole says what it is, not just how many.
    for finding in (a.signposts.findings if a.signposts is not None else ()):
        line.append("\n  ")
        line.append(terminal_safe(finding.message), style="red")
    return line


def survey_table(a: Assessment) -> Table | Text:
    """The terminal's survey table (PCT mean against SHA average per question), or a dim line without a survey."""
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


def focus_table(a: Assessment) -> Table | Text:
    """The top focus areas, most serious first: the subject in words (wrapped), then every reason."""
    areas = a.focus_areas
    if not areas:
        return Text("Top focus areas: none", style="dim")
    shown = min(TOP_FOCUS, len(areas))
    rest = len(areas) - shown
    title = f"Top {shown} focus areas, most serious first" + (f" ({rest} more in the briefing)" if rest else "")
    table = Table(title=title, box=None, show_header=False, pad_edge=False, title_justify="left",
                  title_style="bold")
    _figure_column(table, "", 3)
    table.add_column("subject", min_width=14, max_width=44, overflow="fold", ratio=1)
    table.add_column("why", min_width=30, overflow="fold", ratio=2)
    for i, area in enumerate(areas[:TOP_FOCUS], start=1):
        style = "bold red" if area.priority == 1 else "bold"
        # The most serious reason; the briefing has the others.
        reasons = area.reasons or (area.why,)
        more = len(reasons) - 1
        why = reasons[0] + (f" (+{more} more)" if more else "")
        table.add_row(f"{i}.", Text(terminal_safe(area.label or area.key), style=style), _plain(why))
    return table


def challenges_text(a: Assessment) -> Text:
    """The challenges to the self-assessment in two lines (the screen is shared): how many of each
    verdict and the most confident three, with self -> proposed; the briefing lists each with its
    lines to check."""
    found = view.challenges(a)
    if not found:
        return Text("Challenges to the self-assessment: none", style="dim")
    counts = {v: sum(1 for s in found if s.verdict == v) for v in view.CHALLENGES}
    text = Text("Challenges to the self-assessment: ", style="bold")
    text.append(", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n), style="bold red")
    surest = sorted(found, key=lambda s: (-(s.confidence or 0.0), s.full_key))[:3]
    text.append(" (the self-assessment counted as the prior); most confident: "
                + ", ".join(f"{s.full_key} {view.level_label(a, s.self_level)} -> {view.level_label(a, s.proposed)} "
                            f"({s.confidence:.2f})" for s in surest))
    return text


def problems_text(a: Assessment) -> Text:
    """What is wrong with the submission that the assessment went on past, before any figure rests on it."""
    text = Text(view.problems_heading(a), style="bold red")
    for finding in a.findings:
        text.append("\n  ")
        text.append(terminal_safe(str(finding)), style="red")
    return text


# Narrower than this, governance goes under the competencies instead of beside them.
SIDE_BY_SIDE_WIDTH = 116


def summary_renderables(a: Assessment, width: int = PLAIN_WIDTH) -> list:
    """Everything the terminal summary prints, in order, as rich renderables laid out for `width`."""
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
        # Side by side, each table in its share of the width, its names wrapping inside it.
        left = (width - 3) // 2
        grid = Table.grid(padding=(0, 3))
        grid.add_column(width=left)
        grid.add_column(width=width - 3 - left)
        grid.add_row(competency_table(a, name_width=left - 27), governance_table(a, name_width=width - 3 - left - 17))
        parts = [head, sub, grid]
    else:
        parts = [head, sub, competency_table(a, name_width=width - 27), governance_table(a, name_width=width - 17)]
    if a.findings:
        parts.insert(2, problems_text(a))
    if a.outcomes:
        parts.append(outcomes_table(a, width))
    parts += [signposts_line(a), survey_table(a), challenges_text(a), focus_table(a)]
    return parts


def terminal_summary(assessment: Assessment, color: bool = False, width: int | None = None) -> str:
    """The one-screen summary as text: ANSI colours only when `color`."""
    buffer = io.StringIO()
    console = console_for(buffer, color=color, width=width)
    for part in summary_renderables(assessment, console.width):
        console.print(part)
    return buffer.getvalue()


def render(assessment: Assessment, options: dict) -> bytes:
    """The text renderer: the terminal summary as UTF-8 bytes (`options`: color, width)."""
    return terminal_summary(assessment, color=bool(options.get("color")), width=options.get("width")).encode("utf-8")


RENDERER = Renderer("text", "txt", render, "the one-screen summary `wcc assess` prints")
