"""The handbook's outcomes arithmetic (chapter 3 "Assessment of outcomes"; the Rotherham scorecard).

Outcomes are not rated; they are compared with peers:

* **historic rate of improvement**: the compound annual growth rate between the first and
  the last of the historic years, ((last / first) ^ (1 / years) - 1) x 100, rounded half
  up to 2 dp, for the PCT, national, ONS cluster and top decile. The window is the
  `historic_years` (3) years up to the latest year of the series ("3 year period where
  available": a shorter series gives a shorter window, and says so);
* **aspiration rate**: the same over the aspiration's years, from the latest actual value
  to the last aspiration value;
* CAGR is undefined when the first value is zero or either value is negative (a finding,
  never a guess);
* **polarity** comes from the metric's definition (`higher_is_better`): for mortality a
  falling rate (negative CAGR) is improving, for screening a rising one. "Better" below
  always means better in that direction.

The **ambition rule** (data: `[aspiration_rule]` in the outcomes plugin's metrics.toml) is
wcc's reading of "compare the levels of ambition to historical peer performance", checked
against the handbook's example (PCT -8.2, top relative decile -7.8, ONS -7.2, England -6.5,
aspiration -9.4: ambitious) and the Rotherham panel's calls (CVD mortality -8.8 against
PCT -7.1 and England -8.9: confident; smoking quitters 0.0 against PCT 27.5 and England
3.0: "might be more aggressive"):

* "ambitious": the aspiration's rate is at least as good as every rate in `ambitious`
  (the PCT's own historic rate and the top decile's);
* "might be more aggressive": the aspiration's rate is worse than every rate in
  `more_aggressive` (the PCT's own historic rate and England's): it plans to improve more
  slowly than it has and than the country has;
* otherwise no flag; a missing rate means the rule cannot say, and it says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext
from typing import Mapping, Sequence

PEERS = ("pct", "national", "ons_cluster", "top_decile")
PEER_NAMES = {"pct": "PCT", "national": "national", "ons_cluster": "ONS cluster", "top_decile": "top decile"}
AMBITIOUS = "ambitious"
MORE_AGGRESSIVE = "might be more aggressive"
WORSENING = "worsening"
SLOWER_THAN_NATIONAL = "improving more slowly than national"


def round2(value: float, places: int = 2) -> float:
    """Half up to `places` decimals, through the shortest decimal form of the float."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)) + 0.0


