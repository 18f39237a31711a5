"""Governance sub-components rated from figures: the finance arithmetic and the Vital Signs rule.

Figure lines are judged from finance.csv (appendix III finance arithmetic,
finance_rules.py) and metrics.csv (the Vital Signs rule, governance_rules.py): a line of
rating R covering some years is `met` when those years' worst rating is R, `not_met` when
it is another rating, `no_evidence` when the figures cannot be rated (the reason names
the file, the row and what is missing). Which lines are figure lines, and their
thresholds, are data beside the plugin (`[figures.<sub-component>]`).

Text lines of the same sub-component are judged by wcc_core.judging.governance
(`GovernanceJudge`); `judge_subcomponent` is what a governance plugin calls.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from wcc_core.assessment.finance_rules import FinanceRating, FinanceThresholds, rate_finance
from wcc_core.assessment.governance_rules import RatingRule, VitalSigns, vital_signs_rating
from wcc_core.framework.model import CriterionLine, SubComponent
from wcc_core.judging.context import SubComponentJudgement
from wcc_core.judging.governance import GovernanceJudge
from wcc_core.records.results import CriterionResult, EvidenceItem, RatingRow


@dataclass(frozen=True)
class FigureSpec:
    """`[figures.<sub-component>]`: which lines are judged on figures, and how."""

    rule: str  # "finance" or "vital_signs"
    lines: dict[int, tuple[str, ...]]  # line number (1-based) -> years it covers (empty: all)
    kind: str = "plan"
    scenarios: tuple[str, ...] = ("base",)
    years: tuple[str, ...] = ()
    plan_years: int = 0
    arithmetic: bool = True  # the figures alone give the rating (finance); else the rating rule combines
    table: Mapping | None = None  # the raw table, for rule-specific keys

    @classmethod
    def from_table(cls, table: Mapping) -> "FigureSpec":
        """The spec read from a framework's `[figures.<sub-component>]` table."""
        lines = {int(k): tuple(v) for k, v in dict(table.get("lines", {})).items()}
        return cls(rule=str(table["rule"]), lines=lines, kind=str(table.get("kind", "plan")),
                   scenarios=tuple(table.get("scenarios", ("base",))), years=tuple(table.get("years", ())),
                   plan_years=int(table.get("plan_years", 0)), arithmetic=bool(table.get("arithmetic", True)),
                   table=dict(table))


def _figure_result(line: CriterionLine, status: str, reason: str, evidence=(), enquiry: str = "") -> CriterionResult:
    return CriterionResult(id=line.id, text=line.text, rating=line.rating, level=line.level, status=status,
                           reason=reason, evidence=tuple(evidence), enquiry=enquiry)


def _finance_evidence(rating: FinanceRating, years: Sequence[str], line_rating: str, file: str) -> tuple[EvidenceItem, ...]:
    items = []
    for y in rating.years:
        if years and y.year not in years:
            continue
        if y.rating is None:
            continue
        row = f" (row {y.line})" if y.line else ""
        excerpt = (f"{file} {y.year} {y.scenario}{row}: surplus {y.surplus!r} on income {y.income!r} "
                   f"({y.surplus_pct}%), SHA expected {y.expected!r} ({y.expected_pct}%): {y.why} -> {y.rating}")
        items.append(EvidenceItem(source="metric", excerpt=excerpt, fit=1.0,
                                  stance="for" if y.rating == line_rating else "against"))
    return tuple(items)


