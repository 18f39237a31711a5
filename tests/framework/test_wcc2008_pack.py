"""The Year 1 criteria set (wcc-2008) as the slides describe it, loaded through the plugins."""

from __future__ import annotations

import re

import pytest

from wcc_core.framework import load_framework
from wcc_core.plugin_manager import PluginError, make_plugin_manager

PLACEHOLDER = re.compile(r"^(gt)?(X|Y|Z|XY)\b")


@pytest.fixture(scope="module")
def wcc2008():
    return load_framework("wcc-2008")


def test_wcc_2008_has_ten_competencies_of_three_measures(wcc2008):
    assert list(wcc2008.competencies) == [f"C{i}" for i in range(1, 11)]
    assert all([s.key for s in c.subcompetencies] == ["a", "b", "c"] for c in wcc2008.competencies.values())


def test_wcc_2008_levels_are_below_baseline_to_world_class(wcc2008):
    assert wcc2008.levels == ("Below baseline", "Baseline", "Intermediate", "World class")
    assert wcc2008.info.level_name(3) == "Intermediate" and wcc2008.info.level_number("world class") == 4


def test_every_measure_has_its_method_evidence_and_criteria_at_every_level_above_below_baseline(wcc2008):
    methods = set()
    for sub in wcc2008.subcompetencies():
        assert sub.method, sub.full_key
        methods.add(sub.method.split()[0].lower())
        assert all(sub.criteria_at(level) for level in (2, 3, 4)), sub.full_key
        if sub.full_key != "C6a":  # the slide lists no evidence for predictive modelling
            assert sub.evidence.listed, sub.full_key
    assert {"360", "self", "metric"} <= methods


def test_the_360_feedback_measures_count_the_share_agreeing_against_named_parameters(wcc2008):
    c1a = wcc2008.competencies["C1"].sub("a")
    rules = [line.quantitative for line in c1a.criteria if line.quantitative]
    assert [(r.source, r.key, r.parameter, r.op) for r in rules] == [
        ("survey_share", "q1", "survey_agree_share_baseline", ">="),
        ("survey_share", "q1", "survey_agree_share_intermediate", ">="),
        ("survey_share", "q1", "survey_agree_share_world_class", ">"),
    ]
    assert [r.threshold for r in rules] == [50.0, 65.0, 80.0]
    assert all("not the handbook's" in r.note for r in rules)


def test_every_placeholder_in_the_slides_is_a_parameter_never_a_figure_of_ours(wcc2008):
    placeholders = [line for line in wcc2008.criteria_lines() if PLACEHOLDER.match(line.text)]
    assert len(placeholders) >= 20
    for line in placeholders:
        assert line.quantitative is not None and line.quantitative.parameter, line.id
    for parameter in wcc2008.info.parameters:
        assert parameter.placeholder and "Not the handbook's figure" in parameter.note, parameter.name


def test_a_parameter_can_be_overridden_and_the_line_says_the_analyst_set_it():
    framework = load_framework("wcc-2008", parameters={"survey_agree_share_world_class": 72})
    line = framework.competencies["C1"].sub("a").criteria[6]
    assert line.quantitative.threshold == 72.0 and "set by the analyst" in line.quantitative.note


def test_an_unknown_parameter_is_an_error_listing_the_known_ones():
    with pytest.raises(PluginError, match=r"has no parameter 'gtx'.*survey_agree_share_baseline"):
        load_framework("wcc-2008", parameters={"gtx": 1})


def test_governance_is_the_four_questions_of_year_one(wcc2008):
    subs = wcc2008.governance["governance"].subcomponents
    assert [s.key for s in subs] == ["strategy", "finance", "controls", "capability"]
    assert subs[0].method == "Panel review of Strategic plan"
    assert all(line.rating in wcc2008.ratings for s in subs for line in s.criteria)


def test_outcomes_are_vital_signs_five_chosen_and_five_national(wcc2008):
    assert len(wcc2008.outcome_metrics) == 10
    rules = wcc2008.outcome_rules
    assert (rules.max_outcomes, rules.chosen, rules.national_count, rules.max_local_defined) == (10, 5, 5, 0)
    assert {m.name for m in wcc2008.outcome_metrics.values()} >= {"Stroke", "MRSA", "18 weeks", "Life expectancy"}


def test_the_wcc_2008_hooks_answer_only_for_wcc_2008():
    pm = make_plugin_manager()
    names = {pm.get_name(p) for p in pm.get_plugins()}
    assert {"wcc-2008", "wcc-2008-governance", "wcc-2008-outcomes"} <= names
    keys = [c.key for answer in pm.hook.wcc_competencies(framework_id="wcc-2008") if answer for c in answer]
    assert sorted(keys, key=lambda k: int(k[1:])) == [f"C{i}" for i in range(1, 11)]
    governance = [g.key for answer in pm.hook.wcc_governance_components(framework_id="wcc-2008") if answer for g in answer]
    assert governance == ["governance"]
    assert all(g.key != "governance" for a in pm.hook.wcc_governance_components(framework_id="wcc-2009") if a for g in a)


def test_a_wcc_2008_framework_is_provided_by_the_wcc_2008_pack_alone(wcc2008):
    assert set(wcc2008.providers) == {f"C{i}" for i in range(1, 11)} | {"governance", "outcomes"}
    assert all(owner.startswith("wcc-2008") for owner in wcc2008.providers.values())
