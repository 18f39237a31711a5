"""The probability that a criterion line is met, from its evidence (a logistic model).

The features (`SubCompetencyJudge.signals`) are the fit of the best passage stating the
line as done, of the best denying or deferring it, of the best that is conditional,
hypothetical or about others, whether the PCT signposted the best statement, how many
passages agree, how much of the best sentence is about the line, whether another sentence
of that passage denies or defers the line's words ("mixed"), and the line's level
(level 3 and level 4 indicators: a stronger line is met less often, so the same passage
says less of it; a class prior per level, as any logistic model fitted over classes has),
and what the statement classifiers (statements.py) make of the best statement's passage:
P(a "not done" statement), P(topical text that states nothing as done), and how much the
passages stating the line as done read like other PCTs' evidence for it (exemplars.py).
The coefficients are
data (the framework's `[judging]` p_* keys), fitted offline on the development banks by
`benchmarks/fit_line_model.py`; at run time this is plain arithmetic, so the same
features give the same probability byte for byte.
"""

from __future__ import annotations

import math

FEATURES = ("for", "against", "neutral", "signpost", "agree", "precision", "mixed", "level_3", "level_4", "not_done", "topical",
            "exemplar")
PLAIN = tuple(name for name in FEATURES if name != "exemplar")
"""The features of the plain model, for a line no development bank stated as done (no exemplars to read
like): its `[judging]` keys are `plain_bias` and `plain_<feature>`. Having no exemplars says nothing about
this PCT's text, so such a line is judged on its own words, as before there were exemplars."""
NO_EXEMPLARS = -1.0  # the exemplar signal of such a line


def logit(signals: dict[str, float], thresholds) -> float:
    """The model's log-odds for `signals` under the coefficients of `thresholds` (JudgingThresholds)."""
    if signals.get("exemplar", NO_EXEMPLARS) < 0:
        return thresholds.plain_bias + sum(getattr(thresholds, f"plain_{name}") * signals.get(name, 0.0)
                                           for name in PLAIN)
    return thresholds.p_bias + sum(getattr(thresholds, f"p_{name}") * signals.get(name, 0.0) for name in FEATURES)


def probability_met(signals: dict[str, float], thresholds) -> float:
    """P(met) = 1 / (1 + e^-logit), kept clear of 0 and 1 so no line is ever certain from text alone."""
    z = max(-30.0, min(30.0, logit(signals, thresholds)))
    return min(0.99, max(0.01, 1.0 / (1.0 + math.exp(-z))))
