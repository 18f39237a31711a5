"""How the wcc-2008 pack judges what Year 1 asks differently from Year 2.

Year 1's 360-feedback measures count the *share* of respondents who "either agree or
strongly agree" ("gtX of respondents ..."), where Year 2 compares a mean with a
threshold. `judge_survey_share` reads that share from the stakeholder survey; every other
line is judged as the core judges any line (`wcc_core.judging`). Governance is judged
from the documents in the same way. The thresholds are framework parameters (see
framework/framework.toml), resolved into each line's `quantitative.threshold` when the
framework is assembled.
"""

from __future__ import annotations

import functools
import operator

from wcc_core import hookimpl
from wcc_core.judging.context import SubComponentJudgement
from wcc_core.records.results import CriterionResult, EvidenceItem
from wcc_core.framework.data_files import read_governance_component
from wcc_core.framework.model import CriterionLine, GovernanceComponent, SubComponent, SubCompetency
from wcc_core.judging.criterion import JudgingRules, SubCompetencyJudge
from wcc_core.judging.figures import COMPARISONS, figure_result
from wcc_core.plugin_kit import CompetencyPlugin, DataPlugin

FRAMEWORK_ID = "wcc-2008"


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
    item = EvidenceItem(source="survey", excerpt=figure, score=1.0, stance="for" if met else "against")
    verdict = "met" if met else "not met"
    return _result(line, "met" if met else "not_met",
                   f"{verdict}: {rule.key} {share:g}% agreeing {rule.op if met else 'fails ' + rule.op} {rule.threshold:g}%",
                   [item], survey.warnings)


class Wcc2008CompetencyPlugin(CompetencyPlugin):
    """A Year 1 competency: its three measures from criteria.toml, 360-feedback shares judged here."""

    def judge(self, subcompetency: SubCompetency, context) -> list:
        judge = SubCompetencyJudge(context, "competency", subcompetency.competency, subcompetency.key,
                                   subcompetency.evidence.documents, subcompetency.criteria,
                                   JudgingRules.from_framework(context.framework))
        return [judge_survey_share(line, context)
                if line.quantitative is not None and line.quantitative.source == "survey_share"
                else judge.judge(line)
                for line in subcompetency.criteria]


class Wcc2008GovernancePlugin(DataPlugin):
    """Year 1 governance: the four questions of slide 18, judged from the documents."""

    kind = "governance"

    @functools.cached_property
    def _record(self) -> tuple[str, GovernanceComponent]:
        return read_governance_component(self.data_file)

    @hookimpl
    def wcc_governance_components(self, framework_id: str) -> list[GovernanceComponent]:
        framework, component = self._record
        return [component] if framework == framework_id else []

    @hookimpl
    def wcc_assess_subcomponent(self, subcomponent: SubComponent, context):
        framework, component = self._record
        if context.framework.id != framework or subcomponent.component != component.key:
            return None
        judge = SubCompetencyJudge(context, "governance", subcomponent.full_key, None,
                                   subcomponent.evidence.documents, subcomponent.criteria,
                                   JudgingRules.from_framework(context.framework))
        return SubComponentJudgement(criteria=tuple(judge.judge(line) for line in subcomponent.criteria))