def finance_judgement(sub: SubComponent, context, spec: FigureSpec, thresholds: FinanceThresholds,
                      rule: RatingRule | None, judge: GovernanceJudge) -> SubComponentJudgement:
    """A finance sub-component rated on finance.csv; its other lines judged from the documents."""
    ratings = context.framework.info.ratings
    file = context.data_files.get("finance", "finance.csv")
    # finance.csv gives one row per CSV line, in order (header on line 1): the line names the row.
    rows = [(getattr(r, "line", None) or i + 2, r) for i, r in enumerate(context.finance)]
    if not context.finance:
        rating = FinanceRating(None, f"cannot rate: the submission has no finance data ([data] finance)"
                               if "finance" not in context.data_files else f"cannot rate: {file} has no usable rows",
                               (), None, (f"{file}: no rows",) if "finance" in context.data_files else
                               ("submission.toml: [data] finance is not given",))
    else:
        rating = rate_finance(rows, ratings=ratings, kind=spec.kind, scenarios=spec.scenarios, years=spec.years,
                              plan_years=spec.plan_years, thresholds=thresholds, file=file, what=sub.title.lower())
    deficits = [y for y in rating.years if y.deficit]
    criteria = []
    for number, line in enumerate(sub.criteria, start=1):
        if number not in spec.lines:
            criteria.append(judge(line))
            continue
        years = spec.lines[number]
        worst = rating.worst_of(years, ratings) if rating.rating is not None else None
        covered = ", ".join(years) if years else f"every {spec.kind} year of {', '.join(spec.scenarios)}"
        if worst is None:
            criteria.append(_figure_result(line, "no_evidence", f"no evidence: {rating.rule}"))
            continue
        status = "met" if worst == line.rating else "not_met"
        enquiry = ""
        if deficits and line.rating == ratings[0]:
            years_text = ", ".join(f"{y.year} ({y.scenario})" for y in deficits)
            enquiry = (f"Operating deficit projected in {years_text}: is there a credible turnaround plan with a "
                       "timeline, metrics and turnaround resources identified?")
        criteria.append(_figure_result(
            line, status, f"{'met' if status == 'met' else 'not met'}: {covered} in {file} rate {worst}",
            _finance_evidence(rating, years, line.rating, file), enquiry))
    warnings = list(rating.problems)
    if deficits:
        # The plan lines (turnaround, break-even plans) are the evidence the panel weighs
        # against a deficit; they do not change the figures' colour.
        for number, c in enumerate(criteria, start=1):
            if number not in spec.lines:
                warnings.append(f"deficit projected; plan evidence {c.id} ({c.rating}): {c.reason}")
    return SubComponentJudgement(criteria=tuple(criteria), rating=rating.rating, arithmetic=spec.arithmetic,
                                 rule=rating.rule, table=rating.table(), warnings=tuple(warnings),
                                 rating_rule=rule)


