"""The truth per criterion line: which lines a PCT's documents state as met, as not met, or not at all.

For every sub-competency the PCT's profile holds a true level (pct_profile.true_levels).
Every document-judgeable line at or below it is met; at the next level up at least one
line is not (a plain statement that it is not done or only intended, or nothing at all);
above that most lines are not met or not evidenced. Lines the handbook leaves to the panel
day (`panel = true`) are `needs_panel`, never planted and outside the additive rule.

Lines with a quantitative rule are judged from the analysts' data, so their truth is
made to agree with it: a survey statement's lines (one per agreement level) are met up to
some level and not met above it, never `no_evidence` (the survey file is always there),
and `survey_bands` gives the band the generated mean must fall in; a metric key's lines
are likewise met up to a threshold and not met above it, or all `no_evidence`, and then
the key is left out of metrics.csv (`metric_bands`).

Each met or not-met line is planted as its own paragraph in a document of a type that
appendix V lists for the sub-competency; when those have no room, in a type whose
appendix IV `feeds` include the competency (the strategic plan only if it feeds it), and
failing that in an appendix V type anyway, which then grows. The words come from the
paraphrase bank (paraphrase.py); after layout, `assessment_json` records where each landed.
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
# a non-prescribed document "feeds" everything in appendix IV; never chosen as a fallback
NOT_A_FALLBACK = ("non_prescribed", "local_outcome_dataset")
# how far inside a band a generated survey mean or metric value keeps from its thresholds
SURVEY_MARGIN = 0.2
METRIC_MARGIN = 3.0


@dataclass(frozen=True)
class Line:
    id: str  # "C6b.3"
    sub: str  # "C6b"
    level: int
    text: str
    panel: bool
    documents: tuple[str, ...]  # appendix V document types for the sub-competency
    source: str = ""  # "survey" | "metric" | "" (a quantitative rule judged from the data files)
    key: str = ""  # survey question ("q1") or metrics.csv key
    threshold: float | None = None  # survey: the framework's mean for the agreement; metric: the rule's

    @property
    def competency(self) -> str:
        return self.sub[:-1]


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
                rule = criterion.quantitative
                source, qkey, threshold = "", "", None
                if rule and rule.source == "survey":
                    source, qkey = "survey", rule.key
                    threshold = framework.rules.agreement_threshold(rule.agreement)
                elif rule and rule.source == "metric":
                    assert rule.op == ">=", f"{key}{sub.key}.{i}: only '>=' metric rules are generated"
                    source, qkey, threshold = "metric", rule.key, float(rule.threshold)
                lines.append(Line(f"{key}{sub.key}.{i}", f"{key}{sub.key}", criterion.level, criterion.text,
                                  bool(criterion.panel), tuple(sub.evidence.documents), source, qkey, threshold))
    return tuple(lines)


@lru_cache(maxsize=None)
def feeding_types() -> dict[str, tuple[str, ...]]:
    """Appendix IV: competency key -> the document types whose `feeds` include it."""
    from wcc_core.framework import load_framework

    out: dict[str, list[str]] = {}
    for doc_type in load_framework(FRAMEWORK).info.document_types:
        for key in doc_type.feeds:
            out.setdefault(key, []).append(doc_type.key)
    return {k: tuple(v) for k, v in out.items()}


def quantitative_groups(source: str) -> dict[str, list[Line]]:
    """Survey question or metric key -> its lines, lowest threshold first."""
    out: dict[str, list[Line]] = {}
    for line in criteria_lines():
        if line.source == source and not line.panel:
            out.setdefault(line.key, []).append(line)
    return {k: sorted(v, key=lambda l: l.threshold) for k, v in out.items()}


def _reached(statuses: dict[str, str], lines: list[Line]) -> int:
    """How many of a group's lines (lowest threshold first) are met: they are always a prefix."""
    count = 0
    for line in lines:
        if statuses[line.id] != "met":
            break
        count += 1
    return count


def _band(thresholds: list[float], reached: int, margin: float, floor: float, ceiling: float) -> tuple[float, float]:
    """The values that meet exactly the first `reached` thresholds, `margin` inside each."""
    lo = thresholds[reached - 1] + margin if reached else floor
    hi = thresholds[reached] - margin if reached < len(thresholds) else ceiling
    assert lo < hi, (thresholds, reached)
    return lo, hi


def survey_bands(statuses: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Survey question -> (low, high) for its mean answer, so the framework's thresholds give the truth."""
    return {q: _band([l.threshold for l in lines], _reached(statuses, lines), SURVEY_MARGIN, 2.4, 5.9)
            for q, lines in quantitative_groups("survey").items()}


def metric_bands(statuses: dict[str, str]) -> dict[str, tuple[float, float] | None]:
    """metrics.csv key -> (low, high) for its value, or None when its lines are `no_evidence` (key left out)."""
    out: dict[str, tuple[float, float] | None] = {}
    for key, lines in quantitative_groups("metric").items():
        if all(statuses[l.id] == "no_evidence" for l in lines):
            out[key] = None
            continue
        thresholds = [l.threshold for l in lines]
        out[key] = _band(thresholds, _reached(statuses, lines), METRIC_MARGIN,
                         max(5.0, thresholds[0] - 15), min(95.0, thresholds[-1] + 15))
    return out


def _data_consistent(statuses: dict[str, str], lines: list[Line]) -> None:
    """Make a sub-competency's survey and metric lines say what their data can say.

    Within a survey question or metric key, lines are met up to some threshold and not met
    above it. A survey line is never `no_evidence` (the survey file is always submitted);
    a metric key's lines are all `no_evidence` (key left out) or none is. Only ever turns a
    line above the true level from met or no evidence into not met, so the level stands.
    """
    groups: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        if line.source and not line.panel:
            groups.setdefault((line.source, line.key), []).append(line)
    for (source, _), group in groups.items():
        group.sort(key=lambda l: l.threshold)
        if source == "metric" and all(statuses[l.id] == "no_evidence" for l in group):
            continue
        failed = False
        for line in group:
            if failed or statuses[line.id] != "met":
                statuses[line.id] = "not_met"
                failed = True


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
        _data_consistent(statuses, lines)
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
        spec = rng.choice(_candidates(line, by_type, room) or [s for s in specs if s["id"] not in excluded])
        room[spec["id"]] -= 1
        text = speaker.statement(line.id, line.text, status, slots, rng)
        assert not shares_too_much(text, line.text)
        plants.setdefault(spec["id"], []).append(Plant(line, status, text, spec["id"]))
    for doc_id in plants:
        rng.shuffle(plants[doc_id])
    return plants


def _candidates(line: Line, by_type: dict[str, list[dict]], room: dict[str, int]) -> list[dict]:
    """Where a line may be planted, best first: appendix V types with room; other types whose
    appendix IV `feeds` include the competency, with room; the strategic plan if it feeds it;
    else an appendix V type regardless of room (the document grows); else any feeding type."""
    def of(types, need_room: bool) -> list[dict]:
        return [s for t in types for s in by_type.get(t, []) if not need_room or room[s["id"]] > 0]

    listed = line.documents
    feeding = [t for t in feeding_types().get(line.competency, ()) if t not in NOT_A_FALLBACK]
    return (of(listed, True)
            or of([t for t in feeding if t not in listed and t != FALLBACK_TYPE], True)
            or (of([FALLBACK_TYPE], False) if FALLBACK_TYPE in feeding else [])
            or of(listed, False)
            or of(feeding, False))


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
