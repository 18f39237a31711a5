"""Extraction speed and memory on the realdocs text-layer PDFs, in one process.

    python benchmarks/extract_realdocs.py [REALDOCS_DIR] [--repeat N]

Prints, per file and in total, pages, wall-clock seconds, CPU seconds, pages/s (by
wall clock and by CPU time: on a shared machine the CPU figure is the steadier one)
and the peak RSS of this process so far. Each file is extracted fully into blocks
with `indexer.pdf.extract_pdf`. With --repeat N the whole set runs N times and the
median total is reported. With --compare-pdfium each run is followed by a run of
SPEED_BASELINE.md's method (c), bare pypdfium2 `get_text_range`, and the ratio of the
two is printed with both rates: on a busy machine that ratio is steadier than either
figure alone, and both rates come from this run (docs/performance.md).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_kit import pdfium_text_seconds  # noqa: E402
from indexer.pdf import extract_pdf  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(files: list[Path], show: bool) -> tuple[int, float, float]:
    pages = 0
    wall_total = cpu_total = 0.0
    for path in files:
        wall, cpu = time.perf_counter(), time.process_time()
        document = extract_pdf(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = len(document.pages)
        pages += n
        wall_total += wall
        cpu_total += cpu
        if show:
            print(
                f"{path.name[:48]:48} {n:5d} {wall:7.2f} {cpu:7.2f} "
                f"{n / wall:8.1f} {n / max(cpu, 1e-9):8.1f} {_peak_rss_mb():8.0f}"
            )
    return pages, wall_total, cpu_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("realdocs", nargs="?", default=str(ROOT.parent / "shared" / "realdocs"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare-pdfium", action="store_true")
    args = parser.parse_args()
    folder = Path(args.realdocs) / "pdf"
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {folder}", file=sys.stderr)
        return 2
    print(f"{'file':48} {'pages':>5} {'wall s':>7} {'cpu s':>7} {'p/s wall':>8} {'p/s cpu':>8} {'peak MB':>8}")
    runs = []
    pdfium = []
    for i in range(args.repeat):
        runs.append(run_once(files, show=(i == 0)))
        if args.compare_pdfium:
            pdfium.append(pdfium_text_seconds(files))
    pages = runs[0][0]
    wall = statistics.median(r[1] for r in runs)
    cpu = statistics.median(r[2] for r in runs)
    print(
        f"{'TOTAL (median of %d)' % args.repeat:48} {pages:5d} {wall:7.2f} {cpu:7.2f} "
        f"{pages / wall:8.1f} {pages / cpu:8.1f} {_peak_rss_mb():8.0f}"
    )
    if pdfium:
        reference = statistics.median(pdfium)
        print(f"bare pypdfium2 text (method c), same run: {reference:.2f} s CPU, {pages / reference:.0f} pages/s")
        print(f"rate against bare pypdfium2: {reference / cpu:.2f}x ({pages / cpu:.0f} vs {pages / reference:.0f} pages/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
