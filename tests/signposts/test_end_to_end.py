"""Known answers on real files: a generated submission cited in every way that can go wrong,
and documents from realdocs cited by printed page and paragraph."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.signposts.submissions import copy_in, docx, pdf, write
from wcc_core.cli.main import cli
from wcc_core.signposts import STATUSES

CHAPTERS = [["Strategic Plan 2009/10"]] + [
    [f"{n} Chapter {n}", f"Paragraph one of chapter {n} about commissioning.", f"Paragraph two of chapter {n} on finance."]
    for n in range(1, 5)
]

# (signpost, status, [(page, physical page, paragraph, status) of each locator])
KNOWN = {
    "C1": [
        ("SP p.8 para 2", "verified", [("8", 2, 2, "verified")]),  # printed footers start at 7
        ("SP p.3", "page_missing", [("3", None, None, "page_missing")]),
        ("SP p.9 para 7", "paragraph_missing", [("9", 3, 7, "paragraph_missing")]),
        ("SP section 3", "verified", [("10", 4, 1, "verified")]),
        ("SP section 9.9", "section_missing", [(None, None, None, "section_missing")]),
        ("SP pp. 7-20", "too_broad", [("7-20", None, None, "too_broad")]),
    ],
    "C2": [
        ("JSNA p.2 para 1", "verified", [("2", 2, 1, "verified")]),  # no printed numbers: the 2nd page
        ("JSNA p.6", "page_missing", [("6", None, None, "page_missing")]),
        ("OD plan p.3 para 3", "verified", [("3", 3, 3, "verified")]),  # DOCX, Word's rendered breaks
        ("Fin plan p.2 para 1", "verified", [("2", 2, 1, "verified")]),  # DOCX, hard breaks only
        ("Comms strategy p.1", "unreadable", [("1", None, None, "unreadable")]),
        ("Estates strategy p.4", "document_missing", []),
        ("SP page twelve", "unparseable", [(None, None, None, "unparseable")]),
    ],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    docs = folder / "documents"
    pdf(docs / "sp.pdf", CHAPTERS, footers=["7", "8", "9", "10", "11"])
    pdf(docs / "jsna.pdf", CHAPTERS)
    docx(docs / "od.docx", CHAPTERS)
    docx(docs / "fp.docx", CHAPTERS, rendered=False)
    (docs / "comms.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    write(
        folder,
        [
            {"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf", "title": "Strategic Plan"},
            {"id": "JSNA", "type": "jsna", "file": "documents/jsna.pdf"},
            {"id": "OD", "type": "od_plan", "file": "documents/od.docx"},
            {"id": "FP", "type": "financial_plan", "file": "documents/fp.docx"},
            {"id": "COMMS", "type": "communications_strategy", "file": "documents/comms.pdf"},
        ],
        {key: [raw for raw, _, _ in rows] for key, rows in KNOWN.items()},
    )
    result = CliRunner().invoke(cli, ["signposts", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "key, index", [(key, i) for key, rows in KNOWN.items() for i in range(len(rows))],
    ids=[raw for rows in KNOWN.values() for raw, _, _ in rows],
)
def test_a_generated_submission_gets_its_known_answers(generated, key, index):
    raw, status, locators = KNOWN[key][index]
    (found,) = [s for s in generated["signposts"] if s["key"] == key and s["index"] == index]
    assert found["raw"] == raw
    got = [(loc.get("page"), loc["physical_page"], loc["paragraph"], loc["status"]) for loc in found["locators"]]
    assert (found["status"], got) == (status, locators)
    assert found["message"]


def test_the_generated_submission_covers_every_status(generated):
    assert {s["status"] for s in generated["signposts"]} == set(STATUSES)


def test_cited_paragraphs_carry_their_text(generated):
    by_raw = {s["raw"]: s for s in generated["signposts"]}
    assert by_raw["SP p.8 para 2"]["locators"][0]["excerpt"] == "Paragraph one of chapter 1 about commissioning."
    assert by_raw["OD plan p.3 para 3"]["locators"][0]["excerpt"] == "Paragraph two of chapter 2 on finance."
    assert "approximate" in by_raw["Fin plan p.2 para 1"]["message"]
    assert "physical page 3 is printed 9" in by_raw["SP p.3"]["message"]


@pytest.mark.realdocs
def test_realdocs_are_cited_by_printed_label_and_paragraph(realdocs, tmp_path):
    labels = copy_in(tmp_path, realdocs / "pdf" / "pdfminer__pagelabels.pdf", "labels.pdf")
    booklet = copy_in(tmp_path, realdocs / "pdf" / "unstructured__failure-after-repair.pdf", "booklet.pdf")
    locked = copy_in(tmp_path, realdocs / "broken" / "pdfplumber__password-example.pdf", "locked.pdf")
    write(
        tmp_path,
        [
            {"id": "LAB", "type": "strategic_plan", "file": labels, "title": "Labels test"},
            {"id": "BOOK", "type": "jsna", "file": booklet, "title": "Understanding breast cancer"},
            {"id": "LOCK", "type": "od_plan", "file": locked},
        ],
        {"C1": ["LAB p. iv", "LAB p.1", "Understanding breast cancer p. 3 para 2", "BOOK p. ii", "BOOK p. 80", "LOCK p.1"]},
    )
    result = CliRunner().invoke(cli, ["signposts", str(tmp_path), "--format", "json"])
    found = {s["raw"]: s for s in json.loads(result.stdout)["signposts"]}

    def where(raw):
        return [(loc["page"], loc["physical_page"], loc["paragraph"], loc["status"]) for loc in found[raw]["locators"]]

    # pagelabels.pdf is labelled iii, iv, 1, 2, 1: "p.1" names two pages; the first is used and the message says so.
    assert where("LAB p. iv") == [("iv", 2, None, "verified")]
    assert where("LAB p.1") == [("1", 3, None, "verified")]
    assert "physical pages 3, 5" in found["LAB p.1"]["locators"][0]["message"]
    # The booklet is labelled i, ii, 1 ... 74: printed page 3 is the 5th page.
    assert where("Understanding breast cancer p. 3 para 2") == [("3", 5, 2, "verified")]
    assert found["Understanding breast cancer p. 3 para 2"]["locators"][0]["excerpt"]
    assert where("BOOK p. ii") == [("ii", 2, None, "verified")]
    assert found["BOOK p. 80"]["status"] == "page_missing"
    assert "i–ii, 1–74" in found["BOOK p. 80"]["message"]
    assert found["LOCK p.1"]["status"] == "unreadable"
    assert result.exit_code == 1
