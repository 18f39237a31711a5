"""Fit the line model's coefficients (judging/line_model.py) on development banks.

For every document-judged criterion line of every PCT given (folders with truth.json, as
benchmarks/assess_accuracy.py takes them), the judge's features are paired with the
truth (met or not), and a logistic regression with a small L2 penalty is fitted by
Newton's method, in plain Python: the full model (`p_*` keys) on the lines that have
exemplars (judging/exemplars.py), the plain model (`plain_*`, every feature but
`exemplar`) on every line. Prints the coefficients as the framework's [judging] keys, the
reliability table (predicted P(met) in bins against the share met, by the run time's own
arithmetic) and, with --leave-one-out, each bank scored by models fitted on the others.

    python benchmarks/fit_line_model.py corpus/independent --leave-one-out
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.assess_accuracy import apply_judging, judging_overrides, pct_folders  # noqa: E402
from corpus.truth_score import load_truth  # noqa: E402
from wcc_core.pipeline import run_assessment  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from wcc_core.judging.line_model import FEATURES, PLAIN, probability_met  # noqa: E402


def rows_of(folder: Path, work: Path) -> list[tuple[list[float], int, str]]:
    """(features, met?, line id) for every document-judged line of one PCT."""
    copy = work / folder.name
    if not copy.exists():
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".wcc"))
    assessment = run_assessment(copy, review_file=False, validate=False)
    truth = load_truth(folder)
    lines = {c.id: c for comp in assessment.competencies.values() for s in comp.subcompetencies for c in s.criteria}
    out = []
    for sub_lines in truth["criteria"].values():
        for line in sub_lines:
            got = lines.get(line["key"])
            if line["kind"] != "doc" or got is None or not got.signals or line["met"] is None:
                continue
            signals = dict(got.signals)
            out.append(([signals.get(f, 0.0) for f in FEATURES], int(bool(line["met"])), line["key"]))
    return out


def fit(rows, l2: float = 1.0, steps: int = 50, names=FEATURES) -> list[float]:
    """Logistic regression by Newton's method over features `names`; returns [bias, *weights]."""
    k = len(names) + 1
    w = [0.0] * k
    for _ in range(steps):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y, _ in rows:
            v = [1.0, *x]
            z = sum(a * b for a, b in zip(w, v))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in range(k):
                grad[i] += (p - y) * v[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * v[i] * v[j]
        for i in range(1, k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def _solve(a, b):
    """Gaussian elimination with partial pivoting (k is 7)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for cc in range(c, n + 1):
                m[r][cc] -= f * m[c][cc]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][cc] * x[cc] for cc in range(r + 1, n))) / m[r][r]
    return x


def fit_both(rows) -> dict[str, float]:
    """The [judging] keys of both line models fitted on `rows` (features in FEATURES order): `p_*` on the
    rows whose line has exemplars, `plain_*` on every row without the exemplar feature."""
    at = FEATURES.index("exemplar")
    full = fit([r for r in rows if r[0][at] >= 0])
    keep = [FEATURES.index(name) for name in PLAIN]
    plain = fit([([x[i] for i in keep], y, key) for x, y, key in rows], names=PLAIN)
    return ({"p_bias": full[0]} | {f"p_{n}": v for n, v in zip(FEATURES, full[1:])}
            | {"plain_bias": plain[0]} | {f"plain_{n}": v for n, v in zip(PLAIN, plain[1:])})


def predict(keys: dict[str, float], x) -> float:
    """P(met) for features `x` (FEATURES order) under `keys`, by the run time's arithmetic (line_model.py)."""
    return probability_met(dict(zip(FEATURES, x)), SimpleNamespace(**keys))


def reliability(keys, rows) -> str:
    bins = [[0, 0] for _ in range(10)]
    for x, y, _ in rows:
        b = min(9, int(predict(keys, x) * 10))
        bins[b][0] += 1
        bins[b][1] += y
    lines = ["P(met)     lines  share met"]
    for i, (n, met) in enumerate(bins):
        if n:
            lines.append(f"{i / 10:.1f}-{(i + 1) / 10:.1f}  {n:>7}  {met / n:>9.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--leave-one-out", action="store_true")
    parser.add_argument("--judging", action="append", default=[], metavar="KEY=VALUE",
                        help="Judge with this [judging] value instead of the framework's (repeatable)")
    args = parser.parse_args()
    apply_judging(judging_overrides(args.judging))
    with tempfile.TemporaryDirectory(prefix="wcc-fit-") as work:
        # Each bank's statement figures from classifiers fitted without it (cross_fit.py).
        from benchmarks.cross_fit import cross_fitted_rows

        _, by_bank = cross_fitted_rows(pct_folders(args.paths), Path(work))
    rows = [r for bank in by_bank.values() for r in bank]
    keys = fit_both(rows)
    print("[judging]  # fitted on " + ", ".join(f"{b} ({len(r)} lines)" for b, r in by_bank.items()))
    for key, value in keys.items():
        print(f"{key} = {value:.3f}")
    print(reliability(keys, rows))
    if args.leave_one_out and len(by_bank) > 1:
        for bank, held in by_bank.items():
            other = fit_both([r for b, rs in by_bank.items() if b != bank for r in rs])
            right = sum((predict(other, x) >= 0.5) == bool(y) for x, y, _ in held)
            print(f"left out {bank}: line accuracy {right / len(held):.3f} ({right}/{len(held)})")


if __name__ == "__main__":
    main()
