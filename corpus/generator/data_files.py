"""The analysts' data for one PCT: finance, outcomes, metrics and the stakeholder survey.

`plan_*` functions draw the figures (documents quote them too); `write_*` functions
write them as the CSV files of SUBMISSION_FORMAT.md, with columns in that order.
"""

from __future__ import annotations

import csv
import io
import random

from corpus.generator.banks import bank
from corpus.generator.pct_profile import NATIONAL_OUTCOMES, PCTProfile
from corpus.generator.tables import OUTTURN_YEARS, PLAN_YEARS

SERIES_YEARS = ("2004/05", "2005/06", "2006/07", "2007/08", "2008/09")
SURVEY_COLUMNS = ("respondent", "group", "category", "q1", "q2", "q3", "q4", "q5", "q6", "keep_doing", "do_differently")
# which sub-competency each survey statement evidences (handbook, "PCT feedback survey")
SURVEY_FEEDS = {"q1": "C1a", "q2": "C1b", "q3": "C2b", "q4": "C2c", "q5": "C3a", "q6": "C4c"}


def plan_finance(profile: PCTProfile, rng: random.Random) -> dict:
    """(kind, scenario, year) -> (income, surplus, sha_expected_surplus), £m."""
    rows = {}
    income = profile.income / 1.055 ** 3
    for year in OUTTURN_YEARS:
        expected = round(income * 0.01, 1)
        miss = {"surplus": 0.002, "tight": 0.007, "deficit": 0.02}[profile.finance_position]
        surplus = round(expected - income * rng.uniform(0, miss), 1)
        if profile.finance_position == "deficit" and year == "2008/09":
            surplus = -round(income * rng.uniform(0.002, 0.01), 1)
        rows[("outturn", "actual", year)] = (round(income, 1), surplus, expected)
        income *= 1.055
    growth = {"base": 0.035, "upside": 0.055, "downside": 0.015}
    for scenario, rate in growth.items():
        income = profile.income
        for n, year in enumerate(PLAN_YEARS):
            expected = round(income * 0.01, 1)
            pressure = {"base": 0.0, "upside": -0.002, "downside": 0.006}[scenario] * n
            if profile.finance_position == "deficit":
                pressure += 0.012
            elif profile.finance_position == "tight":
                pressure += 0.004
            surplus = round(expected - income * (pressure + rng.uniform(0, 0.002)), 1)
            rows[("plan", scenario, year)] = (round(income, 1), surplus, expected)
            income *= 1 + rate
    return rows


def _series(rng: random.Random, spec: dict, quality: float) -> list[tuple]:
    """Five years of pct, national, ons_cluster, top_decile for one metric."""
    sign = 1 if spec["better"] == "higher" else -1
    national = spec["national"] - spec["change"] * (len(SERIES_YEARS) - 1)
    gap = abs(spec["national"]) * rng.uniform(0.02, 0.08)
    pct = national - sign * gap * (1.5 - quality)
    cluster = national - sign * gap * 0.5
    top = national + sign * gap * 1.6
    pct_change = spec["change"] * rng.uniform(0.5, 1.6)
    d = spec["decimals"]
    out = []
    for year in SERIES_YEARS:
        out.append((year, round(pct, d), round(national, d), round(cluster, d), round(top, d)))
        national += spec["change"]
        cluster += spec["change"] * 0.9
        top += spec["change"] * 0.8
        pct += pct_change + rng.uniform(-0.2, 0.2) * abs(spec["change"])
    return out


def plan_outcomes(profile: PCTProfile, rng: random.Random) -> list[dict]:
    """The outcomes form: national outcomes, local choices and one locally defined (L1)."""
    metrics = bank("outcomes")["metrics"]
    quality = sum(profile.true_levels.values()) / len(profile.true_levels) / 4
    outcomes = []
    for ref in (*NATIONAL_OUTCOMES, *profile.local_outcomes):
        spec = metrics[ref]
        series = _series(rng, spec, quality)
        outcomes.append(_outcome(ref, spec, series, rng, previous=ref in NATIONAL_OUTCOMES or rng.random() < 0.8))
    local = bank("outcomes")["local"]
    outcomes.append({**_outcome("L1", local, _series(rng, local, quality), rng, previous=True),
                     "name": local["name"], "definition": local["definition"], "source": local["source"]})
    return outcomes


