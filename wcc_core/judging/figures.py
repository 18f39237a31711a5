"""Criterion lines judged on a figure: a stakeholder-survey mean or a row of metrics.csv.

"Key stakeholders agree that ..." is met when the statement's mean reaches the
framework's threshold for "agree" (`[survey_agreement]` in framework.toml, with the
reason for each figure); a metric line compares the metric with its threshold, or with
its benchmark. A missing survey or metric is said, never guessed: `no_evidence`.
"""

from __future__ import annotations

import operator

from wcc_core.records.results import CriterionResult, EvidenceItem
from wcc_core.framework.model import CriterionLine

# How a figure is compared with its threshold, by the rule's `op`; unknown ops compare ">=".
COMPARISONS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


def figure_result(line: CriterionLine, status: str, reason: str, evidence=(), warnings=(),
                  asked: str = "stakeholders' views") -> CriterionResult:
    """The CriterionResult of a line judged on a figure, with a point of enquiry when it is not met."""
    enquiry = "" if status == "met" else f"What do {asked} show on: {line.text}?"
    return CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating, status=status,
                           reason=reason, evidence=tuple(evidence), warnings=tuple(warnings), enquiry=enquiry)


def judge_survey(line: CriterionLine, context) -> CriterionResult:
    """A survey line judged: the survey question's mean against the framework's agreement threshold."""
    rule = line.quantitative
    survey = context.survey
    threshold = context.framework.rules.agreement_threshold(rule.agreement)
    if threshold is None:
        return figure_result(line, "no_evidence", f"no evidence: the framework gives no survey threshold for '{rule.agreement}'")
    if survey is None or survey.file is None:
        return figure_result(line, "no_evidence", "no evidence: the submission has no stakeholder survey")
    question = survey.question(rule.key)
    if question is None or question.mean is None:
        return figure_result(line, "no_evidence", f"no evidence: no survey answers to {rule.key}", warnings=survey.warnings)
    sha = f", SHA average {question.sha_average:.2f}" if question.sha_average is not None else ""
    figure = (f"stakeholder survey {rule.key} '{question.text}': mean {question.mean:.2f} of 6 from "
              f"{question.answered} answers ({survey.completed} completed surveys{sha}); "
              f"'{rule.agreement}' needs at least {threshold}")
    met = question.mean >= threshold
    item = EvidenceItem(source="survey", excerpt=figure, fit=1.0, stance="for" if met else "against")
    verdict = "met" if met else "not met"
    reason = f"{verdict}: survey {rule.key} mean {question.mean:.2f} {'>=' if met else '<'} {threshold} ('{rule.agreement}')"
    return figure_result(line, "met" if met else "not_met", reason, [item], survey.warnings)


def judge_metric(line: CriterionLine, context) -> CriterionResult:
    """A metric line judged: the submission's figure against the line's threshold, else the metric's benchmark."""
    rule = line.quantitative
    metric = context.metric(rule.key)
    metrics_file = context.data_files.get("metrics", "metrics.csv")
    if metric is None or metric.value is None:
        return figure_result(line, "no_evidence", f"no evidence: {rule.key} is not in {metrics_file}")
    target, label = rule.threshold, "threshold"
    if target is None:
        target, label = metric.benchmark, f"{metric.benchmark_label or 'benchmark'}"
    if target is None:
        return figure_result(line, "no_evidence", f"no evidence: {rule.key} has no benchmark to compare with in {metrics_file}")
    compare = COMPARISONS.get(rule.op, operator.ge)
    met = compare(metric.value, target)
    figure = f"{rule.key} = {metric.value:g}{metric.unit if metric.unit == '%' else ' ' + metric.unit} ({metric.period}); " \
             f"{label} {rule.op} {target:g}" + (f" — {rule.note}" if rule.note else "")
    item = EvidenceItem(source="metric", excerpt=figure, fit=1.0, stance="for" if met else "against")
    verdict = "met" if met else "not met"
    return figure_result(line, "met" if met else "not_met", f"{verdict}: {rule.key} {metric.value:g} {rule.op if met else 'fails ' + rule.op} {target:g}", [item])


def judge_figure(line: CriterionLine, context) -> CriterionResult:
    """A line judged on a figure rather than text: by the survey or by a metric, as the line's rule says."""
    if line.quantitative.source == "survey":
        return judge_survey(line, context)
    return judge_metric(line, context)
