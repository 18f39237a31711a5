"""Probabilities and confidence are read from judging's results as given, never made up."""

from __future__ import annotations

import json
from types import SimpleNamespace

from wcc_core.records.results import CriterionResult, SubCompetencyResult
from wcc_core.batch.confidence import band, line_probability, sub_confidence, sub_uncertainty

LINE = CriterionResult(id="C1a.1", text="t", status="met", reason="met: SP p.2", level=2)
SUB = SubCompetencyResult(key="a", full_key="C1a", title="T", self_level=2, proposed=2, last_year=1, criteria=(LINE,))


def test_a_result_without_probabilities_gives_null_not_a_guess():
    assert line_probability(LINE) is None
    assert sub_confidence(SUB) is None
    assert band(sub_confidence(SUB)) is None
    assert sub_uncertainty(SUB) == {"verdict": None, "lines_to_check": None, "level_distribution": None}


def test_probabilities_judging_gives_are_stored_as_given():
    judged = SimpleNamespace(**{**SUB.__dict__, "confidence": 0.83, "verdict": "supported",
                                "lines_to_check": ("C1a.3", "C1a.5"), "distribution": ((1, 0.1), (2, 0.83), (3, 0.07))})
    assert sub_confidence(judged) == 0.83 and band(0.83) == "high"
    found = sub_uncertainty(judged)
    assert found["verdict"] == "supported" and found["lines_to_check"] == "C1a.3 C1a.5"
    assert json.loads(found["level_distribution"]) == {"1": 0.1, "2": 0.83, "3": 0.07}
    assert line_probability(SimpleNamespace(**{**LINE.__dict__, "probability": 0.7})) == 0.7


def test_a_probability_out_of_range_is_not_stored():
    assert line_probability(SimpleNamespace(probability=1.7)) is None
    assert sub_confidence(SimpleNamespace(confidence="high")) is None


def test_bands_follow_the_documented_thresholds():
    assert [band(x) for x in (0.8, 0.79, 0.65, 0.64)] == ["high", "medium", "medium", "low"]
