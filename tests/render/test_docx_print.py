"""The Word briefing prints as a panel secretary would send it.

Read back with python-docx (page setup, header, footer fields, table flags), then laid
out by LibreOffice into a PDF and read as a person would: every page numbered, no word
broken inside a table cell, A4 whatever the orientation, each page rendered to an image.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
from docx.oxml.ns import qn

from wcc_core.render import view

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(io.BytesIO(rendered["docx"]))


def test_every_section_is_a4_with_2_cm_margins_and_wide_tables_are_landscape(document):
    orientations = []
    for section in document.sections:
        size = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
        assert size == [21.0, 29.7]
        margins = {round(m.cm, 2) for m in (section.left_margin, section.right_margin, section.top_margin,
                                             section.bottom_margin)}
        assert margins == {2.0}
        orientations.append("landscape" if section.page_width > section.page_height else "portrait")
    assert orientations[0] == "portrait" and "landscape" in orientations
    for table in document.tables:
        columns = len(table.columns)
        if columns > 6:
            # the section a table sits in: the first sectPr after it in the body
            following = table._tbl.getnext()
            while following is not None and following.find(f".//{qn('w:sectPr')}") is None \
                    and following.tag != qn("w:sectPr"):
                following = following.getnext()
            sect = following if following.tag == qn("w:sectPr") else following.find(f".//{qn('w:sectPr')}")
            size = sect.find(qn("w:pgSz"))
            assert size.get(qn("w:orient")) == "landscape", [c.text for c in table.rows[0].cells]


def test_the_header_names_the_pct_and_year_and_the_footer_numbers_the_pages(document, assessment):
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert assessment.submission in header and assessment.pct["year_label"] in header
    fields = " ".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in fields and "NUMPAGES" in fields


def test_header_rows_repeat_and_rows_do_not_split(document):
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_column_headings_are_words_not_field_names(document):
    for table in document.tables:
        for cell in table.rows[0].cells:
            assert "_" not in cell.text and cell.text != "row", cell.text


def test_a_governance_rule_is_stated_once_per_component_not_in_every_rationale(document, assessment):
    text = "\n".join(p.text for p in document.paragraphs)
    for g in assessment.governance.values():
        for rule in view.sub_component_rules(g):
            assert text.count(rule) == 1 or len([x for x in assessment.governance.values()
                                                 if rule in view.sub_component_rules(x)]) == text.count(rule)


def test_points_of_enquiry_say_which_sub_competency_they_are_about(document, assessment):
    paragraphs = [p.text for p in document.paragraphs]
    start = [i for i, t in enumerate(paragraphs) if t == "Points of enquiry for the panel day"]
    assert start, "the sample has points of enquiry"
    keys = {s.full_key for c in assessment.competencies.values() for s in c.subcompetencies}
    keys |= set(assessment.competencies)  # a point about the whole competency (its signposting) names the competency
    for i in start:
        j = i + 1
        while paragraphs[j] != "Recommendations going forward":
            assert paragraphs[j].split(":", 1)[0].split(".")[0] in keys, paragraphs[j]
            j += 1


def test_the_key_areas_of_focus_are_the_top_ten_and_the_rest_are_in_an_appendix(document, assessment):
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Key areas of focus for the panel") + 1
    top, rest = view.focus_top(assessment, 10)
    for offset, area in enumerate(top):
        assert paragraphs[start + offset] == f"{view.focus_title(area)}: {area.why}"
    if rest:
        appendix = paragraphs.index("Appendix: further focus areas")
        shown = paragraphs[appendix + 2:appendix + 2 + len(rest)]
        assert shown == [f"{view.focus_title(a)}: {a.why}" for a in rest]


def test_the_year_is_not_said_twice_on_the_title_page(document):
    for p in document.paragraphs[:4]:
        years = re.findall(r"\d{4}/\d{2}", p.text)
        assert len(years) == len(set(years)), p.text


@pytest.fixture(scope="module")
def printed(rendered, tmp_path_factory) -> Path:
    """The briefing laid out by LibreOffice as a PDF, the way Word would print it."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui; .ci/run installs it)")
    out = tmp_path_factory.mktemp("printed")
    source = out / "briefing.docx"
    source.write_bytes(rendered["docx"])
    profile = out / "profile"  # its own profile, so parallel test workers do not share one
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(out)})
    return out / "briefing.pdf"


def _source_words(rendered) -> set[str]:
    """Every word of the document, and the pieces a line may break it into at a hyphen or slash."""
    document = docx.Document(io.BytesIO(rendered["docx"]))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    words = set()
    for text in texts:
        for word in text.split():
            words.add(word)
            words.update(re.findall(r"[^-/–]+[-/–]?", word))
    return words


def test_every_printed_page_is_a4_and_numbered(printed):
    with pdfplumber.open(printed) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            assert sorted((round(page.width), round(page.height))) == list(A4_POINTS)
            footer = page.crop((0, page.height * 0.9, page.width, page.height)).extract_text() or ""
            assert f"Page {number} of {total}" in footer, number


def test_no_word_is_broken_across_lines_in_a_table_cell(printed, rendered):
    """LibreOffice breaks a word only when a cell is too narrow for it: every printed word is a whole word."""
    known = _source_words(rendered)
    broken = set()
    with pdfplumber.open(printed) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(keep_blank_chars=False, use_text_flow=True):
                text = word["text"]
                if text not in known and not re.fullmatch(r"\d+|\uf0b7", text):  # a page number, a bullet
                    broken.add(text)
    assert not broken, sorted(broken)[:20]


def test_every_page_renders_with_ink_in_its_footer(printed, tmp_path):
    """The pages as images, as a person would see them: the page number is drawn, not just present."""
    pdf = pypdfium2.PdfDocument(str(printed))
    try:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=0.5).to_pil().convert("L")
            image.save(tmp_path / f"page-{i + 1}.png")
            width, height = image.size
            footer = image.crop((0, int(height * 0.92), width, height))
            assert footer.getextrema()[0] < 128, f"page {i + 1} has no footer"
    finally:
        pdf.close()
