"""The wcc-2008 pack's rating hooks, called through the plugin manager."""

from __future__ import annotations

from types import SimpleNamespace

from wcc_core.framework import load_framework
from wcc_core.plugin_manager import make_plugin_manager
from wcc_core.submission.data_files import OutcomeObservation, SurveyResponse
from wcc_core.submission.model import OutcomeEntry
from plugins.competencies.wcc2008.survey_share import judge_survey_share


def _context(framework, **kwargs):
    defaults = dict(framework=framework, submission=SimpleNamespace(outcomes=()), outcome_series=(),
                    survey=None, survey_responses=())
    return SimpleNamespace(**{**defaults, **kwargs})


def test_wcc_assess_outcomes_compares_each_vital_sign_with_the_uk_average_and_upper_quartile():
    pm = make_plugin_manager()
    framework = load_framework("wcc-2008")
    series = (OutcomeObservation("VS10", "2006/07", 14.0, 9.0, None, 8.0),
              OutcomeObservation("VS10", "2007/08", 12.0, 8.5, None, 7.5))
    context = _context(framework, submission=SimpleNamespace(outcomes=(OutcomeEntry("VS10", 0),)),
                       outcome_series=series)
    (result,) = pm.hook.wcc_assess_outcomes(context=context)
    assert result.name == "MRSA" and result.higher_is_better is False
    assert result.latest == {"year": "2007/08", "pct": 12.0, "uk_average": 8.5, "upper_quartile": 7.5}
    assert result.comparison == {"uk_average": "worse", "upper_quartile": "worse"}
    assert result.cagr["pct"] == -14.29 and result.flags == ("improving",)


def test_the_share_of_360_respondents_agreeing_decides_a_gtx_line():
    framework = load_framework("wcc-2008")
    line = framework.competencies["C1"].sub("b").criteria[4]  # gtX ... World class, > 80%
    answers = [6] * 17 + [2] * 3  # 85% agree or strongly agree
    responses = tuple(SurveyResponse(f"R{i}", "partner", "", {"q2": a}) for i, a in enumerate(answers))
    survey = SimpleNamespace(file="s.csv", warnings=())
    met = judge_survey_share(line, _context(framework, survey=survey, survey_responses=responses))
    assert met.status == "met" and "85% agreeing > 80%" in met.reason
    exactly = responses[:16] + (SurveyResponse("R99", "partner", "", {"q2": 4}),) + responses[17:]
    assert judge_survey_share(line, _context(framework, survey=survey, survey_responses=exactly)).status == "not_met"
    assert judge_survey_share(line, _context(framework)).status == "no_evidence"


def test_wcc_renderers_collects_the_renderers_plugins_add():
    from wcc_core import hookimpl
    from wcc_core.render import Renderer

    class Csv:
        @hookimpl
        def wcc_renderers(self):
            return [Renderer("levels-csv", "csv", lambda assessment, options: b"", "levels as CSV")]

    pm = make_plugin_manager(plugins={"levels-csv": Csv()})
    names = [r.name for answer in pm.hook.wcc_renderers() if answer for r in answer]
    assert "levels-csv" in names and len(names) == len(set(names))
