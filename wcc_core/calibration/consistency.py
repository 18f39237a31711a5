"""Consistency across SHAs: does an SHA's panels rate a competency above or below what the evidence supports?

The unit is the PCT: for each PCT and competency, the mean over its sub-competencies of
panel level minus evidence level (sub-competencies of one PCT are judged by one panel,
so they are not independent). For each SHA and competency the pack gives that mean with
its 95% t interval, and the SHA's *effect*: its mean minus the mean of every other SHA's
PCTs, with Welch's 95% interval. Comparing with the other SHAs takes out whatever the
evidence reading gets wrong everywhere alike. An SHA is flagged lenient (effect above 0) or
harsh (below 0) on a competency when |effect| >= `threshold` levels (default 0.5) and the
interval leaves out 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcc_core.calibration.load import PCT
from wcc_core.calibration.stats import difference_interval, mean_interval

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class ShaEffect:
    """One SHA on one competency: its PCTs' mean of panel minus evidence level, its effect, its flag."""

    sha: str
    competency: str
    pcts: int
    mean: float
    low: float
    high: float
    effect: float  # mean minus the other SHAs' mean
    effect_low: float
    effect_high: float
    flagged: str  # "lenient" | "harsh" | ""

    def to_json(self) -> dict:
        """The effect as the calibration pack writes it, figures to three decimals."""
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def pct_differences(pcts: list[PCT], competency: str) -> dict[str, list[tuple[str, float]]]:
    """SHA -> [(PCT code, mean panel-minus-evidence over its sub-competencies with a panel level)]."""
    out: dict[str, list[tuple[str, float]]] = {}
    for pct in pcts:
        diffs = [s.panel_level - s.evidence_level for s in pct.subs.values()
                 if s.competency == competency and s.panel_level is not None]
        if diffs:
            out.setdefault(pct.sha, []).append((pct.code, sum(diffs) / len(diffs)))
    return out


def sha_effects(pcts: list[PCT], competencies: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[ShaEffect]:
    """Every SHA x competency with panel levels: its mean difference, its effect against the others, the flag."""
    effects = []
    for competency in competencies:
        by_sha = pct_differences(pcts, competency)
        for sha in sorted(by_sha):
            mine = [d for _, d in by_sha[sha]]
            others = [d for other, values in by_sha.items() if other != sha for _, d in values]
            m, low, high = mean_interval(mine)
            diff = difference_interval(mine, others)
            if diff is None:  # one SHA alone: nothing to compare with
                diff = (0.0, 0.0, 0.0)
            effect, e_low, e_high = diff
            flag = ""
            if abs(effect) >= threshold and (e_low > 0 or e_high < 0):
                flag = "lenient" if effect > 0 else "harsh"
            effects.append(ShaEffect(sha, competency, len(mine), m, low, high, effect, e_low, e_high, flag))
    return effects
