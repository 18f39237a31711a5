"""A scanned page (an image, no text layer) inside a readable PDF, through `wcc signposts`:
the page exists, so `p.2` is verified; its paragraphs cannot be counted, so `p.2 para 1`
is unreadable (SUBMISSION_FORMAT.md, "Paragraph")."""

from __future__ import annotations

import json
import subprocess
import sys

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def _scanned_plan(path):
    scan = path.parent / "scan.png"
    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((60, 80, 540, 120), fill=0)  # a "line of text" as pixels only
    image.save(scan)
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2, 3):
        if page == 2:
            c.drawImage(str(scan), 50, 100, width=495, height=660)
        else:
            c.setFont("Helvetica", 11)
            c.drawString(72, 760, f"The board agreed the plan on page {page}.")
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 30, f"Page {page} of 3")
        c.showPage()
    c.save()


def test_a_scanned_page_is_verified_by_page_and_unreadable_by_paragraph(tmp_path):
    folder = tmp_path / "pct"
    (folder / "documents").mkdir(parents=True)
    _scanned_plan(folder / "documents" / "plan.pdf")
    (folder / "submission.toml").write_text(
        '[pct]\nname = "NHS Testshire"\nframework = "wcc-2009"\n'
        '[[documents]]\nid = "SP"\ntype = "strategic_plan"\nfile = "documents/plan.pdf"\n'
        '[competencies.C1]\nsignposts = ["SP p.2", "SP p.2 para 1", "SP p.3 para 1", "SP p.4"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", "signposts", str(folder), "--format", "json",
                           "--index-dir", str(tmp_path / "index")], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr
    found = {s["raw"]: s for s in json.loads(done.stdout)["signposts"]}
    assert {raw: s["status"] for raw, s in found.items()} == {
        "SP p.2": "verified", "SP p.2 para 1": "unreadable", "SP p.3 para 1": "verified", "SP p.4": "page_missing"}
    assert "no text layer" in found["SP p.2"]["message"]
