"""Fit the level decision (assessment/uncertainty.py) on development banks: the prior on the
self-assessment, the level-step model and the evidence weight.

* The prior is how far the truth lies from the self-assessed level, counted over every
  sub-competency of the banks (add-one smoothing over the offsets -3..3): `self_prior`,
  `prior_below`, `prior_above`.
* The level-step model is a logistic regression (L2 1.0, Newton's method): for every
  sub-competency whose truth reached level n-1 and every step n = 2..4, whether the truth
  reached n, from the mean, lowest and highest log-odds of level n's line probabilities
  and the level: the `s_*` keys.
* The evidence weight (the power the evidence's distribution is raised to) is chosen
  leave-one-bank-out on the **worst** bank, the total breaking ties: each bank is judged
  by a line model fitted on the other banks (benchmarks/fit_line_model.py), and decided
  under a prior and a step model fitted on the other banks too.

    python benchmarks/fit_level_decision.py corpus/independent
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.assess_accuracy import apply_judging, judging_overrides, pct_folders  # noqa: E402
from benchmarks.cross_fit import each_bank_held_out  # noqa: E402
from corpus.truth_score import load_truth  # noqa: E402
from wcc_core.assessment.uncertainty import LevelPrior, LevelSteps, decide, line_probability  # noqa: E402
from wcc_core.pipeline import run_assessment  # noqa: E402

GRID = (0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0)
STEP_KEYS = ("s_bias", "s_mean", "s_lowest", "s_highest", "s_level_3", "s_level_4")


def offsets_prior(subs: list[dict]) -> tuple[float, float, float]:
    """(P(truth = self), P(one below), P(one above)) over `subs`, add-one smoothed over offsets -3..3."""
    counts = Counter(s["truth"] - s["self"] for s in subs if s["self"] is not None)
    n = sum(counts.values()) + 7
    return ((counts[0] + 1) / n, (counts[-1] + 1) / n, (counts[1] + 1) / n)


def step_rows(subs: list[dict]) -> tuple[list[list[float]], list[float]]:
    """(features, reached?) for every step n = 2..4 of every sub-competency whose truth reached n - 1."""
    x, y = [], []
    for s in subs:
        for level in s["levels"][1:]:
            ps = [p for p in (line_probability(c) for c in s["criteria"] if c.level == level) if p is not None]
            if s["truth"] < level - 1 or not ps:
                continue
            x.append(list(LevelSteps.features(ps, level)))
            y.append(float(s["truth"] >= level))
    return x, y


def fit_steps(subs: list[dict], l2: float = 1.0) -> LevelSteps:
    """The level-step model fitted on `subs` by Newton's method (the bias not penalised)."""
    x, y = (np.array(v) for v in step_rows(subs))
    w = np.zeros(x.shape[1])
    penalty = l2 * np.diag([0.0] + [1.0] * (x.shape[1] - 1))
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ w)))
        step = np.linalg.solve((x.T * (p * (1 - p))) @ x + penalty, x.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return LevelSteps(*(float(v) for v in w))


def judged_subs(folder: Path, work: Path) -> list[dict]:
    """Every sub-competency of one bank: its line results, levels, self-assessed and true level, status level."""
    copy = work / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".wcc"))
    assessment = run_assessment(copy, review_file=False, validate=False)
    truth = load_truth(folder)
    levels = tuple(range(1, len(assessment.levels) + 1))
    out = []
    for comp_key, subs in truth["levels"].items():
        competency = assessment.competencies[comp_key]
        for sub_key, level in subs.items():
            sub = competency.sub(sub_key)
            out.append({"bank": folder.name, "criteria": sub.criteria, "levels": levels, "truth": level,
                        "self": truth["self"][comp_key][sub_key], "status_level": sub.evidence_level})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpus/independent")])
    parser.add_argument("--judging", action="append", default=[], metavar="KEY=VALUE",
                        help="Judge with this [judging] value instead of the framework's (repeatable)")
    args = parser.parse_args()
    overrides = judging_overrides(args.judging)
    apply_judging(overrides)
    folders = pct_folders(args.paths)
    subs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="wcc-levels-") as work:
        for folder in each_bank_held_out(folders, Path(work), overrides):
            subs += judged_subs(folder, Path(work) / "judge")
    banks = [f.name for f in folders]
    folds = {}
    for bank in banks:
        others = [s for s in subs if s["bank"] != bank]
        folds[bank] = (offsets_prior(others), fit_steps(others))
    print(f"{'weight':>6}  {'total':>9}  worst  " + "  ".join(f"{b[:11]:>11}" for b in banks))
    results = []
    for weight in GRID:
        right = Counter()
        for bank in banks:
            (same, below, above), steps = folds[bank]
            prior = LevelPrior(same, below, above, weight)
            for s in (s for s in subs if s["bank"] == bank):
                decision = decide(s["criteria"], s["levels"], s["self"], prior, s["status_level"], steps)
                right[bank] += decision.proposed == s["truth"]
        total, worst = sum(right.values()), min(right[b] for b in banks)
        results.append((worst, total, -weight))
        print(f"{weight:>6}  {total:>4}/{len(subs):<4}  {worst:>5}  " + "  ".join(f"{right[b]:>11}" for b in banks))
    same, below, above = offsets_prior(subs)
    steps = fit_steps(subs)
    worst, total, weight = max(results)
    print(f"\n[judging]  # fitted on {', '.join(banks)}\nself_prior = {same:.3f}\nprior_below = {below:.3f}\n"
          f"prior_above = {above:.3f}\nevidence_weight = {-weight}  # leave-one-bank-out: worst bank {worst}, "
          f"total {total}/{len(subs)}\nlevel_steps = true")
    for key, value in zip(STEP_KEYS, (steps.bias, steps.mean, steps.lowest, steps.highest, steps.level_3,
                                      steps.level_4)):
        print(f"{key} = {value:.3f}")


if __name__ == "__main__":
    main()
