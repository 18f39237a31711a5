"""The generator: same seed same bytes, complete submissions, files that open as intended."""

from __future__ import annotations

import hashlib
import json
import tomllib
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

from corpus.generator import generate_corpus, generate_submission
from corpus.generator.banks import document_specs
from corpus.generator.pct_profile import GOVERNANCE
from corpus.bundled import EXAMPLESHIRE, EXAMPLESHIRE_ARGS, PROBLEMS, PROBLEMS_SEED

DOCUMENT_TYPES = {
    "communications_strategy", "laa_cover_page", "laa_performance_report", "jsna", "strategic_plan",
    "contracting_process_form", "pbc_governance", "pathway_description", "financial_plan", "od_plan",
    "accounts_ppp_excerpt", "provider_performance_report", "board_risk_report", "schemes_of_delegation",
    "board_minutes", "non_prescribed",
}
STATUSES = {"verified", "document_missing", "page_missing", "paragraph_missing", "section_missing",
            "too_broad", "unparseable", "unreadable"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tree_hashes(folder: Path) -> dict[str, str]:
    """Hash of every file of a submission, leaving out the .wcc/ index wcc makes beside it."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".wcc" not in p.relative_to(folder).parts}


def load_toml(folder: Path) -> dict:
    with open(folder / "submission.toml", "rb") as handle:
        return tomllib.load(handle)


def test_the_same_seed_gives_the_same_bytes(tmp_path, small_submission):
    generate_submission(tmp_path / "again", seed=11, pages=40)
    assert tree_hashes(tmp_path / "again") == tree_hashes(small_submission)


def test_different_seeds_give_different_pcts(tmp_path, small_submission):
    generate_submission(tmp_path / "other", seed=12, pages=40)
    assert load_toml(tmp_path / "other")["pct"]["name"] != load_toml(small_submission)["pct"]["name"]
    other, mine = tree_hashes(tmp_path / "other"), tree_hashes(small_submission)
    assert all(other[name] != mine[name] for name in mine if name.startswith("documents/"))


def test_the_bundled_sample_is_exactly_what_the_generator_makes(tmp_path):
    generate_submission(tmp_path / "exampleshire", **EXAMPLESHIRE_ARGS)
    assert tree_hashes(tmp_path / "exampleshire") == tree_hashes(EXAMPLESHIRE)


def test_the_bundled_problem_submission_is_exactly_what_the_generator_makes(tmp_path):
    from corpus.generator.problems import generate_problems

    generate_problems(tmp_path / "problems", PROBLEMS_SEED)
    assert tree_hashes(tmp_path / "problems") == tree_hashes(PROBLEMS)


def test_the_bundled_sample_is_modest_in_size():
    pages = sum(len(d["pages"]) for d in json.loads((EXAMPLESHIRE / "expected/layout.json").read_text()).values())
    size = sum(p.stat().st_size for p in EXAMPLESHIRE.rglob("*") if p.is_file() and ".wcc" not in p.parts)
    assert 80 <= pages <= 250  # about 100: no document repeats a sentence (test_sample_prose.py)
    assert size < 5_000_000


def test_submission_toml_has_every_required_key_and_document_type():
    data = load_toml(EXAMPLESHIRE)
    assert data["pct"]["name"] == "NHS Exampleshire" and data["pct"]["framework"] == "wcc-2009"
    types = [d["type"] for d in data["documents"]]
    assert set(types) == DOCUMENT_TYPES
    assert types.count("contracting_process_form") == 3 and types.count("pathway_description") == 3
    assert all(d["comment"] for d in data["documents"] if d["type"] == "non_prescribed")
    assert sorted(data["competencies"], key=lambda k: int(k[1:])) == [f"C{n}" for n in range(1, 12)]
    for entry in data["competencies"].values():
        assert set(entry["self"]) == set(entry["last_year"]) == {"a", "b", "c"}
        assert all(level in (1, 2, 3, 4) for level in entry["self"].values())
        assert entry["actions"] and entry["impact"] and entry["signposts"]
    governance = {f"{part}.{key}": value for part, table in data["governance"].items() for key, value in table.items()}
    assert set(governance) == set(GOVERNANCE)
    assert all(g["self"] in ("red", "amber", "green") and g["commentary"] for g in governance.values())


def test_the_outcomes_form_has_the_national_outcomes_and_a_complete_local_one():
    outcomes = load_toml(EXAMPLESHIRE)["outcomes"]
    refs = [o["ref"] for o in outcomes]
    assert {"1a", "1b", "2a", "2b", "L1"} <= set(refs) and len(refs) <= 10
    assert all(len(o["aspiration"]) == 5 for o in outcomes)
    local = next(o for o in outcomes if o["ref"] == "L1")
    assert (EXAMPLESHIRE / local["dataset"]).is_file()
    assert all(local["conditions"].values())


def test_every_document_exists_and_opens():
    for entry in load_toml(EXAMPLESHIRE)["documents"]:
        path = EXAMPLESHIRE / entry["file"]
        if path.suffix == ".pdf":
            assert len(pdfium.PdfDocument(path)) >= 1, path
        else:
            assert docx.Document(path).paragraphs, path


def test_pathway_descriptions_are_at_most_five_pages():
    layout = json.loads((EXAMPLESHIRE / "expected/layout.json").read_text())
    for doc_id in ("PW1", "PW2", "PW3"):
        assert 1 <= len(layout[doc_id]["pages"]) <= 5


def test_page_labels_are_written_where_intended():
    pdf = pdfium.PdfDocument(EXAMPLESHIRE / "documents/strategic-plan.pdf")
    labels = [pdf.get_page_label(i) for i in range(len(pdf))]
    assert labels[:3] == ["i", "ii", "iii"] and "1" in labels
    assert labels[labels.index("1"):labels.index("1") + 3] == ["1", "2", "3"]
    excerpt = pdfium.PdfDocument(EXAMPLESHIRE / "documents/accounts-ppp-excerpt.pdf")
    assert excerpt.get_page_label(0) == "47"
    plain = pdfium.PdfDocument(EXAMPLESHIRE / "documents/financial-plan.pdf")
    assert not any(plain.get_page_label(i) for i in range(len(plain)))  # numbers only printed in the footer
    assert "Page 1 of" in plain[1].get_textpage().get_text_range()


def rendered_pages(path: Path) -> list[list[str]]:
    """Paragraph texts per page, split at w:lastRenderedPageBreak markers."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    pages: list[list[str]] = [[]]
    for paragraph in root.iter(f"{W}p"):
        if paragraph.find(f".//{W}lastRenderedPageBreak") is not None:
            pages.append([])
        pages[-1].append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return pages


def test_docx_files_carry_rendered_page_breaks_where_the_layout_says():
    layout = json.loads((EXAMPLESHIRE / "expected/layout.json").read_text())
    for doc_id, document in layout.items():
        if not document["file"].endswith(".docx"):
            continue
        pages = rendered_pages(EXAMPLESHIRE / document["file"])
        assert len(pages) == len(document["pages"]), doc_id
        for page, expected in zip(pages, document["pages"]):
            assert page == [b["text"] for b in expected["blocks"]], (doc_id, expected["physical"])


def test_docx_headings_use_word_heading_styles():
    word = docx.Document(EXAMPLESHIRE / "documents/od-plan.docx")
    styles = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Heading 2", "Title"} <= styles
    assert word.core_properties.created.year == 2009


def test_expected_answers_cover_every_status_and_the_too_many_documents_finding():
    statuses = set()
    for folder in (EXAMPLESHIRE, PROBLEMS):
        expected = json.loads((folder / "expected/signposts.json").read_text())
        statuses |= {s["status"] for s in expected["signposts"]}
        statuses |= {l["status"] for s in expected["signposts"] for l in s["locators"]}
    assert statuses == STATUSES
    findings = json.loads((EXAMPLESHIRE / "expected/signposts.json").read_text())["findings"]
    assert [f["status"] for f in findings] == ["too_many_documents"]


def test_expected_answers_match_the_signposts_in_submission_toml():
    data = load_toml(EXAMPLESHIRE)
    expected = json.loads((EXAMPLESHIRE / "expected/signposts.json").read_text())["signposts"]
    for answer in expected:
        if answer["element"] == "competency":
            entry = data["competencies"][answer["key"]]["signposts"][answer["index"]]
        else:
            part, key = answer["key"].split(".")
            entry = data["governance"][part][key]["signposts"][answer["index"]]
        raw = entry if isinstance(entry, str) else entry["ref"]
        assert raw == answer["raw"]
        assert (None if isinstance(entry, str) else entry["sub"]) == answer["sub"]


def test_verified_page_signposts_point_at_blocks_that_exist():
    layout = json.loads((EXAMPLESHIRE / "expected/layout.json").read_text())
    for answer in json.loads((EXAMPLESHIRE / "expected/signposts.json").read_text())["signposts"]:
        for locator in answer["locators"]:
            if locator["status"] != "verified":
                continue
            page = layout[answer["document"]]["pages"][locator["physical_page"] - 1]
            if locator["kind"] == "page":
                assert page["label"] == locator["page"]
            if locator["paragraph"]:
                assert len(page["blocks"]) >= locator["paragraph"]


def test_the_competency_over_six_documents_really_cites_seven():
    data = load_toml(EXAMPLESHIRE)
    expected = json.loads((EXAMPLESHIRE / "expected/signposts.json").read_text())
    key = expected["findings"][0]["key"]
    documents = {a["document"] for a in expected["signposts"] if a["key"] == key}
    assert len(documents) == 7 and len(data["competencies"][key]["signposts"]) == 7


def test_the_problem_files_are_broken_as_described():
    docs = PROBLEMS / "documents"
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(docs / "financial-plan.pdf")  # encrypted with a user password
    assert len(pdfium.PdfDocument(docs / "financial-plan.pdf", password="panel2009")) > 1
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(docs / "jsna-excerpt.pdf")  # cut short
    scan = pdfium.PdfDocument(docs / "laa-performance-report.pdf")
    assert all(not scan[i].get_textpage().get_text_range().strip() for i in range(len(scan)))
    mixed = pdfium.PdfDocument(docs / "provider-performance-report.pdf")
    texts = [mixed[i].get_textpage().get_text_range().strip() for i in range(len(mixed))]
    assert texts[0] and not texts[1] and texts[2]
    assert not zipfile.is_zipfile(docs / "od-plan.docx")


def test_a_corpus_holds_distinct_pcts_whatever_the_number_of_workers(tmp_path):
    results = generate_corpus(tmp_path, seed=3, pcts=3, pages=30, workers=2)
    generate_corpus(tmp_path / "serial", seed=3, pcts=3, pages=30, workers=1)
    for result in results:
        assert tree_hashes(result.folder) == tree_hashes(tmp_path / "serial" / result.folder.name)
    assert len({r.name for r in results}) == 3 and len({r.code for r in results}) == 3
    manifest = json.loads((tmp_path / "corpus.json").read_text())
    assert [s["folder"] for s in manifest["submissions"]] == [r.folder.name for r in results]


@pytest.mark.slow
def test_a_thousand_page_submission_is_about_a_thousand_pages(tmp_path):
    result = generate_submission(tmp_path / "big", seed=5, pages=1000)
    assert 800 <= result.pages <= 1200
