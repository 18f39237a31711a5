"""Fit the line exemplars (wcc_core/judging/exemplars.py) on development banks.

Each bank's truth (corpus/independent/*/truth.json) records where its planted statements
(a criterion line stated as done, in that author's words) are. Their passages are read
through the indexer, and for every line the TF-IDF centroid of its passages is kept
(`ExemplarModel.fit`). Writes the model beside the framework's framework.toml, or checks
it leave-one-bank-out (how often a held-out bank's planted passage is most similar to its
own line among the lines of its sub-competency, and among all lines):

    python benchmarks/fit_line_exemplars.py corpus/independent --write plugins/frameworks/wcc2009
    python benchmarks/fit_line_exemplars.py corpus/independent --leave-one-out
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.assess_accuracy import pct_folders  # noqa: E402
from benchmarks.fit_statement_model import bank_texts  # noqa: E402
from wcc_core.framework import load_framework  # noqa: E402
from wcc_core.judging.exemplars import MODEL_FILE, ExemplarModel  # noqa: E402

FRAMEWORK = "wcc-2009"  # the criteria set the banks are written against (truth.json "framework")


def line_texts(framework_id: str = FRAMEWORK) -> dict[str, str]:
    """Line id -> the line's text in the installed criteria set."""
    framework = load_framework(framework_id)
    return {line.id: line.text for sub in framework.subcompetencies() for line in sub.criteria}


def fit_exemplars(texts: list[dict], lines: dict[str, str]) -> ExemplarModel:
    """The exemplars of every line from the planted passages among `texts` (bank_texts records)."""
    return ExemplarModel.fit((t["line"], lines[t["line"]], t["text"]) for t in texts
                             if t["kind"] == "planted" and t["line"] in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpus/independent")])
    parser.add_argument("--write", type=Path, metavar="FRAMEWORK_FOLDER",
                        help=f"write {MODEL_FILE} into this framework folder")
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    lines = line_texts()
    with tempfile.TemporaryDirectory(prefix="wcc-exemplars-") as work:
        texts = [t for f in pct_folders(args.paths) for t in bank_texts(f, Path(work))]
    planted = [t for t in texts if t["kind"] == "planted" and t["line"] in lines]
    if args.leave_one_out:
        for bank in sorted({t["bank"] for t in planted}):
            model = fit_exemplars([t for t in texts if t["bank"] != bank], lines)
            held = [t for t in planted if t["bank"] == bank]
            in_sub = anywhere = 0
            for t in held:
                sub = t["line"].rsplit(".", 1)[0]
                score = {key: model.similarity(key, text, t["text"]) for key, text in lines.items()}
                anywhere += max(score, key=lambda k: (score[k], k)) == t["line"]
                mine = {k: v for k, v in score.items() if k.rsplit(".", 1)[0] == sub}
                in_sub += max(mine, key=lambda k: (mine[k], k)) == t["line"]
            print(f"left out {bank}: own line most similar {in_sub / len(held):.2f} within its sub-competency, "
                  f"{anywhere / len(held):.2f} among all lines ({len(held)} planted passages)")
    repeated = len(planted) - len({t["text"] for t in planted})
    print(f"{len(planted)} planted passages, {repeated} repeated word for word")
    if args.write:
        model = fit_exemplars(texts, lines)
        target = args.write / MODEL_FILE
        target.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {target}: {len(model.lines)} lines, fitted on {len({t['bank'] for t in planted})} banks")


if __name__ == "__main__":
    main()
