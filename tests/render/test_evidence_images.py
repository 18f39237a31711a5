"""The cropped evidence: each image is the cited block, cut from a page rendered once."""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat

from wcc_core.render import evidence_images, view
from wcc_core.render.evidence_images import crop_key, pdf_files, render_crops


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


@pytest.fixture(scope="module")
def cited(assessment, sample):
    """{crop key: excerpt} for every block of a readable PDF cited as evidence."""
    files = pdf_files(assessment, sample)
    out = {}
    for row in view.criterion_rows(assessment):
        for item in row.criterion.evidence:
            key = crop_key(item)
            if key is not None and key[0] in files:
                out.setdefault(key, item.excerpt)
    assert len(out) > 50
    return out


def test_every_cropped_block_holds_the_text_of_its_excerpt(assessment, sample, cited):
    """The bbox read back through pdfium gives the excerpt: page, origin and units are right."""
    files = pdf_files(assessment, sample)
    wrong = []
    opened = {doc: pdfium.PdfDocument(str(path)) for doc, path in files.items()}
    try:
        for (doc, physical, (x0, top, x1, bottom)), excerpt in sorted(cited.items()):
            page = opened[doc][physical - 1]
            height = page.get_size()[1]
            text = page.get_textpage().get_text_bounded(left=x0 - 1, bottom=height - bottom - 1, right=x1 + 1,
                                                        top=height - top + 1)
            if _norm(excerpt.rstrip("… "))[:30] not in _norm(text):
                wrong.append((doc, physical, excerpt[:40], text[:40]))
    finally:
        for pdf in opened.values():
            pdf.close()
    assert wrong == []


def test_each_cited_page_is_rendered_once(assessment, sample, cited, monkeypatch):
    calls = []
    real = evidence_images._crop_page

    def counting(pdf, physical, wanted, scale):
        calls.append(physical)
        return real(pdf, physical, wanted, scale)

    monkeypatch.setattr(evidence_images, "_crop_page", counting)
    some = sorted(cited)[:60]
    crops = render_crops(some + some, pdf_files(assessment, sample))
    assert len(calls) == len({k[:2] for k in some}) and set(crops) == set(some)
    for png in crops.values():
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and ImageStat.Stat(image.convert("L")).stddev[0] > 10


def test_the_html_embeds_each_crop_once_and_shows_it_wherever_cited(rendered, cited):
    page = lxml.html.fromstring(rendered["html"])
    symbols = page.xpath("//symbol")
    assert len(symbols) == len(cited)
    uses = {u.get("href") for u in page.xpath("//svg[@class='evidence-image']/use")}
    assert uses == {f"#{s.get('id')}" for s in symbols}


def test_evidence_from_a_docx_is_shown_as_its_text(assessment, rendered):
    docx_ids = {d.id for d in assessment.documents if d.file.endswith(".docx")}
    items = [e for r in view.criterion_rows(assessment) for e in r.criterion.evidence if e.place is not None and e.place.doc_id in docx_ids]
    if not items:
        pytest.skip("the sample's assessment cites no DOCX block")
    page = lxml.html.fromstring(rendered["html"])
    quoted = {" ".join(b.text_content().split()) for b in page.xpath("//blockquote[@class='excerpt']")}
    assert " ".join(items[0].excerpt.split()) in quoted


def test_a_missing_or_unreadable_pdf_leaves_the_excerpt(assessment, cited, tmp_path: Path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    doc = next(iter(cited))[0]
    assert render_crops(list(cited), {doc: tmp_path / "broken.pdf"}) == {}
    assert render_crops(list(cited), {}) == {}
