"""Outliers for re-scoring: PCTs whose panel level is far from the evidence's, with the lines that decide.

A sub-competency is listed when its panel level differs from the evidence's level by 2
or more, or by 1 where the evidence's confidence is high. Where the PCT's SHA is flagged
lenient or harsh on that competency (consistency.py), the SHA's systematic lean (its
effect, rounded to a whole level) is taken off first: that lean is one finding for the
SHA, not one per PCT.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcc_core.calibration.consistency import ShaEffect
from wcc_core.calibration.load import PCT, Sub


@dataclass(frozen=True)
class Outlier:
    """A PCT's sub-competency whose panel level is far from the evidence's, with the lines that decide it."""

    code: str
    name: str
    sha: str
    sub: str
    evidence_level: int
    panel_level: int
    calibrated_level: int | None
    confidence: float | None
    band: str | None
    lean: int  # the SHA's systematic lean taken off
    deciding: tuple[dict, ...]  # the lines that decide the evidence's level, with their pages
    folder: str

    def to_json(self) -> dict:
        """The outlier as the calibration pack writes it, with the `wcc review` command to record its level."""
        out = dict(self.__dict__)
        out["deciding"] = list(self.deciding)
        out["record"] = (f"wcc review {self.folder} level {self.sub} LEVEL --role calibration "
                         f"--because \"national calibration\" --by NAME")
        return out


def deciding_lines(sub: Sub, panel: int) -> list[dict]:
    """The lines between the two levels, with their pages: what the panel must have read differently.

    Panel above the evidence: the lines of levels evidence+1..panel the evidence did not
    find met. Panel below: the met lines of levels panel+1..evidence. Lines judging named
    to check (`lines_to_check`) come first.
    """
    low, high = sorted((sub.evidence_level, panel))
    between = [line for line in sub.lines if line.level is not None and low < line.level <= high
               and line.status != "needs_panel" and (line.status == "met") == (panel < sub.evidence_level)]
    first = set(sub.lines_to_check)
    between.sort(key=lambda l: (l.line not in first, l.level, l.line))
    return [{"line": l.line, "level": l.level, "status": l.status, "probability": l.probability,
             "where": l.where, "reason": l.reason} for l in between]


def find_outliers(pcts: list[PCT], effects: list[ShaEffect]) -> list[Outlier]:
    """Every sub-competency that meets the rule, sorted by SHA, PCT code and key."""
    lean = {(e.sha, e.competency): round(e.effect) for e in effects if e.flagged}
    found = []
    for pct in pcts:
        for sub in pct.subs.values():
            if sub.panel_level is None:
                continue
            shift = lean.get((pct.sha, sub.competency), 0)
            residual = sub.panel_level - sub.evidence_level - shift
            if abs(residual) >= 2 or (abs(residual) == 1 and sub.band == "high"):
                found.append(Outlier(pct.code, pct.name, pct.sha, sub.key, sub.evidence_level, sub.panel_level,
                                     sub.calibrated_level, sub.confidence, sub.band, shift,
                                     tuple(deciding_lines(sub, sub.panel_level)), pct.folder))
    return sorted(found, key=lambda o: (o.sha, o.code, o.sub))
