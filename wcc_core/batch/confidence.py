"""How sure the evidence is, as the judging steps report it: P(met) per line, a confidence per level.

The judging steps are being rewritten to give each criterion line a probability of being
met (`probability`, `p_met` in the assessment JSON) and each sub-competency a
distribution over levels, a confidence, a verdict and the lines to check. This module
only reads those fields, defensively: a result from judging that does not give them
yields None (NULL in the results database), never a number made up here, so the
calibration pack never ranks PCTs on a guess.

`band` names a confidence high (0.8 and over), medium (0.65 and over) or low; the
outlier rule of `wcc calibrate` reads "high" from it.
"""

from __future__ import annotations

import json

from wcc_core.records.results import CriterionResult, SubCompetencyResult

HIGH = 0.8
MEDIUM = 0.65


def evidence_status(line: CriterionResult) -> str:
    """The status the evidence gave, before any recorded decision."""
    return line.proposed_status or line.status


def _probability(value) -> float | None:
    """A number in 0..1, or None for anything else (absent, None, out of range)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return round(float(value), 3) if 0.0 <= value <= 1.0 else None


def line_probability(line: CriterionResult) -> float | None:
    """P(met) of `line` as judging gave it; None when judging gave none (or for panel-only lines)."""
    return _probability(getattr(line, "probability", None))


def sub_confidence(sub: SubCompetencyResult) -> float | None:
    """The confidence judging gave the sub-competency's proposal; None when absent."""
    return _probability(getattr(sub, "confidence", None))


def sub_uncertainty(sub: SubCompetencyResult) -> dict:
    """Verdict, lines to check and level distribution (JSON text) where judging gave them, else None each."""
    verdict = getattr(sub, "verdict", None) or None
    lines = tuple(getattr(sub, "lines_to_check", ()) or ())
    distribution = tuple(getattr(sub, "distribution", ()) or ())
    return {"verdict": verdict if isinstance(verdict, str) else None,
            "lines_to_check": " ".join(str(line) for line in lines) or None,
            "level_distribution": json.dumps({str(k): v for k, v in distribution}) if distribution else None}


def band(confidence: float | None) -> str | None:
    """"high", "medium" or "low"; None when there is no confidence."""
    if confidence is None:
        return None
    return "high" if confidence >= HIGH else "medium" if confidence >= MEDIUM else "low"
