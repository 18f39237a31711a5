"""Real submissions on disk for end-to-end signpost tests: PDFs from reportlab, DOCX from python-docx."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import tomli_w
from docx import Document
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

HEIGHT = A4[1]


def pdf(path: Path, pages: list[list[str]], footers: list[str | None] | None = None) -> Path:
    """A PDF with one paragraph per string, top to bottom, and an optional printed footer number."""
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, paragraphs in enumerate(pages):
        y = HEIGHT - 90
        for text in paragraphs:
            c.setFont("Helvetica-Bold" if text[:1].isdigit() else "Helvetica", 13 if text[:1].isdigit() else 11)
            c.drawString(72, y, text)
            y -= 40  # a blank line between paragraphs, so each is its own block
        footer = footers[i] if footers else None
        if footer:
            c.setFont("Helvetica", 9)
            c.drawCentredString(A4[0] / 2, 40, footer)
        c.showPage()
    c.save()
    return path


def docx(path: Path, pages: list[list[str]], rendered: bool = True) -> Path:
    """A DOCX whose pages are separated by Word's rendered page breaks, or, as a generator
    that never laid the document out would write it, by hard page breaks alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = Document()
    for i, paragraphs in enumerate(pages):
        if not rendered and i > 0:
            document.add_page_break()
        for j, text in enumerate(paragraphs):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            if rendered and i > 0 and j == 0:
                # Where Word last broke the page: at the start of this page's first run.
                run._r.insert(0, copy.deepcopy(run._r.makeelement(qn("w:lastRenderedPageBreak"), {})))
    document.save(str(path))
    return path


def write(folder: Path, documents: list[dict], competencies: dict[str, list], governance: dict | None = None) -> Path:
    """submission.toml for wcc-2009 with the given documents and signposts."""
    data = {
        "pct": {"name": "NHS Testshire", "framework": "wcc-2009"},
        "documents": documents,
        "competencies": {key: {"signposts": signposts} for key, signposts in competencies.items()},
    }
    if governance:
        data["governance"] = governance
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder


def copy_in(folder: Path, source: Path, name: str) -> str:
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / "documents" / name)
    return f"documents/{name}"
