"""How often `wcc assess` agrees with the truth of independently written PCTs.

Each folder given is a PCT submission with a `truth.json` written by an author who saw
only the criterion texts and a style brief (corpus/independent/, the format of
../shared/assess-dev/README.md), or a folder of such PCTs. Every figure the judging issue
sets a target for is reported per PCT ("bank"), worst bank first (by level accuracy),
then summed over all:

    python benchmarks/assess_accuracy.py corpus/independent
    python benchmarks/assess_accuracy.py corpus/independent --json
    python benchmarks/assess_accuracy.py corpus/independent --judging rm3_candidates=true

The submissions are copied to a temporary folder first: wcc writes its index beside a
submission, and a bank is never changed by measuring it.

The generator banks (dev, dev2, holdout: corpus/banks/) are not measured here: they
share the generator's sentence frames, so they are development data only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.truth_score import FIGURES, figures, load_truth, score  # noqa: E402
from wcc_core.pipeline import run_assessment  # noqa: E402


def judging_overrides(pairs: list[str]) -> dict[str, str]:
    """`--judging key=value` pairs as a dict; a pair without "=" is an error."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--judging {pair}: expected key=value (a key of the framework's [judging] table)")
        out[key.strip()] = value.strip()
    return out


def apply_judging(overrides: dict[str, str]) -> None:
    """Judge with these [judging] values instead of the framework's, for this process (to measure an option).

    Each key must be one `JudgingThresholds` has; the framework's file is not changed.
    """
    from wcc_core.judging.criterion import JudgingThresholds

    if not overrides:
        return
    unknown = sorted(k for k in overrides if k not in JudgingThresholds.__dataclass_fields__)
    if unknown:
        raise SystemExit(f"--judging {', '.join(unknown)}: not a [judging] key")
    # The framework's own reader, kept the first time, so a second call replaces the overrides.
    read = JudgingThresholds.__dict__.get("_framework_reader") or JudgingThresholds.from_framework.__func__
    JudgingThresholds._framework_reader = read

    def from_framework(cls, framework):
        rules = read(cls, framework)
        values = {k: (v.lower() in ("1", "true", "yes") if isinstance(getattr(rules, k), bool)
                      else type(getattr(rules, k))(float(v) if isinstance(getattr(rules, k), float) else v))
                  for k, v in overrides.items()}
        return replace(rules, **values)

    JudgingThresholds.from_framework = classmethod(from_framework)


def pct_folders(paths: list[Path]) -> list[Path]:
    """Every folder holding truth.json and submission.toml among `paths` and their children, sorted."""
    found = []
    for path in paths:
        if (path / "truth.json").is_file():
            found.append(path)
        else:
            found.extend(p for p in sorted(path.iterdir()) if (p / "truth.json").is_file() and (p / "submission.toml").is_file())
    return found


def measure(folder: Path, work: Path) -> tuple[Counter, float]:
    copy = work / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".wcc"))
    started = time.perf_counter()
    assessment = run_assessment(copy, review_file=False, validate=False)
    return score(load_truth(folder), assessment), time.perf_counter() - started


def table(rows: list[tuple[str, dict]]) -> str:
    names = [name for name, *_ in FIGURES]
    width = max(len(n) for n in names)
    out = [f"{'figure':<{width}}  " + "  ".join(f"{bank:>12}" for bank, _ in rows) + "   target"]
    for name, _, _, target, sense in FIGURES:
        cells = []
        for _, figs in rows:
            f = figs[name]
            mark = "" if f["ok"] is None else (" " if f["ok"] else "!")
            cells.append(f"{'-' if f['value'] is None else format(f['value'], '.2f')}{mark} {f['of']:>7}")
        goal = "" if target is None else ("≥ " if sense == "min" else "≤ ") + f"{target:.2f}"
        out.append(f"{name:<{width}}  " + "  ".join(f"{c:>12}" for c in cells) + f"   {goal}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpus/independent")])
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--judging", action="append", default=[], metavar="KEY=VALUE",
                        help="Judge with this [judging] value instead of the framework's (repeatable), "
                             "e.g. --judging rm3_candidates=true")
    args = parser.parse_args()
    apply_judging(judging_overrides(args.judging))
    folders = pct_folders(args.paths)
    if not folders:
        parser.error("no PCT folder with truth.json and submission.toml under " + ", ".join(map(str, args.paths)))
    per_bank = []
    total: Counter = Counter()
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="wcc-accuracy-") as work:
        for folder in folders:
            counts, elapsed = measure(folder, Path(work))
            total.update(counts)
            seconds[folder.name] = round(elapsed, 2)
            per_bank.append((folder.name, figures(counts)))
    per_bank.sort(key=lambda row: (row[1]["level equal to truth"]["value"] or 0, row[0]))
    rows = per_bank + [("all", figures(total))]
    if args.json:
        print(json.dumps({"banks": [{"bank": name, "figures": figs} for name, figs in rows], "seconds": seconds},
                         indent=1, sort_keys=True))
    else:
        print(table(rows))
        print("seconds per PCT (copy, index, assess):", seconds)


if __name__ == "__main__":
    main()
