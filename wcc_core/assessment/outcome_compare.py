"""From the outcomes form and the series to one OutcomeResult per selected outcome.

The arithmetic is outcome_rules.py's; this module reads the form, the series and a locally
defined outcome's dataset, and turns every data problem into a finding that names the
file, the row and what is missing (an outcome with no series, a gap, a zero first value,
an aspiration that is not five numbers). Nothing here raises on bad data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Mapping

from wcc_core.records.results import OutcomeResult
from wcc_core.assessment.outcome_rules import (
    PEER_NAMES,
    PEERS,
    SLOWER_THAN_NATIONAL,
    WORSENING,
    AspirationRule,
    ambition,
    aspiration_rate,
    compare,
    historic_rates,
    relative,
    trend,
    year_start,
)


@dataclass(frozen=True)
class OutcomeSettings:
    """The outcomes plugin's data beyond appendix I: `[comparison]` and `[aspiration_rule]` in metrics.toml."""

    historic_years: int = 3
    national_pct_count: int = 152  # PCTs in England in 2009/10: "national coverage of all PCTs"
    min_months: int = 12
    rule: AspirationRule = AspirationRule()

    @classmethod
    def from_data(cls, data: Mapping) -> "OutcomeSettings":
        """The settings read from metrics.toml's data; tables it lacks keep their defaults."""
        table = dict(data.get("comparison", {}))
        return cls(historic_years=int(table.get("historic_years", cls.historic_years)),
                   national_pct_count=int(table.get("national_pct_count", cls.national_pct_count)),
                   min_months=int(table.get("min_months", cls.min_months)),
                   rule=AspirationRule.from_table(data.get("aspiration_rule")))


