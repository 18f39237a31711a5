"""Outcomes arithmetic: CAGR to 2 dp, polarity, peer comparison and the ambition rule, worked by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from wcc_core.assessment.outcome_rules import (
    AMBITIOUS,
    MORE_AGGRESSIVE,
    AspirationRule,
    ambition,
    aspiration_rate,
    cagr,
    compare,
    historic_rates,
    trend,
)


# --- CAGR -------------------------------------------------------------------------------

def test_cagr_is_last_over_first_to_the_one_over_years_minus_one_times_100_to_2_dp():
    # (75.6 / 75.0) ^ (1/3) = 1.008 ^ (1/3) = 1.0026596...: 0.27% a year.
    assert cagr(75.0, 75.6, 3) == (0.27, "")
    # 100 -> 121 over 2 years is exactly 10% a year; 100 -> 81 exactly -10%.
    assert cagr(100, 121, 2) == (10.0, "")
    assert cagr(100, 81, 2) == (-10.0, "")


def test_cagr_rounds_half_up_at_the_second_decimal():
    # 200 -> 201 over one year is 0.5%; 1000 -> 1000.125 over one year is 0.0125% -> 0.01.
    assert cagr(200, 201, 1) == (0.5, "")
    assert cagr(1000, 1000.125, 1) == (0.01, "")
    assert cagr(1000, 1000.05, 1) == (0.01, "")  # 0.005 exactly half: up


@pytest.mark.parametrize("first, last, years, why", [
    (0, 5, 3, "the first value is 0"),
    (-2, 5, 3, "a value is negative"),
    (None, 5, 3, "a value is missing"),
    (5, 6, 0, "no years"),
    (float("nan"), 6, 3, "not a finite number"),
])
def test_cagr_is_undefined_and_says_why_rather_than_guessing(first, last, years, why):
    rate, said = cagr(first, last, years)
    assert rate is None and why in said


def test_a_last_value_of_zero_is_a_fall_of_100_percent():
    assert cagr(10, 0, 3) == (-100.0, "")


# --- the handbook's example and the Rotherham panel's calls ---------------------------------

def test_the_handbooks_cvd_example_an_aspiration_of_minus_9_4_against_pct_minus_8_2_and_top_decile_minus_7_8_is_ambitious():
    historic = {"pct": -8.2, "top_decile": -7.8, "ons_cluster": -7.2, "national": -6.5}
    flag, why = ambition(-9.4, historic, higher_is_better=False)
    assert flag == AMBITIOUS and "aspiration -9.40%" in why


def test_rotherham_cvd_mortality_minus_8_8_against_pct_minus_7_1_and_top_decile_minus_8_3_is_ambitious():
    flag, _ = ambition(-8.8, {"pct": -7.1, "national": -8.9, "ons_cluster": -9.9, "top_decile": -8.3}, False)
    assert flag == AMBITIOUS  # the panel "has confidence in the level of aspiration"


def test_rotherham_smoking_quitters_0_0_against_pct_27_5_and_england_3_0_might_be_more_aggressive():
    flag, _ = ambition(0.0, {"pct": 27.5, "national": 3.0, "ons_cluster": 12.5, "top_decile": 22.1}, True)
    assert flag == MORE_AGGRESSIVE


def test_rotherham_life_expectancy_matching_englands_rate_is_neither_flag():
    # Males: PCT 0.5, national 0.4, top decile 0.8, aspiration 0.4: no slower than England.
    assert ambition(0.4, {"pct": 0.5, "national": 0.4, "ons_cluster": 0.4, "top_decile": 0.8}, True)[0] is None


def test_the_ambition_rule_is_data():
    rule = AspirationRule.from_table({"ambitious": ["national"], "more_aggressive": ["top_decile"]})
    assert ambition(0.5, {"pct": 0.9, "national": 0.4, "top_decile": 0.8}, True, rule)[0] == AMBITIOUS
    with pytest.raises(ValueError):
        AspirationRule.from_table({"ambitious": ["england"]})


def test_without_a_peer_rate_the_rule_says_it_cannot_say_more():
    flag, why = ambition(0.5, {"pct": 0.9, "national": None, "top_decile": None}, True)
    assert flag is None and "no historic rate for national, top decile" in why


# --- polarity -----------------------------------------------------------------------------

def test_for_mortality_a_falling_rate_is_improving_and_a_faster_fall_is_better_than_peers():
    assert trend(-4.86, higher_is_better=False) == "improving"
    assert compare(-4.86, -3.02, higher_is_better=False) == "better"
    assert compare(94.8, 99.5, higher_is_better=False) == "better"  # lower mortality is a better position


def test_for_screening_a_rising_rate_is_improving_and_a_faster_rise_is_better_than_peers():
    assert trend(23.09, higher_is_better=True) == "improving"
    assert compare(23.09, 21.64, higher_is_better=True) == "better"
    assert trend(-1.0, higher_is_better=True) == "worsening"
    assert compare(0.27, 0.39, higher_is_better=True) == "worse"


def test_the_same_aspiration_is_ambitious_or_not_depending_on_the_direction_of_the_metric():
    historic = {"pct": -1.0, "national": -0.5, "top_decile": -1.2}
    assert ambition(-2.0, historic, higher_is_better=False)[0] == AMBITIOUS
    assert ambition(-2.0, historic, higher_is_better=True)[0] == MORE_AGGRESSIVE


def test_unknown_polarity_gives_no_comparison():
    assert compare(1.0, 2.0, None) is None and trend(1.0, None) is None
    assert ambition(1.0, {"pct": 0.5}, None)[0] is None


# --- series: the 3-year window, gaps, short series -----------------------------------------

def series(*rows):
    return [(year, {"pct": v, "national": v, "ons_cluster": None, "top_decile": None}) for year, v in rows]


def test_the_historic_rate_is_over_the_three_years_up_to_the_latest():
    rates = historic_rates(series(("2004/05", 50.0), ("2005/06", 100.0), ("2006/07", 105.0), ("2007/08", 110.0),
                                  ("2008/09", 121.0 * 100 / 100)))
    assert (rates.first_year, rates.last_year, rates.years) == ("2005/06", "2008/09", 3)
    assert rates.rates["pct"] == 6.56  # (1.21) ^ (1/3) = 1.06560...
    assert rates.problems == ()


def test_a_series_with_a_gap_is_a_finding_naming_the_missing_year():
    rates = historic_rates(series(("2005/06", 100.0), ("2007/08", 110.0), ("2008/09", 121.0)), where="outcomes.csv 2a: ")
    assert "outcomes.csv 2a: the series has a gap: no row for 2006/07" in rates.problems
    assert rates.rates["pct"] == 6.56  # the end points are there


def test_a_missing_first_year_of_the_window_leaves_the_rate_undefined():
    rates = historic_rates(series(("2004/05", 90.0), ("2006/07", 105.0), ("2007/08", 110.0), ("2008/09", 121.0)))
    assert rates.rates["pct"] is None
    assert any("cannot compute the PCT CAGR from 2005/06 to 2008/09: a value is missing" in p for p in rates.problems)


def test_a_shorter_series_gives_a_shorter_window_and_says_so():
    rates = historic_rates(series(("2007/08", 100.0), ("2008/09", 110.0)))
    assert rates.years == 1 and rates.rates["pct"] == 10.0
    assert any("only 1 year of history" in p for p in rates.problems)


def test_a_first_value_of_zero_is_a_finding():
    rates = historic_rates(series(("2005/06", 0.0), ("2006/07", 1.0), ("2007/08", 2.0), ("2008/09", 3.0)))
    assert rates.rates["pct"] is None and any("the first value is 0" in p for p in rates.problems)


def test_a_year_label_that_is_not_a_year_is_a_finding():
    rates = historic_rates(series(("last year", 1.0), ("2008/09", 2.0)))
    assert any("'last year' is not a year" in p for p in rates.problems)


def test_the_aspiration_rate_runs_from_the_latest_actual_over_its_five_years():
    # 75.6 -> 77.0 over five years: (77.0 / 75.6) ^ (1/5) = 1.003676...: 0.37%.
    assert aspiration_rate(75.6, [76.1, 76.3, 76.6, 76.8, 77.0]) == (0.37, "")
    assert aspiration_rate(75.6, [76.1, 76.3]) == (None, "the aspiration has 2 value(s), not 5")
    assert aspiration_rate(75.6, [76.1, "high", 76.6, 76.8, 77.0])[1] == "aspiration value 'high' is not a number"
    assert aspiration_rate(None, [1, 2, 3, 4, 5])[0] is None


# --- properties ---------------------------------------------------------------------------

anything = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12))


@given(first=anything, last=anything, years=st.one_of(st.integers(-3, 10), st.floats(allow_nan=True)))
def test_cagr_never_raises_on_any_numbers(first, last, years):
    rate, why = cagr(first, last, years)
    assert (rate is None) == bool(why)
    assert rate is None or math.isfinite(rate)


@given(first=st.floats(1e-3, 1e6), last=st.floats(1e-3, 1e6), years=st.integers(1, 10))
def test_the_sign_of_cagr_follows_the_direction_of_change(first, last, years):
    rate, _ = cagr(first, last, years)
    assume(abs(last / first - 1) > 1e-3)  # leave out changes that round to 0.00
    if last > first:
        assert rate >= 0
    else:
        assert rate <= 0
    assert trend(rate, True) in ("improving", "no change") if last > first else trend(rate, False) in (
        "improving", "no change")


def test_a_value_that_is_not_a_number_is_a_finding_of_the_reader_and_names_its_rows(tmp_path):
    from wcc_core.submission.data_files import read_outcome_series

    (tmp_path / "outcomes.csv").write_text(
        "ref,year,pct,national,ons_cluster,top_decile\n"
        "2a,2005/06,n/a,76.8,75.9,79.6\n2a,2006/07,75.2,77.1,76.1,79.8\n"
        "2a,2007/08,75.5,77.4,76.4,80.1\n2a,2008/09,75.6,77.7,76.7,80.3\n", encoding="utf-8")
    observations, findings = read_outcome_series(tmp_path, "outcomes.csv")
    assert any(f.key == "row 2, pct" and "not a number" in f.message for f in findings)
    points = [(o.year, {"pct": o.pct, "national": o.national}, i + 2) for i, o in enumerate(observations)]
    rates = historic_rates(points, where="outcomes.csv 2a: ")
    assert rates.rates["pct"] is None and rates.rates["national"] == 0.39
    assert ("outcomes.csv 2a: cannot compute the PCT CAGR from 2005/06 to 2008/09 (rows 2 and 5): a value is missing"
            in rates.problems)


peer_values = st.fixed_dictionaries({p: anything for p in ("pct", "national", "ons_cluster", "top_decile")})


@given(points=st.lists(st.tuples(st.sampled_from(("2004/05", "2005/06", "2006/07", "2007/08", "2008/09", "n/a", "")),
                                 peer_values), max_size=8),
       aspiration=st.lists(anything, max_size=6), polarity=st.sampled_from((True, False, None)))
def test_comparing_an_outcome_never_raises_on_any_series(points, aspiration, polarity):
    rates = historic_rates(points)
    asp, _ = aspiration_rate(rates.latest.get("pct"), aspiration)
    flag, why = ambition(asp, rates.rates, polarity)
    assert flag in (None, AMBITIOUS, MORE_AGGRESSIVE) and why
    assert all(v is None or math.isfinite(v) for v in rates.rates.values())
