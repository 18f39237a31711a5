"""How fast wcc indexes a large submission: cold build, warm re-index, pages/s, peak memory.

    python benchmarks/index_submission.py                 # generate 15 PDFs, >= 1,000 pages
    python benchmarks/index_submission.py PATH            # a submission folder (submission.toml)
    python benchmarks/index_submission.py --realdocs      # every file in ../shared/realdocs

Targets (issue 3): cold build of 1,000 pages / 15 documents < 30 s on 2 cores, warm
re-index < 2 s, peak memory < 1 GB. Peak memory is ru_maxrss of this process and of
the largest worker process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_kit import WORDS  # noqa: E402
from indexer.build import DocumentSource, build_index  # noqa: E402



def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    return " ".join(words).capitalize() + "."


def generate_pdfs(folder: Path, documents: int = 15, pages: int = 1005, seed: int = 1) -> list[DocumentSource]:
    """15 text PDFs with numbered headings, paragraphs and printed page numbers (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    width, height = A4
    per_doc = [pages // documents + (1 if i < pages % documents else 0) for i in range(documents)]
    sources = []
    for d, count in enumerate(per_doc):
        path = folder / f"doc{d:02d}.pdf"
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        section = 0
        for page in range(1, count + 1):
            y = height - 72
            c.setFont("Helvetica", 8)
            c.drawString(72, height - 40, f"NHS Benchmarkshire - document {d}")
            while y > 120:
                if rng.random() < 0.2:
                    section += 1
                    c.setFont("Helvetica-Bold", 13)
                    c.drawString(72, y, f"{section}. {_sentence(rng)[:50]}")
                    y -= 26
                c.setFont("Helvetica", 10)
                for _ in range(rng.randint(3, 6)):
                    line = " ".join(rng.choice(WORDS) for _ in range(12))
                    c.drawString(72, y, line)
                    y -= 13
                y -= 10
            c.setFont("Helvetica", 9)
            c.drawCentredString(width / 2, 40, str(page))
            c.showPage()
        c.save()
        sources.append(DocumentSource(f"D{d:02d}", "non_prescribed", path))
    return sources


def submission_sources(folder: Path) -> list[DocumentSource]:
    from wcc_core.pipeline import document_sources
    from wcc_core.submission import load_submission

    submission = load_submission(folder)
    return document_sources(submission)  # the one path resolver: nothing outside the folder


def realdocs_sources() -> list[DocumentSource]:
    root = (REPO / ".." / "shared" / "realdocs").resolve()
    files = sorted(p for sub in ("pdf", "docx", "broken") for p in (root / sub).iterdir() if p.is_file())
    return [DocumentSource(f"R{i:02d}", "non_prescribed", p) for i, p in enumerate(files)]


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path)
    parser.add_argument("--realdocs", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wcc-bench-") as tmp:
        tmp = Path(tmp)
        if args.realdocs:
            sources, what = realdocs_sources(), "realdocs"
        elif args.submission:
            sources, what = submission_sources(args.submission), str(args.submission)
        else:
            started = time.perf_counter()
            sources = generate_pdfs(tmp / "documents")
            what = f"generated ({time.perf_counter() - started:.1f} s to generate)"
        index_dir = tmp / "index"
        started = time.perf_counter()
        index = build_index(sources, index_dir, workers=args.workers)
        cold = time.perf_counter() - started
        stats = index.build_stats
        docs = index.documents()
        pages = sum(len(d.extracted.pages) for d in docs.values())
        blocks = sum(len(p.blocks) for d in docs.values() for p in d.extracted.pages)
        index.close()
        started = time.perf_counter()
        build_index(sources, index_dir, workers=args.workers).close()
        warm = time.perf_counter() - started
        own, children = peak_mb()
    rows = [
        ("submission", what),
        ("documents / pages / blocks", f"{len(docs)} / {pages} / {blocks}"),
        ("unreadable", str(len(stats.unreadable))),
        ("cold build", f"{cold:.1f} s"),
        ("  extraction", f"{stats.extract_seconds:.1f} s  ({stats.pages_extracted / max(stats.extract_seconds, 1e-9):.0f} pages/s)"),
        ("  indexing", f"{stats.index_seconds:.1f} s  ({pages / max(stats.index_seconds, 1e-9):.0f} pages/s)"),
        ("warm re-index", f"{warm:.2f} s"),
        ("peak memory", f"{own:.0f} MB main, {children:.0f} MB largest worker"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
