"""How long `wcc assess` takes on an indexed 200-page submission (target: under 5 s).

    python benchmarks/assess_speed.py [SUBMISSION] [--repeat 3]

Without SUBMISSION a PCT of at least 200 pages is generated (seed 5; asked for 400 pages
it gives 413: below 300 pages the generator, which never repeats a sentence there, runs
out of neutral prose at about 100). The index is built first and
not timed; then the whole assessment (signposts verified and scored, every criterion
line of all 33 sub-competencies and 16 governance sub-components judged, outcomes,
focus areas) is run `--repeat` times in this process, each from a fresh plugin
context, and the median is reported with its parts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.generator.generate import generate_submission  # noqa: E402
from wcc_core.assessment import aggregate  # noqa: E402
from wcc_core.pipeline import build_context, extracted_documents, load, open_index, reading  # noqa: E402
from wcc_core.plugin_manager import get_plugin_manager  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submission", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = args.submission
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="wcc-assess-speed-")) / "pct"
        generate_submission(folder, seed=5, pages=400)
    submission, framework = load(folder)
    with reading(open_index(submission)) as index:
        documents = extracted_documents(submission, index)
    pages = sum(len(d.pages) for d in documents.values() if d)
    pm = get_plugin_manager()
    contexts, judged = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        context = build_context(submission, framework, documents)
        middle = time.perf_counter()
        assessment = aggregate.assemble(context, pm)
        contexts.append(middle - started)
        judged.append(time.perf_counter() - middle)
    lines = sum(len(s.criteria) for c in assessment.competencies.values() for s in c.subcompetencies)
    lines += sum(len(s.criteria) for g in assessment.governance.values() for s in g.subcomponents)
    total = [a + b for a, b in zip(contexts, judged)]
    print(f"{folder}: {pages} pages, {len(documents)} documents, {lines} criterion lines judged")
    print(f"assess (median of {args.repeat}): {statistics.median(total):.2f} s "
          f"= context {statistics.median(contexts):.2f} s (BM25 index, signposts verified and scored, data files) "
          f"+ plugins and rules {statistics.median(judged):.2f} s")


if __name__ == "__main__":
    main()
