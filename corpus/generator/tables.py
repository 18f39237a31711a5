"""The tables PCT documents carry: finance scenarios, KPIs, risks, LAA indicators ..."""

from __future__ import annotations

import random

from corpus.generator.layout import Block, Table
from corpus.generator.pct_profile import PCTProfile

PLAN_YEARS = ("2009/10", "2010/11", "2011/12", "2012/13", "2013/14")
OUTTURN_YEARS = ("2006/07", "2007/08", "2008/09")


def _caption(number: int, text: str) -> Block:
    return Block("caption", f"Table {number}: {text}")


def finance_scenarios(profile: PCTProfile, finance: dict, rng: random.Random, number: int) -> Table:
    rows = [["Scenario (surplus)", *PLAN_YEARS]]
    for scenario in ("base", "upside", "downside"):
        rows.append([scenario.capitalize(), *(f"£{finance[('plan', scenario, y)][1]:.1f}m" for y in PLAN_YEARS)])
    return Table(_caption(number, "Planned surplus under three financial scenarios"), rows,
                 [0.3] + [0.14] * 5, topic="finance.scenarios")


def outturn(profile: PCTProfile, finance: dict, rng: random.Random, number: int) -> Table:
    rows = [["Year", "Income", "Surplus", "SHA expected"]]
    for year in OUTTURN_YEARS:
        income, surplus, expected = finance[("outturn", "actual", year)]
        rows.append([year, f"£{income:.1f}m", f"£{surplus:.1f}m", f"£{expected:.1f}m"])
    return Table(_caption(number, "Financial outturn 2006/07 to 2008/09"), rows, [0.25] * 4, topic="finance.historical")


def outcome_aspirations(profile: PCTProfile, outcomes: list[dict], rng: random.Random, number: int) -> Table:
    rows = [["Outcome", "Y1", "Y2", "Y3", "Y4", "Y5"]]
    for outcome in outcomes[:8]:
        rows.append([f"Outcome {outcome['ref']}", *(f"{v:g}" for v in outcome["aspiration"])])
    return Table(_caption(number, "Five-year aspirations for our priority outcomes"), rows,
                 [0.3] + [0.14] * 5, topic="strategy.vision_and_goals")


def staff_survey(profile: PCTProfile, metrics: dict, rng: random.Random, number: int) -> Table:
    rows = [["Key finding", "PCT %", "National %"]]
    for key in ("kf4", "kf11", "kf12", "kf14", "kf15"):
        value, benchmark = metrics[f"staff_survey.{key}"]
        rows.append([f"Staff survey {key.upper()}", f"{value:.0f}", f"{benchmark:.0f}"])
    return Table(_caption(number, "NHS staff survey 2008: key findings"), rows, [0.5, 0.25, 0.25], topic="C1c")


def laa_indicators(profile: PCTProfile, rng: random.Random, number: int) -> Table:
    rows = [["Indicator", "Target", "Actual", "Status"]]
    # the LAA prose says NI 39 is behind trajectory and NI 123 ahead of target; the table agrees
    for code, name, lower_better, ahead in (("NI 39", "Alcohol admissions", True, False), ("NI 56", "Year 6 obesity", True, None),
                                           ("NI 112", "Under 18 conceptions", True, None),
                                           ("NI 120", "All-age mortality", True, None), ("NI 123", "Smoking quitters", False, True)):
        target = rng.randint(50, 900)
        if ahead is None:
            actual = target + rng.randint(-80, 60)
        else:
            actual = target + rng.randint(5, 60) * (1 if ahead != lower_better else -1)
        on_track = actual <= target if lower_better else actual >= target
        rows.append([f"{code} {name}", str(target), str(actual), "On track" if on_track else "Off track"])
    return Table(_caption(number, "LAA health indicators, quarter 2"), rows, [0.4, 0.2, 0.2, 0.2], topic="C2a")


def kpi(profile: PCTProfile, rng: random.Random, number: int) -> Table:
    rows = [["Indicator", "Standard", "Month 7", "RAG"]]
    for name, standard in (("A&E within four hours", 98), ("18 weeks admitted", 90), ("18 weeks non-admitted", 95),
                           ("Cancer two week wait", 93), ("MRSA bacteraemias", 0), ("C. difficile cases", 0)):
        value = standard - rng.randint(-2, 4) if standard else rng.randint(0, 6)
        rag = "Green" if (value >= standard if standard else value <= 2) else "Amber"
        rows.append([name, f"{standard}%" if standard else "plan", str(value), rag])
    return Table(_caption(number, f"Key performance indicators: {profile.names['acute']}"), rows, [0.4, 0.2, 0.2, 0.2], topic="C10a")


def vital_signs(profile: PCTProfile, rng: random.Random, number: int) -> Table:
    rows = [["Vital Signs", "Indicators", "On trajectory", "Off trajectory"]]
    tier1 = 14
    rows.append(["Existing commitments", "9", "9", "0"])
    rows.append(["Tier 1", str(tier1), str(tier1 - profile.tier1_off), str(profile.tier1_off)])
    rows.append(["Tier 2 (local)", "8", str(8 - rng.randint(0, 3)), "-"])
    return Table(_caption(number, "Vital Signs summary, 12-month rolling position"), rows, [0.4, 0.2, 0.2, 0.2], topic="board.performance")


def risk_register(profile: PCTProfile, rng: random.Random, number: int) -> Table:
    rows = [["Ref", "Risk", "Owner", "Score"]]
    risks = ("Financial balance beyond 2011", "Acute over-performance", "Safeguarding children",
             "Provider quality failure", "Delivery of QIPP savings", "Pandemic influenza")
    for i, risk in enumerate(rng.sample(risks, 5), start=1):
        rows.append([f"R{i:02d}", risk, rng.choice(("DoF", "DoC", "DPH", "DoN")), str(rng.choice((8, 12, 15, 16, 20)))])
    return Table(_caption(number, "Principal risks on the corporate risk register"), rows, [0.12, 0.5, 0.18, 0.2], topic="board.risk")


def ppp(profile: PCTProfile, rng: random.Random, number: int) -> Table:
    rows = [["Invoices paid within 30 days", "Number", "£000"]]
    for kind in ("Non-NHS trade invoices", "NHS invoices"):
        total = rng.randint(9000, 30000)
        value = rng.randint(20000, 400000)
        rows.append([f"{kind}: total", f"{total:,}", f"{value:,}"])
        # the non-NHS share is the one the prose states (the "pspp_value" slot)
        paid = float(profile.names["pspp_paid"]) / 100 if kind.startswith("Non") else rng.uniform(0.9, 0.99)
        rows.append([f"{kind}: within target", f"{int(total * paid):,}", f"{int(value * paid):,}"])
        rows.append([f"{kind}: % within target", f"{paid * 100:.1f}%", f"{paid * 100 + 0.4:.1f}%"])
    return Table(_caption(number, "Better Payment Practice Code: measure of compliance 2008/09"), rows, [0.5, 0.25, 0.25], topic="finance.robust_management")
