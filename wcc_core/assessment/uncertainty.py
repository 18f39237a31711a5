"""Levels decided under uncertainty: the additive rule over line probabilities, confirm and challenge.

The handbook rates a sub-competency additively (level n needs every line of levels 2..n)
and the panel day's job is to "confirm and challenge the self assessment". With a
probability that each line is met (judging/line_model.py; a figure line is as good as
its figure, 0.97 or 0.03), the chance of reaching level n is the product of the
probabilities of its lines and of every line below, so the evidence gives a distribution
over levels. One doubtful line no longer decides the level on its own: its doubt shows.

The self-assessment is the prior: P(self) = `self_prior`, the other levels share the
rest. The posterior decides whether to challenge, and which way: the proposal departs
from the self-assessment only when the posterior's mode does. The level it names is then
the additive rule over the line statuses if that lies on the same side of the
self-assessment, else the mode (the product of independent line probabilities leans low,
so the mode alone names too low a level: on the four development banks the statuses'
level named the truth in 75 of 132 sub-competencies, the mode in 73). With no
self-assessment there is nothing to confirm or challenge: the proposal is the additive
rule over the statuses. The label says which way the proposal departs; the lines to
check are the ones whose doubt most lowers the chance of the self-assessed level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from wcc_core.records.results import CriterionResult

FIGURE_CERTAINTY = 0.97  # a survey or metric line: the figure decides, up to errors in the data
VERDICTS = ("supported", "over-claim likely", "possible under-claim", "no self-assessment")


@dataclass(frozen=True)
class LevelDecision:
    """The evidence's distribution over levels, the proposal, how sure it is and why."""

    distribution: tuple[tuple[int, float], ...]  # (level, P) from the evidence alone
    proposed: int
    confidence: float  # posterior probability of the proposed level
    verdict: str  # one of VERDICTS
    lines_to_check: tuple[str, ...]  # ids of the lines whose doubt decides it


def line_probability(line: CriterionResult) -> float | None:
    """P(met) of a line for the additive rule; None for lines the panel alone judges. A figure
    line, or a line a reviewer decided (probability None), is as sure as FIGURE_CERTAINTY."""
    if line.status == "needs_panel":
        return None
    if line.probability is not None:
        return line.probability
    return FIGURE_CERTAINTY if line.status == "met" else 1 - FIGURE_CERTAINTY


def distribution(criteria: Sequence[CriterionResult], levels: Sequence[int]) -> dict[int, float]:
    """P(level) under the additive rule, the lines taken as independent."""
    reach = {levels[0]: 1.0}
    running = 1.0
    for level in levels[1:]:
        for line in criteria:
            p = line_probability(line) if line.level == level else None
            if p is not None:
                running *= p
        reach[level] = running
    out = {}
    for i, level in enumerate(levels):
        above = reach[levels[i + 1]] if i + 1 < len(levels) else 0.0
        out[level] = max(0.0, reach[level] - above)
    return out


def decide(criteria: Sequence[CriterionResult], levels: Sequence[int], self_level: int | None,
           self_prior: float, status_level: int) -> LevelDecision:
    """The proposal under the self-assessment prior, its confidence, verdict and lines to check.

    `status_level` is the additive rule over the line statuses, the proposal when there
    is no self-assessment."""
    evidence = distribution(criteria, levels)
    if self_level in evidence and 0 < self_prior < 1:
        rest = (1 - self_prior) / (len(levels) - 1)
        prior = {level: self_prior if level == self_level else rest for level in levels}
    else:
        prior = {level: 1 / len(levels) for level in levels}
    joint = {level: evidence[level] * prior[level] for level in levels}
    total = sum(joint.values()) or 1.0
    posterior = {level: value / total for level, value in joint.items()}
    # Ties go to the self-assessed level, then to the lower level.
    proposed = max(levels, key=lambda level: (round(posterior[level], 9), level == self_level, -level))
    if self_level not in evidence:
        proposed = status_level
    elif proposed != self_level and (status_level - self_level) * (proposed - self_level) > 0:
        proposed = status_level  # challenge as the posterior says; name the level the statuses reach
    if self_level not in evidence:
        verdict = "no self-assessment"
    elif proposed == self_level:
        verdict = "supported"
    elif proposed < self_level:
        verdict = "over-claim likely"
    else:
        verdict = "possible under-claim"
    target = self_level if self_level in evidence else proposed
    doubtful = [(line_probability(c), c.id) for c in criteria
                if c.level and levels[0] < c.level <= max(target, proposed) and line_probability(c) is not None]
    check = tuple(line_id for p, line_id in sorted(doubtful) if p < 0.9)[:3]
    return LevelDecision(tuple((level, round(evidence[level], 3)) for level in levels), proposed,
                         round(posterior[proposed], 3), verdict, check)
