"""The stakeholder survey: completed surveys, means without "unable to comment", thresholds in data."""

from __future__ import annotations

import pytest

from tests.assessment.builders import write_submission
from wcc_core.pipeline import run_assessment
from wcc_core.framework import load_framework


def assess(tmp_path, answers, n=None, sha=None, metrics=None):
    """A submission whose survey gives every respondent `answers` (a dict q -> answer) `n` times, or a list of dicts."""
    rows = answers if isinstance(answers, list) else [answers] * (n or 20)
    folder = write_submission(tmp_path / "sub", {"SP": ("strategic_plan", ["The PCT has a plan."])},
                              survey=rows, sha=sha, metrics=metrics)
    return run_assessment(folder, validate=False)


def line(assessment, line_id):
    competency = assessment.competencies[line_id[:2]]
    return next(c for c in competency.sub(line_id[2]).criteria if c.id == line_id)


def test_the_thresholds_for_somewhat_agree_agree_and_strongly_agree_are_data():
    rules = load_framework("wcc-2009").rules
    assert rules.agreement_threshold("somewhat agree") == 3.5
    assert rules.agreement_threshold("agree") == 4.5
    assert rules.agreement_threshold("strongly agree") == 5.5


@pytest.mark.parametrize("answers,expect", [
    # C1a.1 "Key stakeholders somewhat agree" (q1), C1a.6 "agree", C1a.10 "strongly agree"
    ([3, 4] * 10, ("met", "not_met", "not_met")),  # mean 3.50: exactly "somewhat agree"
    ([3] * 11 + [4] * 9, ("not_met", "not_met", "not_met")),  # mean 3.45
    ([4, 5] * 10, ("met", "met", "not_met")),  # mean 4.50: exactly "agree"
    ([4] * 11 + [5] * 9, ("met", "not_met", "not_met")),  # 4.45
    ([5, 6] * 10, ("met", "met", "met")),  # 5.50: exactly "strongly agree"
    ([5] * 11 + [6] * 9, ("met", "met", "not_met")),  # 5.45
])
def test_survey_criteria_either_side_of_each_threshold(tmp_path, answers, expect):
    assessment = assess(tmp_path, [{"q1": a} for a in answers])
    assert tuple(line(assessment, i).status for i in ("C1a.1", "C1a.6", "C1a.10")) == expect


def test_unable_to_comment_and_blanks_are_left_out_of_the_mean(tmp_path):
    rows = [{"q1": 5}] * 20 + [{"q1": "unable to comment"}] * 10 + [{"q1": ""}] * 5
    assessment = assess(tmp_path, rows)
    q1 = assessment.survey.question("q1")
    assert (assessment.survey.completed, q1.answered, q1.mean) == (35, 20, 5.0)


def test_means_are_given_to_two_decimals_beside_the_sha_average(tmp_path):
    assessment = assess(tmp_path, [{"q2": 4}, {"q2": 5}, {"q2": 5}] * 7, sha={"q2": 4.35})
    q2 = assessment.survey.question("q2")
    assert (q2.mean, q2.sha_average) == (4.67, 4.35)
    evidence = line(assessment, "C1b.1").evidence[0]
    assert evidence.source == "survey" and "mean 4.67 of 6" in evidence.excerpt and "SHA average 4.35" in evidence.excerpt


def test_fewer_than_20_completed_surveys_is_a_warning_on_every_result_that_uses_the_survey(tmp_path):
    assessment = assess(tmp_path, {"q1": 5}, n=19)
    warning = "only 19 completed stakeholder surveys; the handbook asks for at least 20"
    assert any(warning in w for w in line(assessment, "C1a.1").warnings)
    assert any(warning in w for w in assessment.competencies["C1"].sub("a").warnings)
    assert not any(warning in w for w in assessment.competencies["C6"].sub("a").warnings)


def test_twenty_completed_surveys_carry_no_warning(tmp_path):
    assessment = assess(tmp_path, {"q1": 5}, n=20)
    assert line(assessment, "C1a.1").warnings == ()


def test_a_missing_survey_is_said_not_guessed(tmp_path):
    folder = write_submission(tmp_path / "sub", {"SP": ("strategic_plan", ["The PCT has a plan."])})
    assessment = run_assessment(folder, validate=False)
    assert line(assessment, "C1a.1").status == "no_evidence"
    assert line(assessment, "C1a.1").reason == "no evidence: the submission has no stakeholder survey"


def test_a_missing_metric_is_said_and_a_present_one_is_compared_with_its_threshold(tmp_path):
    assessment = assess(tmp_path, {"q1": 5}, metrics=[("public_perception.improving_services", 52.0, "%", "2009", 58.0, "national")])
    assert line(assessment, "C1a.4").status == "met"  # at least 40% for "agree to some extent"
    assert line(assessment, "C1a.8").status == "met"  # at least 50% for "agree"
    assert line(assessment, "C1a.12").status == "not_met"  # 60% for "strongly agree"
    assert "public_perception.improving_services = 52%" in line(assessment, "C1a.8").evidence[0].excerpt
    missing = assess(tmp_path / "b", {"q1": 5}, metrics=[])
    assert line(missing, "C1a.4").reason == "no evidence: public_perception.improving_services is not in data/metrics.csv"


def test_the_other_surveys_and_metrics_appendix_v_names_are_shown_where_present_and_their_absence_said(tmp_path):
    assessment = assess(tmp_path, {"q1": 5}, metrics=[("staff_survey.kf4", 82.2, "%", "2009", 78.6, "national"),
                                                      ("workforce.turnover", 11.0, "%", "2008/09", 12.0, "SHA")])
    c1c = assessment.competencies["C1"].sub("c")
    excerpts = [f.excerpt for f in c1c.figures]
    assert "NHS Staff Survey: staff_survey.kf4 = 82.2% (2009); national 78.6" in excerpts
    assert any(e.startswith("Vacancy days, retention and turnover") and "workforce.turnover = 11%" in e for e in excerpts)
    c2b = assessment.competencies["C2"].sub("b")
    assert c2b.figures == ()
    assert "CAA – local area assessment: no figure in data/metrics.csv" in c2b.warnings
