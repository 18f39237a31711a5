"""The handbook's finance arithmetic (appendix III, Governance - Finance), exactly.

"The 0.5% and 1.0% in the criteria refer to the percentage of income, not the percentage
of the outturn/operating surplus. For example, if there was an outturn of 0.9% and the SHA
expectation was of 1.1%, then the PCT is within the tolerance for a Green rating as there
is only 0.2 percentage points variance."

So for each year (and scenario) of finance.csv:

* surplus % = surplus / income x 100, expected % = SHA expected surplus / income x 100;
* the difference is |surplus % - expected %| in percentage points, computed in Decimal
  from the numbers as written in the CSV and rounded half up to `precision` places (2:
  what the table shows is what decides, and 0.5 is exactly 0.5, never 0.50000000001);
* an operating deficit (surplus below zero) is the worst rating, whatever the difference;
* otherwise difference <= `best_within` (0.5) is the best rating, <= `middle_within` (1.0)
  the middle one, above it the worst ("more than 1.0% different" is red; "within 0.5%"
  is green, so 0.5 exactly is green and 1.0 exactly amber);
* a year without a positive income, a surplus or an expectation cannot be rated.

A sub-component takes the worst rating of the years it covers; if any year it needs is
missing or cannot be rated, the sub-component cannot be rated (None) and the table says
which row and what is missing. The thresholds are data (`[finance_rule]` in the finance
component's criteria.toml); ratings are the framework's scale, worst first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Mapping, Sequence

from wcc_core.records.results import RatingRow
from wcc_core.submission.data_files import FinanceRow


@dataclass(frozen=True)
class FinanceThresholds:
    """Tolerances in percentage points of income, and the precision they are measured to."""

    best_within: Decimal = Decimal("0.5")
    middle_within: Decimal = Decimal("1.0")
    precision: int = 2

    @classmethod
    def from_table(cls, table: Mapping | None) -> "FinanceThresholds":
        """From `[finance_rule]`: best_within = "0.5", middle_within = "1.0", precision = 2."""
        table = dict(table or {})
        return cls(
            best_within=Decimal(str(table.get("best_within", cls.best_within))),
            middle_within=Decimal(str(table.get("middle_within", cls.middle_within))),
            precision=int(table.get("precision", cls.precision)),
        )

    def words(self, ratings: Sequence[str]) -> str:
        """The finance rule in words, with the framework's rating names (`ratings` worst first)."""
        worst, middle, best = ratings[0], ratings[len(ratings) // 2], ratings[-1]
        return (f"each year: an operating deficit is {worst}; otherwise |surplus/income - SHA expected "
                f"surplus/income| in percentage points (to {self.precision} dp) <= {self.best_within} is {best}, "
                f"<= {self.middle_within} is {middle}, more is {worst}")


@dataclass(frozen=True)
class YearRating:
    """One finance year judged: its figures, the difference, its rating, or why it cannot be rated."""

    year: str
    scenario: str
    income: float | None
    surplus: float | None
    expected: float | None
    surplus_pct: Decimal | None = None
    expected_pct: Decimal | None = None
    difference: Decimal | None = None  # percentage points, rounded to the stated precision
    deficit: bool = False
    rating: str | None = None
    why: str = ""  # "operating deficit", "0.60 points: within 1.0", or what is missing
    line: int | None = None  # CSV line, for messages

    def row(self, decides: bool = False) -> RatingRow:
        """The year as a row of the sub-component's rating table; `decides` marks the row that set the rating."""
        return RatingRow(cells=(
            ("year", self.year), ("scenario", self.scenario), ("income", self.income),
            ("surplus", self.surplus), ("expectation", self.expected),
            ("surplus_pct", _num(self.surplus_pct)), ("expected_pct", _num(self.expected_pct)),
            ("difference", _num(self.difference)), ("why", self.why), ("row", self.line),
        ), rating=self.rating, decides=decides)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _decimal(value: float | None) -> Decimal | None:
    """The number as the CSV wrote it: repr of a parsed float is its shortest decimal string."""
    if value is None:
        return None
    try:
        result = Decimal(repr(float(value)))
    except (InvalidOperation, ValueError, TypeError, OverflowError):
        return None
    return result if result.is_finite() else None


def rate_year(row: FinanceRow, ratings: Sequence[str], thresholds: FinanceThresholds = FinanceThresholds(),
              line: int | None = None) -> YearRating:
    """One year's rating under appendix III, or None with the reason it cannot be rated."""
    worst, middle, best = ratings[0], ratings[len(ratings) // 2], ratings[-1]
    base = dict(year=row.year, scenario=row.scenario, income=row.income, surplus=row.surplus,
                expected=row.sha_expected_surplus, line=line)
    income, surplus, expected = _decimal(row.income), _decimal(row.surplus), _decimal(row.sha_expected_surplus)
    missing = [name for name, v in (("income", income), ("surplus", surplus), ("sha_expected_surplus", expected))
               if v is None]
    if missing:
        return YearRating(**base, why=f"cannot rate: no {' or '.join(missing)}")
    if income <= 0:
        return YearRating(**base, why=f"cannot rate: income {row.income:g} is not positive")
    q = Decimal(1).scaleb(-thresholds.precision)
    try:
        with localcontext() as exact:
            exact.prec = 60  # enough for any float written in a CSV, so quantize never loses digits
            surplus_pct = (surplus * 100 / income).quantize(q, rounding=ROUND_HALF_UP)
            expected_pct = (expected * 100 / income).quantize(q, rounding=ROUND_HALF_UP)
            difference = (abs(surplus - expected) * 100 / income).quantize(q, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return YearRating(**base, why="cannot rate: the figures are out of range")
    figures = dict(surplus_pct=surplus_pct, expected_pct=expected_pct, difference=difference)
    if surplus < 0:
        return YearRating(**base, **figures, deficit=True, rating=worst,
                          why=f"operating deficit of {row.surplus:g}")
    if difference <= thresholds.best_within:
        rating, why = best, f"{difference} points: within {thresholds.best_within}"
    elif difference <= thresholds.middle_within:
        rating, why = middle, f"{difference} points: more than {thresholds.best_within}, within {thresholds.middle_within}"
    else:
        rating, why = worst, f"{difference} points: more than {thresholds.middle_within}"
    return YearRating(**base, **figures, rating=rating, why=why)


@dataclass(frozen=True)
class FinanceRating:
    """A finance sub-component rated from its years: the colour (None: cannot rate), the rule, the table."""

    rating: str | None
    rule: str
    years: tuple[YearRating, ...]
    decides: int | None  # index in `years` of the row that decided the colour
    problems: tuple[str, ...] = ()  # data problems, each naming the file, the row and what is missing

    def table(self) -> tuple[RatingRow, ...]:
        """The rating table: a row per year, the deciding year marked."""
        return tuple(y.row(decides=(i == self.decides)) for i, y in enumerate(self.years))

    def worst_of(self, years: Sequence[str], ratings: Sequence[str]) -> str | None:
        """The worst rating among `years` (all scenarios), None if any of them cannot be rated."""
        chosen = [y for y in self.years if not years or y.year in years]
        if not chosen or any(y.rating is None for y in chosen):
            return None
        return min((y.rating for y in chosen), key=ratings.index)


def _year_start(label: str) -> int | None:
    head = label.strip().split("/")[0]
    return int(head) if head.isdigit() else None


def year_label(start: int) -> str:
    """2010 -> "2010/11", the way finance.csv names a financial year."""
    return f"{start}/{(start + 1) % 100:02d}"


def rate_finance(rows: Sequence[tuple[int | None, FinanceRow]], *, ratings: Sequence[str], kind: str,
                 scenarios: Sequence[str], years: Sequence[str] = (), plan_years: int = 0,
                 thresholds: FinanceThresholds = FinanceThresholds(), file: str = "finance.csv",
                 what: str = "") -> FinanceRating:
    """Rate one finance sub-component: the worst of its years, or None with every data problem named.

    `rows` are (CSV line or None, row). `kind` is "outturn" or "plan"; `scenarios` the
    scenarios that must each be present; `years` the years that must be present (outturns),
    or `plan_years` the number of consecutive plan years each scenario must cover.
    """
    worst = ratings[0]
    problems: list[str] = []
    chosen = [(line, r) for line, r in rows if r.kind == kind and r.scenario in scenarios]
    if years:
        chosen = [(line, r) for line, r in chosen if r.year in years]
    judged = tuple(rate_year(r, ratings, thresholds, line) for line, r in chosen)
    for scenario in scenarios:
        mine = [y for y in judged if y.scenario == scenario]
        if not mine:
            problems.append(f"{file}: no {kind} rows for the {scenario} scenario" if kind == "plan"
                            else f"{file}: no {kind} rows ({scenario})")
            continue
        seen = [y.year for y in mine]
        for year in years:
            if year not in seen:
                problems.append(f"{file}: no {kind} row for {year}" + (f" ({scenario})" if kind == "plan" else ""))
        for year in sorted({y for y in seen if seen.count(y) > 1}):
            problems.append(f"{file}: {year} {scenario} appears {seen.count(year)} times")
        if plan_years:
            for label in sorted({y for y in seen if _year_start(y) is None}):
                problems.append(f"{file}: year '{label}' ({scenario}) is not a financial year like 2010/11")
            starts = sorted(s for s in (_year_start(y) for y in set(seen)) if s is not None)
            gaps = [year_label(y) for a, b in zip(starts, starts[1:]) for y in range(a + 1, b)]
            if gaps:
                problems.append(f"{file}: the {scenario} scenario has a gap: no plan row for {', '.join(gaps)}")
            if len(set(seen)) < plan_years:
                problems.append(f"{file}: the {scenario} scenario has {len(set(seen))} plan {'year' if len(set(seen)) == 1 else 'years'}; "
                                f"the handbook asks for each of the next {plan_years}")
    for y in judged:
        if y.rating is None:
            where = f"row {y.line}" if y.line else f"{y.year} {y.scenario}"
            problems.append(f"{file}: {where} ({y.year}, {y.scenario}): {y.why}")
    judged = tuple(sorted(judged, key=lambda y: (list(scenarios).index(y.scenario), _year_start(y.year) or 0, y.year)))
    rule = thresholds.words(ratings) + f"; {what or 'the sub-component'} takes the worst year"
    if problems:
        return FinanceRating(None, f"cannot rate: {problems[0]}" + (f" (and {len(problems) - 1} more)"
                                                                    if len(problems) > 1 else ""),
                             judged, None, tuple(problems))
    rating = min((y.rating for y in judged), key=ratings.index)
    decides = next(i for i, y in enumerate(judged) if y.rating == rating)
    decider = judged[decides]
    note = f"{rating}: {decider.year} {decider.scenario} ({decider.why}) decides; rule: {rule}"
    if rating == worst and any(y.deficit for y in judged):
        note += "; a credible turnaround plan does not change the figures: it is for the panel to weigh"
    return FinanceRating(rating, note, judged, decides)
