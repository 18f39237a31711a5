"""Fit the statement classifiers (wcc_core/judging/statements.py) on development banks.

Each bank's truth (corpus/independent/*/truth.json) records where its planted statements
(a line stated as done), its "not yet" statements and its distractors (topical text that
states nothing as done) are. Their passages are read through the indexer, and two
logistic regressions over words and word pairs (features seen in at least MIN_DF
passages; classes balanced; L2 penalty; Newton's method) are fitted: "not_done" (not-yet
against planted) and "topical" (distractor against planted). Writes the model beside the
framework's framework.toml, or checks it leave-one-bank-out (the area under the ROC curve
on each bank with the classifiers fitted on the others):

    python benchmarks/fit_statement_model.py corpus/independent --write plugins/frameworks/wcc2009
    python benchmarks/fit_statement_model.py corpus/independent --leave-one-out
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.assess_accuracy import pct_folders  # noqa: E402
from corpus.truth_score import _prefix, load_truth  # noqa: E402
from wcc_core.judging.statements import MODEL_FILE, StatementModel, features  # noqa: E402
from wcc_core.pipeline import extracted_documents, load, open_index, reading  # noqa: E402

MIN_DF = 8
L2 = 5.0
CLASSES = {"not_done": "negative_evidence", "topical": "distractors"}


def bank_texts(folder: Path, work: Path) -> list[dict]:
    """{bank, kind, line, text} for every planted, not-yet and distractor passage of one bank that the indexer finds."""
    copy = work / folder.name
    if not copy.exists():
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".wcc"))
    submission, _ = load(copy)
    with reading(open_index(submission)) as index:
        documents = extracted_documents(submission, index)
    truth = load_truth(folder)
    out = []
    for kind in ("planted", "negative_evidence", "distractors"):
        for item in truth[kind]:
            document = documents.get(item["document"])
            pages = [p for p in (document.pages if document else ()) if p.physical == item["physical_page"]]
            text = next((b.text for p in pages for b in p.blocks
                         if _prefix(b.text).startswith(item["paragraph_prefix"][:30])), None)
            if text:
                out.append({"bank": folder.name, "kind": kind, "line": item["criterion_key"], "text": text})
    return out


def _logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Balanced, L2-penalised logistic regression by Newton's method; the last column is the bias (not penalised)."""
    sample = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    penalty = L2 * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-(x @ w)))
        step = np.linalg.solve((x.T * (sample * p * (1 - p))) @ x + penalty, x.T @ (sample * (p - y)) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_model(texts: list[dict]) -> StatementModel:
    """Both classifiers fitted on `texts`."""
    weights = {}
    for name, kind in CLASSES.items():
        rows = [r for r in texts if r["kind"] in ("planted", kind)]
        seen = Counter(f for r in rows for f in features(r["text"]))
        vocabulary = sorted(f for f, n in seen.items() if n >= MIN_DF)
        column = {f: i for i, f in enumerate(vocabulary)}
        x = np.zeros((len(rows), len(vocabulary) + 1))
        x[:, -1] = 1.0
        for i, r in enumerate(rows):
            for f in features(r["text"]):
                if f in column:
                    x[i, column[f]] = 1.0
        y = np.array([float(r["kind"] == kind) for r in rows])
        w = _logistic(x, y)
        weights[name] = (round(float(w[-1]), 6), {f: round(float(w[i]), 6) for f, i in column.items()
                                                  if abs(w[i]) >= 1e-4})
    return StatementModel(weights)


def auc(scores: list[float], labels: list[bool]) -> float:
    """The area under the ROC curve (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg) or 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpus/independent")])
    parser.add_argument("--write", type=Path, metavar="FRAMEWORK_FOLDER",
                        help=f"write {MODEL_FILE} into this framework folder")
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wcc-statements-") as work:
        texts = [t for f in pct_folders(args.paths) for t in bank_texts(f, Path(work))]
    if args.leave_one_out:
        for bank in sorted({t["bank"] for t in texts}):
            model = fit_model([t for t in texts if t["bank"] != bank])
            held = [t for t in texts if t["bank"] == bank]
            cells = []
            for name, kind in CLASSES.items():
                rows = [t for t in held if t["kind"] in ("planted", kind)]
                cells.append(f"{name} AUC {auc([model.probability(name, t['text']) for t in rows], [t['kind'] == kind for t in rows]):.3f}")
            print(f"left out {bank}: " + ", ".join(cells))
    if args.write:
        model = fit_model(texts)
        target = args.write / MODEL_FILE
        target.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
        counts = Counter(t["kind"] for t in texts)
        print(f"wrote {target}: fitted on {len({t['bank'] for t in texts})} banks, {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
