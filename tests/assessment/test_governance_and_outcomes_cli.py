"""`wcc assess` on the bundled sample, end to end: governance ratings and outcome comparisons worked by hand."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wcc_core.records.results import CRITERION_STATUSES, EVIDENCE_SOURCES

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"

# The figures below were worked out by hand from these rows of the sample's data files.
FINANCE_ROWS = """2006/07,outturn,actual,269.9,2.0,2.7
2007/08,outturn,actual,284.7,2.6,2.8
2008/09,outturn,actual,300.4,1.2,3.0
2009/10,plan,base,316.9,1.9,3.2
2010/11,plan,base,328.0,1.5,3.3
2011/12,plan,base,339.5,2.0,3.4
2012/13,plan,base,351.4,1.5,3.5
2013/14,plan,base,363.7,2.0,3.6
2009/10,plan,downside,316.9,1.8,3.2
2010/11,plan,downside,321.7,-0.1,3.2
2011/12,plan,downside,326.5,-2.0,3.3
2012/13,plan,downside,331.4,-4.3,3.3
2013/14,plan,downside,336.3,-6.5,3.4
2009/10,plan,upside,316.9,1.9,3.2
2010/11,plan,upside,334.3,2.3,3.3
2011/12,plan,upside,352.7,2.9,3.5
2012/13,plan,upside,372.1,4.1,3.7
2013/14,plan,upside,392.6,4.9,3.9"""

# ref: (first and last of 2005/06 and 2008/09 for pct, national, cluster, top decile), 2008/09 pct -> last aspiration
OUTCOME_ROWS = {
    "1a": ([(11.9, 11.7), (11.3, 11.2), (11.7, 11.5), (10.4, 10.3)], (11.7, 11.2)),
    "1b": ([(7.9, 7.8), (7.7, 7.6), (7.8, 7.7), (7.4, 7.3)], (7.8, 7.4)),
    "2a": ([(75.0, 75.6), (76.8, 77.7), (75.9, 76.7), (79.6, 80.3)], (75.6, 77.0)),
    "2b": ([(78.5, 79.5), (81.3, 81.9), (79.7, 80.2), (86.3, 86.8)], (79.5, 80.5)),
    "14": ([(18.9, 19.5), (17.7, 18.3), (18.3, 18.9), (15.5, 16.0)], (19.5, 17.9)),
    "22": ([(8.9, 16.6), (9.0, 16.2), (8.6, 15.1), (9.0, 14.8)], (16.6, 31.0)),
    "34": ([(110.1, 94.8), (109.1, 99.5), (111.1, 102.5), (104.4, 96.7)], (94.8, 64.1)),
    "L1": ([(879.0, 845.0), (854.0, 812.0), (868.0, 830.0), (818.0, 784.0)], (845.0, 736.0)),
}

# ((last / first) ^ (1/3) - 1) x 100 and the aspiration's ((a5 / latest) ^ (1/5) - 1) x 100, 2 dp half up:
# e.g. 2a PCT 1.008 ^ (1/3) = 1.002660 -> 0.27; aspiration (77.0 / 75.6) ^ 0.2 = 1.003676 -> 0.37;
# 34 PCT (94.8 / 110.1) ^ (1/3) = 0.951385 -> -4.86; 22 PCT (16.6 / 8.9) ^ (1/3) = 1.230904 -> 23.09.
EXPECTED_CAGR = {
    "1a": ((-0.56, -0.30, -0.57, -0.32), -0.87),
    "1b": ((-0.42, -0.43, -0.43, -0.45), -1.05),
    "2a": ((0.27, 0.39, 0.35, 0.29), 0.37),
    "2b": ((0.42, 0.25, 0.21, 0.19), 0.25),
    "14": ((1.05, 1.12, 1.08, 1.06), -1.70),
    "22": ((23.09, 21.64, 20.64, 18.03), 13.31),
    "34": ((-4.86, -3.02, -2.65, -2.52), -7.53),
    "L1": ((-1.31, -1.67, -1.48, -1.41), -2.72),
}


def wcc(*args):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    run = wcc("assess", SAMPLE, "--format", "json", "--index-dir", tmp_path_factory.mktemp("gov-index"))
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_hand_computations_below_are_of_the_samples_own_data():
    finance = (SAMPLE / "data" / "finance.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert finance == FINANCE_ROWS.splitlines(), "the sample's finance.csv changed: work the figures out again"
    with open(SAMPLE / "data" / "outcomes.csv", newline="", encoding="utf-8") as handle:
        rows = {(r["ref"], r["year"]): r for r in csv.DictReader(handle)}
    for ref, (peers, (latest, _)) in OUTCOME_ROWS.items():
        for (first, last), column in zip(peers, ("pct", "national", "ons_cluster", "top_decile")):
            assert float(rows[(ref, "2005/06")][column]) == first and float(rows[(ref, "2008/09")][column]) == last
        assert float(rows[(ref, "2008/09")]["pct"]) == latest


def test_governance_is_in_the_json_contract_with_a_rule_for_every_rating(result):
    governance = result["governance"]
    assert list(governance) == ["strategy", "finance", "board"]
    assert result["ratings"] == ["red", "amber", "green"]
    for key, component in governance.items():
        assert {"self", "proposed", "subcomponents", "rule"} <= set(component)
        assert component["proposed"] in (None, "red", "amber", "green") and "rule:" in component["rule"]
        for sub in component["subcomponents"].values():
            assert sub["proposed"] in (None, "red", "amber", "green")
            assert set(sub["deviation"]) == {"self", "last_year"}
            assert sub["rule"] and ("rule:" in sub["rule"] or sub["rule"].startswith(("cannot rate", "amber", "red",
                                                                                      "green")))
            for line in sub["criteria"]:
                assert line["status"] in CRITERION_STATUSES and line["rating"] in ("red", "amber", "green")
                assert all(e["source"] in EVIDENCE_SOURCES for e in line["evidence"])
    assert list(governance["finance"]["subcomponents"]) == ["historical", "robust_management",
                                                            "planning_assumptions", "base_case", "scenarios"]


def table(result, key):
    component, sub = key.split(".")
    return result["governance"][component]["subcomponents"][sub]


def test_historical_financial_management_of_the_sample_is_amber_decided_by_2008_09(result):
    historical = table(result, "finance.historical")
    # |2.0 - 2.7| / 269.9 = 0.26 points; |2.6 - 2.8| / 284.7 = 0.07; |1.2 - 3.0| / 300.4 = 0.599 -> 0.60: amber.
    assert [(r["year"], r["difference"], r["rating"]) for r in historical["table"]] == [
        ("2006/07", 0.26, "green"), ("2007/08", 0.07, "green"), ("2008/09", 0.60, "amber")]
    assert [r["decides"] for r in historical["table"]] == [False, False, True]
    assert historical["proposed"] == "amber" and historical["arithmetic"] is True
    assert historical["table"][2]["surplus_pct"] == 0.40 and historical["table"][2]["expected_pct"] == 1.00


def test_the_samples_base_case_is_amber_decided_by_2010_11(result):
    base = table(result, "finance.base_case")
    # 1.3/316.9 = 0.41; 1.8/328.0 = 0.549 -> 0.55; 1.4/339.5 = 0.41; 2.0/351.4 = 0.57; 1.6/363.7 = 0.44.
    assert [r["difference"] for r in base["table"]] == [0.41, 0.55, 0.41, 0.57, 0.44]
    assert base["proposed"] == "amber"
    assert [r["year"] for r in base["table"] if r["decides"]] == ["2010/11"]


def test_the_samples_downside_deficit_from_2010_11_makes_its_scenarios_red(result):
    scenarios = table(result, "finance.scenarios")
    assert len(scenarios["table"]) == 15 and scenarios["proposed"] == "red"
    deciding = [r for r in scenarios["table"] if r["decides"]]
    assert [(r["scenario"], r["year"], r["surplus"]) for r in deciding] == [("downside", "2010/11", -0.1)]
    assert [r["year"] for r in scenarios["table"] if r["scenario"] == "downside" and r["rating"] == "red"] == [
        "2010/11", "2011/12", "2012/13", "2013/14"]
    # Upside 2010/11: |2.3 - 3.3| / 334.3 = 0.299 -> 0.30 points.
    assert next(r["difference"] for r in scenarios["table"] if (r["scenario"], r["year"]) == ("upside", "2010/11")) == 0.30


def test_the_samples_board_performance_uses_one_tier_1_indicator_off_trajectory(result):
    performance = table(result, "board.performance")
    assert performance["table"][0]["figure"] == "vital_signs.tier1_off_trajectory"
    assert performance["table"][0]["value"] == 1 and performance["table"][0]["rating"] == "amber"
    vital = {line["rating"]: line["status"] for line in performance["criteria"] if "Vital Signs" in line["text"]}
    assert vital == {"red": "not_met", "amber": "met", "green": "not_met"}


def test_the_samples_outcomes_match_the_cagrs_worked_out_by_hand(result):
    outcomes = {o["ref"]: o for o in result["outcomes"]}
    assert list(outcomes) == list(EXPECTED_CAGR)
    for ref, (peers, aspiration) in EXPECTED_CAGR.items():
        got = outcomes[ref]
        assert tuple(got["cagr"][p] for p in ("pct", "national", "ons_cluster", "top_decile")) == peers, ref
        assert got["aspiration_cagr"] == aspiration, ref


def test_the_samples_chlamydia_aspiration_might_be_more_aggressive_and_amenable_mortality_is_ambitious(result):
    outcomes = {o["ref"]: o for o in result["outcomes"]}
    # 22 (screening, higher is better): aspiration 13.31 is below the PCT's 23.09 and England's 21.64.
    assert "might be more aggressive" in outcomes["22"]["flags"]
    # 34 (mortality, lower is better): -7.53 falls faster than the PCT's -4.86 and the top decile's -2.52.
    assert "ambitious" in outcomes["34"]["flags"]
    focus = {(f["key"], f["kind"]) for f in result["focus_areas"]}
    assert ("22", "outcome_ambition") in focus
