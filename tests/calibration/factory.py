"""Results databases built from small descriptions, written through the real store (one transaction per PCT)."""

from __future__ import annotations

from pathlib import Path

from wcc_core.batch import store
from wcc_core.batch.fingerprint import InputHashes
from wcc_core.batch.schema import connect

HASHES = InputHashes("d" * 64, "a" * 64, "none", "f" * 64)
COMPETENCIES = [f"C{k}" for k in range(1, 12)]
SUBS = "abc"


def lines_for(sub: str, level: int, probability: float | None = None) -> list[dict]:
    """Three lines per level 2..4; those up to `level` met (with a page), the others not."""
    out = []
    for n, line_level in enumerate((2, 2, 2, 3, 3, 3, 4, 4, 4), start=1):
        met = line_level <= level
        status = "met" if met else "no_evidence"
        out.append({"line": f"{sub}.{n}", "parent": sub, "level": line_level, "rating": None,
                    "evidence_status": status, "status": status,
                    "probability": None if probability is None else (probability if met else 1 - probability),
                    "reason": f"{status}: SP p.{n} para 2" if met else "no evidence", "decided_by": None,
                    "evidence": [{"rank": 1, "source": "search", "stance": "for", "document": "SP", "page": str(n),
                                  "physical_page": n + 2, "paragraph": 2, "score": 0.8, "excerpt": "We do it."}]
                    if met else []})
    return out


def pct_rows(code: str, sha: str, evidence: dict[str, int] | None = None, panel: dict[str, int] | None = None,
             confidence: dict[str, float] | None = None, governance: dict[str, str] | None = None,
             base: int = 2) -> dict:
    """One PCT: every sub-competency at `base` unless `evidence` says otherwise; panel as given (else = evidence)."""
    evidence, panel, confidence = evidence or {}, panel or {}, confidence or {}
    subs, criteria, competencies = [], [], []
    for competency in COMPETENCIES:
        levels = []
        for s in SUBS:
            key = competency + s
            level = evidence.get(key, base)
            decided = panel.get(key, level)
            levels.append(decided)
            subs.append({"sub": key, "competency": competency, "title": key, "self_level": level,
                         "evidence_level": level, "confidence": confidence.get(key),
                         "confidence_band": None if key not in confidence else
                         ("high" if confidence[key] >= 0.8 else "low"),
                         "last_year": level, "panel_level": decided, "calibrated_level": None,
                         "final_level": decided, "decided_by": "panel J. Chair"})
            criteria.extend(lines_for(key, level))
        score = round(sum(levels) / 3, 1)
        competencies.append({"competency": competency, "title": competency, "self_score": score,
                             "evidence_score": score, "final_score": score, "last_year_score": score})
    ratings = governance or {"strategy": "amber", "finance": "amber", "board": "green"}
    gov = [{"key": c, "component": c, "kind": "component", "title": c, "self_rating": r, "evidence_rating": r,
            "last_year": r, "panel_rating": r, "calibrated_rating": None, "final_rating": r, "rule": ""}
           for c, r in ratings.items()]
    return {"pct": {"code": code, "name": f"{code} PCT", "sha": sha, "ons_cluster": None, "year": "2009/10",
                    "framework": "wcc-2009", "review_file": None, "stage": "panel_report"},
            "competencies": competencies, "subcompetencies": subs, "criteria": criteria, "governance": gov,
            "outcomes": [], "signposts": [], "decisions": []}


def write_database(path: Path, pcts: list[dict]) -> Path:
    """A results database holding `pcts` (from pct_rows)."""
    conn = connect(path, create=True)
    try:
        run = store.start_run(conn, {"made_by": "tests"})
        for rows in pcts:
            code = rows["pct"]["code"]
            store.write_pct(conn, rows, HASHES, run, f"/submissions/{code}", 1.0, 100.0)
        store.finish_run(conn, run, len(pcts), 0, 0)
    finally:
        conn.close()
    return path