def _outcome(ref: str, spec: dict, series: list[tuple], rng: random.Random, previous: bool) -> dict:
    last = series[-1][1]
    sign = 1 if spec["better"] == "higher" else -1
    step = abs(spec["change"]) * rng.choice((0.8, 1.0, 1.3, 1.6))
    d = spec["decimals"]
    aspiration = [round(last + sign * step * (n + 2), d) for n in range(5)]
    if d == 0:
        aspiration = [float(int(v)) for v in aspiration]
    rationale = rng.choice((
        f"An improvement of {step:.{max(d, 1)}g} each year, closing the gap with our ONS cluster by 2014.",
        "Set to match the top quartile of our ONS cluster by 2013/14, in line with the LAA stretch target.",
        "Trajectory agreed with partners through the LAA; ambitious given the three-year trend.",
        "Above the Vital Signs trajectory, reflecting the investment in the strategic plan.",
    ))
    return {"ref": ref, "series": series, "aspiration": aspiration, "rationale": rationale, "previous_year": previous}


PUBLIC_PERCEPTION_BENCHMARKS = {"public_perception.improving_services": 58.0,
                                "public_perception.listens_to_views": 52.0,
                                "public_perception.helping_improve_health": 55.0}


def plan_metrics(profile: PCTProfile, rng: random.Random, bands: dict[str, tuple[float, float] | None]) -> dict:
    """metrics.csv rows: key -> (value, unit, period, benchmark, benchmark_label).

    `bands` (truth.metric_bands) gives the range of each key a criterion line judges,
    so that the line's threshold agrees with its truth; a key whose lines have no
    evidence (None) is left out.
    """
    mean = sum(profile.true_levels[f"C1{s}"] for s in "abc") / 3
    lift = (mean - 2.5) * 4
    m = {}
    for key, national in (("kf4", 78.6), ("kf11", 51.2), ("kf12", 77.9), ("kf14", 31.4), ("kf15", 60.3), ("kf30", 88.1)):
        m[f"staff_survey.{key}"] = (round(national + lift + rng.uniform(-4, 4), 1), "%", "2008", national, "national")
    m["staff_survey.kf33"] = (round(2.6 - lift / 20 + rng.uniform(-0.2, 0.2), 2), "score", "2008", 2.6, "national")
    m["vital_signs.tier1_off_trajectory"] = (profile.tier1_off, "count", "2009/10", None, "")
    m["vital_signs.existing_commitments_met"] = (9 if profile.tier1_off < 3 else 8, "count", "2009/10", 9, "total")
    this_year = round(min(99, 60 + profile.true_levels["C3c"] * 8 + rng.uniform(-5, 5)), 1)
    m["complaints.concluded_25_days"] = (this_year, "%", "2009/10", None, "")
    m["complaints.concluded_25_days_last_year"] = (round(this_year - rng.uniform(-6, 8), 1), "%", "2008/09", None, "")
    m["workforce.vacancy_days"] = (round(rng.uniform(20, 90) - lift * 3, 0), "days", "2008/09", 52.0, "SHA")
    m["workforce.turnover"] = (round(rng.uniform(8, 16) - lift / 2, 1), "%", "2008/09", 11.9, "SHA")
    m["workforce.sickness"] = (round(rng.uniform(3.2, 5.4), 1), "%", "2008/09", 4.4, "national")
    m["workforce.temporary_staff"] = (round(rng.uniform(3, 14), 1), "%", "2008/09", 7.5, "SHA")
    m["media.positive_or_neutral"] = (round(60 + profile.true_levels["C1a"] * 7 + rng.uniform(-5, 5), 1), "%", "2009/10", 72.0, "SHA")
    m["patient_choice.q2_offered_choice"] = (round(35 + profile.true_levels["C7c"] * 8 + rng.uniform(-4, 4), 1), "%", "2009/10", 49.0, "national")
    m["patient_choice.q5_hospital_wanted"] = (round(rng.uniform(82, 96), 1), "%", "2009/10", 90.0, "national")
    m["supply2health.itts"] = (rng.randint(0, 9), "count", "2008/09", None, "")
    for key, band in sorted(bands.items()):
        if band is not None:
            m[key] = (round(rng.uniform(*band), 1), "%", "2009", PUBLIC_PERCEPTION_BENCHMARKS.get(key), "national")
    return m


