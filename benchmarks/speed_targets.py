"""The speed targets of docs/performance.md, each as a ratio against a reference timed in the same run.

    python benchmarks/speed_targets.py [--previous DIR] [--only NAME,...] [--docx-paragraphs N]

Every figure is a `wcc` command run in a fresh process, as a user runs it, on inputs
made here (the corpus generator's PCTs, a Word file of short paragraphs):

* cold index of a 1,000-page PCT, against bare pypdfium2 reading the text of the same PDFs;
* `wcc assess` on that indexed PCT, against its cold index;
* `wcc assess` on a PCT with a 50,000-paragraph DOCX added, against its cold index;
* `wcc assess` then `wcc report` on a 150-page PCT, against its cold index.

With `--previous DIR` (an export of an earlier commit: `git archive REV | tar -x -C DIR`)
each command is also run with that code on the same inputs in the same run, so the
previous figure stands beside the new one. The machine is shared: compare ratios.
`--previous-env PYTHONPATH=DIR` runs the previous code's commands with that environment
(a DIR whose `Stemmer.py` raises ImportError times code from before PyStemmer as it ran).
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_kit import ROOT, Timing, add_document, pdfium_text_seconds, write_long_docx  # noqa: E402
from benchmarks.bench_kit import run_wcc as _run_wcc  # noqa: E402
from corpus.generator.generate import generate_submission  # noqa: E402


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pdf") if ".wcc" not in p.parts)


def _fresh(folder: Path) -> None:
    shutil.rmtree(folder / ".wcc", ignore_errors=True)


def measure(code: Path, folders: dict[str, Path], only: set[str], out: Path, env: dict | None = None) -> dict[str, Timing]:
    """Time every chosen target with the code in `code` on `folders` (`env`: extra environment for its commands)."""
    t: dict[str, Timing] = {}
    run_wcc = functools.partial(_run_wcc, env=env)
    if only & {"index", "assess"}:
        _fresh(folders["big"])
        t["index"] = run_wcc("index", str(folders["big"]), code=code)
        t["assess"] = run_wcc("assess", str(folders["big"]), "--no-review", code=code)
    if "docx" in only:
        _fresh(folders["docx"])
        t["docx index"] = run_wcc("index", str(folders["docx"]), code=code)
        t["docx"] = run_wcc("assess", str(folders["docx"]), "--no-review", code=code)
    if "report" in only:
        _fresh(folders["pct"])
        t["pct index"] = run_wcc("index", str(folders["pct"]), code=code)
        t["pct assess"] = run_wcc("assess", str(folders["pct"]), "--no-review", code=code)
        t["pct report"] = run_wcc("report", str(folders["pct"]), "--no-review", "--out", str(out / code.name),
                                  code=code)
        t["report"] = Timing(t["pct assess"].wall + t["pct report"].wall, t["pct assess"].cpu + t["pct report"].cpu)
    return t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--previous", type=Path, help="an export of an earlier commit to time beside this one")
    parser.add_argument("--only", default="index,assess,docx,report")
    parser.add_argument("--docx-paragraphs", type=int, default=50_000)
    parser.add_argument("--previous-env", action="append", default=[], metavar="NAME=VALUE",
                        help="environment for the previous code's commands, e.g. PYTHONPATH=DIR whose Stemmer.py "
                             "raises ImportError, to time it without a library added since")
    args = parser.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="wcc-speed-") as tmp:
        tmp = Path(tmp)
        folders = {"big": tmp / "big", "docx": tmp / "docx", "pct": tmp / "pct"}
        generate_submission(folders["big"], seed=5, pages=1000)  # also the bare-pdfium reference
        if "docx" in only:
            generate_submission(folders["docx"], seed=6, pages=60)
            write_long_docx(folders["docx"] / "long.docx", args.docx_paragraphs)
            add_document(folders["docx"], "LONG", "long.docx")
        if "report" in only:
            generate_submission(folders["pct"], seed=7, pages=150)
        pdfium = pdfium_text_seconds(_pdfs(folders["big"]))
        codes = {"this code": ROOT} | ({"previous": args.previous.resolve()} if args.previous else {})
        previous_env = dict(v.split("=", 1) for v in args.previous_env)
        results = {name: measure(code, folders, only, tmp / "out", previous_env if name == "previous" else None)
                   for name, code in codes.items()}
    print(f"bare pypdfium2 text of the 1,000-page PCT's PDFs: {pdfium:.2f} s CPU")
    for name, t in results.items():
        print(f"\n{name}:")
        if "index" in t:
            print(f"  cold index, 1,000 pages      {t['index'].wall:6.2f} s  = {t['index'].wall / pdfium:5.2f}x bare pdfium"
                  f"  ({t['index'].cpu:.2f} s CPU)")
            print(f"  assess, 1,000 pages          {t['assess'].wall:6.2f} s  = {t['assess'].wall / t['index'].wall:5.2f}x its cold index"
                  f"  ({t['assess'].cpu:.2f} s CPU)")
        if "docx" in t:
            print(f"  assess, 50,000-para DOCX     {t['docx'].wall:6.2f} s  = {t['docx'].wall / t['docx index'].wall:5.2f}x its cold index"
                  f"  ({t['docx'].cpu:.2f} s CPU)")
        if "report" in t:
            print(f"  assess + report, 150 pages   {t['report'].wall:6.2f} s  = {t['report'].wall / t['pct index'].wall:5.2f}x its cold index"
                  f"  (assess {t['pct assess'].wall:.2f} s, {t['pct assess'].cpu:.2f} s CPU; report "
                  f"{t['pct report'].wall:.2f} s, {t['pct report'].cpu:.2f} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
