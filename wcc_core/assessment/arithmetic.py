"""The handbook's arithmetic: additive levels, the competency mean, deviations.

Plugins judge criterion lines; these rules, and only these, turn statuses into levels and
levels into scores (handbook chapter 3 "Competencies" and appendix II):

* "each sub-competency is rated on an additive basis": level n needs every criterion of
  levels 2..n met (the lowest level needs nothing);
* "the rating for each competency will be an aggregated mean average rating of the
  levels across the three sub-competencies ... shown to one decimal point".

Lines only the panel day can judge (`needs_panel`) are left out of the additive rule:
the proposal rests on documents and figures, and the panel confirms those lines.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

from wcc_core.records.results import CriterionResult, LevelStep
from wcc_core.records.text import shorten


def _why_not(line: CriterionResult) -> str:
    what = {"no_evidence": "has no evidence", "not_met": "is not met"}.get(line.status, line.status)
    return f"{line.id} '{shorten(line.text, 70)}' {what}"


def additive_level(criteria: Sequence[CriterionResult], levels: Sequence[int],
                   names: dict[int, str] | None = None) -> tuple[int, tuple[LevelStep, ...]]:
    """The level a sub-competency reaches, and why each level above the lowest was or was not reached.

    `levels` are the framework's level numbers, lowest first (1..4 for wcc-2009). A level
    is reached when every criterion of it and of every level below it is `met`, leaving
    out `needs_panel` lines; a level with no judgeable line is reached when the one below
    is (it asks nothing the documents can show).
    """
    def name(level: int) -> str:
        given = (names or {}).get(level)
        return f"level {level}" if given in (None, str(level)) else f"level {level} ({given})"

    reached = levels[0]
    steps: list[LevelStep] = []
    blocked = False
    for level in levels[1:]:
        judged = [c for c in criteria if c.level == level and c.status != "needs_panel"]
        missing = [c for c in judged if c.status != "met"]
        panel = [c for c in criteria if c.level == level and c.status == "needs_panel"]
        if blocked:
            steps.append(LevelStep(level, False, f"{name(level)} not reached: level {level - 1} is not"))
            continue
        if missing:
            reasons = "; ".join(_why_not(c) for c in missing[:3])
            more = f" (and {len(missing) - 3} more)" if len(missing) > 3 else ""
            steps.append(LevelStep(level, False, f"{name(level)} not reached: {reasons}{more}"))
            blocked = True
            continue
        reached = level
        note = f"; {len(panel)} {'line' if len(panel) == 1 else 'lines'} for the panel to confirm" if panel else ""
        basis = ((f"all {len(judged)} criteria met" if len(judged) > 1 else "its one criterion met") if judged
                 else "no criterion the documents can show")
        steps.append(LevelStep(level, True, f"{name(level)} reached: {basis}{note}"))
    return reached, tuple(steps)


def mean_one_decimal(levels: Iterable[int | None]) -> float | None:
    """The mean of the levels to one decimal point, halves rounded up (2.65 -> 2.7); None if any is missing."""
    values = list(levels)
    if not values or any(v is None for v in values):
        return None
    mean = Decimal(sum(values)) / Decimal(len(values))
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def round_half_up(value: float, places: int) -> float:
    """`value` to `places` decimals, halves away from zero (the way a panel report rounds)."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def deviation(self_level: int | None, proposed: int | None) -> int | None:
    """Self-assessed minus proposed: positive when the PCT rates itself above the evidence."""
    if self_level is None or proposed is None:
        return None
    return self_level - proposed