def cagr(first: float | None, last: float | None, years: int | float) -> tuple[float | None, str]:
    """(CAGR % to 2 dp, "") or (None, why it is undefined). Never raises on numbers.

    Worked in Decimal (50 digits) from the numbers as written, so an exact half at the
    second decimal (1000 -> 1000.05 in one year: 0.005%) rounds up as a person would.
    """
    if first is None or last is None:
        return None, "a value is missing"
    try:
        f, l, n = (Decimal(repr(float(v))) for v in (first, last, years))
    except (TypeError, ValueError, OverflowError):
        return None, "a value is not a number"
    if not all(v.is_finite() for v in (f, l, n)):
        return None, "a value is not a finite number"
    if n <= 0:
        return None, "no years between the first and last values"
    if f == 0:
        return None, "the first value is 0"
    if f < 0 or l < 0:
        return None, "a value is negative"
    try:
        with localcontext() as exact:
            exact.prec = 50
            exact.traps[Inexact] = False
            growth = (l / f) ** (Decimal(1) / n) if n != 1 else l / f
            rate = ((growth - 1) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (ArithmeticError, ValueError):
        return None, "the values are out of range"
    value = float(rate) + 0.0
    if not math.isfinite(value):
        return None, "the values are out of range"
    return value, ""


def better(a: float, b: float, higher_is_better: bool) -> bool:
    """Is rate (or value) `a` better than `b` in the metric's direction?"""
    return a > b if higher_is_better else a < b


def compare(a: float | None, b: float | None, higher_is_better: bool | None) -> str | None:
    """"better" / "worse" / "same" for `a` against `b`; None when either is missing or polarity unknown."""
    if a is None or b is None or higher_is_better is None:
        return None
    if a == b:
        return "same"
    return "better" if better(a, b, higher_is_better) else "worse"


def relative(rate: float | None, peer: float | None, higher_is_better: bool | None) -> float | None:
    """How many points a year the PCT's rate is better (+) or worse (-) than the peer's, 2 dp."""
    if rate is None or peer is None or higher_is_better is None:
        return None
    gap = Decimal(repr(rate)) - Decimal(repr(peer))
    return float((gap if higher_is_better else -gap).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + 0.0


def trend(rate: float | None, higher_is_better: bool | None) -> str | None:
    """"improving" / "worsening" / "no change" from a CAGR and the polarity."""
    if rate is None or higher_is_better is None:
        return None
    if rate == 0:
        return "no change"
    return "improving" if better(rate, 0.0, higher_is_better) else "worsening"


@dataclass(frozen=True)
class AspirationRule:
    """Which historic rates an aspiration is compared with (`[aspiration_rule]`)."""

    ambitious: tuple[str, ...] = ("pct", "top_decile")
    more_aggressive: tuple[str, ...] = ("pct", "national")

    @classmethod
    def from_table(cls, table: Mapping | None) -> "AspirationRule":
        """The rule read from `[aspiration_rule]`; a ValueError when it names a series that is not a peer."""
        table = dict(table or {})
        rule = cls(ambitious=tuple(table.get("ambitious", cls.ambitious)),
                   more_aggressive=tuple(table.get("more_aggressive", cls.more_aggressive)))
        unknown = [p for p in rule.ambitious + rule.more_aggressive if p not in PEERS]
        if unknown or not rule.ambitious or not rule.more_aggressive:
            raise ValueError(f"[aspiration_rule] names {unknown or 'no'} series; use {', '.join(PEERS)}")
        return rule

    def words(self) -> str:
        """The rule in words, naming the peer series it compares with."""
        names = lambda keys: " and ".join(PEER_NAMES[k] for k in keys)  # noqa: E731
        return (f"'{AMBITIOUS}' when the aspiration's rate is at least as good as the historic rates of "
                f"{names(self.ambitious)}; '{MORE_AGGRESSIVE}' when it is worse than those of "
                f"{names(self.more_aggressive)}; better means in the metric's direction")


def ambition(aspiration_rate: float | None, historic: Mapping[str, float | None], higher_is_better: bool | None,
             rule: AspirationRule = AspirationRule()) -> tuple[str | None, str]:
    """(flag or None, why) for an aspiration against historic peer rates."""
    if aspiration_rate is None:
        return None, "no aspiration rate to compare"
    if higher_is_better is None:
        return None, "the metric's direction (higher or lower is better) is unknown"
    needed = dict.fromkeys(rule.ambitious + rule.more_aggressive)
    missing = [PEER_NAMES[k] for k in PEERS if k in needed and historic.get(k) is None]
    figures = ", ".join(f"{PEER_NAMES[k]} {historic[k]:+.2f}" for k in needed if historic.get(k) is not None)
    said = f"aspiration {aspiration_rate:+.2f}% a year against historic {figures or 'nothing'}"
    if all(historic.get(k) is not None and not better(historic[k], aspiration_rate, higher_is_better)
           for k in rule.ambitious):
        return AMBITIOUS, said
    if all(historic.get(k) is not None and better(historic[k], aspiration_rate, higher_is_better)
           for k in rule.more_aggressive):
        return MORE_AGGRESSIVE, said
    if missing:
        return None, f"{said}; cannot say more: no historic rate for {', '.join(missing)}"
    return None, said


def year_start(label: str) -> int | None:
    """"2005/06" -> 2005; None for a label that is not a year."""
    head = str(label).strip().split("/")[0].strip()
    return int(head) if head.isdigit() and len(head) == 4 else None


@dataclass(frozen=True)
class SeriesRates:
    """The historic rates of one outcome, and what was wrong with its series."""

    rates: dict[str, float | None]
    first_year: str | None
    last_year: str | None
    years: int
    latest: dict[str, float | None]
    problems: tuple[str, ...] = ()


def historic_rates(points: Sequence[tuple], historic_years: int = 3, where: str = "") -> SeriesRates:
    """CAGR per peer over the window of `historic_years` up to the latest year of `points`.

    `points` are (year label, {peer: value}) or (year label, {peer: value}, CSV row).
    Problems (a gap, a missing or zero first value, a year label that is not a year, a
    repeated year) are named with `where` and, when given, the row.
    """
    problems = []
    by_year: dict[int, tuple[str, Mapping]] = {}
    rows: dict[int, int] = {}
    for point in points:
        label, values = point[0], point[1]
        row = point[2] if len(point) > 2 else None
        at = f" (row {row})" if row else ""
        start = year_start(label)
        if start is None:
            problems.append(f"{where}year '{label}'{at} is not a year like 2008/09")
            continue
        if start in by_year:
            problems.append(f"{where}{label}{at} appears more than once; the first is used")
            continue
        by_year[start] = (label, values)
        if row:
            rows[start] = row
    if not by_year:
        return SeriesRates({p: None for p in PEERS}, None, None, 0, {}, tuple(problems) or (f"{where}no rows",))
    last = max(by_year)
    first = max(min(by_year), last - historic_years)
    gaps = [y for y in range(first, last + 1) if y not in by_year]
    if gaps:
        problems.append(f"{where}the series has a gap: no row for "
                        + ", ".join(f"{y}/{(y + 1) % 100:02d}" for y in gaps))
    years = last - first
    if years < historic_years:
        problems.append(f"{where}only {years} {'year' if years == 1 else 'years'} of history ({by_year[first][0]} to {by_year[last][0]}), "
                        f"not {historic_years}")
    rates = {}
    first_values = by_year[first][1] if first in by_year else {}
    last_values = by_year[last][1]
    for peer in PEERS:
        rate, why = cagr(first_values.get(peer), last_values.get(peer), years)
        rates[peer] = rate
        if rate is None and (first_values.get(peer) is not None or last_values.get(peer) is not None
                             or peer == "pct"):
            start_label = by_year[first][0] if first in by_year else f"{first}/{(first + 1) % 100:02d}"
            at = f" (rows {rows[first]} and {rows[last]})" if first in rows and last in rows else ""
            problems.append(f"{where}cannot compute the {PEER_NAMES[peer]} CAGR from {start_label} to "
                            f"{by_year[last][0]}{at}: {why}")
    return SeriesRates(rates, by_year[first][0] if first in by_year else None, by_year[last][0], years,
                       {p: last_values.get(p) for p in PEERS}, tuple(problems))


def aspiration_rate(latest: float | None, aspiration: Sequence[object], years: int = 5) -> tuple[float | None, str]:
    """CAGR from the latest actual value to the last of `years` aspiration values, or None and why."""
    values = list(aspiration)
    if len(values) != years:
        return None, f"the aspiration has {len(values)} value(s), not {years}"
    bad = [v for v in values if isinstance(v, bool) or not isinstance(v, (int, float))]
    if bad:
        return None, f"aspiration value {bad[0]!r} is not a number"
    if latest is None:
        return None, "there is no latest actual value to start from"
    rate, why = cagr(latest, values[-1], years)
    return rate, why