def vital_signs_judgement(sub: SubComponent, context, spec: FigureSpec, rule: RatingRule | None,
                          judge: GovernanceJudge) -> SubComponentJudgement:
    """board.performance: the Vital Signs lines from metrics.csv, the rest from the documents."""
    ratings = context.framework.info.ratings
    vs = VitalSigns.from_table(spec.table)
    file = context.data_files.get("metrics", "metrics.csv")
    off = context.metric(vs.off_trajectory_key)
    commitments = context.metric(vs.commitments_key)
    problems = []
    if off is None or off.value is None:
        problems.append(f"{file}: no value for {vs.off_trajectory_key}")
    if commitments is None or commitments.value is None:
        problems.append(f"{file}: no value for {vs.commitments_key}")
    elif commitments.benchmark is None:
        problems.append(f"{file}: {vs.commitments_key} has no benchmark (the total of existing commitments)")
    rating, why = vital_signs_rating(off.value if off else None, commitments.value if commitments else None,
                                     commitments.benchmark if commitments else None, ratings, vs.middle_up_to)
    figure = (f"{file}: {vs.off_trajectory_key} = {off.value:g} ({off.period})" if off and off.value is not None
              else f"{file}: {vs.off_trajectory_key} missing")
    figure += (f"; {vs.commitments_key} = {commitments.value:g} of {commitments.benchmark:g} ({commitments.period})"
               if commitments and commitments.value is not None and commitments.benchmark is not None
               else f"; {vs.commitments_key} missing or without its total")
    table = (
        RatingRow(cells=(("figure", vs.off_trajectory_key), ("value", off.value if off else None),
                         ("period", off.period if off else None), ("why", why)), rating=rating, decides=True),
        RatingRow(cells=(("figure", vs.commitments_key), ("value", commitments.value if commitments else None),
                         ("period", commitments.period if commitments else None),
                         ("why", f"benchmark {commitments.benchmark_label or 'total'} "
                                 f"{commitments.benchmark:g}" if commitments and commitments.benchmark is not None
                          else "no total to compare with")), rating=None),
    )
    criteria = []
    for number, line in enumerate(sub.criteria, start=1):
        if number not in spec.lines:
            criteria.append(judge(line))
            continue
        if rating is None:
            criteria.append(_figure_result(line, "no_evidence", f"no evidence: {why}"))
            continue
        status = "met" if rating == line.rating else "not_met"
        item = EvidenceItem(source="metric", excerpt=f"{figure}: {why}", fit=1.0,
                            stance="for" if status == "met" else "against")
        criteria.append(_figure_result(line, status, f"{'met' if status == 'met' else 'not met'}: Vital Signs "
                                                     f"rule gives {rating} ({figure})", (item,)))
    warnings = tuple(problems) + ((f"Vital Signs figure used: {figure} -> {why}",) if rating else ())
    return SubComponentJudgement(criteria=tuple(criteria), rating=rating if spec.arithmetic else None,
                                 arithmetic=spec.arithmetic, rule=why if spec.arithmetic else "", table=table,
                                 warnings=warnings, rating_rule=rule)


def named_metric_rows(context, metrics: Sequence[Mapping]) -> tuple[tuple[RatingRow, ...], tuple[str, ...]]:
    """The appendix VI metrics named for a sub-component, as rows shown beside its evidence (not rated)."""
    file = context.data_files.get("metrics", "metrics.csv")
    rows, notes = [], []
    for named in metrics:
        key, name = str(named["key"]), str(named.get("name", named["key"]))
        value = context.metric(key)
        if value is None or value.value is None:
            notes.append(f"{name}: not in {file} (key {key})")
            continue
        bench = f"{value.benchmark_label or 'benchmark'} {value.benchmark:g}" if value.benchmark is not None else ""
        rows.append(RatingRow(cells=(("figure", name), ("key", key), ("value", value.value), ("unit", value.unit),
                                     ("period", value.period), ("why", bench)), rating=None))
    return tuple(rows), tuple(notes)


def judge_subcomponent(sub: SubComponent, context, data: Mapping) -> SubComponentJudgement:
    """One sub-component judged by the data of its component's criteria.toml.

    `data` is that file's `[rating_rule]`, `[finance_rule]`, `[figures.*]` and
    `[named_metrics]` tables (all optional).
    """
    rule = RatingRule.from_table(data.get("rating_rule"))
    judge = GovernanceJudge(sub, context)
    figures = dict(data.get("figures", {})).get(sub.key)
    named = dict(data.get("named_metrics", {})).get(sub.key, ())
    if figures:
        spec = FigureSpec.from_table(figures)
        if spec.rule == "finance":
            answer = finance_judgement(sub, context, spec, FinanceThresholds.from_table(data.get("finance_rule")),
                                       rule, judge)
        elif spec.rule == "vital_signs":
            answer = vital_signs_judgement(sub, context, spec, rule, judge)
        else:
            raise ValueError(f"[figures.{sub.key}] rule = {spec.rule!r} is not 'finance' or 'vital_signs'")
    else:
        answer = SubComponentJudgement(criteria=tuple(judge(line) for line in sub.criteria), rating_rule=rule)
    if named:
        rows, notes = named_metric_rows(context, named)
        answer = replace(answer, table=answer.table + rows, warnings=answer.warnings + notes)
    return answer
