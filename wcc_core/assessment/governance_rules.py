"""Proposed red/amber/green ratings from governance criteria statuses.

The handbook says governance ratings are "not additive" and leaves the weighting to
judgement (appendix III). wcc proposes with a conservative, stated rule, and prints the
rule beside every rating so the panel can overrule it knowingly:

* a sub-component is the best rating whose every judgeable line is met (green lines all
  met -> green); where a line of the worst rating holds (a red line met: the failing the
  handbook describes is found), it is that worst rating whatever else holds; where
  nothing is evidenced either way it cannot be rated;
* a component takes the worst of its sub-components' proposals (one red sub-component
  is a red component), leaving out those that cannot be rated.

Ratings are the framework's scale (worst first), never hard-coded colours.
"""

from __future__ import annotations

from typing import Sequence

from wcc_core.assessment.model import CriterionResult, SubComponentResult


def subcomponent_rating(criteria: Sequence[CriterionResult], ratings: Sequence[str]) -> tuple[str | None, str]:
    """(proposed rating or None, the rule in words) for one sub-component."""
    worst, best = ratings[0], ratings[-1]
    judged = [c for c in criteria if c.status != "needs_panel"]
    if any(c.rating == worst and c.status == "met" for c in judged):
        return worst, f"{worst}: a {worst} criterion holds"
    for rating in reversed(ratings[1:]):
        lines = [c for c in judged if c.rating == rating]
        if lines and all(c.status == "met" for c in lines):
            return rating, f"{rating}: every {rating} criterion is met"
    if not any(c.status in ("met", "not_met") for c in judged):
        return None, "cannot rate: no criterion is evidenced either way"
    middle = ratings[len(ratings) // 2]
    return middle, f"{middle}: not every {best} criterion is met and no {worst} criterion holds"


def component_rating(subs: Sequence[SubComponentResult], ratings: Sequence[str]) -> tuple[str | None, str]:
    """The worst proposal among the sub-components that can be rated."""
    rated = [s.proposed for s in subs if s.proposed in ratings]
    if not rated:
        return None, "cannot rate: no sub-component could be rated"
    worst = min(rated, key=ratings.index)
    unrated = len(subs) - len(rated)
    note = f" ({unrated} sub-component(s) could not be rated)" if unrated else ""
    return worst, f"the worst of its sub-components' ratings{note}"


def component_rating_of(values: Sequence[object], ratings: Sequence[str]) -> str | None:
    """The worst of a component's self-assessed (or last year's) sub-component ratings, if all are given."""
    given = [v for v in values if v in ratings]
    if not given or len(given) != len(values):
        return None
    return min(given, key=ratings.index)
