"""Proposed ratings for governance: from criteria statuses, and the Vital Signs rule.

The handbook says governance ratings are "not additive" and leaves the weighting to
judgement (appendix III, chapter 3 "Governance"). wcc proposes with a conservative rule
kept in DATA (`[rating_rule]` in each governance component's criteria.toml, read into
`RatingRule`), and prints the rule beside every rating so the panel can overrule it
knowingly. The default, and wcc-2009's:

* sub-component: the worst rating when at least `worst_when_holding` (1) of its
  worst-rating lines hold (a red line `met`: the failing it describes is found); else
  the best rating whose every judgeable line is met (share `best_share`, 1.0); else the
  rating just above the worst ("not every amber line is met, but no red line holds");
  cannot rate (None) when fewer than `min_evidenced` lines are evidenced either way.
  Lines only the panel can judge (`needs_panel`) are left out.
* component (`component`): "worst" takes the worst sub-component; "arithmetic_then_majority"
  takes the worse of (the worst sub-component rated from figures: finance outturns and
  plans) and (the most common rating of the others, a tie going to the worse). Sub-components
  that cannot be rated are left out and counted in the rule's words.

Ratings are the framework's scale (`framework.info.ratings`, worst first), never colour
names written in code.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from wcc_core.records.results import CriterionResult, SubComponentResult

COMPONENT_POLICIES = ("worst", "arithmetic_then_majority")


@dataclass(frozen=True)
class RatingRule:
    """How criteria statuses become a sub-component's rating, and sub-components a component's."""

    worst_when_holding: int = 1
    best_share: Decimal = Decimal("1")
    min_evidenced: int = 1
    component: str = "arithmetic_then_majority"

    @classmethod
    def from_table(cls, table: Mapping | None) -> "RatingRule":
        """From a `[rating_rule]` table; unknown policies are a data error (ValueError)."""
        table = dict(table or {})
        rule = cls(
            worst_when_holding=int(table.get("worst_when_holding", cls.worst_when_holding)),
            best_share=Decimal(str(table.get("best_share", cls.best_share))),
            min_evidenced=int(table.get("min_evidenced", cls.min_evidenced)),
            component=str(table.get("component", cls.component)),
        )
        if rule.component not in COMPONENT_POLICIES:
            raise ValueError(f"[rating_rule] component = {rule.component!r} is not one of {', '.join(COMPONENT_POLICIES)}")
        if not (Decimal(0) < rule.best_share <= Decimal(1)) or rule.worst_when_holding < 1:
            raise ValueError("[rating_rule] needs 0 < best_share <= 1 and worst_when_holding >= 1")
        return rule

    def subcomponent_words(self, ratings: Sequence[str]) -> str:
        """The rule for a sub-component in words, with the framework's rating names (`ratings` worst first)."""
        worst, best, above_worst = ratings[0], ratings[-1], ratings[1]
        holding = "any" if self.worst_when_holding == 1 else f"{self.worst_when_holding} or more"
        share = "every" if self.best_share == 1 else f"at least {self.best_share:%} of the"
        return (f"{worst} when {holding} {worst} line holds; else the best rating with {share} judgeable line "
                f"met; else {above_worst}; panel-only lines left out")

    def component_words(self, ratings: Sequence[str]) -> str:
        """The rule for a component (from its sub-components) in words."""
        if self.component == "worst":
            return "the worst of its sub-components"
        return ("the worse of its worst sub-component rated from figures and the most common rating of the "
                "others (a tie goes to the worse)")


DEFAULT_RULE = RatingRule()


def subcomponent_rating(criteria: Sequence[CriterionResult], ratings: Sequence[str],
                        rule: RatingRule | None = None) -> tuple[str | None, str]:
    """(proposed rating or None, the rule in words) for one sub-component judged on its lines."""
    rule = rule or DEFAULT_RULE
    words = rule.subcomponent_words(ratings)
    worst = ratings[0]
    judged = [c for c in criteria if c.status != "needs_panel"]
    holding = [c for c in judged if c.rating == worst and c.status == "met"]
    if len(holding) >= rule.worst_when_holding:
        ids = ", ".join(c.id for c in holding[:3])
        return worst, f"{worst}: {len(holding)} {worst} {'line holds' if len(holding) == 1 else 'lines hold'} ({ids}); rule: {words}"
    evidenced = [c for c in judged if c.status in ("met", "not_met")]
    if len(evidenced) < rule.min_evidenced:
        return None, f"cannot rate: {len(evidenced)} {'line' if len(evidenced) == 1 else 'lines'} evidenced either way; rule: {words}"
    for rating in reversed(ratings[1:]):
        lines = [c for c in judged if c.rating == rating]
        met = sum(1 for c in lines if c.status == "met")
        if lines and Decimal(met) >= rule.best_share * len(lines):
            return rating, f"{rating}: {met} of {len(lines)} {rating} lines met; rule: {words}"
    fallback = ratings[1]
    return fallback, f"{fallback}: no {worst} line holds, not every line of a better rating is met; rule: {words}"


