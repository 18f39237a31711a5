"""From the plugins' judgements to one Assessment: the hooks are called here, through the manager.

Plugins judge criterion lines (and, for governance, the arithmetic ratings); the rules of
`arithmetic.py` and `governance_rules.py` turn those into levels, scores and colours, and
`focus.py` picks what the panel should look at.
"""

from __future__ import annotations

import pluggy

from wcc_core.assessment import focus, governance_rules, rationale, uncertainty
from wcc_core.judging.context import AssessmentContext, SubComponentJudgement
from wcc_core.judging.criterion import JudgingThresholds
from wcc_core.records.results import (
    CRITERION_STATUSES,
    Assessment,
    CompetencyResult,
    CriterionResult,
    EvidenceItem,
    GovernanceResult,
    SubComponentResult,
    SubCompetencyResult,
)
from wcc_core.assessment.arithmetic import additive_level, mean_one_decimal
from wcc_core.framework.model import SubComponent, SubCompetency


def level_numbers(context: AssessmentContext) -> tuple[int, ...]:
    """The framework's levels as numbers, lowest first (1..4 for wcc-2009)."""
    return tuple(range(1, len(context.framework.info.levels) + 1))


def _int_or_none(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _unjudged(lines, why: str) -> tuple[CriterionResult, ...]:
    return tuple(CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating,
                                 status="needs_panel" if line.panel else "no_evidence", reason=why)
                 for line in lines)


def _checked(results, lines, owner: str) -> tuple[CriterionResult, ...]:
    """A plugin's answer, checked: one result per line, in order, statuses from the vocabulary."""
    results = tuple(results)
    ids = [line.id for line in lines]
    if [r.id for r in results] != ids or any(r.status not in CRITERION_STATUSES for r in results):
        raise RuntimeError(f"the plugin for {owner} returned criterion results that do not match its lines "
                           f"(expected ids {ids[:3]}..., statuses from {CRITERION_STATUSES})")
    return results


def assess_subcompetency(sub: SubCompetency, context: AssessmentContext, pm: pluggy.PluginManager) -> SubCompetencyResult:
    """One sub-competency's proposal: the plugin's line statuses through the additive rule and the uncertainty decision.

    Also carries the self-assessed and last year's levels, the supporting figures and the rationale.
    """
    answer = pm.hook.wcc_assess_subcompetency(subcompetency=sub, context=context)
    if answer is None:
        criteria = _unjudged(sub.criteria, "no plugin judged this line")
    else:
        criteria = _checked(answer, sub.criteria, sub.full_key)
    entry = next((c for c in context.submission.competencies if c.key == sub.competency), None)
    self_level = _int_or_none(entry.self_levels.get(sub.key)) if entry else None
    evidence_level, steps, decision = subcompetency_level(criteria, context.framework, self_level)
    proposed = decision.proposed
    last_year = _int_or_none(entry.last_year.get(sub.key)) if entry else None
    warnings = []
    if context.survey and any(c.evidence and any(e.source == "survey" for e in c.evidence) for c in criteria):
        warnings.extend(context.survey.warnings)
    figures, missing = supporting_figures(sub.full_key, context)
    warnings.extend(missing)
    result = SubCompetencyResult(
        key=sub.key, full_key=sub.full_key, title=sub.title, self_level=self_level, proposed=proposed,
        last_year=last_year, criteria=criteria, steps=steps, warnings=tuple(warnings), figures=figures,
        distribution=decision.distribution, evidence_level=evidence_level, confidence=decision.confidence,
        verdict=decision.verdict, lines_to_check=decision.lines_to_check,
    )
    return rationale.with_rationale(result, context)


def subcompetency_level(criteria, framework, self_level: int | None):
    """The handbook's arithmetic for one sub-competency, used before and after review decisions:
    (the additive rule over the line statuses, its steps, the decision under uncertainty)."""
    levels = tuple(range(1, len(framework.info.levels) + 1))
    evidence_level, steps = additive_level(criteria, levels, dict(enumerate(framework.info.levels, start=1)))
    prior, level_steps = _level_decision(framework)
    decision = uncertainty.decide(criteria, levels, self_level, prior, evidence_level, level_steps)
    return evidence_level, steps, decision


def subcomponent_rating(criteria, ratings, answer_rule, arithmetic: tuple[str | None, str] | None):
    """A governance sub-component's (rating, rule): the plugin's figures when it rates by
    arithmetic, else its lines under its rating rule (the framework's default when None)."""
    if arithmetic is not None:
        return arithmetic
    return governance_rules.subcomponent_rating(criteria, ratings, answer_rule)


def component_rating(subs, ratings):
    """A governance component's (rating, rule) from its sub-components, under the first rating rule a plugin gave."""
    rating_rule = next((s.rating_rule for s in subs if s.rating_rule is not None), None)
    return governance_rules.component_rating(subs, ratings, rating_rule)


def _level_decision(framework) -> tuple[uncertainty.LevelPrior, uncertainty.LevelSteps | None]:
    """The framework's prior on the self-assessment and its level-step model (None: the lines are
    multiplied), from one read of [judging] by the one strict reader of that table."""
    thresholds = JudgingThresholds.from_framework(framework)
    return uncertainty.LevelPrior.from_thresholds(thresholds), uncertainty.LevelSteps.from_thresholds(thresholds)


