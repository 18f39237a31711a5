"""The truth per criterion line: which lines a PCT's documents state as met, as not met, or not at all.

For every sub-competency the PCT's profile holds a true level (pct_profile.true_levels).
Every document-judgeable line at or below it is met; at the next level up at least one
line is not (a plain statement that it is not done or only intended, or nothing at all);
above that most lines are not met or not evidenced. Lines the handbook leaves to the panel
day (`panel = true`) are `needs_panel`, never planted and outside the additive rule.

Each met or not-met line is planted as its own paragraph in a document of a type that
appendix V lists for the sub-competency (else the strategic plan), in the paraphrase
bank's words (paraphrase.py); after layout, `assessment_json` records where each landed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from corpus.generator.paraphrase import renderer, shares_too_much
from corpus.generator.pct_profile import PCTProfile

FRAMEWORK = "wcc-2009"
LEVELS = (2, 3, 4)
FALLBACK_TYPE = "strategic_plan"


@dataclass(frozen=True)
class Line:
    id: str  # "C6b.3"
    sub: str  # "C6b"
    level: int
    text: str
    panel: bool
    documents: tuple[str, ...]  # appendix V document types for the sub-competency


@dataclass
class Plant:
    """One planted paragraph: the line it speaks to, whether it says met or not, and its words."""

    line: Line
    status: str  # "met" | "not_met"
    text: str
    document: str  # document id


@lru_cache(maxsize=None)
def criteria_lines() -> tuple[Line, ...]:
    """Every criterion line of wcc-2009, in framework order, with its id."""
    from wcc_core.framework import load_framework

    framework = load_framework(FRAMEWORK)
    lines = []
    for key, competency in framework.competencies.items():
        for sub in competency.subcompetencies:
            for i, criterion in enumerate(sub.criteria, start=1):
                lines.append(Line(f"{key}{sub.key}.{i}", f"{key}{sub.key}", criterion.level, criterion.text,
                                  bool(criterion.panel), tuple(sub.evidence.documents)))
    return tuple(lines)


def lines_by_sub() -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = {}
    for line in criteria_lines():
        out.setdefault(line.sub, []).append(line)
    return out


def additive_level(statuses: dict[str, str], lines: list[Line]) -> tuple[int, list[int]]:
    """The handbook's additive rule over document-judgeable lines: (level, levels passed through empty)."""
    level, empty = 1, []
    for n in LEVELS:
        judged = [l for l in lines if l.level == n and not l.panel]
        if not judged:
            empty.append(n)
        elif any(statuses[l.id] != "met" for l in judged):
            break
        level = n
    return level, [n for n in empty if n <= level]


def plan_statuses(profile: PCTProfile, rng: random.Random) -> dict[str, str]:
    """met / not_met / no_evidence / needs_panel for every line, consistent with the profile's true levels."""
    statuses: dict[str, str] = {}
    for sub, lines in lines_by_sub().items():
        true = profile.true_levels[sub]
        failing = next((n for n in LEVELS if n > true and any(l.level == n and not l.panel for l in lines)), None)
        for n in LEVELS:
            judged = [l for l in lines if l.level == n and not l.panel]
            for line in judged:
                if n <= true:
                    statuses[line.id] = "met"
                    continue
                roll = rng.random()
                if n == failing:
                    statuses[line.id] = "met" if roll < 0.3 else "not_met" if roll < 0.75 else "no_evidence"
                else:
                    statuses[line.id] = "met" if roll < 0.1 else "not_met" if roll < 0.4 else "no_evidence"
            if n == failing and all(statuses[l.id] == "met" for l in judged):
                statuses[rng.choice(judged).id] = "not_met"
        for line in lines:
            if line.panel:
                statuses[line.id] = "needs_panel"
        level, _ = additive_level(statuses, lines)
        assert level == true, f"{sub}: lines say level {level}, profile says {true}"
    return statuses


def _capacity(spec: dict, pages: int) -> int:
    """How many planted paragraphs a document can take without outgrowing its page budget."""
    if spec.get("max_pages"):
        pages = min(pages, spec["max_pages"])
        return max(0, (pages - 1) * 2)
    return max(2, pages * 3)


def plan_plants(profile: PCTProfile, statuses: dict[str, str], specs: list[dict], budget: dict[str, int],
                excluded: set[str], bank: str, slots, rng: random.Random) -> dict[str, list[Plant]]:
    """The planted paragraphs of each document, in the order they are to appear."""
    speaker = renderer(bank)
    by_type: dict[str, list[dict]] = {}
    for spec in specs:
        if spec["id"] not in excluded:
            by_type.setdefault(spec["type"], []).append(spec)
    room = {spec["id"]: _capacity(spec, budget[spec["id"]]) for spec in specs}
    plants: dict[str, list[Plant]] = {}
    for line in criteria_lines():
        status = statuses[line.id]
        if status not in ("met", "not_met"):
            continue
        candidates = [s for t in line.documents for s in by_type.get(t, []) if room[s["id"]] > 0]
        if not candidates:
            candidates = [s for s in by_type.get(FALLBACK_TYPE, [])] or [s for s in specs if s["id"] not in excluded]
        spec = rng.choice(candidates)
        room[spec["id"]] -= 1
        text = speaker.statement(line.id, line.text, status, slots, rng)
        assert not shares_too_much(text, line.text)
        plants.setdefault(spec["id"], []).append(Plant(line, status, text, spec["id"]))
    for doc_id in plants:
        rng.shuffle(plants[doc_id])
    return plants


def assessment_json(name: str, bank: str, profile: PCTProfile, statuses: dict[str, str], built: dict) -> dict:
    """expected/assessment.json: every line's truth and where it was planted; every sub-competency's level."""
    where: dict[str, list[dict]] = {}
    for doc_id, document in built.items():
        for p, page in enumerate(document.pages):
            for n, block in enumerate(page.blocks, start=1):
                if block.plant:
                    where.setdefault(block.plant, []).append(
                        {"document": doc_id, "page": page.label, "physical_page": p + 1, "paragraph": n,
                         "text": block.text})
    criteria = {}
    for line in criteria_lines():
        status = statuses[line.id]
        found = where.get(line.id, [])
        assert bool(found) == (status in ("met", "not_met")), f"{line.id}: {status} but planted {len(found)} times"
        criteria[line.id] = {"status": status, "level": line.level, "where": found}
    subs = {}
    for sub, lines in lines_by_sub().items():
        level, empty = additive_level(statuses, lines)
        assert level == profile.true_levels[sub]
        entry = {"level": level, "self": profile.self_levels[sub]}
        if empty:
            entry["note"] = f"level(s) {', '.join(map(str, empty))} have no document-judgeable lines and were passed through"
        subs[sub] = entry
    return {"submission": name, "framework": FRAMEWORK, "bank": bank, "criteria": criteria, "subcompetencies": subs}