def _majority(values: Sequence[str], ratings: Sequence[str]) -> str:
    counts = Counter(values)
    top = max(counts.values())
    return min((r for r, n in counts.items() if n == top), key=ratings.index)


def component_rating(subs: Sequence[SubComponentResult], ratings: Sequence[str],
                     rule: RatingRule | None = None) -> tuple[str | None, str]:
    """A component's rating from its sub-components' proposals, with the rule in words."""
    rule = rule or DEFAULT_RULE
    words = rule.component_words(ratings)
    rated = [s for s in subs if s.proposed in ratings]
    unrated = len(subs) - len(rated)
    note = f"; {unrated} sub-component{'' if unrated == 1 else 's'} could not be rated" if unrated else ""
    if not rated:
        return None, f"cannot rate: no sub-component could be rated; rule: {words}"
    if rule.component == "worst":
        worst = min((s.proposed for s in rated), key=ratings.index)
        return worst, f"{worst}: rule: {words}{note}"
    figures = [s.proposed for s in rated if getattr(s, "arithmetic", False)]
    others = [s.proposed for s in rated if not getattr(s, "arithmetic", False)]
    parts = []
    if figures:
        parts.append(min(figures, key=ratings.index))
    if others:
        parts.append(_majority(others, ratings))
    result = min(parts, key=ratings.index)
    detail = []
    if figures:
        detail.append(f"worst from figures {min(figures, key=ratings.index)}")
    if others:
        detail.append(f"most common of the others {_majority(others, ratings)}")
    return result, f"{result}: {', '.join(detail)}; rule: {words}{note}"


def component_rating_of(values: Sequence[object], ratings: Sequence[str]) -> str | None:
    """The worst of a component's self-assessed (or last year's) sub-component ratings, if all are given."""
    given = [v for v in values if v in ratings]
    if not given or len(given) != len(values):
        return None
    return min(given, key=ratings.index)


@dataclass(frozen=True)
class VitalSigns:
    """The Vital Signs rule of appendix III (board, performance), as data: `[figures.<sub>]`."""

    off_trajectory_key: str = "vital_signs.tier1_off_trajectory"
    commitments_key: str = "vital_signs.existing_commitments_met"
    middle_up_to: int = 3  # "on trajectory for all but one to three"

    @classmethod
    def from_table(cls, table: Mapping | None) -> "VitalSigns":
        """The rule read from a `[figures.<sub-component>]` table; keys it lacks keep their defaults."""
        table = dict(table or {})
        return cls(off_trajectory_key=str(table.get("off_trajectory", cls.off_trajectory_key)),
                   commitments_key=str(table.get("commitments", cls.commitments_key)),
                   middle_up_to=int(table.get("middle_up_to", cls.middle_up_to)))


def vital_signs_rating(off_trajectory: float | None, commitments_met: float | None,
                       commitments_total: float | None, ratings: Sequence[str],
                       middle_up_to: int = 3) -> tuple[str | None, str]:
    """(rating or None, why) from the Vital Signs figures.

    Existing commitments not all delivered (met below total) is the worst rating; else no
    tier 1 indicator off trajectory is the best, one to `middle_up_to` the middle rating,
    more the worst. A missing or impossible figure cannot be rated.
    """
    worst, middle, best = ratings[0], ratings[len(ratings) // 2], ratings[-1]
    if off_trajectory is None:
        return None, "cannot rate: no count of tier 1 indicators off trajectory"
    if not math.isfinite(off_trajectory) or off_trajectory < 0 or off_trajectory != int(off_trajectory):
        return None, f"cannot rate: {off_trajectory:g} tier 1 indicators off trajectory is not a count"
    if commitments_met is None or commitments_total is None:
        return None, "cannot rate: existing commitments delivered, or their total (benchmark), is missing"
    if not (math.isfinite(commitments_met) and math.isfinite(commitments_total)):
        return None, "cannot rate: the existing commitments figures are not finite numbers"
    if commitments_met < commitments_total:
        return worst, (f"{worst}: existing commitments not all delivered ({commitments_met:g} of "
                       f"{commitments_total:g})")
    off = int(off_trajectory)
    commitments = f"all {commitments_total:g} existing commitments delivered"
    if off == 0:
        return best, f"{best}: no tier 1 indicator off trajectory, {commitments}"
    if off <= middle_up_to:
        return middle, f"{middle}: {off} tier 1 {'indicator' if off == 1 else 'indicators'} off trajectory (1 to {middle_up_to}), {commitments}"
    return worst, f"{worst}: {off} tier 1 indicators off trajectory (more than {middle_up_to})"