def write_finance(finance: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("year", "kind", "scenario", "income", "surplus", "sha_expected_surplus"))
    for (kind, scenario, year), (income, surplus, expected) in sorted(finance.items(), key=lambda kv: (kv[0][0] != "outturn", kv[0][1], kv[0][2])):
        writer.writerow((year, kind, scenario, f"{income:.1f}", f"{surplus:.1f}", f"{expected:.1f}"))
    return out.getvalue()


def write_outcomes(outcomes: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("ref", "year", "pct", "national", "ons_cluster", "top_decile"))
    for outcome in outcomes:
        for year, pct, national, cluster, top in outcome["series"]:
            writer.writerow((outcome["ref"], year, pct, national, cluster, top))
    return out.getvalue()


def write_metrics(metrics: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("key", "value", "unit", "period", "benchmark", "benchmark_label"))
    for key in sorted(metrics):
        value, unit, period, benchmark, label = metrics[key]
        writer.writerow((key, value, unit, period, "" if benchmark is None else benchmark, label))
    return out.getvalue()


def _answers(rng: random.Random, rows: int, band: tuple[float, float]) -> list[str]:
    """One survey statement's answers, 1..6 with some "unable to comment" and blanks, whose
    mean (those two left out, as the framework counts it) lies inside `band`."""
    lo, hi = band
    answers: list[str] = []
    for _ in range(rows):
        roll = rng.random()
        if roll < 0.08:
            answers.append("unable to comment")
        elif roll < 0.1:
            answers.append("")
        else:
            answers.append(str(max(1, min(6, round(rng.gauss((lo + hi) / 2, 0.9))))))
    scored = [i for i, a in enumerate(answers) if a.isdigit()]
    while len(scored) < 12:  # too few answers to carry a mean: answer some of the skipped ones
        i = next(i for i, a in enumerate(answers) if not a.isdigit())
        answers[i] = str(max(1, min(6, round((lo + hi) / 2))))
        scored.append(i)
    values = {i: int(answers[i]) for i in scored}

    def mean() -> float:
        return sum(values.values()) / len(values)

    while not lo <= mean() <= hi:
        up = mean() < lo
        movable = [i for i, v in values.items() if (v < 6 if up else v > 1)]
        i = rng.choice(movable)
        values[i] += 1 if up else -1
    for i, v in values.items():
        answers[i] = str(v)
    return answers


def write_survey(profile: PCTProfile, rng: random.Random, bands: dict[str, tuple[float, float]]) -> tuple[str, str]:
    """(stakeholder-survey.csv, sha-averages.csv).

    `bands` (truth.survey_bands) gives, per statement, the range its mean must fall in so
    that the framework's agreement thresholds agree with the truth of that statement's lines.
    """
    survey = bank("outcomes")["survey"]
    groups = (("partner", survey["partner_categories"]), ("provider", survey["provider_categories"]),
              ("opinion_former", survey["opinion_former_categories"]))
    rows = rng.randint(22, 34)
    columns = {question: _answers(rng, rows, bands[question]) for question in SURVEY_FEEDS}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SURVEY_COLUMNS)
    for n in range(1, rows + 1):
        group, categories = groups[0] if n % 5 in (1, 2, 3) else groups[1] if n % 5 == 4 else groups[2]
        answers = [columns[question][n - 1] for question in SURVEY_FEEDS]
        writer.writerow((f"R{n:03d}", group, rng.choice(categories), *answers,
                         rng.choice(survey["keep_doing"]), rng.choice(survey["do_differently"])))
    sha = io.StringIO()
    sha_writer = csv.writer(sha, lineterminator="\n")
    sha_writer.writerow(("question", "sha_average"))
    for question in SURVEY_FEEDS:
        sha_writer.writerow((question, f"{rng.uniform(3.9, 4.7):.2f}"))
    return out.getvalue(), sha.getvalue()


def write_local_dataset(outcomes: list[dict], profile: PCTProfile, rng: random.Random) -> str:
    """The national dataset a locally defined outcome must come with: every PCT, several years."""
    local = next(o for o in outcomes if o["ref"] == "L1")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("area_code", "area_name", "year", "value"))
    peers = [(profile.code, profile.name)] + [(f"5{chr(65 + i)}{i}", f"Comparator PCT {i + 1}") for i in range(11)]
    for code, name in peers:
        offset = 0.0 if code == profile.code else rng.uniform(-0.15, 0.15)
        for year, pct, national, _, _ in local["series"]:
            value = pct if code == profile.code else national * (1 + offset)
            writer.writerow((code, name, year, round(value)))
    return out.getvalue()
