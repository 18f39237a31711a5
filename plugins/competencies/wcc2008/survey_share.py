"""The one kind of line Year 1 (wcc-2008) judges differently from Year 2: the share of 360 respondents agreeing.

Year 1's 360-feedback measures count the *share* of respondents who "either agree or
strongly agree" ("gtX of respondents ..."), where Year 2 compares a mean with a
threshold. The wcc-2008 pack (plugins/frameworks/wcc2008) hands lines whose
`quantitative.source` is "survey_share" to `judge_survey_share`; every other line goes
through the kit's judging steps, as in every year. The thresholds are framework
parameters (plugins/frameworks/wcc2008/framework.toml), resolved into each line's
`quantitative.threshold` when the framework is assembled.
"""

from __future__ import annotations

import operator

from wcc_core.records.results import CriterionResult, EvidenceItem
from wcc_core.framework.model import CriterionLine
from wcc_core.judging.figures import COMPARISONS, figure_result


def _result(line: CriterionLine, status: str, reason: str, evidence=(), warnings=()) -> CriterionResult:
    return figure_result(line, status, reason, evidence, warnings, asked="the 360 feedback")


def judge_survey_share(line: CriterionLine, context) -> CriterionResult:
    """"gtX of respondents either agree or strongly agree with statement ...": the share of answers >= min_answer."""
    rule = line.quantitative
    survey = context.survey
    if rule.threshold is None:
        return _result(line, "no_evidence", f"no evidence: no threshold for '{rule.parameter or rule.key}'")
    if survey is None or survey.file is None:
        return _result(line, "no_evidence", "no evidence: the submission has no 360 feedback (stakeholder survey)")
    answers = [r.answers.get(rule.key) for r in context.survey_responses]
    given = [a for a in answers if a is not None]
    if not given:
        return _result(line, "no_evidence", f"no evidence: no survey answers to {rule.key}", warnings=survey.warnings)
    agreeing = sum(1 for a in given if a >= rule.min_answer)
    share = round(100.0 * agreeing / len(given), 1)
    met = COMPARISONS.get(rule.op, operator.ge)(share, rule.threshold)
    figure = (f"360 feedback {rule.key}: {agreeing} of {len(given)} answers ({share:g}%) are {rule.agreement or 'agreeing'} "
              f"(answer {rule.min_answer} or above); needs {rule.op} {rule.threshold:g}%"
              + (f" — {rule.note}" if rule.note else ""))
    item = EvidenceItem(source="survey", excerpt=figure, fit=1.0, stance="for" if met else "against")
    verdict = "met" if met else "not met"
    return _result(line, "met" if met else "not_met",
                   f"{verdict}: {rule.key} {share:g}% agreeing {rule.op if met else 'fails ' + rule.op} {rule.threshold:g}%",
                   [item], survey.warnings)
