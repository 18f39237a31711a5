"""The calibration pack: one result, from which the HTML, XLSX and JSON are all written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from wcc_core.calibration.consistency import DEFAULT_THRESHOLD, sha_effects
from wcc_core.calibration.league import Scale, league_tables, scorecard
from wcc_core.calibration.load import PCT, CalibrationInputError, load_results
from wcc_core.calibration.outliers import find_outliers
from wcc_core.calibration.pairs import DEFAULT_MAX_DISTANCE, like_for_like

NATIONAL = "National"


def framework_scale(pcts: list[PCT]) -> Scale:
    """The scales of the one framework every PCT was assessed against (a mix cannot be calibrated together)."""
    from wcc_core.framework.registry import load_framework
    from wcc_core.plugin_manager import PluginError

    ids = sorted({p.framework for p in pcts})
    if len(ids) != 1:
        raise CalibrationInputError(f"PCTs assessed against different frameworks ({', '.join(ids)}): "
                                    "calibrate each framework's results apart")
    try:
        info = load_framework(ids[0]).info
    except PluginError as error:
        raise CalibrationInputError(f"framework {ids[0]} of the results is not installed ({error})") from None
    return Scale(info.level_numbers, tuple(info.ratings), tuple(info.governance_keys), tuple(info.competency_keys))


def _sub_keys(pcts: list[PCT]) -> list[str]:
    keys = {s.key for p in pcts for s in p.subs.values()}
    return sorted(keys, key=lambda k: (len(k.rstrip("abcdefgh")), k))


def level_distributions(pcts: list[PCT], scale: Scale) -> list[dict]:
    """Per competency, per SHA and nationally: counts of self, evidence, panel and final levels, lowest first."""
    out = []
    shas = sorted({p.sha for p in pcts})
    for competency in scale.competencies:
        rows = []
        for sha in shas + [NATIONAL]:
            subs = [s for p in pcts if sha in (NATIONAL, p.sha) for s in p.subs.values() if s.competency == competency]
            row = {"sha": sha}
            for series, attr in (("self", "self_level"), ("evidence", "evidence_level"), ("panel", "panel_level"),
                                 ("final", "final_level")):
                counts = Counter(getattr(s, attr) for s in subs if getattr(s, attr) is not None)
                row[series] = [counts.get(level, 0) for level in scale.levels]
            rows.append(row)
        out.append({"competency": competency, "rows": rows})
    return out


def rating_distributions(pcts: list[PCT], scale: Scale) -> list[dict]:
    """Per governance component, per SHA and nationally: counts of self, evidence, panel and final ratings."""
    out = []
    shas = sorted({p.sha for p in pcts})
    for component in scale.components:
        rows = []
        for sha in shas + [NATIONAL]:
            found = [p.governance[component] for p in pcts if sha in (NATIONAL, p.sha) and component in p.governance]
            row = {"sha": sha}
            for series in ("self", "evidence", "panel", "final"):
                counts = Counter(g[series] for g in found if g[series])
                row[series] = [counts.get(r, 0) for r in scale.ratings]
            rows.append(row)
        out.append({"component": component, "rows": rows})
    return out


def build_pack(paths: list[Path], threshold: float = DEFAULT_THRESHOLD,
               max_distance: float = DEFAULT_MAX_DISTANCE) -> dict:
    """Everything the calibration panel reads, as one JSON-ready dict (deterministic: sorted throughout)."""
    pcts = load_results(paths)
    scale = framework_scale(pcts)
    competencies = [c for c in scale.competencies if any(s.competency == c for p in pcts for s in p.subs.values())]
    effects = sha_effects(pcts, competencies, threshold)
    outliers = find_outliers(pcts, effects)
    pairs = like_for_like(pcts, _sub_keys(pcts), max_distance)
    return {
        "sources": [str(p) for p in paths],
        "pcts": len(pcts),
        "shas": {sha: sum(1 for p in pcts if p.sha == sha) for sha in sorted({p.sha for p in pcts})},
        "rules": {"sha_effect": f"|effect| >= {threshold} levels and its 95% interval leaves out 0 "
                                "(effect: the SHA's mean panel-minus-evidence difference minus the other SHAs')",
                  "outlier": "panel differs from the evidence's level by 2 or more, or by 1 where the evidence's "
                             "confidence is high, after taking off a flagged SHA's lean",
                  "pair": f"nearest neighbour over line probabilities within {max_distance} (RMS), "
                          "panel levels differ"},
        "scale": {"levels": list(scale.levels), "ratings": list(scale.ratings),
                  "components": list(scale.components), "competencies": list(scale.competencies)},
        "distributions": {"competencies": level_distributions(pcts, scale),
                          "governance": rating_distributions(pcts, scale)},
        "consistency": [e.to_json() for e in effects],
        "flagged": [e.to_json() for e in effects if e.flagged],
        "outliers": [o.to_json() for o in outliers],
        "pairs": [p.to_json() for p in pairs],
        "league": league_tables(pcts, scale),
        "scorecards": [scorecard(p, scale) for p in pcts],
    }
