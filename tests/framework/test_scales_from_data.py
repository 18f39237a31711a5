"""Level numbers, level names and ratings come from the framework's data, checked on assembly."""

from __future__ import annotations

import pytest

from wcc_core import hookimpl
from wcc_core.framework import load_framework
from wcc_core.framework.model import (
    Competency,
    CriterionLine,
    FrameworkInfo,
    GovernanceComponent,
    Parameter,
    QuantitativeRule,
    SubComponent,
    SubCompetency,
)
from wcc_core.plugin_manager import PluginError, make_plugin_manager


def framework_plugin(levels, ratings=("red", "amber", "green"), governance=(), parameters=()):
    class Plugin:
        @hookimpl
        def wcc_framework_info(self):
            return FrameworkInfo(id="five", name="Five levels", year_label="", source="", levels=tuple(levels),
                                 ratings=tuple(ratings), competency_keys=("X1",), governance_keys=tuple(governance),
                                 document_types=(), survey_statements=(), parameters=tuple(parameters))

    return Plugin()


def competency_plugin(*lines):
    class Plugin:
        @hookimpl
        def wcc_competencies(self, framework_id):
            sub = SubCompetency("a", "Sub", tuple(lines), competency="X1")
            return [Competency("X1", 1, "X", "", "", (sub,))] if framework_id == "five" else []

    return Plugin()


def governance_plugin(rating):
    class Plugin:
        @hookimpl
        def wcc_governance_components(self, framework_id):
            sub = SubComponent("s", "S", (CriterionLine("Holds", rating=rating, id="g.s.1"),), component="g")
            return [GovernanceComponent("g", "G", (sub,))]

    return Plugin()


def load(*plugins):
    pm = make_plugin_manager(load_entry_points=False, plugins={f"p{i}": p for i, p in enumerate(plugins)})
    return load_framework("five", pm)


def test_a_framework_with_five_levels_accepts_a_level_5_line():
    framework = load(framework_plugin("ABCDE"), competency_plugin(CriterionLine("Top", level=5, id="X1a.1")))
    assert framework.info.level_numbers == (1, 2, 3, 4, 5)
    assert framework.competencies["X1"].sub("a").criteria_at(5)


def test_a_level_off_the_frameworks_scale_is_an_error_naming_the_plugin_and_the_scale():
    with pytest.raises(PluginError, match=r"plugin p1: criterion X1a.1 has level 4, but framework 'five' has "
                                          r"levels 2, 3 above the lowest \(low, mid, high\)"):
        load(framework_plugin(["low", "mid", "high"]), competency_plugin(CriterionLine("Top", level=4, id="X1a.1")))


def test_a_rating_off_the_frameworks_scale_is_an_error():
    with pytest.raises(PluginError, match="rating 'green', but framework 'five' rates poor, fair, good"):
        load(framework_plugin("ABCD", ratings=("poor", "fair", "good"), governance=("g",)),
             competency_plugin(), governance_plugin("green"))


def test_a_parameter_a_line_names_becomes_its_threshold_and_an_undeclared_one_is_an_error():
    rule = QuantitativeRule(source="metric", key="k", parameter="floor")
    line = CriterionLine("Figure", level=2, id="X1a.1", quantitative=rule)
    framework = load(framework_plugin("ABCD", parameters=(Parameter("floor", 12.5, "%", "gtX"),)),
                     competency_plugin(line))
    resolved = framework.competencies["X1"].sub("a").criteria[0].quantitative
    assert resolved.threshold == 12.5 and "placeholder 'gtX'" in resolved.note
    with pytest.raises(PluginError, match="names parameter 'floor', which framework 'five' does not declare"):
        load(framework_plugin("ABCD"), competency_plugin(line))


def test_validation_names_the_frameworks_levels_and_ratings(tmp_path):
    from wcc_core.submission.model import PCT, CompetencyAssessment, GovernanceAssessment, Submission
    from wcc_core.submission.validate import check_competencies, check_governance

    framework = load(framework_plugin(["low", "mid", "high"], ratings=("poor", "good"), governance=("g",)),
                     competency_plugin(CriterionLine("x", level=2, id="X1a.1")), governance_plugin("good"))
    submission = Submission(root=tmp_path, pct=PCT("P"), framework_id="five",
                            competencies=(CompetencyAssessment("X1", self_levels={"a": 4}),),
                            governance=(GovernanceAssessment("g.s", self_rating="green"),))
    (finding,) = check_competencies(submission, framework)
    assert finding.message == "level 4 is not one of 1, 2, 3 (low, mid, high)"
    (finding,) = check_governance(submission, framework)
    assert finding.message == "rating 'green' is not poor or good"
    ok = Submission(root=tmp_path, pct=PCT("P"), framework_id="five",
                    competencies=(CompetencyAssessment("X1", self_levels={"a": 3}),),
                    governance=(GovernanceAssessment("g.s", self_rating="good"),))
    assert check_competencies(ok, framework) == [] and check_governance(ok, framework) == []
