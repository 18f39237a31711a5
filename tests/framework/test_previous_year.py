"""Comparing a PCT across two years: last year's levels against this year's sub-competencies."""

from __future__ import annotations

import json

import pytest

from wcc_core.assessment.last_year import with_last_year
from wcc_core.records.results import Assessment, CompetencyResult, SubCompetencyResult
from wcc_core.framework import load_framework
from wcc_core.assessment.last_year import LastYearError, LastYearRecord, last_year_levels, read_last_year


@pytest.fixture(scope="module")
def wcc2009():
    return load_framework("wcc-2009")


def test_wcc_2009_declares_how_it_reads_wcc_2008(wcc2009):
    mapping = wcc2009.info.previous_mapping("wcc-2008")
    assert mapping.sources("C1a") == ("C1a",) and mapping.sources("C11a") == ()
    assert [mapping.level_number(n) for n in ("Below baseline", "baseline", "Intermediate", "World class")] == [1, 2, 3, 4]


def test_last_years_level_names_become_this_years_numbers_through_the_mapping(wcc2009):
    record = LastYearRecord("wcc-2008", {"C1a": "Intermediate", "C4c": "World class", "C10b": "Below baseline"}, "x")
    assert last_year_levels(record, wcc2009) == {"C1a": 3, "C4c": 4, "C10b": 1}


def test_a_sub_competency_new_this_year_has_no_last_year_level(wcc2009):
    record = LastYearRecord("wcc-2008", {f"C{i}{s}": "Baseline" for i in range(1, 11) for s in "abc"}, "x")
    levels = last_year_levels(record, wcc2009)
    assert len(levels) == 30 and not any(k.startswith("C11") for k in levels)


def test_a_level_name_the_mapping_does_not_know_is_an_error(wcc2009):
    with pytest.raises(LastYearError, match="C1a level 'Superb' is not in wcc-2009"):
        last_year_levels(LastYearRecord("wcc-2008", {"C1a": "Superb"}, "x"), wcc2009)


def test_without_a_mapping_there_is_no_comparison_and_the_error_says_what_to_add():
    wcc2008 = load_framework("wcc-2008")
    with pytest.raises(LastYearError, match=r"wcc-2008 declares no mapping from it.*\[previous.\"wcc-2009\"\]"):
        last_year_levels(LastYearRecord("wcc-2009", {"C1a": "2"}, "x"), wcc2008)


def test_the_same_framework_needs_no_mapping():
    wcc2008 = load_framework("wcc-2008")
    assert last_year_levels(LastYearRecord("wcc-2008", {"C2b": "World class"}, "x"), wcc2008) == {"C2b": 4}


def test_a_last_year_assessment_json_and_a_toml_record_are_read(tmp_path):
    data = {"framework": "wcc-2008", "levels": ["Below baseline", "Baseline", "Intermediate", "World class"],
            "competencies": {"C1": {"subcompetencies": {"a": {"proposed": 3}, "b": {"proposed": 1}}}}}
    (tmp_path / "last.json").write_text(json.dumps(data), encoding="utf-8")
    assert read_last_year(tmp_path / "last.json").levels == {"C1a": "Intermediate", "C1b": "Below baseline"}
    (tmp_path / "last.toml").write_text('framework = "wcc-2008"\n[levels]\nC1a = "Baseline"\nC1b = 4\n', encoding="utf-8")
    record = read_last_year(tmp_path / "last.toml", lambda fid: load_framework(fid).levels)
    assert record.levels == {"C1a": "Baseline", "C1b": "World class"}
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(LastYearError, match="not the JSON of `wcc assess --format json`"):
        read_last_year(tmp_path / "bad.json")


def _assessment():
    subs = tuple(SubCompetencyResult(key=k, full_key=f"C1{k}", title=k, self_level=2, proposed=2, last_year=None,
                                     criteria=()) for k in "abc")
    competency = CompetencyResult("C1", "C1", 2.0, 2.0, None, subs)
    return Assessment("P", "wcc-2009", "Y2", {}, ("1", "2", "3", "4"), {"C1": competency})


def test_the_pipeline_fills_last_year_and_the_mean_from_the_record():
    filled = with_last_year(_assessment(), {"C1a": 3, "C1b": 2, "C1c": 2})
    c1 = filled.competencies["C1"]
    assert [s.last_year for s in c1.subcompetencies] == [3, 2, 2] and c1.last_year_score == 2.3
    partial = with_last_year(_assessment(), {"C1a": 3})
    assert partial.competencies["C1"].last_year_score is None
