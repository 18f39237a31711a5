"""The desk's page as records: the left column of units and one unit's lines, decisions and signposts.

A *unit* is what the panel levels or rates: a sub-competency ("C6b") or a governance
sub-component ("finance.base_case"). Only the assessment's public fields are read (as the
JSON renderer does); the proposal shown is the pipeline's, the decided value the one the
review file gives once applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from wcc_core.records.results import Assessment, CriterionResult, EvidenceItem
from wcc_core.review.model import ROLES, role_rank
from wcc_core.review.service import version_of
from wcc_core.review.store import ReviewFile

# A sub-competency's verdict that challenges the PCT's own level (assessment/uncertainty.py).
CHALLENGES = ("over-claim likely", "possible under-claim")


@dataclass
class Unit:
    """One sub-competency or governance sub-component as the left column lists it."""

    key: str
    title: str
    group: str  # "C6" or "finance"
    kind: str  # "competency" | "governance"
    self_value: Any
    proposed: Any  # wcc's proposal (before decisions)
    decided: Any  # the value that stands once decisions are applied
    decided_by: str | None
    verdict: str
    confidence: float | None
    rationale: str
    lines: list[dict] = field(default_factory=list)
    signposts: list[dict] = field(default_factory=list)

    @property
    def to_check(self) -> int:
        """How many of the unit's lines are among its lines to check."""
        return sum(1 for line in self.lines if line["to_check"])

    @property
    def undecided(self) -> int:
        """How many of the unit's lines carry no decision yet."""
        return sum(1 for line in self.lines if line["decision"] is None)

    @property
    def challenge(self) -> bool:
        """Does the unit's verdict challenge the self-assessment?"""
        return self.verdict in CHALLENGES


def _units(assessment: Assessment):
    """(group key, group title, kind, unit result) for every unit, in the framework's order."""
    for key, competency in assessment.competencies.items():
        for sub in competency.subcompetencies:
            yield key, competency.title, "competency", sub
    for key, component in assessment.governance.items():
        for sub in component.subcomponents:
            yield key, component.title, "governance", sub


def _standing(review: ReviewFile, address: tuple):
    mine = [d for d in review.decisions if d.address == address]
    return max(mine, key=lambda d: role_rank(d.role)) if mine else None


def _evidence(item: EvidenceItem, base: str) -> dict:
    out = {"where": item.where, "excerpt": item.excerpt, "stance": item.stance, "source": item.source,
           "score": round(item.fit, 2), "crop": None, "page": None}
    place = item.place
    if place is not None:
        doc = quote(place.doc_id, safe="")
        box = "_".join(f"{v:.1f}" for v in place.bbox) if place.bbox else ""
        out["page"] = f"{base}/page/{doc}/{int(place.physical)}.png" + (f"?box={box}" if box else "")
        if box:
            out["crop"] = f"{base}/crop/{doc}/{int(place.physical)}/{box}.png"
    return out


def _is_challenge(line: CriterionResult, unit, verdict: str) -> bool:
    """The line disagrees with the PCT's own level: claimed but not met, or met above the claim."""
    if verdict not in CHALLENGES or line.level is None or getattr(unit, "self_level", None) is None:
        return False
    return (line.level <= unit.self_level) != (line.status == "met")


def _line(decided: CriterionResult, proposed: CriterionResult, unit, review: ReviewFile, stale: list[dict],
          role: str, base: str) -> dict:
    address = ("criterion", decided.id, None, None)
    standing = _standing(review, address)
    return {
        "id": decided.id, "text": decided.text, "level": decided.level, "rating": decided.rating,
        "status": decided.status, "proposed_status": proposed.status, "confidence": proposed.probability,
        "reason": decided.reason, "enquiry": decided.enquiry,
        "evidence": [_evidence(e, base) for e in decided.evidence],
        "decision": standing, "version": version_of(review, address, role),
        "stale": [s for s in stale if s.get("target") == "criterion" and s.get("key") == decided.id],
        "to_check": decided.id in (getattr(unit, "lines_to_check", ()) or ()),
        "challenge": _is_challenge(proposed, unit, getattr(unit, "verdict", "")),
    }


def _signposts(assessment: Assessment, review: ReviewFile, group: str, unit, kind: str, role: str) -> list[dict]:
    if assessment.signposts is None:
        return []
    out = []
    for r in assessment.signposts.results:
        mine = (r.key == unit.full_key) if kind == "governance" else (r.key == group and r.sub in (None, unit.key))
        if not mine:
            continue
        address = ("signpost", r.key, r.index, None)
        out.append({"key": r.key, "index": r.index, "part": r.part, "parts": r.parts, "raw": r.raw,
                    "status": r.status, "message": r.message, "relevance": r.relevance,
                    "decision": _standing(review, address), "version": version_of(review, address, role)})
    return out


def units(proposals: Assessment, decided: Assessment, review: ReviewFile, *, role: str = "analyst",
          base: str = "", detail: str | None = None) -> list[Unit]:
    """Every unit with its proposal and decided value; the lines and signposts of `detail` only (the one shown)."""
    stale = list((decided.decisions or {}).get("stale") or [])
    out = []
    for (group, _title, kind, before), (_, _, _, after) in zip(_units(proposals), _units(decided)):
        unit = Unit(key=before.full_key, title=before.title, group=group, kind=kind,
                    self_value=before.self_level if kind == "competency" else before.self_rating,
                    proposed=before.proposed, decided=after.proposed, decided_by=after.decided_by,
                    verdict=getattr(before, "verdict", ""), confidence=getattr(before, "confidence", None),
                    rationale=after.rationale)
        proposed_lines = {c.id: c for c in before.criteria}
        unit.lines = [_line(c, proposed_lines.get(c.id, c), before, review, stale, role, base) for c in after.criteria]
        if detail == unit.key:
            unit.signposts = _signposts(decided, review, group, before, kind, role)
        out.append(unit)
    return out


def groups(decided: Assessment, all_units: list[Unit]) -> list[dict]:
    """The left column: each competency (with its score) or governance component (its rating) and its units."""
    out = []
    for key, competency in decided.competencies.items():
        out.append({"key": key, "title": competency.title, "score": competency.score,
                    "self_score": competency.self_score, "kind": "competency",
                    "units": [u for u in all_units if u.group == key and u.kind == "competency"]})
    for key, component in decided.governance.items():
        out.append({"key": key, "title": component.title, "score": component.proposed,
                    "self_score": component.self_rating, "kind": "governance",
                    "units": [u for u in all_units if u.group == key and u.kind == "governance"]})
    return out


def stale_decisions(decided: Assessment) -> list[dict]:


    """The decisions the review file holds that no longer apply, with their reasons."""
    return list((decided.decisions or {}).get("stale") or [])


def roles() -> tuple[str, ...]:


    """The roles a decision may be recorded in."""
    return ROLES
