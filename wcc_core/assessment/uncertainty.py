"""Levels decided under uncertainty: the additive rule over line probabilities, confirm and challenge.

The handbook rates a sub-competency additively (level n needs every line of levels 2..n)
and the panel day's job is to "confirm and challenge the self assessment". With a
probability that each line is met (judging/line_model.py; a figure line is as good as
its figure, 0.97 or 0.03), the chance of reaching level n is the product of the chances
of the steps up to it (each step the product of its lines' probabilities, or the fitted
step model's probability from them), so the evidence gives a distribution over levels. One doubtful line no longer decides the level on its own: its doubt shows.

The self-assessment is the prior, by how far a level lies from it (`LevelPrior`):
P(the self-assessed level) = `self_prior`, P(one below) = `prior_below`, P(one above) =
`prior_above`, the rest shared by the levels further away. For wcc-2009 these are the
shares of the development banks' sub-competencies whose truth lies that far from the
self-assessment (benchmarks/fit_level_decision.py): PCTs over-claim about three times as
often as they under-claim, so a challenge downwards needs less evidence than one upwards.
The chance of each step up comes from a fitted level-step model (`LevelSteps`) rather
than the product of the lines' probabilities, and the evidence enters raised to
`evidence_weight` (a tempered likelihood). The proposal is the posterior's mode. Year 1 keeps its earlier rule (a symmetric prior,
`evidence_weight` 1, and a challenge that names the level the line statuses reach:
`challenge_to_status_level`). With no self-assessment there is nothing to confirm or
challenge: the proposal is the additive rule over the statuses. The label says which
way the proposal departs; the lines to check are the ones whose doubt most lowers the
chance of the self-assessed level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from wcc_core.records.results import CriterionResult

FIGURE_CERTAINTY = 0.97  # a survey or metric line: the figure decides, up to errors in the data
VERDICTS = ("supported", "over-claim likely", "possible under-claim", "no self-assessment")


@dataclass(frozen=True)
class LevelPrior:
    """What is believed of a sub-competency's level before its evidence, given the self-assessed level."""

    self_prior: float  # P(truth = self-assessed level); 0 or 1: no prior (every level alike)
    below: float  # P(truth = one level below it)
    above: float  # P(truth = one level above it)
    evidence_weight: float = 1.0  # the evidence's distribution enters raised to this power
    challenge_to_status_level: bool = False  # a challenge names the level the line statuses reach (Year 1)

    @classmethod
    def from_thresholds(cls, thresholds) -> "LevelPrior":
        """The prior a framework's [judging] table states (`self_prior`, `prior_below`, `prior_above` ...)."""
        return cls(thresholds.self_prior, thresholds.prior_below, thresholds.prior_above,
                   thresholds.evidence_weight, thresholds.challenge_to_status_level)

    def of(self, levels: Sequence[int], self_level: int | None) -> dict[int, float]:
        """P(level) for each level, summing to 1; every level alike without a self-assessment or a prior."""
        if self_level not in levels or not 0 < self.self_prior < 1:
            return {level: 1 / len(levels) for level in levels}
        far = max(0.0, 1.0 - self.self_prior - self.below - self.above) / max(1, len(levels) - 3)
        share = {0: self.self_prior, -1: self.below, 1: self.above}
        raw = {level: share.get(level - self_level, far) for level in levels}
        total = sum(raw.values()) or 1.0
        return {level: value / total for level, value in raw.items()}


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


def distribution(criteria: Sequence[CriterionResult], levels: Sequence[int],
                 steps: "LevelSteps | None" = None) -> dict[int, float]:
    """P(level) under the additive rule: the chance of reaching each level is the product of the
    chances of each step up to it. A step's chance is the product of its lines' probabilities
    (the lines taken as independent), or, with a fitted `steps` model, that model's
    probability from the step's line probabilities."""
    reach = {levels[0]: 1.0}
    running = 1.0
    for level in levels[1:]:
        ps = [p for p in (line_probability(c) for c in criteria if c.level == level) if p is not None]
        if steps is not None:
            running *= steps.probability(ps, level)
        else:
            for p in ps:
                running *= p
        reach[level] = running
    out = {}
    for i, level in enumerate(levels):
        above = reach[levels[i + 1]] if i + 1 < len(levels) else 0.0
        out[level] = max(0.0, reach[level] - above)
    return out


@dataclass(frozen=True)
class LevelSteps:
    """P(a sub-competency takes the step up to a level | it reached the level below), from that level's lines.

    A logistic model over the mean, lowest and highest log-odds of the level's line
    probabilities and the level (3 and 4 indicators), fitted on the development banks
    (benchmarks/fit_level_decision.py). It replaces the product of the lines'
    probabilities, which takes them as independent: one passage fits several lines of a
    sub-competency, so a weak statement met on four lines counts four times, and a
    sub-competency whose every level-2 line is met only by topical text looks no
    different from one with a doubtful line among strong ones.
    """

    bias: float
    mean: float
    lowest: float
    highest: float
    level_3: float
    level_4: float

    @classmethod
    def from_thresholds(cls, thresholds) -> "LevelSteps | None":
        """The framework's step model ([judging] `level_steps` and its `s_*` coefficients), or None when off."""
        if not thresholds.level_steps:
            return None
        return cls(thresholds.s_bias, thresholds.s_mean, thresholds.s_lowest, thresholds.s_highest,
                   thresholds.s_level_3, thresholds.s_level_4)

    @staticmethod
    def features(line_probabilities: Sequence[float], level: int) -> tuple[float, ...]:
        """(1, mean, lowest and highest log-odds of the lines, level is 3, level is 4): what the
        coefficients multiply, in their order; the fitting benchmark builds its rows with it."""
        odds = [_log_odds(p) for p in line_probabilities]
        return (1.0, sum(odds) / len(odds), min(odds), max(odds), float(level == 3), float(level == 4))

    def probability(self, line_probabilities: Sequence[float], level: int) -> float:
        """P(the step to `level` is taken); 1 when the level has no line to judge it by (the panel's lines only)."""
        if not line_probabilities:
            return 1.0
        weights = (self.bias, self.mean, self.lowest, self.highest, self.level_3, self.level_4)
        z = sum(w * x for w, x in zip(weights, self.features(line_probabilities, level)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _log_odds(p: float) -> float:
    """log(p / (1 - p)), with p kept within 0.01..0.99 as the line model keeps it."""
    p = min(0.99, max(0.01, p))
    return math.log(p / (1 - p))


def decide(criteria: Sequence[CriterionResult], levels: Sequence[int], self_level: int | None,
           prior: LevelPrior, status_level: int, steps: LevelSteps | None = None) -> LevelDecision:
    """The proposal under the prior on the self-assessment, its confidence, verdict and lines to check.

    `status_level` is the additive rule over the line statuses, the proposal when there
    is no self-assessment; `steps`, the fitted step model (None: the product of the lines)."""
    evidence = distribution(criteria, levels, steps)
    before = prior.of(levels, self_level)
    joint = {level: (evidence[level] ** prior.evidence_weight if evidence[level] > 0 else 0.0) * before[level]
             for level in levels}
    total = sum(joint.values()) or 1.0
    posterior = {level: value / total for level, value in joint.items()}
    # Ties go to the self-assessed level, then to the lower level.
    proposed = max(levels, key=lambda level: (round(posterior[level], 9), level == self_level, -level))
    if self_level not in evidence:
        proposed = status_level
    elif (prior.challenge_to_status_level and proposed != self_level
          and (status_level - self_level) * (proposed - self_level) > 0):
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
