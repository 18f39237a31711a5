"""A short rationale in words per sub-competency and sub-component, as a panel report words it.

The Rotherham panel report gives, for each rating, a few sentences of "rationale for
scoring": what the evidence shows, what stops the next level, what the panel should test.
These sentences are built only from the result's own statuses and evidence, so every
claim can be traced to a criterion line and a printed page.
"""

from __future__ import annotations

from dataclasses import replace

from wcc_core.records.results import SubComponentResult, SubCompetencyResult


def _places(criteria, limit: int = 3) -> str:
    places = []
    for c in criteria:
        for e in c.evidence:
            if e.stance == "for" and e.where not in places:
                places.append(e.where)
                break
    shown = ", ".join(places[:limit])
    return shown + (f" and {len(places) - limit} more" if len(places) > limit else "")


def with_rationale(result: SubCompetencyResult, context) -> SubCompetencyResult:
    """`result` with its rationale: the level, what evidences it, what stops the next one."""
    names = {i: n for i, n in enumerate(context.framework.info.levels, start=1)}
    level = names.get(result.proposed, str(result.proposed))
    parts = [f"Proposed level {level}"]
    context_bits = []
    if result.self_level is not None:
        context_bits.append(f"self-assessed {names.get(result.self_level, result.self_level)}")
    if result.last_year is not None:
        context_bits.append(f"last year {names.get(result.last_year, result.last_year)}")
    if context_bits:
        parts[0] += f" ({'; '.join(context_bits)})"
    parts[0] += "."
    met = [c for c in result.criteria if c.status == "met" and (c.level or 0) <= result.proposed]
    if met:
        where = _places(met)
        parts.append(f"{_criteria(len(met))} up to this level {'is' if len(met) == 1 else 'are'} met"
                     + (f", evidenced in {where}." if where else "."))
    blocking = next((s for s in result.steps if not s.reached), None)
    if blocking is not None:
        parts.append(blocking.explanation[0].upper() + blocking.explanation[1:] + ".")
    against = [c for c in result.criteria if c.status == "not_met"]
    if against:
        parts.append(f"The documents say {_criteria(len(against))} {'is' if len(against) == 1 else 'are'} not yet "
                     f"in place ({', '.join(c.id for c in against[:4])}).")
    panel = [c for c in result.criteria if c.status == "needs_panel"]
    if panel:
        parts.append(f"{_criteria(len(panel))} can only be tested on the panel day.")
    return replace(result, rationale=" ".join(parts))


def with_governance_rationale(result: SubComponentResult) -> SubComponentResult:
    """`result` with its rationale: the rating, the rule that gave it and the evidence behind it."""
    rating = result.proposed or "cannot rate"
    parts = [f"Proposed {rating}" + (f" (self-assessed {result.self_rating})" if result.self_rating else "") + "."]
    if result.rule:
        parts.append(f"Rule: {result.rule}.")
    deciding = [r for r in result.table if r.decides]
    if deciding:
        cells = ", ".join(f"{k} {v}" for k, v in deciding[0].cells)
        parts.append(f"Deciding row: {cells}.")
    met = [c for c in result.criteria if c.status == "met"]
    where = _places(met)
    if where:
        parts.append(f"Evidence in {where}.")
    return replace(result, rationale=" ".join(parts))


def _criteria(n: int) -> str:
    """"1 criterion", "3 criteria": the handbook's word with its plural right."""
    return f"{n} criterion" if n == 1 else f"{n} criteria"
