"""The analysts' CSV files: typed rows, and every bad cell reported with file, row and column."""

from __future__ import annotations

from tests.submission.factory import valid_submission_data, write_submission
from wcc_core.framework import load_framework
from wcc_core.submission.data_files import read_finance, read_stakeholder_survey
from wcc_core.submission.validate import validate_folder

SURVEY = (
    "respondent,group,category,q1,q2,q3,q4,q5,q6,keep_doing,do_differently\n"
    "R1,partner,Local authority,5,4,unable to comment,6,,3,Keep talking,Listen more\n"
    "R2,provider,Acute trust,7,4,4,4,4,4,,\n"
    "R3,journalist,Press,1,1,1,1,1,1,,\n"
)


def test_survey_answers_are_levels_one_to_six_or_none(tmp_path):
    (tmp_path / "s.csv").write_text(SURVEY)
    responses, findings = read_stakeholder_survey(tmp_path, "s.csv")
    assert responses[0].answers == {"q1": 5, "q2": 4, "q3": None, "q4": 6, "q5": None, "q6": 3}
    assert [(f.key, f.message) for f in findings] == [
        ("row 3, q1", "'7' is not 1..6, empty or 'unable to comment'"),
        ("row 4, group", "'journalist' is not one of partner, provider, opinion_former"),
    ]


def test_finance_rows_and_a_deficit_is_a_negative_surplus(tmp_path):
    (tmp_path / "f.csv").write_text(
        "year,kind,scenario,income,surplus,sha_expected_surplus\n"
        "2008/09,outturn,actual,512.3,-1.2,2.0\n"
        "2010/11,plan,downside,530,-4.5,\n"
        "2010/11,plan,actual,530,lots,\n"
    )
    rows, findings = read_finance(tmp_path, "f.csv")
    assert rows[0].surplus == -1.2 and rows[1].sha_expected_surplus is None
    assert {f.key for f in findings} == {"row 4, scenario", "row 4, surplus"}


def test_a_csv_missing_columns_is_reported_by_validate(tmp_path):
    data = valid_submission_data()
    data["data"] = {"finance": "data/finance.csv", "unknown_role": "data/local-L1.csv"}
    write_submission(tmp_path, data)
    (tmp_path / "data" / "finance.csv").write_text("year,income\n2009,1\n")
    _, findings = validate_folder(tmp_path, load_framework)
    assert any(f.file == "data/finance.csv" and "lacks the column(s) kind, scenario" in f.message for f in findings)
    assert any(f.key == "data.unknown_role" and f.severity == "warning" for f in findings)
