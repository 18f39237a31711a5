"""How fast wcc verifies signposts on an indexed submission (issue 4: 500 signposts < 2 s).

    python benchmarks/verify_signposts.py [SUBMISSION] [--count 500] [--repeat 5] [--index-dir DIR]

SUBMISSION defaults to corpus/samples/exampleshire. Its index is built first (not
timed; a warm index costs nothing to "build"). The submission's own signposts are then
repeated, spread over every competency and governance sub-component of the framework so
that relevance runs one query per element as it would on a real submission, until there
are COUNT of them. Timed, as `wcc signposts` runs them: reading the extractions from the
index, parsing and verifying; then relevance (building the in-memory BM25 over the
index's blocks and scoring every verified signpost). The median of REPEAT runs is reported; the
first run, with a cold index cache, separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import build_index  # noqa: E402
from wcc_core.pipeline import document_sources  # noqa: E402
from wcc_core.framework import load_framework  # noqa: E402
from wcc_core.signposts import VerifyRules, catalogue_for, verify_signposts  # noqa: E402
from wcc_core.scoring import InMemoryScorer
from wcc_core.signposts.relevance import score_relevance  # noqa: E402
from wcc_core.submission import SignpostEntry, load_submission  # noqa: E402


def entries_for(submission, framework, count: int) -> list[SignpostEntry]:
    """`count` signposts: the submission's own texts, dealt round every element of the framework."""
    raws = [s.raw for s in submission.signposts()]
    places = [("competency", key, None) for key in framework.competencies]
    places += [("governance", sub.full_key, None) for sub in framework.subcomponents()]
    return [
        SignpostEntry(places[i % len(places)][0], places[i % len(places)][1], None, i // len(places), raws[i % len(raws)])
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path, default=ROOT / "corpus" / "samples" / "exampleshire")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--index-dir", type=Path, default=None)
    args = parser.parse_args()

    submission = load_submission(args.submission)
    framework = load_framework(submission.framework_id)
    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="wcc-bench-")) / "index"
    sources = document_sources(submission)  # the one path resolver: nothing outside the folder
    started = time.perf_counter()
    index = build_index(sources, index_dir)
    print(f"index ready in {time.perf_counter() - started:.1f} s ({index_dir})")

    entries = entries_for(submission, framework, args.count)
    catalogue = catalogue_for(submission.documents, framework.document_types)
    rules = VerifyRules.from_framework(framework)
    verify_times, relevance_times = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        index = type(index).open(index_dir)  # a fresh handle: no extraction is cached between runs
        documents = {d.id: index.document(d.id) for d in submission.documents}
        report = verify_signposts(entries, catalogue, documents, rules)
        middle = time.perf_counter()
        scorer = InMemoryScorer({d.id: (d.type, documents[d.id]) for d in submission.documents})
        score_relevance(report, framework, scorer)
        verify_times.append(middle - started)
        relevance_times.append(time.perf_counter() - middle)
    totals = [v + r for v, r in zip(verify_times, relevance_times)]
    print(f"{len(report.results)} signposts ({args.count} typed), {report.summary()}")
    print(f"first run: {totals[0]:.2f} s (parse + verify {verify_times[0]:.2f} s, relevance {relevance_times[0]:.2f} s)")
    print(
        f"median of {args.repeat}: {statistics.median(totals):.2f} s "
        f"(parse + verify {statistics.median(verify_times):.2f} s, relevance {statistics.median(relevance_times):.2f} s)"
    )
    index.close()


if __name__ == "__main__":
    main()
