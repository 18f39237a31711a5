"""The handbook's arithmetic: additive levels and the competency mean (chapter 3, appendix II)."""

from __future__ import annotations

import pytest

from wcc_core.records.results import CriterionResult
from wcc_core.assessment.arithmetic import additive_level, deviation, mean_one_decimal

LEVELS = (1, 2, 3, 4)


def line(n, level, status):
    return CriterionResult(id=f"C9z.{n}", text=f"criterion {n}", status=status, reason="", level=level)


def test_a_sub_competency_is_at_level_3_only_if_every_level_2_and_level_3_criterion_is_met():
    criteria = [line(1, 2, "met"), line(2, 2, "met"), line(3, 3, "met"), line(4, 3, "met"), line(5, 4, "no_evidence")]
    assert additive_level(criteria, LEVELS)[0] == 3
    criteria[3] = line(4, 3, "not_met")
    assert additive_level(criteria, LEVELS)[0] == 2


def test_one_unmet_level_2_criterion_leaves_level_1_whatever_is_met_above():
    criteria = [line(1, 2, "met"), line(2, 2, "no_evidence"), line(3, 3, "met"), line(4, 4, "met")]
    level, steps = additive_level(criteria, LEVELS)
    assert level == 1
    assert steps[0].explanation.startswith("level 2 not reached: C9z.2 'criterion 2' has no evidence")
    assert steps[1].explanation == "level 3 not reached: level 2 is not"


def test_level_4_needs_every_criterion_of_levels_2_to_4():
    criteria = [line(1, 2, "met"), line(2, 3, "met"), line(3, 4, "met")]
    assert additive_level(criteria, LEVELS)[0] == 4


def test_panel_only_lines_do_not_block_a_level_and_are_noted_for_the_panel():
    criteria = [line(1, 2, "met"), line(2, 3, "met"), line(3, 3, "needs_panel"), line(4, 4, "not_met")]
    level, steps = additive_level(criteria, LEVELS)
    assert level == 3
    assert "1 line for the panel to confirm" in steps[1].explanation
    assert "C9z.4 'criterion 4' is not met" in steps[2].explanation


def test_the_deciding_step_names_the_criterion_that_stops_the_level():
    criteria = [line(1, 2, "met"), line(2, 3, "not_met")]
    _, steps = additive_level(criteria, LEVELS)
    assert [s.reached for s in steps] == [True, False, False]


@pytest.mark.parametrize("levels,mean", [
    ((3, 2, 3), 2.7),  # 2.666... shown to one decimal point
    ((2, 2, 3), 2.3),
    ((1, 1, 1), 1.0),
    ((4, 4, 3), 3.7),
    ((2, 3, 3, 3), 2.8),  # 2.75 rounds half up, not to even
    ((1, 2), 1.5),
])
def test_the_competency_score_is_the_mean_of_its_three_levels_to_one_decimal(levels, mean):
    assert mean_one_decimal(levels) == mean


def test_a_competency_without_every_level_has_no_score():
    assert mean_one_decimal((3, None, 2)) is None


def test_a_deviation_is_self_assessed_minus_proposed():
    assert deviation(3, 2) == 1
    assert deviation(2, 3) == -1
    assert deviation(None, 2) is None


def test_the_deciding_steps_use_the_frameworks_level_names_where_they_are_not_numbers():
    names = {1: "Below baseline", 2: "Baseline", 3: "Intermediate", 4: "World class"}
    _, steps = additive_level([line(1, 2, "met"), line(2, 3, "no_evidence")], LEVELS, names)
    assert steps[0].explanation == "level 2 (Baseline) reached: its one criterion met"
    assert steps[1].explanation.startswith("level 3 (Intermediate) not reached: C9z.2")
    _, plain = additive_level([line(1, 2, "met")], LEVELS, {1: "1", 2: "2", 3: "3", 4: "4"})
    assert plain[0].explanation == "level 2 reached: its one criterion met"
