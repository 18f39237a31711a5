"""Verification against extracted documents: every status of SUBMISSION_FORMAT.md, with known answers."""

from __future__ import annotations

import pytest

from tests.signposts.factories import DOCUMENTS, catalogue, document, entry, page, submitted
from wcc_core.signposts import STATUSES, VerifyRules, verify_signposts, worst_status

# The strategic plan: roman front matter, then printed pages 1-10; page 5 is a scan.
SP = document(
    page("i", "Contents", "1 Introduction ..... 1", "4.2 Markets ..... 3"),
    page("ii", "Foreword by the chair of the board"),
    page("1", "1 Introduction", "The PCT has agreed three financial priorities with its partners.", "We will publish."),
    page("2", "2 Vision", "Our vision is longer healthier lives for everyone in Exampleshire."),
    page("3", "4.2 Markets", "We will develop the provider market for community services."),
    page("4", "Appendix B: Finance", "Income and expenditure by year."),
    page("5", status="no_text"),
    *[page(str(n), f"Page {n} text about delivery.") for n in range(6, 11)],
)
JSNA = document(page("1", "Health needs of the population"), page("2", "Life expectancy is rising."), numbering="physical")
UNREADABLE = document(status="unreadable", reason="encrypted")

DOCS = DOCUMENTS + (submitted("SCAN", "od_plan", "Scanned board report"),)
EXTRACTED = {"SP": SP, "JSNA": JSNA, "SCAN": UNREADABLE}


def verify(*raws, documents=EXTRACTED, key="C1"):
    entries = [entry(raw, key=key, index=i) for i, raw in enumerate(raws)]
    return verify_signposts(entries, catalogue(DOCS), documents, VerifyRules())


def loc(kind, status, page=None, physical=None, paragraph=None):
    return (kind, status, page, physical, paragraph)


def locators_of(result):
    return [loc(x.kind, x.status, x.page, x.physical_page, x.paragraph) for x in result.locators]


KNOWN_ANSWERS = [
    ("SP p.1 para 2", "verified", [loc("page", "verified", "1", 3, 2)]),
    ("SP p. ii", "verified", [loc("page", "verified", "ii", 2)]),
    ("Strategic plan 14(3)", "page_missing", [loc("page", "page_missing", "14")]),
    ("SP p 1 paras 2-3", "verified", [loc("page", "verified", "1", 3, 2), loc("page", "verified", "1", 3, 3)]),
    ("SP p.1 para 9", "paragraph_missing", [loc("page", "paragraph_missing", "1", 3, 9)]),
    ("SP p 1 paras 3-4", "paragraph_missing", [loc("page", "verified", "1", 3, 3), loc("page", "paragraph_missing", "1", 3, 4)]),
    ("SP pp. 1-2", "verified", [loc("page", "verified", "1", 3), loc("page", "verified", "2", 4)]),
    ("SP pages 1, 3 and 30", "page_missing",
     [loc("page", "verified", "1", 3), loc("page", "verified", "3", 5), loc("page", "page_missing", "30")]),
    ("SP pp. 6-10", "verified", [loc("page", "verified", str(n), n + 2) for n in range(6, 11)]),
    ("SP pp. 1-8", "too_broad", [loc("range", "too_broad", "1-8")]),
    ("SP whole document", "too_broad", [loc("document", "too_broad")]),
    ("SP", "too_broad", [loc("document", "too_broad")]),
    ("SP section 4.2", "verified", [loc("section", "verified", "3", 5, 1)]),
    ("SP para 1", "verified", [loc("section", "verified", "1", 3, 1)]),
    ("SP section 7.1", "section_missing", [loc("section", "section_missing")]),
    ("SP appendix B", "verified", [loc("section", "verified", "4", 6, 1)]),
    ("SP annex b", "verified", [loc("section", "verified", "4", 6, 1)]),
    ("SP p.5", "verified", [loc("page", "verified", "5", 7)]),  # a scanned page exists
    ("SP p.5 para 2", "unreadable", [loc("page", "unreadable", "5", 7, 2)]),  # its paragraphs cannot be counted
    ("SP page fourteen", "unparseable", [loc("unknown", "unparseable")]),
    ("SP p.1 and the bit on money", "unparseable", [loc("page", "verified", "1", 3), loc("unknown", "unparseable")]),
    ("JSNA p.2", "verified", [loc("page", "verified", "2", 2)]),
    ("JSNA p.3", "page_missing", [loc("page", "page_missing", "3")]),
    ("Annual report 2009 p.3", "document_missing", []),
    ("CPF p.2", "document_missing", []),
    ("p.2", "document_missing", []),
    ("Scanned board report p.1", "unreadable", [loc("page", "unreadable", "1")]),
    ("Scanned board report pages 1, 2-3", "unreadable",
     [loc("page", "unreadable", "1"), loc("page", "unreadable", "2"), loc("page", "unreadable", "3")]),
    ("Scanned board report 4(2, 5)", "unreadable", [loc("page", "unreadable", "4", None, 2), loc("page", "unreadable", "4", None, 5)]),
    ("OD plan p.1", "unreadable", [loc("page", "unreadable", "1")]),  # submitted, but not extracted
    # What the form of a locator decides stands even when the document cannot be read.
    ("Scanned board report (whole document)", "too_broad", [loc("document", "too_broad")]),
    ("Scanned board report - see above", "unparseable", [loc("unknown", "unparseable")]),
    ("", "unparseable", []),
]


