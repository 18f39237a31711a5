"""The line model's probability and the strict reading of the framework's [judging] table."""

from __future__ import annotations

import dataclasses

import pytest

from wcc_core.framework import load_framework
from wcc_core.judging.criterion import JudgingThresholds, JudgingThresholdsError
from wcc_core.judging.line_model import FEATURES, NO_EXEMPLARS, PLAIN, logit, probability_met


def rules():
    return JudgingThresholds.from_framework(load_framework("wcc-2009"))


def test_the_probability_is_the_logistic_of_the_fitted_coefficients():
    r = rules()
    signals = {"for": 0.8, "against": 0.0, "neutral": 0.2, "signpost": 1.0, "agree": 1 / 3, "precision": 0.5,
               "exemplar": 0.4}
    z = (r.p_bias + r.p_for * 0.8 + r.p_neutral * 0.2 + r.p_signpost + r.p_agree / 3 + r.p_precision * 0.5
         + r.p_exemplar * 0.4)
    assert logit(signals, r) == pytest.approx(z)
    assert probability_met(signals, r) == pytest.approx(1 / (1 + 2.718281828459045 ** -z))


def test_a_line_without_exemplars_is_judged_by_the_plain_model_on_its_own_words():
    r = rules()
    signals = {"for": 0.8, "neutral": 0.2, "signpost": 1.0, "precision": 0.5, "exemplar": NO_EXEMPLARS}
    z = r.plain_bias + r.plain_for * 0.8 + r.plain_neutral * 0.2 + r.plain_signpost + r.plain_precision * 0.5
    assert logit(signals, r) == pytest.approx(z)
    assert "exemplar" not in PLAIN and set(PLAIN) == set(FEATURES) - {"exemplar"}
    # A statement of the line in its own words is likely met even with no other PCT's evidence to compare.
    assert probability_met({"for": 1.0, "precision": 1.0, "exemplar": NO_EXEMPLARS}, r) > 0.5


def test_more_evidence_for_raises_it_and_a_denial_lowers_it():
    r = rules()
    for like in (0.3, NO_EXEMPLARS):
        weak, strong = {"for": 0.3, "exemplar": like}, {"for": 0.9, "exemplar": like}
        assert probability_met(weak, r) < probability_met(strong, r)
        assert probability_met({"for": 0.9, "against": 0.9, "exemplar": like}, r) < probability_met(strong, r)
        assert probability_met({"for": 0.9, "exemplar": 0.6}, r) > probability_met({"for": 0.9, "exemplar": 0.1}, r)


def test_no_line_is_certain_from_text_alone():
    r = rules()
    assert probability_met({name: 1.0 for name in FEATURES} | {"against": 0.0}, r) <= 0.99
    assert probability_met({"against": 1.0}, r) >= 0.01


def test_every_coefficient_of_the_model_is_data_in_the_framework():
    framework = load_framework("wcc-2009")
    keys = dict(framework.info.judging)
    assert {f"p_{name}" for name in FEATURES} | {"p_bias", "met_p", "self_prior"} <= set(keys)
    assert {f"plain_{name}" for name in PLAIN} | {"plain_bias"} <= set(keys)


def test_an_unknown_judging_key_is_an_error_naming_the_framework_and_the_key():
    framework = load_framework("wcc-2009")
    info = dataclasses.replace(framework.info, judging=tuple(dict(framework.info.judging).items()) + (("weak_fit", 0.2),))
    with pytest.raises(JudgingThresholdsError, match=r"framework wcc-2009: \[judging\] weak_fit: unknown key"):
        JudgingThresholds.from_framework(dataclasses.replace(framework, info=info))


def test_a_framework_that_does_not_state_a_threshold_is_an_error_naming_it():
    framework = load_framework("wcc-2009")
    info = dataclasses.replace(framework.info, judging=tuple(kv for kv in framework.info.judging if kv[0] != "met_p"))
    with pytest.raises(JudgingThresholdsError, match=r"framework wcc-2009: \[judging\] lacks met_p"):
        JudgingThresholds.from_framework(dataclasses.replace(framework, info=info))


def test_the_year_1_pack_states_its_own_judging_table():
    assert JudgingThresholds.from_framework(load_framework("wcc-2008")).met_p == 0.5
