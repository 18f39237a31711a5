"""Levels decided under uncertainty: the distribution, the prior, the verdict and the lines to check."""

from __future__ import annotations

import math

import pytest

from wcc_core.records.results import CriterionResult
from wcc_core.assessment.uncertainty import LevelPrior, LevelSteps, decide, distribution

LEVELS = (1, 2, 3, 4)
# Year 1's rule: a symmetric prior of 0.9, plain Bayes, a challenge names the statuses' level.
SYMMETRIC = LevelPrior(0.9, 0.1 / 3, 0.1 / 3, 1.0, challenge_to_status_level=True)
NONE = LevelPrior(0.0, 0.0, 0.0)


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
    decision = decide(lines, LEVELS, self_level=4, prior=SYMMETRIC, status_level=2)
    assert (decision.proposed, decision.verdict) == (2, "over-claim likely")
    assert decision.lines_to_check[0] == "b"
    assert 0 < decision.confidence <= 1


def test_doubtful_evidence_does_not_outweigh_the_self_assessment():
    lines = [line("a", 2, 0.9), line("b", 3, 0.45, "no_evidence"), line("c", 4, 0.05, "no_evidence")]
    decision = decide(lines, LEVELS, self_level=3, prior=SYMMETRIC, status_level=2)
    assert (decision.proposed, decision.verdict) == (3, "supported")
    assert decision.lines_to_check == ("b",)
    without_prior = decide(lines, LEVELS, self_level=3, prior=NONE, status_level=2)
    assert without_prior.proposed == 2 and without_prior.verdict == "over-claim likely"


def test_evidence_above_the_self_assessment_is_a_possible_under_claim():
    lines = [line("a", 2, 0.99), line("b", 3, 0.99), line("c", 4, 0.99)]
    decision = decide(lines, LEVELS, self_level=2, prior=SYMMETRIC, status_level=4)
    assert (decision.proposed, decision.verdict) == (4, "possible under-claim")


def test_without_a_self_assessment_the_statuses_decide():
    lines = [line("a", 2, 0.7), line("b", 2, 0.7), line("c", 3, 0.2, "no_evidence")]
    decision = decide(lines, LEVELS, self_level=None, prior=SYMMETRIC, status_level=2)
    assert (decision.proposed, decision.verdict) == (2, "no self-assessment")


def test_the_symmetric_prior_gives_every_other_level_the_same_share():
    assert SYMMETRIC.of(LEVELS, 2) == pytest.approx({1: 0.1 / 3, 2: 0.9, 3: 0.1 / 3, 4: 0.1 / 3})
    assert SYMMETRIC.of(LEVELS, 1) == pytest.approx({1: 0.9, 2: 0.1 / 3, 3: 0.1 / 3, 4: 0.1 / 3})
    assert NONE.of(LEVELS, 3) == pytest.approx({level: 0.25 for level in LEVELS})
    assert SYMMETRIC.of(LEVELS, None) == pytest.approx({level: 0.25 for level in LEVELS})


def test_an_asymmetric_prior_challenges_downwards_on_evidence_that_does_not_move_it_upwards():
    # PCTs over-claim more often than they under-claim: one level below is likelier than one above.
    prior = LevelPrior(0.6, 0.29, 0.09, evidence_weight=0.2)
    assert prior.of(LEVELS, 3)[2] > prior.of(LEVELS, 3)[4]
    doubt_at_3 = [line("a", 2, 0.95), line("b", 3, 0.01, "no_evidence"), line("c", 4, 0.05, "no_evidence")]
    assert decide(doubt_at_3, LEVELS, self_level=3, prior=prior, status_level=2).proposed == 2
    sure_at_4 = [line("a", 2, 0.95), line("b", 3, 0.95), line("c", 4, 0.95)]
    assert decide(sure_at_4, LEVELS, self_level=3, prior=prior, status_level=4).proposed == 3


def test_a_tempered_likelihood_needs_more_evidence_to_move_off_the_self_assessment():
    lines = [line("a", 2, 0.9), line("b", 3, 0.2, "no_evidence"), line("c", 4, 0.05, "no_evidence")]
    plain = LevelPrior(0.6, 0.29, 0.09, evidence_weight=1.0)
    tempered = LevelPrior(0.6, 0.29, 0.09, evidence_weight=0.2)
    assert decide(lines, LEVELS, self_level=3, prior=plain, status_level=2).proposed == 2
    assert decide(lines, LEVELS, self_level=3, prior=tempered, status_level=2).proposed == 3


def test_without_the_year_1_rule_a_challenge_names_the_posterior_mode_not_the_statuses_level():
    lines = [line("a", 2, 0.95), line("b", 3, 0.3, "no_evidence"), line("c", 4, 0.02, "no_evidence")]
    mode = LevelPrior(0.9, 0.1 / 3, 0.1 / 3, 1.0, challenge_to_status_level=False)
    assert decide(lines, LEVELS, self_level=4, prior=mode, status_level=1).proposed == 2
    assert decide(lines, LEVELS, self_level=4, prior=SYMMETRIC, status_level=1).proposed == 1


def test_the_step_model_is_a_logistic_over_the_log_odds_of_the_levels_lines():
    steps = LevelSteps(bias=-0.5, mean=2.0, lowest=-0.5, highest=-0.5, level_3=1.0, level_4=3.0)
    lo, hi = math.log(0.2 / 0.8), math.log(0.9 / 0.1)
    z = -0.5 + 2.0 * (lo + hi) / 2 - 0.5 * lo - 0.5 * hi + 1.0
    assert steps.probability([0.2, 0.9], 3) == pytest.approx(1 / (1 + math.exp(-z)))
    assert steps.probability([], 4) == 1.0  # a level judged only by the panel is no step


def test_with_a_step_model_the_distribution_still_sums_to_one_and_follows_the_additive_rule():
    steps = LevelSteps(bias=0.0, mean=1.0, lowest=0.0, highest=0.0, level_3=0.0, level_4=0.0)
    lines = [line("a", 2, 0.9), line("b", 2, 0.9), line("c", 3, 0.5), line("d", 4, 0.1)]
    dist = distribution(lines, LEVELS, steps)
    assert sum(dist.values()) == pytest.approx(1.0)
    # Two level-2 lines at 0.9 are one step at 0.9 (their mean log-odds), not 0.81 as independent lines.
    assert dist[1] == pytest.approx(0.1)
    assert dist[2] == pytest.approx(0.9 * 0.5)
    assert distribution(lines, LEVELS)[1] == pytest.approx(1 - 0.81)


def test_the_step_model_challenges_a_step_met_only_weakly_on_every_line_and_not_a_strong_one():
    # Four level-2 lines each at 0.6 (topical text, no strong statement), against four at 0.95.
    weak = [line(f"w{i}", 2, 0.6) for i in range(4)] + [line("x", 3, 0.1, "no_evidence")]
    steps = LevelSteps(bias=-2.0, mean=1.5, lowest=0.0, highest=0.0, level_3=0.0, level_4=0.0)
    prior = LevelPrior(0.6, 0.29, 0.09, evidence_weight=1.0)
    assert decide(weak, LEVELS, self_level=2, prior=prior, status_level=2, steps=steps).proposed == 1
    strong = [line(f"s{i}", 2, 0.95) for i in range(4)] + [line("x", 3, 0.1, "no_evidence")]
    assert decide(strong, LEVELS, self_level=2, prior=prior, status_level=2, steps=steps).proposed == 2
