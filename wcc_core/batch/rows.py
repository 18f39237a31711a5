"""One Assessment as rows of the results database's tables (plain dicts, so a worker can send them).

The evidence's own answer and the decided one are kept apart: `evidence_level` is wcc's
proposal before any decision, `panel_level` and `calibrated_level` are what those roles
recorded in the review file, and `final_level` is what stands.
"""

from __future__ import annotations

from typing import Any

from wcc_core.records.results import Assessment, CriterionResult
from wcc_core.batch.confidence import band, evidence_status, line_probability, sub_confidence, sub_uncertainty

MAX_EXCERPT = 400  # characters kept per evidence excerpt: enough to read, the documents hold the rest


def _decisions_by_address(assessment: Assessment) -> dict[tuple[str, str], dict]:
    return {(r["target"], r["key"]): r for r in assessment.decisions.get("applied", [])
            if r.get("index") is None}


def _role_value(record: dict | None, role: str) -> Any:
    if not record or not record.get(role):
        return None
    return record[role]["value"]


def _criterion_row(line: CriterionResult, parent: str) -> dict:
    evidence = []
    for rank, e in enumerate(line.evidence, start=1):
        place = e.place
        evidence.append({"rank": rank, "source": e.source, "stance": e.stance,
                         "document": place.doc_id if place else None, "page": place.label if place else None,
                         "physical_page": place.physical if place else None,
                         "paragraph": place.n if place else None, "score": round(e.fit, 3),
                         "excerpt": e.excerpt[:MAX_EXCERPT]})
    return {"line": line.id, "parent": parent, "level": line.level, "rating": line.rating,
            "evidence_status": evidence_status(line), "status": line.status,
            "probability": line_probability(line), "reason": line.reason, "decided_by": line.decided_by,
            "evidence": evidence}


def _mean(levels: list[int]) -> float | None:
    return round(sum(levels) / len(levels), 1) if levels else None


def competency_rows(assessment: Assessment) -> tuple[list[dict], list[dict], list[dict]]:
    """(competencies, subcompetencies, criteria) rows."""
    decided = _decisions_by_address(assessment)
    competencies, subs, criteria = [], [], []
    for key, competency in assessment.competencies.items():
        evidence_levels = []
        for sub in competency.subcompetencies:
            level = sub.proposed_by_evidence if sub.proposed_by_evidence is not None else sub.proposed
            evidence_levels.append(level)
            confidence = sub_confidence(sub)
            record = decided.get(("level", sub.full_key))
            subs.append({"sub": sub.full_key, "competency": key, "title": sub.title, "self_level": sub.self_level,
                         "evidence_level": level, "confidence": confidence, "confidence_band": band(confidence),
                         "last_year": sub.last_year, "panel_level": _role_value(record, "panel"),
                         "calibrated_level": _role_value(record, "calibration"), "final_level": sub.proposed,
                         "decided_by": sub.decided_by, **sub_uncertainty(sub)})
            criteria.extend(_criterion_row(line, sub.full_key) for line in sub.criteria)
        competencies.append({"competency": key, "title": competency.title, "self_score": competency.self_score,
                             "evidence_score": _mean(evidence_levels), "final_score": competency.score,
                             "last_year_score": competency.last_year_score})
    return competencies, subs, criteria


def governance_rows(assessment: Assessment) -> tuple[list[dict], list[dict]]:
    """(governance, criteria) rows: each component, then its sub-components."""
    decided = _decisions_by_address(assessment)
    rows, criteria = [], []

    def row(key, component, kind, result):
        record = decided.get(("rating", key))
        evidence = result.proposed_by_evidence if result.proposed_by_evidence is not None else result.proposed
        return {"key": key, "component": component, "kind": kind, "title": result.title,
                "self_rating": result.self_rating, "evidence_rating": evidence, "last_year": result.last_year,
                "panel_rating": _role_value(record, "panel"), "calibrated_rating": _role_value(record, "calibration"),
                "final_rating": result.proposed, "rule": result.rule}

    for key, component in assessment.governance.items():
        rows.append(row(key, key, "component", component))
        for sub in component.subcomponents:
            rows.append(row(sub.full_key, key, "subcomponent", sub))
            criteria.extend(_criterion_row(line, sub.full_key) for line in sub.criteria)
    return rows, criteria


def outcome_rows(assessment: Assessment) -> list[dict]:
    """The results database's rows for the assessment's outcomes: one per outcome, its rates and flags."""
    return [{"ref": o.ref, "name": o.name,
             "higher_is_better": None if o.higher_is_better is None else int(o.higher_is_better),
             "cagr_pct": o.cagr.get("pct"), "cagr_national": o.cagr.get("national"),
             "cagr_ons_cluster": o.cagr.get("ons_cluster"), "cagr_top_decile": o.cagr.get("top_decile"),
             "aspiration_cagr": o.aspiration_cagr, "trend": o.trend, "flags": "; ".join(o.flags)}
            for o in assessment.outcomes]


def signpost_rows(assessment: Assessment) -> list[dict]:
    """The results database's rows for the assessment's signposts: one per (key, index).

    Of a signpost's ";" parts the last one's status and document stand.
    """
    if assessment.signposts is None:
        return []
    out = {}
    for s in assessment.signposts.to_json()["signposts"]:
        key = s["key"] if not s.get("sub") else f"{s['key']}{s['sub']}"
        out[(key, s["index"])] = {"key": key, "idx": s["index"], "raw": s["raw"], "document": s.get("document"),
                                  "status": s["status"], "relevance": s.get("relevance")}
    return list(out.values())


def decision_rows(assessment: Assessment) -> list[dict]:
    """Every role's standing decision per target (signpost parts folded into the signpost's key)."""
    rows = {}
    for record in assessment.decisions.get("applied", []):
        key = record["key"] if record.get("index") is None else f"{record['key']}#{record['index']}"
        if record.get("part") is not None:
            key += f".{record['part']}"
        for role in ("analyst", "panel", "calibration"):
            d = record.get(role)
            if d:
                rows[(record["target"], key, role)] = {
                    "target": record["target"], "key": key, "role": role, "value": str(d["value"]),
                    "decided_by": d["by"], "at": d["at"], "because": d.get("because") or None,
                    "stands": int(record["stands"] == role)}
    return list(rows.values())


def assessment_rows(assessment: Assessment) -> dict[str, Any]:
    """Every table's rows for one PCT, and the PCT's own row (without hashes and run)."""
    competencies, subs, competency_lines = competency_rows(assessment)
    governance, governance_lines = governance_rows(assessment)
    pct = assessment.pct
    return {
        "pct": {"code": pct.get("code") or "", "name": pct.get("name") or assessment.submission,
                "sha": pct.get("sha"), "ons_cluster": pct.get("ons_cluster"), "year": pct.get("year_label"),
                "framework": assessment.framework, "review_file": assessment.decisions.get("review_file"),
                "stage": assessment.stage},
        "competencies": competencies,
        "subcompetencies": subs,
        "criteria": competency_lines + governance_lines,
        "governance": governance,
        "outcomes": outcome_rows(assessment),
        "signposts": signpost_rows(assessment),
        "decisions": decision_rows(assessment),
    }
