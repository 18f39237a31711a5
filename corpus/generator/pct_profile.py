"""A fictional PCT: its name, partners, strengths and weaknesses, and money.

Everything is drawn from one seeded random.Random, so the same seed gives the same
PCT. The "true" levels are what its documents will evidence; the self-assessment is
the true level, inflated for some PCTs, as panels found in 2009/10.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from corpus.generator.banks import bank

COMPETENCIES = tuple(f"C{n}" for n in range(1, 12))
SUBS = ("a", "b", "c")
GOVERNANCE = (
    "strategy.vision_and_goals", "strategy.initiatives", "strategy.financial_consistency",
    "strategy.board_challenge", "strategy.milestones",
    "finance.historical", "finance.robust_management", "finance.planning_assumptions",
    "finance.base_case", "finance.scenarios",
    "board.organisation", "board.risk", "board.information", "board.performance",
    "board.delegation", "board.interaction",
)
RATINGS = ("red", "amber", "green")
NATIONAL_OUTCOMES = ("1a", "1b", "2a", "2b")


@dataclass
class PCTProfile:
    name: str
    area: str
    code: str
    sha: str
    ons_cluster: str
    inflated: bool  # self-assessment higher than the evidence
    sloppiness: float  # share of signposts that go wrong
    finance_position: str  # "surplus" | "tight" | "deficit"
    income: float  # £m, 2009/10 allocation
    true_levels: dict[str, int] = field(default_factory=dict)  # "C1a" -> 1..4
    self_levels: dict[str, int] = field(default_factory=dict)
    last_year: dict[str, int] = field(default_factory=dict)
    true_ratings: dict[str, str] = field(default_factory=dict)  # governance key -> rag
    self_ratings: dict[str, str] = field(default_factory=dict)
    last_year_ratings: dict[str, str] = field(default_factory=dict)
    local_outcomes: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # fixed prose slots
    tier1_off: int = 0

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def strong(self, topic: str) -> bool:
        """Does the evidence for this topic read as mature (level 3+, or green)?"""
        if topic in self.true_levels:
            return self.true_levels[topic] >= 3
        if topic in self.true_ratings:
            return self.true_ratings[topic] == "green"
        return True


def _area_name(rng: random.Random, taken: set[str]) -> str:
    places = bank("places")
    for _ in range(1000):
        area = rng.choice(places["prefixes"]) + rng.choice(places["suffixes"])
        if area not in taken and area != "Exampleshire":
            taken.add(area)
            return area
    raise RuntimeError("ran out of fictional place names")


def _code(rng: random.Random, taken: set[str]) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXY"
    while True:
        code = "5" + rng.choice(letters) + rng.choice(letters + "0123456789")
        if code not in taken and code != "5ZZ":
            taken.add(code)
            return code


def make_profile(rng: random.Random, name: str | None = None, code: str | None = None,
                 taken: set[str] | None = None, sha: str | None = None, ons_cluster: str | None = None) -> PCTProfile:
    """Draw one PCT. `name`/`code` fix them (the bundled sample); `taken` keeps a corpus distinct."""
    places = bank("places")
    taken = taken if taken is not None else set()
    if name:
        area = re.sub(r"^NHS\s+|\s+(PCT|Primary Care Trust)$", "", name)
    else:
        area = _area_name(rng, taken)
        other = _area_name(rng, taken)
        name = rng.choice(places["kinds"]).format(name=area, other=other)
    code = code or _code(rng, taken)
    capability = rng.choice((1.6, 2.0, 2.3, 2.6, 3.0))  # how mature a commissioner it is
    profile = PCTProfile(
        name=name, area=area, code=code,
        sha=rng.choice(places["shas"]), ons_cluster=rng.choice(places["ons_clusters"]),
        inflated=rng.random() < 0.45,
        sloppiness=rng.choice((0.04, 0.08, 0.12, 0.2)),
        finance_position=rng.choices(("surplus", "tight", "deficit"), weights=(5, 3, 2))[0],
        income=round(rng.uniform(250, 750), 1),
        tier1_off=rng.choice((0, 0, 1, 2, 3, 4)),
    )
    profile.sha = sha or profile.sha
    profile.ons_cluster = ons_cluster or profile.ons_cluster
    strengths = set(rng.sample(COMPETENCIES, 3))
    weaknesses = set(rng.sample([c for c in COMPETENCIES if c not in strengths], 3))
    for competency in COMPETENCIES:
        for sub in SUBS:
            level = capability + (0.8 if competency in strengths else 0) - (0.8 if competency in weaknesses else 0)
            true = max(1, min(4, round(level + rng.uniform(-0.6, 0.6))))
            key = competency + sub
            profile.true_levels[key] = true
            bump = 1 if profile.inflated and rng.random() < 0.6 else 0
            profile.self_levels[key] = min(4, true + bump)
            profile.last_year[key] = max(1, true - (1 if rng.random() < 0.4 else 0))
    for key in GOVERNANCE:
        score = capability - 1 + rng.uniform(-0.7, 0.7)
        if key.startswith("finance.") and profile.finance_position == "deficit":
            score -= 1
        true = RATINGS[max(0, min(2, round(score)))]
        profile.true_ratings[key] = true
        up = profile.inflated and rng.random() < 0.5
        profile.self_ratings[key] = RATINGS[min(2, RATINGS.index(true) + (1 if up else 0))]
        profile.last_year_ratings[key] = RATINGS[max(0, RATINGS.index(true) - (1 if rng.random() < 0.3 else 0))]
    local_pool = [ref for ref in bank("outcomes")["metrics"] if ref not in NATIONAL_OUTCOMES]
    profile.local_outcomes = tuple(sorted(rng.sample(local_pool, rng.randint(3, 5)), key=_ref_key))
    profile.names = _names(rng, profile)
    return profile


def _ref_key(ref: str) -> tuple[int, str]:
    digits = re.match(r"\d+", ref)
    return (int(digits.group()) if digits else 999, ref)


def _names(rng: random.Random, profile: PCTProfile) -> dict[str, str]:
    places = bank("places")
    area = profile.area
    hospital_town = rng.choice(places["prefixes"]) + rng.choice(places["suffixes"])
    people = rng.sample(places["people"], 4)
    # drawn apart from `rng` so that adding it changed no other draw (the national run's shape)
    pspp = random.Random(f"pspp:{profile.name}:{profile.code}").uniform(90, 99)
    return {
        "pct": profile.name,
        "the_pct": "the PCT",
        "area": area,
        "sha": f"NHS {profile.sha}",
        "council": f"{area} {rng.choice(['County Council', 'City Council', 'Metropolitan Borough Council'])}",
        "acute": rng.choice(places["acute_kinds"]).format(name=hospital_town),
        "mh": rng.choice(places["mh_kinds"]).format(name=area),
        "community": rng.choice(places["community_kinds"]).format(name=area),
        "university": rng.choice(places["universities"]).format(name=hospital_town),
        "consultancy": rng.choice(places["consultancies"]),
        "consortium": f"{rng.choice(places['localities'])} {area} Commissioning Consortium",
        "name1": people[0], "name2": people[1], "chair": people[2], "chief_executive": people[3],
        "population": f"{rng.randint(180, 720) * 1000:,}",
        "practices": str(rng.randint(28, 95)),
        "n_localities": str(rng.randint(3, 6)),
        "le_m": f"{rng.uniform(74.5, 78.5):.1f}",
        "le_f": f"{rng.uniform(79.5, 83.0):.1f}",
        "income": f"£{profile.income:.1f}m",
        "income_acute": f"£{rng.randint(180, 420)}m",
        "board_date": rng.choice(["12 November 2009", "26 November 2009", "10 December 2009"]),
        "prev_date": rng.choice(["8 October 2009", "24 September 2009", "15 October 2009"]),
        "year_next": "2010/11",
        "tier1_off": str(profile.tier1_off or 1),
        "deficit_year": rng.choice(["2011/12", "2012/13"]),
        "surplus": f"£{profile.income * rng.uniform(0.002, 0.012):.1f}m",  # kept: drawing it keeps later draws as they were
        "pspp_paid": f"{pspp:.1f}",  # % of non-NHS invoices paid within 30 days, by number (the accounts' table)
        "pspp_value": f"{pspp + 0.4:.1f}",  # and by value, as the table shows it
        "ons_cluster": profile.ons_cluster,
    }
