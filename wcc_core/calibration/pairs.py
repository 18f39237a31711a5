"""Like-for-like pairs: PCTs whose line-level evidence is near-identical but whose panels gave different levels.

For each sub-competency every PCT is a vector of its lines' probabilities of being met
(`p_met`); where judging gave none, the line's evidence status stands in for it (met 1,
not met or no evidence 0, needs panel 0.5), so pairs still mean "the same lines found". Each PCT's nearest neighbour (root-mean-square distance)
among the others is found by exhaustive search — 152 PCTs make 11,476 pairs per
sub-competency, a fraction of a second. A pair is listed when the distance is at most
`max_distance` (default 0.05) and the panel levels differ, for the panel to look at side
by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wcc_core.calibration.load import PCT

DEFAULT_MAX_DISTANCE = 0.05


@dataclass(frozen=True)
class Pair:
    """Two PCTs with near-identical evidence on a sub-competency whose panels gave different levels."""

    sub: str
    a: str  # PCT codes, a < b
    b: str
    a_sha: str
    b_sha: str
    distance: float
    a_panel: int
    b_panel: int
    a_evidence: int
    b_evidence: int

    def to_json(self) -> dict:
        """The pair as the calibration pack writes it, figures to four decimals."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


STATUS_VALUE = {"met": 1.0, "not_met": 0.0, "no_evidence": 0.0}


def _value(line) -> float:
    if line.probability is not None:
        return line.probability
    return STATUS_VALUE.get(line.status, 0.5)


def _vectors(pcts: list[PCT], sub: str) -> dict[str, tuple[list[str], list[float]]]:
    out = {}
    for pct in pcts:
        found = pct.subs.get(sub)
        if found is None or found.panel_level is None:
            continue
        lines = sorted(found.lines, key=lambda l: l.line)
        out[pct.code] = ([l.line for l in lines], [_value(l) for l in lines])
    return out


def _distance(a: list[float], b: list[float]) -> float:
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)) / max(1, len(a)))


def like_for_like(pcts: list[PCT], subs: list[str], max_distance: float = DEFAULT_MAX_DISTANCE) -> list[Pair]:
    """Every nearest-neighbour pair within `max_distance` whose panel levels differ, closest first."""
    by_code = {p.code: p for p in pcts}
    found: dict[tuple[str, str, str], Pair] = {}
    for sub in subs:
        vectors = _vectors(pcts, sub)
        codes = sorted(vectors)
        for code in codes:
            ids, mine = vectors[code]
            best, best_d = None, math.inf
            for other in codes:
                if other == code or vectors[other][0] != ids:  # another criteria set's lines: not comparable
                    continue
                d = _distance(mine, vectors[other][1])
                if d < best_d:
                    best, best_d = other, d
            if best is None or best_d > max_distance:
                continue
            a, b = sorted((code, best))
            sa, sb = by_code[a].subs[sub], by_code[b].subs[sub]
            if sa.panel_level != sb.panel_level:
                found[(sub, a, b)] = Pair(sub, a, b, by_code[a].sha, by_code[b].sha, best_d, sa.panel_level,
                                          sb.panel_level, sa.evidence_level, sb.evidence_level)
    return sorted(found.values(), key=lambda p: (p.distance, p.sub, p.a, p.b))
