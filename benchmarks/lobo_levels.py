"""Leave-one-bank-out figures: each bank judged by a line model fitted on the other banks only.

The line model's coefficients in the framework are fitted on every development bank, so
`assess_accuracy.py` figures are in-sample. This benchmark refits the model without the
bank it judges (benchmarks/fit_line_model.py), then assesses that bank with those
coefficients, and prints every figure per bank, worst first. A matching option that
changes the features' distribution is judged on these figures (docs/accuracy.md):

    python benchmarks/lobo_levels.py corpus/independent
    python benchmarks/lobo_levels.py corpus/independent --judging rm3_fit=0.5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.assess_accuracy import apply_judging, judging_overrides, measure, pct_folders, table  # noqa: E402
from benchmarks.cross_fit import each_bank_held_out  # noqa: E402
from corpus.truth_score import figures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpus/independent")])
    parser.add_argument("--judging", action="append", default=[], metavar="KEY=VALUE",
                        help="Judge with this [judging] value instead of the framework's (repeatable)")
    args = parser.parse_args()
    overrides = judging_overrides(args.judging)
    apply_judging(overrides)
    folders = pct_folders(args.paths)
    per_bank, total = [], Counter()
    with tempfile.TemporaryDirectory(prefix="wcc-lobo-") as work:
        for folder in each_bank_held_out(folders, Path(work), overrides):
            counts, _ = measure(folder, Path(work) / "judge")
            total.update(counts)
            per_bank.append((folder.name, figures(counts)))
    per_bank.sort(key=lambda row: (row[1]["level equal to truth"]["value"] or 0, row[0]))
    print(table(per_bank + [("all", figures(total))]))


if __name__ == "__main__":
    main()
