"""The finance arithmetic of appendix III, with every figure worked out by hand in the test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wcc_core.assessment.finance_rules import FinanceThresholds, rate_finance, rate_year
from wcc_core.submission.data_files import FinanceRow, read_finance

RATINGS = ("red", "amber", "green")


def outturn(surplus, expected, income=200.0, year="2008/09"):
    return FinanceRow(year, "outturn", "actual", income, surplus, expected)


def plan(year, surplus, expected=3.0, income=200.0, scenario="base"):
    return FinanceRow(year, "plan", scenario, income, surplus, expected)


PLAN_YEARS = ("2009/10", "2010/11", "2011/12", "2012/13", "2013/14")


def numbered(rows):
    return [(i + 2, r) for i, r in enumerate(rows)]


# --- the handbook's footnote: percentage points of income --------------------------------

def test_the_handbooks_example_an_outturn_of_0_9_against_an_expectation_of_1_1_is_0_2_points_and_green():
    year = rate_year(outturn(0.9, 1.1, income=100.0), RATINGS)
    assert (year.surplus_pct, year.expected_pct, year.difference) == (Decimal("0.90"), Decimal("1.10"), Decimal("0.20"))
    assert year.rating == "green"


def test_the_handbooks_example_holds_on_a_real_pct_income():
    # 0.9% and 1.1% of £316.9m are £2.8521m and £3.4859m: 0.6338 / 316.9 = 0.2 points.
    year = rate_year(outturn(2.8521, 3.4859, income=316.9), RATINGS)
    assert year.difference == Decimal("0.20") and year.rating == "green"


def test_the_tolerance_is_a_share_of_income_not_of_the_surplus():
    # £1m against £2m expected is half the surplus, but 0.25 points of a £400m income.
    year = rate_year(outturn(1.0, 2.0, income=400.0), RATINGS)
    assert year.difference == Decimal("0.25") and year.rating == "green"


# --- at and either side of each threshold (income £200m: one point is £2m) ----------------

@pytest.mark.parametrize("expected, points, rating", [
    (2.98, "0.49", "green"),
    (3.00, "0.50", "green"),   # "within 0.5%" includes 0.5
    (3.02, "0.51", "amber"),
    (3.98, "0.99", "amber"),
    (4.00, "1.00", "amber"),   # "more than 1.0%" is red, so 1.0 exactly is amber
    (4.02, "1.01", "red"),
])
def test_a_year_within_0_5_points_is_green_within_1_0_amber_and_beyond_red(expected, points, rating):
    year = rate_year(outturn(2.0, expected), RATINGS)
    assert year.difference == Decimal(points) and year.rating == rating


@pytest.mark.parametrize("surplus, rating", [(5.0, "amber"), (5.02, "red"), (4.0, "green")])
def test_a_surplus_above_the_expectation_is_measured_the_same_way(surplus, rating):
    assert rate_year(outturn(surplus, 3.0), RATINGS).rating == rating


def test_exactly_0_5_points_is_green_even_where_floating_point_says_0_5000000000000001():
    assert abs(0.9 - 2.402) / 300.4 * 100 > 0.5  # the trap
    year = rate_year(outturn(0.9, 2.402, income=300.4), RATINGS)
    assert year.difference == Decimal("0.50") and year.rating == "green"


def test_exactly_1_0_points_is_amber_even_where_floating_point_says_1_0000000000000002():
    assert abs(0.7 - 3.704) / 300.4 * 100 > 1.0
    year = rate_year(outturn(0.7, 3.704, income=300.4), RATINGS)
    assert year.difference == Decimal("1.00") and year.rating == "amber"


def test_the_difference_is_rounded_half_up_to_2_dp_before_it_is_compared():
    # 1.01 / 200 = 0.505 points exactly (float says 0.50499999...): half up gives 0.51, amber.
    year = rate_year(outturn(2.0, 3.01), RATINGS)
    assert year.difference == Decimal("0.51") and year.rating == "amber"


def test_an_operating_deficit_of_0_01_is_red_even_when_the_sha_expected_it():
    year = rate_year(outturn(-0.01, -0.01), RATINGS)
    assert year.deficit and year.rating == "red" and "operating deficit" in year.why


def test_breaking_even_exactly_is_not_an_operating_deficit():
    year = rate_year(outturn(0.0, 0.0), RATINGS)
    assert not year.deficit and year.rating == "green"


@pytest.mark.parametrize("income, why", [(0.0, "income 0 is not positive"), (-5.0, "income -5 is not positive"),
                                         (None, "no income")])
def test_a_year_without_a_positive_income_cannot_be_rated(income, why):
    year = rate_year(outturn(1.0, 1.0, income=income), RATINGS)
    assert year.rating is None and why in year.why


def test_a_year_without_a_surplus_or_an_expectation_cannot_be_rated():
    assert rate_year(outturn(None, 1.0), RATINGS).why == "cannot rate: no surplus"
    assert rate_year(outturn(1.0, None), RATINGS).why == "cannot rate: no sha_expected_surplus"


def test_the_thresholds_are_data():
    strict = FinanceThresholds.from_table({"best_within": "0.25", "middle_within": "0.5", "precision": 2})
    assert rate_year(outturn(2.0, 3.0), RATINGS, strict).rating == "amber"
    assert rate_year(outturn(2.0, 3.02), RATINGS, strict).rating == "red"


def test_ratings_come_from_the_frameworks_scale_not_from_colour_names():
    scale = ("poor", "fair", "good")
    assert [rate_year(outturn(2.0, e), scale).rating for e in (3.0, 4.0, 5.0)] == ["good", "fair", "poor"]


# --- a sub-component takes the worst year; data problems mean "cannot rate" ---------------

def historical_rows(**replace):
    rows = {"2006/07": outturn(2.0, 2.5, year="2006/07"), "2007/08": outturn(2.0, 2.9, year="2007/08"),
            "2008/09": outturn(2.0, 3.5, year="2008/09")}
    rows.update(replace)
    return numbered([r for r in rows.values() if r is not None])


def rate_historical(rows):
    return rate_finance(rows, ratings=RATINGS, kind="outturn", scenarios=("actual",),
                        years=("2006/07", "2007/08", "2008/09"))


def test_historical_financial_management_takes_the_worst_of_the_three_outturns_and_shows_which_decided():
    rated = rate_historical(historical_rows())
    # 0.25 and 0.45 points are green, 0.75 amber: 2008/09 decides.
    assert [y.rating for y in rated.years] == ["green", "green", "amber"]
    assert rated.rating == "amber" and rated.decides == 2
    table = rated.table()
    assert [r.decides for r in table] == [False, False, True]
    cells = dict(table[2].cells)
    assert cells["year"] == "2008/09" and cells["difference"] == 0.75 and cells["expectation"] == 3.5
    assert {"year", "scenario", "income", "surplus", "expectation", "difference"} <= set(cells)
    assert "2008/09" in rated.rule and "decides" in rated.rule


def test_a_missing_outturn_year_means_cannot_rate_naming_the_file_and_the_year():
    rated = rate_historical(historical_rows(**{"2006/07": None}))
    assert rated.rating is None and rated.decides is None
    assert "finance.csv: no outturn row for 2006/07" in rated.problems
    assert rated.rule.startswith("cannot rate: finance.csv: no outturn row for 2006/07")


def test_a_row_with_zero_income_means_cannot_rate_naming_its_row():
    rated = rate_historical(historical_rows(**{"2007/08": outturn(2.0, 2.9, income=0.0, year="2007/08")}))
    assert rated.rating is None
    assert "finance.csv: row 3 (2007/08, actual): cannot rate: income 0 is not positive" in rated.problems


def base_rows(scenario="base", surplus=2.0, years=PLAN_YEARS, **one):
    return [plan(y, one.get(y, surplus), scenario=scenario) for y in years]


def rate_plans(rows, scenarios=("base",)):
    return rate_finance(numbered(rows), ratings=RATINGS, kind="plan", scenarios=scenarios, plan_years=5)


def test_the_base_case_takes_every_base_plan_year_and_a_deficit_in_any_year_is_red():
    assert rate_plans(base_rows()).rating == "green"  # 0.5 points every year
    rated = rate_plans(base_rows(**{"2012/13": -0.01}))
    assert rated.rating == "red" and rated.years[rated.decides].year == "2012/13"
    assert "turnaround plan" in rated.rule


def test_a_base_case_with_a_gap_in_its_plan_years_cannot_be_rated():
    rated = rate_plans(base_rows(years=("2009/10", "2010/11", "2012/13", "2013/14", "2014/15")))
    assert rated.rating is None
    assert "finance.csv: the base scenario has a gap: no plan row for 2011/12" in rated.problems


def test_a_base_case_of_fewer_than_five_years_cannot_be_rated():
    rated = rate_plans(base_rows(years=PLAN_YEARS[:4]))
    assert rated.rating is None and any("4 plan years" in p for p in rated.problems)


def test_a_year_given_twice_cannot_be_rated():
    rated = rate_plans(base_rows() + [plan("2010/11", 2.0)])
    assert rated.rating is None and "finance.csv: 2010/11 base appears 2 times" in rated.problems


def test_scenarios_take_every_plan_year_of_every_scenario():
    rows = base_rows() + base_rows("upside") + base_rows("downside", **{"2013/14": -1.0})
    rated = rate_plans(rows, ("base", "upside", "downside"))
    assert len(rated.years) == 15 and rated.rating == "red"
    assert (rated.years[rated.decides].scenario, rated.years[rated.decides].year) == ("downside", "2013/14")


def test_a_missing_scenario_means_cannot_rate():
    rated = rate_plans(base_rows() + base_rows("upside"), ("base", "upside", "downside"))
    assert rated.rating is None
    assert "finance.csv: no plan rows for the downside scenario" in rated.problems


def test_values_that_are_not_numbers_are_findings_of_the_reader_and_rows_that_cannot_be_rated(tmp_path):
    (tmp_path / "finance.csv").write_text(
        "year,kind,scenario,income,surplus,sha_expected_surplus\n"
        "2006/07,outturn,actual,200,2.0,2.5\n"
        "2007/08,outturn,actual,two hundred,2.0,2.9\n"
        "2008/09,outturn,actual,200,2.0,3.5\n", encoding="utf-8")
    rows, findings = read_finance(tmp_path, "finance.csv")
    assert any(f.key == "row 3, income" and "not a number" in f.message for f in findings)
    rated = rate_historical(numbered(rows))
    assert rated.rating is None
    assert "finance.csv: row 3 (2007/08, actual): cannot rate: no income" in rated.problems


# --- properties ---------------------------------------------------------------------------

money = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**9, 10**9))


@given(income=money, surplus=money, expected=money)
def test_rating_a_year_never_raises_and_gives_a_rating_or_says_why_not(income, surplus, expected):
    year = rate_year(FinanceRow("2008/09", "outturn", "actual", income, surplus, expected), RATINGS)
    assert year.rating in RATINGS or (year.rating is None and year.why.startswith("cannot rate"))


@given(income=st.floats(1, 1e6), surplus=st.floats(-1e4, 1e4), expected=st.floats(-1e4, 1e4))
def test_a_deficit_is_always_red_and_no_deficit_is_rated_on_the_difference_alone(income, surplus, expected):
    year = rate_year(FinanceRow("2010/11", "plan", "base", income, surplus, expected), RATINGS)
    if surplus < 0:
        assert year.rating == "red"
    else:
        d = year.difference
        assert year.rating == ("green" if d <= Decimal("0.5") else "amber" if d <= 1 else "red")


finance_rows = st.lists(st.builds(
    FinanceRow,
    year=st.sampled_from(("2006/07", "2007/08", "2008/09", "2009/10", "2010/11", "2011/12", "2012/13", "2013/14",
                          "2015/16", "next year", "")),
    kind=st.sampled_from(("outturn", "plan", "forecast")),
    scenario=st.sampled_from(("actual", "base", "upside", "downside", "")),
    income=money, surplus=money, sha_expected_surplus=money), max_size=25)


@given(rows=finance_rows, kind=st.sampled_from(("outturn", "plan")))
def test_rating_a_sub_component_never_raises_and_never_rates_with_a_data_problem(rows, kind):
    scenarios = ("actual",) if kind == "outturn" else ("base", "upside", "downside")
    years = ("2006/07", "2007/08", "2008/09") if kind == "outturn" else ()
    rated = rate_finance(numbered(rows), ratings=RATINGS, kind=kind, scenarios=scenarios, years=years,
                         plan_years=0 if kind == "outturn" else 5)
    if rated.problems:
        assert rated.rating is None and rated.rule.startswith("cannot rate")
    else:
        assert rated.rating in RATINGS and rated.years[rated.decides].rating == rated.rating
        assert all(RATINGS.index(y.rating) >= RATINGS.index(rated.rating) for y in rated.years)


def test_a_plan_year_that_is_not_a_financial_year_cannot_be_rated():
    rated = rate_plans(base_rows() + [plan("next year", 2.0)])
    assert rated.rating is None
    assert "finance.csv: year 'next year' (base) is not a financial year like 2010/11" in rated.problems
