"""One pattern for every year's criteria set: one pack from plugin_kit, laid out alike, registered alike.

Year 1 (wcc-2008) and Year 2 (wcc-2009) are each a `CriteriaSet` under
plugins/{frameworks,competencies,governance,outcomes}/<year>/, registered by one entry
point; their members are the kit's own plugin classes; a year's own way of judging a kind
of figure line is a function the pack names, and every other line goes through the
judging steps; a competency's judging reads only its own framework's data.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

import wcc_core.assessment.governance_figures as governance_judging
import wcc_core.judging.criterion as judging_criterion
from wcc_core.judging.context import EvidenceSearch, SubComponentJudgement
from wcc_core.records.results import CriterionResult
from wcc_core.framework import load_framework
from wcc_core.framework.model import CriterionLine, QuantitativeRule, SubCompetency
from wcc_core.judging.criterion import line_terms
from wcc_core.judging.steps import from_text
from wcc_core.plugin_kit import CompetencyPlugin, CriteriaSet, GovernancePlugin
from wcc_core.plugin_manager import PluginError, make_plugin_manager, plugin_records

REPO = Path(__file__).resolve().parents[2]
YEARS = {"wcc-2009": "wcc2009", "wcc-2008": "wcc2008"}


@pytest.mark.parametrize("framework_id", sorted(YEARS))
def test_each_year_is_one_pack_whose_members_live_in_the_year_folders_of_the_top_level(framework_id):
    pm = make_plugin_manager()
    pack = pm.get_plugin(framework_id)
    assert isinstance(pack, CriteriaSet) and pack.data_file == REPO / "plugins" / "frameworks" / YEARS[framework_id] / "framework.toml"
    framework = load_framework(framework_id, pm)
    for key, owner in framework.providers.items():
        member = pm.get_plugin(owner)
        assert owner.startswith(f"{framework_id}-") and member.pack is pack, key
        part = {"competency": "competencies", "governance": "governance", "outcomes": "outcomes"}[member.kind]
        assert member.data_file.is_relative_to(REPO / "plugins" / part / YEARS[framework_id]), key


def test_both_years_are_built_from_the_kit_s_own_classes_not_copies():
    pm = make_plugin_manager()
    for framework_id in YEARS:
        framework = load_framework(framework_id, pm)
        for key in [*framework.competencies, *framework.governance]:
            member = pm.get_plugin(framework.providers[key])
            assert type(member) in (CompetencyPlugin, GovernancePlugin), (framework_id, key, type(member))


def test_the_builtin_criteria_sets_are_registered_by_one_entry_point_each():
    entry_points = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]["wcc.plugins"]
    assert entry_points == {"wcc-2009": "plugins.frameworks.wcc2009:pack", "wcc-2008": "plugins.frameworks.wcc2008:pack"}
    records = {r.name: r for r in plugin_records(make_plugin_manager())}
    assert records["wcc-2008-governance"].distribution == "wcc" and records["wcc-2009-c11"].distribution == "wcc"


def test_a_member_name_taken_by_another_plugin_is_an_error_naming_the_pack():
    class Squatter:
        pass

    pack = CriteriaSet("plugins.frameworks.wcc2009", REPO / "plugins" / "frameworks" / "wcc2009")
    with pytest.raises(PluginError, match="'mine-c4' of pack mine is taken"):
        make_plugin_manager(load_entry_points=False, plugins={"mine-c4": Squatter(), "mine": pack})


def _line(text, level, source=None):
    rule = QuantitativeRule(source=source, key="q1") if source else None
    return CriterionLine(text, level=level, quantitative=rule)


def test_a_pack_s_figure_judge_decides_its_lines_and_the_judging_steps_every_other_line(monkeypatch):
    lines = (_line("The PCT knows its population", 2), _line("gtX agree", 3, "survey_share"),
             _line("The PCT acts on what it knows", 4))
    sub = SubCompetency("a", "Sub a", lines, competency="X1")
    stepped = []

    def through_the_steps(subcompetency, context):
        stepped.append(subcompetency.criteria)
        return [CriterionResult(id=c.id, text=c.text, level=c.level, status="met", reason="steps") for c in
                subcompetency.criteria]

    def share(line, context):
        return CriterionResult(id=line.id, text=line.text, level=line.level, status="not_met", reason="share")

    # The kit imports the judging steps when it judges (not at import: `wcc report` of a saved
    # assessment never judges), so they are replaced where they live.
    monkeypatch.setattr(judging_criterion, "judge_subcompetency", through_the_steps)
    plugin = CompetencyPlugin("x.x1", Path("criteria.toml"), figure_judges={"survey_share": share})
    results = plugin.judge(sub, context=None)
    assert [r.reason for r in results] == ["steps", "share", "steps"]
    assert stepped == [(lines[0], lines[2])]
    assert [r.reason for r in CompetencyPlugin("x.x1", Path("criteria.toml")).judge(sub, None)] == ["steps"] * 3


def test_year_1_governance_is_judged_by_the_governance_judge_year_2_uses(monkeypatch):
    asked = []

    def judge_subcomponent(sub, context, data):
        asked.append(sub.full_key)
        return SubComponentJudgement(criteria=())

    monkeypatch.setattr(governance_judging, "judge_subcomponent", judge_subcomponent)
    framework = load_framework("wcc-2008")
    sub = framework.governance["governance"].subcomponents[0]
    pm = make_plugin_manager()
    pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=SimpleNamespace(framework=framework))
    assert asked == [sub.full_key]


def test_a_competency_s_judging_reads_only_its_own_framework_s_synonyms():
    """Next year's copy of a line, judged in the same run, does not take this year's pooled thesaurus."""
    year2 = load_framework("wcc-2009")
    pooling = replace(year2, info=replace(year2.info, judging=tuple(
        (k, True if k == "pool_synonyms" else v) for k, v in year2.info.judging)))
    year3 = replace(year2, info=replace(year2.info, id="wcc-2010"))  # its own [judging] does not pool
    lines = [c for s in year2.subcompetencies() for c in s.criteria if from_text(c)]
    shared = EvidenceSearch({})  # one run's per-run memo, asked about both sets
    pooled = {c: line_terms(SimpleNamespace(framework=pooling, evidence=shared), c) for c in lines}
    own = {c: line_terms(SimpleNamespace(framework=year3, evidence=shared), c) for c in lines}
    alone = {c: line_terms(SimpleNamespace(framework=year3, evidence=EvidenceSearch({})), c) for c in lines}
    assert any(pooled[c].vocabulary > alone[c].vocabulary for c in lines), "pooling adds words to some line"
    assert all(own[c].vocabulary == alone[c].vocabulary for c in lines)