@pytest.mark.parametrize("raw, status, locators", KNOWN_ANSWERS, ids=[r or "(empty)" for r, _, _ in KNOWN_ANSWERS])
def test_each_signpost_gets_the_status_and_locators_it_deserves(raw, status, locators):
    (result,) = verify(raw).results
    assert (result.status, locators_of(result)) == (status, locators)
    assert result.message
    for locator in result.locators:
        if locator.status == "verified":
            assert locator.physical_page is not None and locator.excerpt is not None
        else:
            assert locator.message, "every problem carries a one-line message"


def test_every_status_of_the_format_is_produced_by_some_known_answer():
    assert {status for _, status, _ in KNOWN_ANSWERS} == set(STATUSES)


def test_a_signpost_takes_the_worst_status_of_its_locators():
    assert worst_status(["verified", "too_broad", "paragraph_missing"]) == "paragraph_missing"
    assert worst_status(["page_missing", "unparseable"]) == "unparseable"
    assert worst_status([]) == "verified"
    (result,) = verify("SP p.1 and p.30 and whole document").results
    assert result.status == "page_missing"
    assert "and 1 more problem" in result.message


def test_a_verified_locator_carries_the_cited_text():
    (result,) = verify("SP p.1 para 2").results
    assert result.locators[0].excerpt == "The PCT has agreed three financial priorities with its partners."


def test_a_section_is_found_at_its_heading_not_in_the_table_of_contents():
    (result,) = verify("SP s.4.2").results
    assert result.locators[0].physical_page == 5
    assert result.locators[0].excerpt.startswith("4.2 Markets")


def test_a_missing_page_message_lists_the_printed_pages_and_what_the_physical_page_is_printed():
    short = document(page("i", "Cover"), page("ii", "Contents"), page("1", "A"), page("2", "B"), page("3", "C"))
    (result,) = verify("SP p.5", documents={"SP": short}).results
    assert result.message == "page 5 is not in SP (Strategic Plan 2009/10 - 2013/14): its printed pages run i–ii, 1–3; physical page 5 is printed 3"


def test_a_missing_page_of_a_document_without_printed_numbers_is_counted_in_pages():
    (result,) = verify("JSNA p.3").results
    assert result.message.startswith("page 3 is not in JSNA (Joint Strategic Needs Assessment 2009): it prints no page numbers and has 2 pages")


def test_an_ambiguous_name_names_every_candidate_and_picks_none():
    (result,) = verify("Board minutes p.1").results
    assert result.document is None
    assert "BM-NOV" in result.message and "BM-OCT" in result.message and "ambiguous" in result.message


def test_a_repeated_page_label_uses_the_first_page_and_says_so():
    restarted = document(page("iii", "Preface"), page("iv", "Contents"), page("1", "One"), page("2", "Two"), page("1", "Again"))
    (result,) = verify("SP p.1", documents={"SP": restarted}).results
    assert result.status == "verified"
    assert result.locators[0].physical_page == 3
    assert "physical pages 3, 5" in result.locators[0].message


def test_an_unnumbered_cover_given_the_label_of_page_one_is_not_taken_for_page_one():
    covered = document(page("1", "Cover"), page("1", "One"), page("2", "Two"), page("3", "Three"))
    (result,) = verify("SP p.1", documents={"SP": covered}).results
    assert (result.locators[0].physical_page, result.locators[0].excerpt) == (2, "One")


def test_pages_of_a_docx_word_never_rendered_are_flagged_approximate():
    approximate = document(page("1", "Intro"), page("2", "Body"), numbering="approximate")
    report = verify("SP p.2", "SP p.9", documents={"SP": approximate})
    assert [r.status for r in report.results] == ["verified", "page_missing"]
    assert all("approximate" in r.message for r in report.results)
    assert report.notes and "approximate" in report.notes[0]


def test_each_semicolon_part_naming_a_document_is_its_own_result_and_a_bare_part_joins_the_one_before():
    report = verify("SP p.1; JSNA p.2; p.9")
    assert [(r.index, r.part, r.document, r.status) for r in report.results] == [
        (0, 0, "SP", "verified"),
        (0, 1, "JSNA", "page_missing"),
    ]
    assert [loc.page for loc in report.results[1].locators] == ["2", "9"]
    assert [r.to_json()["part"] for r in report.results] == [0, 1]
    (single,) = verify("SP p.1; p.2").results
    assert [loc.page for loc in single.locators] == ["1", "2"] and "part" not in single.to_json()


def test_more_than_six_documents_for_one_competency_is_a_finding():
    seven = ["SP p.1", "JSNA p.1", "CPF acute p.1", "CPF primary care p.1", "OD plan p.1", "Comms p.1", "Annual report p.1"]
    report = verify(*seven, key="C4")
    assert [(f.key, f.status) for f in report.findings] == [("C4", "too_many_documents")]
    assert "7 documents" in report.findings[0].message
    assert verify(*seven[:6], key="C4").findings == ()
    assert verify("SP p.1", "SP p.2", "SP p.3", "SP p.4", "SP p.6", "SP p.7", "SP p.8", key="C4").findings == ()


def test_the_json_has_exactly_the_contract_keys():
    report = verify("SP p.1 para 2", "SP section 4.2", "SP pp. 1-8")
    data = report.to_json()
    assert list(data) == ["submission", "framework", "signposts", "findings", "summary"]
    first = data["signposts"][0]
    assert {"element", "key", "sub", "index", "raw", "document", "status", "locators", "message"} <= set(first)
    assert {"kind", "page", "physical_page", "paragraph", "status", "excerpt"} <= set(first["locators"][0])
    section = data["signposts"][1]["locators"][0]
    assert section["kind"] == "section" and section["section"] == "4.2" and section["physical_page"] == 5
    assert data["summary"] == {"total": 3, "verified": 2, "too_broad": 1}
