"""The proposed red/amber/green rule (kept in data) and the Vital Signs rule of appendix III."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wcc_core.assessment.governance_rules import (
    RatingRule,
    component_rating,
    subcomponent_rating,
    vital_signs_rating,
)
from wcc_core.records.results import CRITERION_STATUSES, CriterionResult, SubComponentResult

REPO = Path(__file__).resolve().parents[2]
RATINGS = ("red", "amber", "green")


def lines(*spec):
    """("red", "met"), ("green", "no_evidence") ... as criterion results."""
    return [CriterionResult(id=f"x.y.{i}", text="", rating=r, status=s, reason="") for i, (r, s) in enumerate(spec, 1)]


def sub(proposed, arithmetic=False, key="s"):
    return SubComponentResult(key=key, full_key=f"c.{key}", title="", self_rating=None, proposed=proposed,
                              last_year=None, arithmetic=arithmetic)


# --- sub-components ----------------------------------------------------------------------

def test_a_sub_component_is_red_when_any_red_line_holds_whatever_else_is_met():
    rating, rule = subcomponent_rating(lines(("red", "met"), ("green", "met"), ("green", "met")), RATINGS)
    assert rating == "red" and rule.startswith("red: 1 red line holds (x.y.1)")


def test_a_sub_component_is_green_only_when_every_judgeable_green_line_is_met():
    assert subcomponent_rating(lines(("red", "not_met"), ("green", "met"), ("green", "met")), RATINGS)[0] == "green"
    assert subcomponent_rating(lines(("red", "not_met"), ("green", "met"), ("green", "no_evidence")),
                               RATINGS)[0] == "amber"


def test_lines_only_the_panel_can_judge_are_left_out_of_the_rule():
    rating, _ = subcomponent_rating(lines(("green", "met"), ("green", "needs_panel"), ("red", "needs_panel")), RATINGS)
    assert rating == "green"


def test_amber_when_no_red_line_holds_and_not_every_better_line_is_met():
    rating, rule = subcomponent_rating(lines(("red", "not_met"), ("amber", "no_evidence"), ("green", "not_met")),
                                       RATINGS)
    assert rating == "amber" and "no red line holds" in rule


def test_a_sub_component_with_nothing_evidenced_either_way_cannot_be_rated():
    rating, rule = subcomponent_rating(lines(("red", "no_evidence"), ("green", "no_evidence"),
                                             ("green", "needs_panel")), RATINGS)
    assert rating is None and rule.startswith("cannot rate")


def test_every_rating_states_its_rule():
    for spec in [(("red", "met"),), (("green", "met"),), (("amber", "not_met"),), (("red", "no_evidence"),)]:
        assert "rule:" in subcomponent_rating(lines(*spec), RATINGS)[1]


def test_the_rule_is_data_a_framework_can_change():
    lenient = RatingRule.from_table({"worst_when_holding": 2, "best_share": "0.5"})
    assert subcomponent_rating(lines(("red", "met"), ("green", "met"), ("green", "no_evidence")),
                               RATINGS, lenient)[0] == "green"
    assert subcomponent_rating(lines(("red", "met"), ("red", "met")), RATINGS, lenient)[0] == "red"
    with pytest.raises(ValueError, match="component"):
        RatingRule.from_table({"component": "average"})


def test_colours_come_from_the_frameworks_scale():
    scale = ("poor", "fair", "good")
    spec = lines(("poor", "not_met"), ("good", "met"))
    assert subcomponent_rating(spec, scale)[0] == "good"
    assert subcomponent_rating(lines(("poor", "met")), scale)[0] == "poor"


@pytest.mark.parametrize("component", ["strategy", "finance", "board"])
def test_each_governance_component_keeps_its_rating_rule_in_its_criteria_file(component):
    data = tomllib.loads((REPO / "plugins" / "governance" / "wcc2009" / component / "criteria.toml").read_text(encoding="utf-8"))
    rule = RatingRule.from_table(data["rating_rule"])
    assert rule == RatingRule(worst_when_holding=1, best_share=Decimal(1), min_evidenced=1,
                              component="arithmetic_then_majority")


# --- components --------------------------------------------------------------------------

def test_a_component_takes_the_worse_of_its_worst_figure_rated_sub_component_and_the_majority_of_the_rest():
    subs = [sub("amber", True, "historical"), sub("green", key="a"), sub("green", key="b"), sub("red", key="c")]
    rating, rule = component_rating(subs, RATINGS)
    assert rating == "amber" and "worst from figures amber" in rule and "most common of the others green" in rule
    subs[0] = sub("red", True, "historical")
    assert component_rating(subs, RATINGS)[0] == "red"


def test_a_tie_in_the_majority_goes_to_the_worse_rating():
    assert component_rating([sub("green", key="a"), sub("amber", key="b")], RATINGS)[0] == "amber"


def test_sub_components_that_cannot_be_rated_are_left_out_and_counted():
    rating, rule = component_rating([sub("green", key="a"), sub(None, key="b")], RATINGS)
    assert rating == "green" and "1 sub-component could not be rated" in rule
    assert component_rating([sub(None)], RATINGS)[0] is None


def test_the_worst_policy_takes_the_worst_sub_component():
    worst = RatingRule.from_table({"component": "worst"})
    assert component_rating([sub("green", key="a"), sub("green", key="b"), sub("red", key="c")], RATINGS,
                            worst)[0] == "red"


# --- Vital Signs (board, performance) -------------------------------------------------------

@pytest.mark.parametrize("off, rating", [(0, "green"), (1, "amber"), (3, "amber"), (4, "red"), (12, "red")])
def test_tier_1_indicators_off_trajectory_none_is_green_one_to_three_amber_more_than_three_red(off, rating):
    got, why = vital_signs_rating(off, 9, 9, RATINGS)
    assert got == rating
    assert (f"{off} tier 1" in why) if off else ("no tier 1 indicator off trajectory" in why)


def test_existing_commitments_not_delivered_is_red_even_with_every_tier_1_indicator_on_trajectory():
    rating, why = vital_signs_rating(0, 8, 9, RATINGS)
    assert rating == "red" and "8 of 9" in why


@pytest.mark.parametrize("off, met, total, why", [
    (None, 9, 9, "no count of tier 1"),
    (1, None, 9, "existing commitments"),
    (1, 9, None, "existing commitments"),
    (1.5, 9, 9, "is not a count"),
    (-1, 9, 9, "is not a count"),
])
def test_vital_signs_figures_that_are_missing_or_impossible_cannot_be_rated(off, met, total, why):
    rating, said = vital_signs_rating(off, met, total, RATINGS)
    assert rating is None and why in said


def test_the_vital_signs_threshold_is_data():
    data = tomllib.loads((REPO / "plugins" / "governance" / "wcc2009" / "board" / "criteria.toml").read_text(encoding="utf-8"))
    figures = data["figures"]["performance"]
    assert figures["rule"] == "vital_signs" and figures["middle_up_to"] == 3
    assert vital_signs_rating(3, 9, 9, RATINGS, middle_up_to=2)[0] == "red"


figures = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-50, 50))


@given(off=figures, met=figures, total=figures)
def test_the_vital_signs_rule_never_raises_and_rates_or_says_why_not(off, met, total):
    rating, why = vital_signs_rating(off, met, total, RATINGS)
    assert rating in RATINGS or (rating is None and why.startswith("cannot rate"))


@given(statuses=st.lists(st.tuples(st.sampled_from(RATINGS), st.sampled_from(CRITERION_STATUSES)), max_size=20))
def test_a_sub_component_is_red_exactly_when_a_red_line_holds(statuses):
    rating, rule = subcomponent_rating(lines(*statuses), RATINGS)
    assert (rating == "red") == (("red", "met") in statuses)
    assert rule


@pytest.mark.parametrize("self_rating, proposed, last_year, deviation", [
    ("green", "amber", "red", {"self": "above", "last_year": "better"}),
    ("red", "amber", "green", {"self": "below", "last_year": "worse"}),
    ("amber", "amber", "amber", {"self": "same", "last_year": "same"}),
    (None, "amber", None, {"self": None, "last_year": None}),
    ("green", None, "green", {"self": None, "last_year": None}),
])
def test_deviations_from_the_self_assessment_and_last_year_are_marked(self_rating, proposed, last_year, deviation):
    result = SubComponentResult(key="s", full_key="c.s", title="", self_rating=self_rating, proposed=proposed,
                                last_year=last_year)
    assert result.to_json(RATINGS)["deviation"] == deviation
    assert "deviation" not in result.to_json()
