"""Levels decided under uncertainty: the distribution, the prior, the verdict and the lines to check."""

from __future__ import annotations

import pytest

from wcc_core.records.results import CriterionResult
from wcc_core.assessment.uncertainty import decide, distribution

LEVELS = (1, 2, 3, 4)


def line(line_id: str, level: int, p: float | None, status: str = "met") -> CriterionResult:
    return CriterionResult(id=line_id, text=line_id, level=level, rating=None, status=status, reason="",
                           probability=p)


def test_the_distribution_is_the_additive_rule_over_line_probabilities():
    lines = [line("a", 2, 0.9), line("b", 2, 0.8), line("c", 3, 0.5), line("d", 4, 0.1)]
    dist = distribution(lines, LEVELS)
    assert dist[1] == pytest.approx(1 - 0.72)
    assert dist[2] == pytest.approx(0.72 * 0.5)
    assert dist[3] == pytest.approx(0.72 * 0.5 * 0.9)
    assert dist[4] == pytest.approx(0.72 * 0.5 * 0.1)
    assert sum(dist.values()) == pytest.approx(1.0)


def test_a_line_for_the_panel_does_not_count_and_a_figure_line_counts_as_its_figure():
    panel = line("p", 2, None, status="needs_panel")
    figure = line("f", 2, None, status="not_met")
    assert distribution([panel], LEVELS)[4] == pytest.approx(1.0)
    assert distribution([figure], LEVELS)[1] == pytest.approx(0.97)


def test_strong_evidence_against_the_self_assessment_challenges_it_and_names_the_lines():
    # With self_prior 0.9 the evidence must make level 2 about 27 times likelier than 4.
    lines = [line("a", 2, 0.95), line("b", 3, 0.01, "not_met"), line("c", 3, 0.9), line("d", 4, 0.9)]
    decision = decide(lines, LEVELS, self_level=4, self_prior=0.9, status_level=2)
    assert (decision.proposed, decision.verdict) == (2, "over-claim likely")
    assert decision.lines_to_check[0] == "b"
    assert 0 < decision.confidence <= 1


def test_doubtful_evidence_does_not_outweigh_the_self_assessment():
    lines = [line("a", 2, 0.9), line("b", 3, 0.45, "no_evidence"), line("c", 4, 0.05, "no_evidence")]
    decision = decide(lines, LEVELS, self_level=3, self_prior=0.9, status_level=2)
    assert (decision.proposed, decision.verdict) == (3, "supported")
    assert decision.lines_to_check == ("b",)
    without_prior = decide(lines, LEVELS, self_level=3, self_prior=0.0, status_level=2)
    assert without_prior.proposed == 2 and without_prior.verdict == "over-claim likely"


def test_evidence_above_the_self_assessment_is_a_possible_under_claim():
    lines = [line("a", 2, 0.99), line("b", 3, 0.99), line("c", 4, 0.99)]
    decision = decide(lines, LEVELS, self_level=2, self_prior=0.9, status_level=4)
    assert (decision.proposed, decision.verdict) == (4, "possible under-claim")


def test_without_a_self_assessment_the_statuses_decide():
    lines = [line("a", 2, 0.7), line("b", 2, 0.7), line("c", 3, 0.2, "no_evidence")]
    decision = decide(lines, LEVELS, self_level=None, self_prior=0.9, status_level=2)
    assert (decision.proposed, decision.verdict) == (2, "no self-assessment")
