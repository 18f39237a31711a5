"""The national run measured: 152 PCTs x about 150 pages through `wcc batch`, then `wcc calibrate`.

    python benchmarks/national.py                         # generate the corpus in /tmp/wcc-national (once)
    python benchmarks/national.py --corpus DIR --pages 150 --workers 2
    python benchmarks/national.py --growth                # also: seconds per PCT at 50, 150 and 300 pages

CPU seconds (the batch and its workers, from getrusage) are reported beside wall time:
on a machine shared with other work, wall time measures the neighbours as much as wcc.

Targets (issue 24), on the 2-core machine: cold (index, assess, write the results
database) under 5 minutes; warm (nothing changed) under 20 s; adding one PCT under 10 s;
peak memory under 1 GB per worker; `wcc calibrate` on 152 PCTs under 30 s. Every figure
is the wall time of the real CLI in a subprocess; peak memory is the largest worker's
ru_maxrss as stored per PCT in the results database. Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


CPU = {"last": 0.0}  # CPU seconds of the last command, its worker processes included


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant: the batch and its workers
    return usage.ru_utime + usage.ru_stime


def wcc(*args) -> tuple[float, subprocess.CompletedProcess]:
    """Run the real CLI; (wall seconds, the finished process). Its CPU seconds go to CPU["last"]."""
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO)
    if done.returncode not in (0, 1):
        sys.exit(f"wcc {' '.join(map(str, args))} failed ({done.returncode}):\n{done.stderr}")
    CPU["last"] = _children_cpu() - cpu
    return time.perf_counter() - started, done


def pages_of(folder: Path) -> int:
    """Pages of one generated submission, from its recorded layout (expected/layout.json)."""
    layout = folder / "expected" / "layout.json"
    if layout.exists():
        return sum(len(doc["pages"]) for doc in json.loads(layout.read_text(encoding="utf-8")).values())
    return 0


def per_pct(db: Path) -> tuple[list[float], float]:
    """Seconds of every PCT of the database, and the largest worker peak memory (MB)."""
    with sqlite3.connect(db) as conn:
        seconds = sorted(r[0] for r in conn.execute("SELECT seconds FROM pcts"))
        peak = conn.execute("SELECT max(peak_rss_mb) FROM pcts").fetchone()[0] or 0.0
    return seconds, peak


def national(corpus: Path, pages: int, workers: int, seed: int) -> dict:
    """Cold, warm, add one, calibrate; the corpus is generated first when missing."""
    figures: dict = {}
    if not (corpus / "national.json").exists():
        seconds, _ = wcc("corpus", "generate", corpus, "--national", "--pages", pages, "--seed", seed, "--force")
        figures["generate_s"] = round(seconds, 1)
    folders = sorted(p for p in corpus.iterdir() if (p / "submission.toml").exists())
    work = Path(tempfile.mkdtemp(prefix="wcc-national-run-"))
    held = work / "held"
    held.mkdir()
    last = folders[-1]  # held back, to measure adding one PCT
    shutil.move(last, held / last.name)
    shutil.move(corpus / f"{last.name}.review.toml", held / f"{last.name}.review.toml")
    db, index = work / "results.sqlite", work / "index"
    try:
        figures["pcts"] = len(folders)
        figures["pages_per_pct"] = round(sum(pages_of(f) for f in folders[:-1] + [held / last.name])
                                         / len(folders), 1)
        figures["cold_s"], cold = wcc("batch", corpus, "--out", db, "--workers", workers, "--index-dir", index)
        figures["cold_cpu_s"], figures["cold_exit"] = CPU["last"], cold.returncode
        figures["warm_s"], _ = wcc("batch", corpus, "--out", db, "--workers", workers, "--index-dir", index)
        figures["warm_cpu_s"] = CPU["last"]
        shutil.move(held / last.name, corpus / last.name)
        shutil.move(held / f"{last.name}.review.toml", corpus / f"{last.name}.review.toml")
        figures["add_one_s"], _ = wcc("batch", corpus, "--out", db, "--workers", workers, "--index-dir", index)
        figures["add_one_cpu_s"] = CPU["last"]
        seconds, peak = per_pct(db)
        figures["per_pct_median_s"] = seconds[len(seconds) // 2]
        figures["per_pct_max_s"] = seconds[-1]
        figures["peak_worker_mb"] = round(peak)
        figures["calibrate_s"], calibrated = wcc("calibrate", db, "--out", work / "pack")
        figures["calibrate_cpu_s"], figures["calibrate_summary"] = CPU["last"], calibrated.stdout.strip()
        figures["load_average_1min_at_end"] = round(os.getloadavg()[0], 1)  # other work sharing the machine
    finally:
        for name in (last.name, f"{last.name}.review.toml"):  # never leave the corpus short of a PCT
            if (held / name).exists():
                shutil.move(held / name, corpus / name)
        shutil.rmtree(work, ignore_errors=True)
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}


def growth(page_counts: tuple[int, ...], pcts: int, seed: int) -> list[dict]:
    """Seconds per PCT (one worker, cold) at each page count: how the cost grows with pages."""
    out = []
    for pages in page_counts:
        work = Path(tempfile.mkdtemp(prefix=f"wcc-growth-{pages}-"))
        try:
            wcc("corpus", "generate", work / "c", "--pcts", pcts, "--pages", pages, "--seed", seed)
            folders = sorted(p for p in (work / "c").iterdir() if (p / "submission.toml").exists())
            wall, _ = wcc("batch", work / "c", "--out", work / "r.sqlite", "--workers", 1, "--index-dir", work / "i")
            cpu = CPU["last"]
            seconds, peak = per_pct(work / "r.sqlite")
            out.append({"cpu_per_pct_s": round(cpu / len(folders), 2), "pages_asked": pages, "pages_per_pct": round(sum(map(pages_of, folders)) / len(folders)),
                        "per_pct_mean_s": round(sum(seconds) / len(seconds), 2), "peak_worker_mb": round(peak),
                        "wall_s": round(wall, 1)})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "wcc-national")
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--growth", action="store_true", help="also measure seconds per PCT at 50, 150, 300 pages")
    parser.add_argument("--skip-national", action="store_true", help="only the growth measurement")
    args = parser.parse_args()
    if not args.skip_national:
        print(json.dumps(national(args.corpus, args.pages, args.workers, args.seed), indent=1), flush=True)
    if args.growth:
        print(json.dumps(growth((50, 150, 300), 3, args.seed), indent=1), flush=True)


if __name__ == "__main__":
    main()
