"""The stakeholder survey as the analysts read it (handbook chapter 4, "PCT feedback survey").

Each row of the survey file is one completed survey. "Unable to comment" and blank answers
are left out of a statement's mean; means are given to two decimals beside the SHA
average where the submission gives one. Fewer completed surveys than the framework's
minimum (20 for wcc-2009) is a warning on every result that uses the survey.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from wcc_core.records.results import SurveyQuestion, SurveySummary
from wcc_core.assessment.arithmetic import round_half_up
from wcc_core.framework.model import Framework
from wcc_core.submission.data_files import SurveyResponse


def summarise_survey(responses: Sequence[SurveyResponse], sha_averages: Mapping[str, float],
                     framework: Framework, file: str | None) -> SurveySummary:
    """Completed surveys, and per statement the number answering, the mean (2 dp) and the SHA average."""
    minimum = framework.rules.min_stakeholder_surveys
    if file is None:
        return SurveySummary(file=None, completed=0, minimum=minimum,
                             warnings=("no stakeholder survey in the submission: survey criteria cannot be checked",))
    questions = []
    for statement in framework.survey_statements:
        answers = [r.answers.get(statement.question) for r in responses]
        given = [a for a in answers if a is not None]
        mean = round_half_up(sum(given) / len(given), 2) if given else None
        questions.append(SurveyQuestion(statement.question, statement.text, statement.competencies, len(given), mean,
                                        sha_averages.get(statement.question)))
    warnings = []
    if len(responses) < minimum:
        warnings.append(f"only {len(responses)} completed stakeholder surveys; the handbook asks for at least "
                        f"{minimum}, so survey means are weak evidence")
    return SurveySummary(file=file, completed=len(responses), minimum=minimum, questions=tuple(questions),
                         warnings=tuple(warnings))
