"""How fast wcc writes the full report set for an indexed submission (issue 10: 200 pages < 10 s).

    python benchmarks/report.py [SUBMISSION] [--repeat 3] [--index-dir DIR] [--out DIR]

SUBMISSION defaults to corpus/samples/exampleshire (20 documents, about 200 pages). Its
index is built first and not timed ("indexed submission"). Timed, as `wcc report` runs
them: the assessment on the warm index (signposts, plugins, aggregation), then each
renderer — HTML (with every cited PDF page rendered once and each cited block cropped),
DOCX, XLSX and JSON — and the files written. Wall and CPU seconds are both reported,
because on a shared machine the wall clock measures the neighbours too; the median of
REPEAT runs is given.
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

from wcc_core.pipeline import run_assessment  # noqa: E402
from wcc_core.render import view  # noqa: E402
from wcc_core.render.evidence_images import crop_key, pdf_files  # noqa: E402
from wcc_core.render.registry import renderers  # noqa: E402

FORMATS = ("html", "docx", "xlsx", "json")


class Clock:
    def __init__(self):
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def one_run(submission: Path, index_dir: Path, out: Path) -> dict[str, tuple[float, float]]:
    found = renderers()
    clock = Clock()
    times = {}
    assessment = run_assessment(submission, index_dir=index_dir, review_file=False)
    times["assess"] = clock.lap()
    for name in FORMATS:
        data = found[name].render(assessment, {"root": submission})
        (out / f"report.{found[name].extension}").write_bytes(data)
        times[name] = clock.lap()
    times["total"] = tuple(sum(t[i] for t in times.values()) for i in (0, 1))
    times["_assessment"] = assessment
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path, default=ROOT / "corpus" / "samples" / "exampleshire")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="wcc-bench-")) / "index"
    out = args.out or Path(tempfile.mkdtemp(prefix="wcc-report-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    first = run_assessment(args.submission, index_dir=index_dir, review_file=False)  # builds the index: not timed
    print(f"index ready in {time.perf_counter() - started:.1f} s ({index_dir})")
    pages = sum(d.pages for d in first.documents)
    keys = {k for row in view.criterion_rows(first) for e in row.criterion.evidence if (k := crop_key(e))}
    cited = {k for k in keys if k[0] in pdf_files(first, args.submission)}
    print(f"{first.submission}: {len(first.documents)} documents, {pages} pages; "
          f"{sum(len(r.criterion.evidence) for r in view.criterion_rows(first))} evidence items, "
          f"{len(cited)} cropped blocks on {len({k[:2] for k in cited})} PDF pages")

    runs = [one_run(args.submission, index_dir, out) for _ in range(args.repeat)]
    print(f"{'step':<8}{'wall s':>9}{'cpu s':>9}   (median of {args.repeat})")
    for step in ("assess", *FORMATS, "total"):
        wall = statistics.median(r[step][0] for r in runs)
        cpu = statistics.median(r[step][1] for r in runs)
        print(f"{step:<8}{wall:>9.2f}{cpu:>9.2f}")
    sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(out.iterdir()))
    print(f"files in {out}: {sizes}")
    total = statistics.median(r["total"][0] for r in runs)
    print(f"full report set: {total:.1f} s wall ({'under' if total < 10 else 'OVER'} the 10 s target)")


if __name__ == "__main__":
    main()
