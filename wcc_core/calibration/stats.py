"""The little statistics calibration needs: means, Welch's t interval for a difference of means.

No numerical library is needed for these sizes (at most 152 PCTs), and the t quantile
comes from the Cornish-Fisher expansion, accurate to about 0.001 for 3 or more degrees of
freedom, which is far below the precision the pack reports (two decimals).
"""

from __future__ import annotations

import math
from statistics import NormalDist, fmean, variance


def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with `df` degrees of freedom (Cornish-Fisher expansion)."""
    z = NormalDist().inv_cdf(p)
    if df == math.inf:
        return z
    v = df
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


def mean_interval(values: list[float], level: float = 0.95) -> tuple[float, float, float] | None:
    """(mean, low, high): the t interval of the mean; None without values."""
    if not values:
        return None
    m = fmean(values)
    if len(values) < 2:
        return m, m, m
    half = t_quantile(0.5 + level / 2, len(values) - 1) * math.sqrt(variance(values) / len(values))
    return m, m - half, m + half


def difference_interval(a: list[float], b: list[float], level: float = 0.95) -> tuple[float, float, float] | None:
    """(mean(a) - mean(b), low, high): Welch's t interval; None when either side is empty."""
    if not a or not b:
        return None
    diff = fmean(a) - fmean(b)
    va = variance(a) / len(a) if len(a) > 1 else 0.0
    vb = variance(b) / len(b) if len(b) > 1 else 0.0
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, diff, diff
    terms = (va**2 / (len(a) - 1) if len(a) > 1 else 0) + (vb**2 / (len(b) - 1) if len(b) > 1 else 0)
    df = (va + vb) ** 2 / terms if terms else math.inf
    half = t_quantile(0.5 + level / 2, max(df, 1.0)) * se
    return diff, diff - half, diff + half
