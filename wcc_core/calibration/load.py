"""Reading one or more results databases into one national picture.

One database per SHA (or one for the country) is merged; the same PCT code in two files
is an error naming both, since calibration must count each PCT once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wcc_core.batch.schema import ResultsDatabaseError, connect
from wcc_core.errors import WccError


class CalibrationInputError(WccError):
    """Results databases that cannot be calibrated together (unreadable, duplicate PCTs, empty)."""


@dataclass
class Line:
    """One criterion line of one PCT: its level, status, probability and first evidence location."""

    line: str
    level: int | None
    status: str
    probability: float | None
    reason: str
    where: str  # "SP p.20 para 4", or the source of a figure; "" without evidence


@dataclass
class Sub:
    """One sub-competency of one PCT, with its lines."""

    key: str
    competency: str
    self_level: int | None
    evidence_level: int
    confidence: float | None
    band: str | None
    panel_level: int | None
    calibrated_level: int | None
    final_level: int
    lines_to_check: tuple[str, ...] = ()
    lines: list[Line] = field(default_factory=list)


@dataclass
class PCT:
    """One PCT as the calibration pack sees it."""

    code: str
    name: str
    sha: str
    ons_cluster: str | None
    folder: str
    source: str  # the results database it came from
    framework: str = ""
    subs: dict[str, Sub] = field(default_factory=dict)
    competencies: dict[str, dict] = field(default_factory=dict)  # key -> title, self/evidence/final/last_year scores
    governance: dict[str, dict] = field(default_factory=dict)  # key -> kind, ratings
    outcomes: list[dict] = field(default_factory=list)


def _where(document, page, paragraph, source) -> str:
    if document is None:
        return source or ""
    return f"{document} p.{page}" + (f" para {paragraph}" if paragraph else "")


def _read(path: Path) -> list[PCT]:
    try:
        conn = connect(path)
    except ResultsDatabaseError as error:
        raise CalibrationInputError(str(error)) from None
    conn.row_factory = None
    try:
        pcts = {code: PCT(code, name, sha or "(no SHA)", cluster, folder, str(path), framework)
                for code, name, sha, cluster, folder, framework in
                conn.execute("SELECT code, name, sha, ons_cluster, folder, framework FROM pcts ORDER BY code")}
        for row in conn.execute("SELECT pct_code, sub, competency, self_level, evidence_level, confidence, "
                                "confidence_band, panel_level, calibrated_level, final_level, lines_to_check FROM subcompetencies"):
            pcts[row[0]].subs[row[1]] = Sub(*row[1:-1], tuple((row[-1] or "").split()))
        first_evidence = {}
        for cid, document, page, paragraph, source in conn.execute(
                "SELECT criterion_id, document, page, paragraph, source FROM evidence WHERE rank = 1"):
            first_evidence[cid] = _where(document, page, paragraph, source)
        for cid, code, line, parent, level, status, probability, reason in conn.execute(
                "SELECT id, pct_code, line, parent, level, evidence_status, probability, reason FROM criteria "
                "WHERE level IS NOT NULL ORDER BY pct_code, id"):
            sub = pcts[code].subs.get(parent)
            if sub is not None:
                sub.lines.append(Line(line, level, status, probability, reason, first_evidence.get(cid, "")))
        for code, key, title, self_score, evidence, final, last in conn.execute(
                "SELECT pct_code, competency, title, self_score, evidence_score, final_score, last_year_score "
                "FROM competencies"):
            pcts[code].competencies[key] = {"title": title, "self": self_score, "evidence": evidence,
                                            "final": final, "last_year": last}
        for code, key, component, kind, title, self_rating, evidence, last, panel, calibrated, final in conn.execute(
                "SELECT pct_code, key, component, kind, title, self_rating, evidence_rating, last_year, "
                "panel_rating, calibrated_rating, final_rating FROM governance"):
            pcts[code].governance[key] = {"component": component, "kind": kind, "title": title, "self": self_rating,
                                          "evidence": evidence, "last_year": last, "panel": panel,
                                          "calibrated": calibrated, "final": final}
        for code, ref, name, cagr, national, aspiration, flags in conn.execute(
                "SELECT pct_code, ref, name, cagr_pct, cagr_national, aspiration_cagr, flags FROM outcomes "
                "ORDER BY pct_code, ref"):
            pcts[code].outcomes.append({"ref": ref, "name": name, "cagr": cagr, "national": national,
                                        "aspiration": aspiration, "flags": flags})
    except Exception as error:  # a damaged file: name it
        raise CalibrationInputError(f"{path}: cannot read the results ({error})") from None
    finally:
        conn.close()
    return list(pcts.values())


def load_results(paths: list[Path]) -> list[PCT]:
    """Every PCT of every database, sorted by SHA then code; a PCT in two files is an error naming both."""
    seen: dict[str, PCT] = {}
    for path in paths:
        for pct in _read(Path(path)):
            if pct.code in seen:
                raise CalibrationInputError(f"PCT {pct.code} ({pct.name}) is in both {seen[pct.code].source} "
                                            f"and {pct.source}: give each PCT's results once")
            seen[pct.code] = pct
    if not seen:
        raise CalibrationInputError(f"{', '.join(map(str, paths))}: no assessed PCTs to calibrate")
    return sorted(seen.values(), key=lambda p: (p.sha, p.code))
