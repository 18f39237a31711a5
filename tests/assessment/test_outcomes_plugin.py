"""The outcomes plugin through the manager: one comparison per outcome of the form, data problems as findings."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w

from tests.assessment.builders import write_submission
from tests.assessment.test_governance_plugins import FILLER, add_data, context_for
from wcc_core import hookimpl
from wcc_core.records.results import OutcomeResult
from wcc_core.pipeline import assess_documents
from wcc_core.plugin_manager import make_plugin_manager

SERIES = """ref,year,pct,national,ons_cluster,top_decile
2a,2005/06,75.0,76.8,75.9,79.6
2a,2006/07,75.2,77.1,76.1,79.8
2a,2007/08,75.5,77.4,76.4,80.1
2a,2008/09,75.6,77.7,76.7,80.3
34,2005/06,110.1,109.1,111.1,104.4
34,2006/07,104.9,105.9,108.2,101.8
34,2007/08,100.0,102.7,105.3,99.2
34,2008/09,94.8,99.5,102.5,96.7
22,2005/06,0,9.0,8.6,9.0
22,2006/07,11.7,11.4,10.8,11.0
22,2007/08,14.2,13.8,12.9,12.9
22,2008/09,16.6,16.2,15.1,14.8
14,2005/06,18.9,17.7,18.3,15.5
14,2007/08,19.3,18.1,18.7,15.8
14,2008/09,19.5,18.3,18.9,16.0
"""

OUTCOMES = [
    {"ref": "2a", "previous_year": True, "aspiration": [76.1, 76.3, 76.6, 76.8, 77.0], "rationale": "0.4 a year"},
    {"ref": "34", "previous_year": False, "aspiration": [84.6, 79.4, 74.3, 69.2, 64.1],
     "rationale": "Amenable mortality is the strategic plan's first goal"},
    {"ref": "22", "previous_year": True, "aspiration": [17.0, 17.5, 18.0, 18.5, 19.0], "rationale": "LAA"},
    {"ref": "14", "previous_year": False, "aspiration": [19.0, 18.7], "rationale": ""},
    {"ref": "1a", "previous_year": True, "aspiration": [11.5, 11.5, 11.4, 11.3, 11.2], "rationale": "gap"},
    {"ref": "L1", "name": "Deprived-area mortality", "definition": "DSR, most deprived quintile",
     "dataset": "data/local.csv", "previous_year": True, "aspiration": [809.0, 790.0, 772.0, 754.0, 736.0],
     "rationale": "JSNA",
     "conditions": {"national_dataset_attached": True, "national_and_12_months": True,
                    "sha_can_access_source": "", "justification": "the JSNA recommends it",
                    "aspirations_set_like_national": True}},
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    folder = write_submission(tmp_path_factory.mktemp("outcomes") / "sub", {"SP": ("strategic_plan", FILLER)})
    add_data(folder, {"outcome_series": SERIES})
    local = "area_code,area_name,year,value\n" + "".join(
        f"5{i:02d},PCT {i},{y},{800 + i}\n" for i in range(152) for y in ("2007/08", "2008/09"))
    (folder / "data" / "local.csv").write_text(local, encoding="utf-8")
    toml = tomllib.loads((folder / "submission.toml").read_text(encoding="utf-8"))
    toml["outcomes"] = OUTCOMES
    (folder / "submission.toml").write_text(tomli_w.dumps(toml), encoding="utf-8")
    context, submission, framework, documents = context_for(folder)
    results = make_plugin_manager().hook.wcc_assess_outcomes(context=context)
    return {r.ref: r for r in results}, [r.ref for r in results], context


def test_there_is_one_comparison_per_outcome_of_the_form_in_the_forms_order(outcomes):
    by_ref, order, _ = outcomes
    assert order == ["2a", "34", "22", "14", "1a", "L1"]
    assert all(isinstance(r, OutcomeResult) for r in by_ref.values())


def test_life_expectancy_rises_so_a_slower_rise_than_englands_is_worse(outcomes):
    two_a = outcomes[0]["2a"]
    # PCT (75.6/75.0)^(1/3): 0.27; national (77.7/76.8)^(1/3): 0.39; cluster 0.35; top decile 0.29.
    assert two_a.cagr == {"pct": 0.27, "national": 0.39, "ons_cluster": 0.35, "top_decile": 0.29}
    # Aspiration (77.0/75.6)^(1/5): 0.37, from 2008/09 to 2013/14.
    assert two_a.aspiration_cagr == 0.37 and two_a.periods["aspiration"] == "2008/09-2013/14 (5 years)"
    assert two_a.higher_is_better is True and two_a.trend == "improving"
    assert two_a.comparison == {"national": "worse", "ons_cluster": "worse", "top_decile": "worse"}
    assert two_a.relative == {"national": -0.12, "ons_cluster": -0.08, "top_decile": -0.02}  # 0.27 - 0.39 ...
    assert two_a.position == {"national": "worse", "ons_cluster": "worse", "top_decile": "worse"}
    # 0.37 beats the PCT's own 0.27 and the top decile's 0.29: ambitious.
    assert "ambitious" in two_a.flags and "improving more slowly than national" in two_a.flags


def test_amenable_mortality_falls_so_a_faster_fall_than_peers_is_better(outcomes):
    m = outcomes[0]["34"]
    # PCT (94.8/110.1)^(1/3): -4.86; national (99.5/109.1)^(1/3): -3.02; aspiration (64.1/94.8)^(1/5): -7.53.
    assert m.cagr == {"pct": -4.86, "national": -3.02, "ons_cluster": -2.65, "top_decile": -2.52}
    assert m.aspiration_cagr == -7.53 and m.higher_is_better is False
    assert m.trend == "improving" and m.comparison["national"] == "better" and m.position["top_decile"] == "better"
    assert m.relative["national"] == 1.84  # falling 4.86% a year against England's 3.02%: 1.84 points better
    assert m.flags == ("ambitious",)


def test_outcomes_new_since_last_year_are_listed_with_the_pcts_rationale(outcomes):
    by_ref, _, _ = outcomes
    assert by_ref["34"].changed_since_last_year and by_ref["34"].rationale.startswith("Amenable mortality")
    assert not by_ref["2a"].changed_since_last_year
    assert any("is new since last year but gives no rationale" in f for f in by_ref["14"].findings)


def test_a_first_value_of_zero_leaves_the_cagr_undefined_and_says_so(outcomes):
    chlamydia = outcomes[0]["22"]
    assert chlamydia.cagr["pct"] is None and chlamydia.cagr["national"] == 21.64
    assert ("data/outcome_series.csv 22: cannot compute the PCT CAGR from 2005/06 to 2008/09 (rows 10 and 13): "
            "the first value is 0") \
        in chlamydia.findings
    assert not {"ambitious", "might be more aggressive"} & set(chlamydia.flags)
    assert "cannot say more: no historic rate for PCT" in chlamydia.ambition_rule


def test_a_gap_and_an_aspiration_of_two_values_are_findings_naming_the_file_and_the_row(outcomes):
    obesity = outcomes[0]["14"]
    assert "data/outcome_series.csv 14: the series has a gap: no row for 2006/07" in obesity.findings
    assert obesity.aspiration_cagr is None
    assert ("submission.toml: outcomes[3] (14): cannot compute the aspiration CAGR: the aspiration has 2 value(s), "
            "not 5") in obesity.findings


def test_an_outcome_in_the_form_with_no_series_is_a_finding(outcomes):
    inequalities = outcomes[0]["1a"]
    assert inequalities.cagr == {"pct": None, "national": None, "ons_cluster": None, "top_decile": None}
    assert ("data/outcome_series.csv: no rows for outcome 1a (outcomes[4] in submission.toml): no historic rate can be "
            "computed") in inequalities.findings


def test_a_locally_defined_outcome_is_checked_against_its_conditions_and_its_dataset(outcomes):
    local = outcomes[0]["L1"]
    assert local.locally_defined and local.name == "Deprived-area mortality"
    met = {key: ok for key, ok, _ in local.conditions}
    assert met == {"national_dataset_attached": True, "national_and_12_months": True, "sha_can_access_source": False,
                   "justification": True, "aspirations_set_like_national": True, "dataset_national": True,
                   "dataset_12_months": True}
    assert local.higher_is_better is False  # from its falling aspiration, and said so
    assert any("direction taken from the PCT's aspiration" in f for f in local.findings)


def test_the_panel_is_pointed_at_outcomes_new_unambitious_or_with_data_problems(outcomes):
    _, _, context = outcomes
    assessment = assess_documents(context.submission, context.framework,
                                  {d: doc for d, (_, doc) in context.evidence.documents.items()})
    kinds = {(a.key, a.kind) for a in assessment.focus_areas}
    assert ("34", "outcome_change") in kinds and ("22", "data_problem") in kinds
    assert ("L1", "data_problem") in kinds  # the SHA cannot reach the source


def test_an_outcomes_implementation_may_accept_fewer_arguments_than_the_spec(outcomes):
    _, _, context = outcomes

    class Fixed:
        @hookimpl(tryfirst=True)
        def wcc_assess_outcomes(self):  # no `context`
            return [OutcomeResult(ref="2a", name="", higher_is_better=True, cagr={}, aspiration_cagr=None)]

    pm = make_plugin_manager(plugins={"fixed": Fixed()})
    assert [r.ref for r in pm.hook.wcc_assess_outcomes(context=context)] == ["2a"]
