"""How often `wcc assess` agrees with the truth planted in generated submissions.

Each generated PCT plants, per criterion line, a paraphrase stating it as done (met), a
plain statement that it is not done or only intended (not met), or nothing, and records
the truth in expected/assessment.json (corpus/generator/truth.py). Three paraphrase banks
were written separately: the judging rules and search terms are developed against
"dev" and "dev2"; report figures on "holdout", which the tuning never saw.

    python benchmarks/assess_accuracy.py --bank holdout --pcts 10 --seed 2024

Reports, over all PCTs:
* evidence recall@5: planted statements (met and not met) found among the five evidence
  items of their own criterion line;
* criterion status accuracy over lines the documents can show (not needs_panel), and
  the met / not-met accuracy (no_evidence and not_met both count as "not met");
* proposed level equal to the truth level, and the baseline "propose = self-assessment".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.generator.generate import generate_corpus  # noqa: E402
from corpus.generator.paraphrase import BANKS  # noqa: E402
from wcc_core.assessment.pipeline import assess_documents, extracted_documents, load, open_index, reading  # noqa: E402


def score_pct(folder: Path, index_root: Path) -> dict:
    truth = json.loads((folder / "expected" / "assessment.json").read_text(encoding="utf-8"))
    submission, framework = load(folder)
    with reading(open_index(submission, index_root / folder.name)) as index:
        documents = extracted_documents(submission, index)
    started = time.perf_counter()
    assessment = assess_documents(submission, framework, documents)
    elapsed = time.perf_counter() - started
    results = {c.id: c for comp in assessment.competencies.values() for s in comp.subcompetencies for c in s.criteria}
    counts: Counter = Counter()
    confusion: Counter = Counter()
    for line_id, expected in truth["criteria"].items():
        got = results[line_id]
        status = expected["status"]
        if status == "needs_panel":
            continue
        counts["lines"] += 1
        counts["status_equal"] += got.status == status
        counts["met_equal"] += (got.status == "met") == (status == "met")
        confusion[(status, got.status)] += 1
        for where in expected.get("where", ()):
            counts["planted"] += 1
            top = {(e.document, e.physical_page, e.paragraph) for e in got.evidence[:5]}
            counts["found@5"] += (where["document"], where["physical_page"], where["paragraph"]) in top
    for key, expected in truth["subcompetencies"].items():
        sub = assessment.competencies[key[:-1]].sub(key[-1])
        counts["subs"] += 1
        counts["level_equal"] += sub.proposed == expected["level"]
        counts["baseline_equal"] += expected.get("self") == expected["level"]
        counts["level_within_1"] += abs(sub.proposed - expected["level"]) <= 1
    return {"counts": counts, "confusion": confusion, "seconds": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bank", default="holdout", choices=BANKS)
    parser.add_argument("--pcts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--out", type=Path, default=None, help="Where to generate (default: a temporary folder).")
    args = parser.parse_args()
    root = args.out or Path(tempfile.mkdtemp(prefix="wcc-accuracy-"))
    corpus = root / f"{args.bank}-{args.seed}-{args.pcts}"
    if not (corpus / "corpus.json").exists():
        generate_corpus(corpus, seed=args.seed, pcts=args.pcts, pages=args.pages, bank=args.bank)
    totals: Counter = Counter()
    confusion: Counter = Counter()
    seconds = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        scored = score_pct(folder, root / f"index-{corpus.name}")  # one index per corpus: banks share PCT names
        totals.update(scored["counts"])
        confusion.update(scored["confusion"])
        seconds.append(scored["seconds"])
    report = {
        "bank": args.bank, "seed": args.seed, "pcts": args.pcts,
        "evidence_recall_at_5": round(totals["found@5"] / max(1, totals["planted"]), 3),
        "criterion_status_accuracy": round(totals["status_equal"] / max(1, totals["lines"]), 3),
        "criterion_met_accuracy": round(totals["met_equal"] / max(1, totals["lines"]), 3),
        "level_accuracy": round(totals["level_equal"] / max(1, totals["subs"]), 3),
        "level_within_1": round(totals["level_within_1"] / max(1, totals["subs"]), 3),
        "baseline_self_assessment_level_accuracy": round(totals["baseline_equal"] / max(1, totals["subs"]), 3),
        "planted": totals["planted"], "lines": totals["lines"], "subcompetencies": totals["subs"],
        "confusion (truth -> proposed)": {f"{t} -> {g}": n for (t, g), n in sorted(confusion.items())},
        "assess_seconds_median": round(sorted(seconds)[len(seconds) // 2], 2) if seconds else None,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
