"""A bounded mutation run of the PDF and DOCX extractors on the real documents, in CI.

Every mutant must come back as a document or an unreadable reason: never a Python
exception in wcc's code (a bug), never a hang (the time limit), never a worker over
1 GB. A native crash inside pdfium is reported unreadable and is allowed; a Python
error is not. Every failure a run has found is a regression test below.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.extract import extract
from indexer.pdf_lines import Line, _gutters
from tests.robustness import hostile
from tests.robustness.mutate import run, sources
from tests.shared_paths import REALDOCS

REPO = Path(__file__).resolve().parents[2]
SEED, COUNT = 20091201, 120  # about 30 s on the 2-core development machine

RUNNER = """
import json, sys
from indexer.limits import Limits
from tests.robustness.mutate import run
print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]), Limits(document_seconds=30))))
"""


@pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"the real documents are not at {REALDOCS}")
def test_mutated_real_documents_are_read_or_reported_never_a_crash_or_a_hang():
    # In a subprocess of its own, so the peak memory of its workers is theirs alone.
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", RUNNER, str(SEED), str(COUNT)], capture_output=True, text=True,
                            timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    print(json.dumps(report, indent=1))
    assert sum(report["classes"].values()) == COUNT
    python_errors = [f for f in report["failures"] if f[1].startswith("extractor failed")]
    assert python_errors == []
    assert report["peak_worker_mb"] < 1024
    assert time.monotonic() - started < 120
    assert {"read", "corrupt"} <= set(report["classes"])  # the mutations reach both outcomes


def test_the_mutation_sources_are_pdf_and_docx():
    if not REALDOCS.is_dir():
        pytest.skip("no realdocs")
    suffixes = {p.suffix for p in sources()}
    assert suffixes == {".pdf", ".docx"} and len(sources()) >= 15


# --- regressions found by the runs --------------------------------------------------------
def test_a_glyph_placed_at_x_1e30_does_not_make_the_gutter_finder_allocate_without_end():
    # Found by the mutation run (seed 1, mutants 148 and 240): a damaged number in a PDF's
    # text matrix put one line's right edge at ~1e30; the gutter finder made one bin per
    # 2 pt up to there (a 20 s timeout in one, memory exhausted in the other).
    lines = [Line(f"line {i}", 72.0, 100.0 + 12 * i, 300.0, 110.0 + 12 * i, 10.0, False) for i in range(10)]
    lines.append(Line("runaway", 72.0, 300.0, 1e30, 310.0, 10.0, False))
    started = time.process_time()
    assert isinstance(_gutters(lines), list)
    assert time.process_time() - started < 1


def test_a_docx_with_runs_nested_1000_deep_is_a_limit(tmp_path):
    # Mutation "nest" with w:r: the inline walk recursed once per level.
    body = "<w:p>" + "<w:r>" * 1000 + "<w:t>x</w:t>" + "</w:r>" * 1000 + "</w:p>"
    doc = extract(hostile.write_docx(tmp_path / "runs.docx", body))
    assert doc.reason.startswith("limit exceeded: XML nesting depth"), doc.reason


def test_a_docx_whose_xml_is_cut_short_is_corrupt(tmp_path):
    path = hostile.write_docx(tmp_path / "cut.docx", hostile.paragraph("text"))
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml[: len(xml) // 2])
    assert extract(path).reason.startswith("corrupt: word/document.xml")