def _aspiration_direction(aspiration) -> bool | None:
    """For a locally defined outcome: True when the PCT's aspiration rises, False when it falls."""
    values = [v for v in aspiration if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(values) < 2 or values[-1] == values[0]:
        return None
    return values[-1] > values[0]


def _dataset_checks(context, entry, settings: OutcomeSettings) -> list[tuple[str, bool, str]]:
    """National coverage, at least 12 months and SHA access, checked on the dataset itself."""
    submission = context.submission
    out = []
    if not entry.dataset or not isinstance(entry.dataset, str):
        return [("dataset", False, f"outcome {entry.ref}: no dataset named (outcomes[{entry.position}].dataset)")]
    path, problem = submission.locate(entry.dataset)
    if problem or path is None or not path.is_file():
        return [("dataset", False, f"{entry.dataset}: not found in the submission" + (f" ({problem})" if problem else ""))]
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return [("dataset", False, f"{entry.dataset}: cannot be read as CSV ({error})")]
    area = next((c for c in ("area_code", "org_code", "pct_code", "code", "area") if c in header), None)
    period = next((c for c in ("year", "period", "month", "date") if c in header), None)
    if area is None:
        out.append(("dataset_national", False, f"{entry.dataset}: no area code column (area_code), so national "
                                               "coverage cannot be checked"))
    else:
        areas = {r.get(area, "") for r in rows if r.get(area, "")}
        ok = len(areas) >= settings.national_pct_count
        out.append(("dataset_national", ok, f"{entry.dataset}: {len(areas)} {'area' if len(areas) == 1 else 'areas'}; national coverage means all "
                                            f"{settings.national_pct_count} PCTs"))
    if period is None:
        out.append(("dataset_12_months", False, f"{entry.dataset}: no year or period column"))
    else:
        periods = {r.get(period, "") for r in rows if r.get(period, "")}
        full_years = {p for p in periods if year_start(p) is not None}
        months = len(full_years) * 12 if full_years else len(periods)
        ok = months >= settings.min_months
        what = (_count(len(full_years), "financial year", "financial years") if full_years
                else _count(len(periods), "period", "periods"))
        out.append(("dataset_12_months", ok, f"{entry.dataset}: {what}, about {months} months; at least "
                                             f"{settings.min_months} needed"))
    return out


def _conditions(context, entry, settings: OutcomeSettings) -> tuple[tuple[str, bool, str], ...]:
    out = []
    given = entry.conditions if isinstance(entry.conditions, dict) else {}
    for condition in context.framework.outcome_rules.local_defined_conditions:
        value = given.get(condition.key)
        if isinstance(value, str):
            met, said = bool(value.strip()), (f"'{value.strip()[:80]}'" if value.strip() else "empty")
        else:
            met, said = value is True, ("ticked" if value is True else "not ticked" if value is False else "not given")
        out.append((condition.key, met, f"{condition.text}: {said}"))
    out.extend(_dataset_checks(context, entry, settings))
    return tuple(out)


def assess_outcome(context, entry, settings: OutcomeSettings) -> OutcomeResult:
    """One outcome of the submission: its historic rates against its peers, its aspiration, flags and data problems."""
    framework = context.framework
    file = context.data_files.get("outcome_series", "outcomes.csv")
    metric = framework.outcome_metrics.get(entry.ref)
    findings: list[str] = []
    polarity = metric.higher_is_better if metric else None
    name = (metric.name if metric else "") or (entry.name if isinstance(entry.name, str) else "")
    if metric is None and not entry.locally_defined:
        findings.append(f"submission.toml: outcomes[{entry.position}] ref '{entry.ref}' is not an outcome of "
                        f"{framework.id} (appendix I) nor a locally defined L1..L3")
    if metric is None and entry.locally_defined:
        polarity = _aspiration_direction(entry.aspiration)
        if polarity is None:
            findings.append(f"outcome {entry.ref}: locally defined, and its direction (higher or lower is better) "
                            "cannot be read from a flat aspiration; comparisons are left out")
        else:
            findings.append(f"outcome {entry.ref}: locally defined; direction taken from the PCT's aspiration "
                            f"({'rising' if polarity else 'falling'}: {'higher' if polarity else 'lower'} is better)")
    # outcomes.csv gives one observation per CSV line, in order (header on line 1): the line names the row.
    points = [(o.year, {p: getattr(o, p) for p in PEERS}, getattr(o, "line", None) or i + 2)
              for i, o in enumerate(context.outcome_series) if o.ref == entry.ref]
    cagrs = {p: None for p in PEERS}
    latest: dict = {}
    periods: dict[str, str] = {}
    latest_pct = None
    if not points:
        findings.append(f"{file}: no rows for outcome {entry.ref} (outcomes[{entry.position}] in submission.toml): "
                        "no historic rate can be computed")
    else:
        series = historic_rates(points, settings.historic_years, where=f"{file} {entry.ref}: ")
        findings.extend(series.problems)
        cagrs = series.rates
        latest = {"year": series.last_year, **series.latest}
        latest_pct = series.latest.get("pct")
        if series.first_year and series.last_year:
            periods["historic"] = f"{series.first_year}-{series.last_year} ({series.years} years)"
    years = framework.outcome_rules.aspiration_years
    asp_rate, why = aspiration_rate(latest_pct, entry.aspiration, years)
    if asp_rate is None:
        findings.append(f"submission.toml: outcomes[{entry.position}] ({entry.ref}): cannot compute the aspiration "
                        f"CAGR: {why}")
    elif latest.get("year"):
        start = year_start(latest["year"])
        periods["aspiration"] = (f"{latest['year']}-{start + years}/{(start + years + 1) % 100:02d} ({years} years)"
                                 if start else f"{years} years")
    comparison = {p: c for p in PEERS[1:] if (c := compare(cagrs["pct"], cagrs[p], polarity)) is not None}
    gaps = {p: relative(cagrs["pct"], cagrs[p], polarity) for p in PEERS[1:]}
    position = {p: c for p in PEERS[1:] if (c := compare(latest.get("pct"), latest.get(p), polarity)) is not None}
    direction = trend(cagrs["pct"], polarity)
    flag, ambition_why = ambition(asp_rate, cagrs, polarity, settings.rule)
    flags = []
    if flag:
        flags.append(flag)
    if direction == "worsening":
        flags.append(WORSENING)
    elif direction == "improving" and comparison.get("national") == "worse":
        flags.append(SLOWER_THAN_NATIONAL)
    changed = entry.previous_year is False
    rationale = entry.rationale if isinstance(entry.rationale, str) else ""
    if changed and not rationale.strip():
        findings.append(f"submission.toml: outcomes[{entry.position}] ({entry.ref}) is new since last year but gives "
                        "no rationale")
    conditions = _conditions(context, entry, settings) if entry.locally_defined else ()
    aspiration = tuple(float(v) for v in entry.aspiration
                       if isinstance(v, (int, float)) and not isinstance(v, bool))
    return OutcomeResult(
        ref=entry.ref, name=name, higher_is_better=polarity, cagr=cagrs, aspiration_cagr=asp_rate, latest=latest,
        aspiration=aspiration, flags=tuple(flags), comparison=comparison, changed_since_last_year=changed,
        rationale=rationale, locally_defined=entry.locally_defined, conditions=conditions,
        findings=tuple(findings), position=position, trend=direction, periods=periods, relative=gaps,
        ambition_rule=f"{ambition_why}; rule: {settings.rule.words()}",
    )


def assess_outcomes(context, settings: OutcomeSettings) -> list[OutcomeResult]:
    """One OutcomeResult per row of the outcomes form, in the form's order."""
    return [assess_outcome(context, entry, settings) for entry in context.submission.outcomes]


def describe(result: OutcomeResult) -> str:
    """One line for a briefing: "2a Life expectancy (Males): PCT +0.27% a year, national +0.30% ..."."""
    rates = ", ".join(f"{PEER_NAMES[p]} {v:+.2f}" for p, v in result.cagr.items() if v is not None)
    return f"{result.ref} {result.name}: {rates or 'no rates'}; aspiration {result.aspiration_cagr}"


def _count(n: int, one: str, many: str) -> str:
    """"1 period", "3 periods"."""
    return f"{n} {one if n == 1 else many}"