def supporting_figures(key: str, context: AssessmentContext) -> tuple[tuple[EvidenceItem, ...], list[str]]:
    """The figures of metrics.csv for the surveys and metric sources appendix V names for `key`,
    and a warning for each source the submission gives no figure for."""
    figures, missing = [], []
    metrics_file = context.data_files.get("metrics", "metrics.csv")
    for source in context.framework.info.figure_sources_for(key):
        rows = [m for k, m in sorted(context.metrics.items())
                if any(k.startswith(prefix + ".") for prefix in source.prefixes) and m.value is not None]
        if not rows:
            missing.append(f"{source.name}: no figure in {metrics_file}")
            continue
        for m in rows:
            benchmark = f"; {m.benchmark_label or 'benchmark'} {m.benchmark:g}" if m.benchmark is not None else ""
            unit = m.unit if m.unit == "%" else f" {m.unit}" if m.unit else ""
            figures.append(EvidenceItem(source=source.kind, excerpt=f"{source.name}: {m.key} = {m.value:g}{unit} "
                                        f"({m.period}){benchmark}", fit=1.0, stance="neutral"))
    return tuple(figures), missing


def assess_competencies(context: AssessmentContext, pm: pluggy.PluginManager) -> dict[str, CompetencyResult]:
    """Every competency of the framework assessed: its sub-competencies and the mean levels (one decimal)."""
    out = {}
    for key, competency in context.framework.competencies.items():
        subs = tuple(assess_subcompetency(sub, context, pm) for sub in competency.subcompetencies)
        out[key] = CompetencyResult(
            key=key,
            title=competency.short_title or competency.title,
            score=mean_one_decimal(s.proposed for s in subs),
            self_score=mean_one_decimal(s.self_level for s in subs),
            last_year_score=mean_one_decimal(s.last_year for s in subs),
            subcompetencies=subs,
        )
    return out


def assess_subcomponent(sub: SubComponent, context: AssessmentContext, pm: pluggy.PluginManager) -> SubComponentResult:
    """One governance sub-component's proposed rating: the plugin's lines (or figures) under its rating rule."""
    answer: SubComponentJudgement | None = pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    if answer is None:
        answer = SubComponentJudgement(criteria=_unjudged(sub.criteria, "no plugin judged this line"))
    criteria = _checked(answer.criteria, sub.criteria, sub.full_key)
    entry = next((g for g in context.submission.governance if g.key == sub.full_key), None)
    ratings = context.framework.info.ratings
    self_rating = entry.self_rating if entry and entry.self_rating in ratings else None
    last_year = entry.last_year if entry and entry.last_year in ratings else None
    rating_rule = getattr(answer, "rating_rule", None)
    proposed, rule = subcomponent_rating(criteria, ratings, rating_rule,
                                         (answer.rating, answer.rule) if answer.arithmetic else None)
    result = SubComponentResult(
        key=sub.key, full_key=sub.full_key, title=sub.title, self_rating=self_rating, proposed=proposed,
        last_year=last_year, criteria=criteria, rule=rule, table=answer.table, warnings=answer.warnings,
        arithmetic=answer.arithmetic, rating_rule=rating_rule,
    )
    return rationale.with_governance_rationale(result)


def assess_governance(context: AssessmentContext, pm: pluggy.PluginManager) -> dict[str, GovernanceResult]:
    """Every governance component of the framework rated: its sub-components, then the component's rating."""
    out = {}
    ratings = context.framework.info.ratings
    for key, component in context.framework.governance.items():
        subs = tuple(assess_subcomponent(sub, context, pm) for sub in component.subcomponents)
        proposed, rule = component_rating(subs, ratings)
        entries = [g for g in context.submission.governance if g.key.startswith(f"{key}.")]
        out[key] = GovernanceResult(
            key=key, title=component.title,
            self_rating=governance_rules.component_rating_of([e.self_rating for e in entries], ratings),
            proposed=proposed,
            last_year=governance_rules.component_rating_of([e.last_year for e in entries], ratings),
            subcomponents=subs, rule=rule,
        )
    return out


def assemble(context: AssessmentContext, pm: pluggy.PluginManager) -> Assessment:
    """Call every rating hook and build the one Assessment the renderers read."""
    competencies = assess_competencies(context, pm)
    governance = assess_governance(context, pm)
    outcomes = tuple(pm.hook.wcc_assess_outcomes(context=context) or ())
    pct = context.submission.pct
    assessment = Assessment(
        submission=pct.name,
        framework=context.framework.id,
        framework_name=context.framework.name,
        pct={"name": pct.name, "code": pct.code, "sha": pct.sha, "ons_cluster": pct.ons_cluster,
             "year_label": pct.year_label},
        levels=context.framework.info.levels,
        ratings=context.framework.info.ratings,
        competencies=competencies,
        governance=governance,
        outcomes=outcomes,
        survey=context.survey,
        signposts=context.signposts,
        findings=tuple(sorted(set(context.findings))),
        labels=dict(context.framework.info.metric_labels),
    )
    return focus.with_focus_areas(assessment)
