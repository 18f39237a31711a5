"""The terminal scorecard at 80, 100, 120 and 160 columns: names wrap, figures never go."""

from __future__ import annotations

import io
import re

import pytest

from wcc_core.render import view
from wcc_core.render.terminal import TOP_FOCUS, terminal_summary

WIDTHS = (80, 100, 120, 160)


@pytest.fixture(scope="module", params=WIDTHS)
def shown(request, assessment):
    return request.param, terminal_summary(assessment, width=request.param)


def test_no_line_is_wider_than_the_terminal(shown):
    width, text = shown
    assert max(len(line) for line in text.splitlines()) <= width


def test_nothing_is_cut_with_an_ellipsis(shown):
    _, text = shown
    assert "…" not in text and "..." not in text


def test_every_outcome_keeps_all_five_figures_on_its_row(assessment, shown):
    _, text = shown
    for o in assessment.outcomes:
        figures = [view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS] + \
            [view.percent_text(o.aspiration_cagr)]
        row = rf"^{re.escape(o.ref)}\. .*?" + r"\s+".join(re.escape(f) for f in figures) + r"(\s|$)"
        assert re.search(row, text, re.MULTILINE), (o.ref, figures)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_name_is_shown_whole(assessment, shown):
    """Wrapped, a name's words still follow one another in the name column."""
    width, text = shown
    lines = text.splitlines()
    if width < 116:  # stacked: the governance table alone, its figures at the right
        start = next(i for i, line in enumerate(lines) if line.startswith("Governance (RAG)"))
        end = next(i for i, line in enumerate(lines) if line.startswith("R red, A amber"))
        names = _words(" ".join(re.sub(r"(\s+[RAG\-]\*?){3}\s*$", "", line) for line in lines[start + 3:end]))
        for component in assessment.governance.values():
            for sub in component.subcomponents:
                assert _words(sub.title) in names
    every_word = set(text.split())
    for c in assessment.competencies.values():
        assert set(c.title.split()) <= every_word


def test_the_top_focus_areas_come_in_the_assessments_order_with_a_count_of_the_rest(assessment, shown):
    _, text = shown
    flat = _words(text)
    top = assessment.focus_areas[:TOP_FOCUS]
    positions = [flat.index(f"{i}. {_words(area.label)[:12]}") for i, area in enumerate(top, start=1)]
    assert positions == sorted(positions)
    rest = len(assessment.focus_areas) - len(top)
    if rest:
        assert f"({rest} more in the briefing)" in flat


def test_a_competency_finding_says_what_it_is(assessment, shown):
    _, text = shown
    flat = _words(text)
    assert "finding(s)" not in flat
    for finding in assessment.signposts.findings:
        assert _words(finding.message) in flat


def test_an_indeterminate_step_shows_no_count():
    from rich.console import Console

    from wcc_core.render.progress import WorkProgress

    screen = io.StringIO()
    with WorkProgress(enabled=True, console=Console(file=screen, force_terminal=True, width=100)) as progress:
        progress.step("Assessing")
    assert "Assessing" in screen.getvalue() and "0/?" not in screen.getvalue()
