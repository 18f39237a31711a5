"""What an analyst checking a citation by eye expects: pages that print no number are
named so, a cited section is its heading and its body, shortened names find the one
document they fit, and a table is found by its caption.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.signposts.factories import document, entry, page, submitted
from tests.signposts.submissions import pdf, write
from wcc_core.cli.main import cli
from wcc_core.framework import load_framework
from wcc_core.signposts import VerifyRules, catalogue_for, verify_signposts
from wcc_core.signposts.relevance import LOW_RELEVANCE, InMemoryScorer, score_relevance


@pytest.fixture(scope="module")
def framework():
    return load_framework("wcc-2009")


# --- unnumbered pages ----------------------------------------------------------------------

PLAN = document(
    page(None, "Strategic Plan 2009/10"),
    page(None, "Contents", "1 Introduction ........ 1", "2.1 Our vision ........ 2"),
    page("1", "1 Introduction", "The PCT has agreed three priorities."),
    page("2", "2.1 Our vision", "Longer, healthier lives."),
)
DOCS = (submitted("SP", "strategic_plan", "Strategic Plan 2009/10"),)


def verify(raw, documents=None):
    catalogue = catalogue_for(DOCS, {})
    return verify_signposts([entry(raw)], catalogue, documents or {"SP": PLAN}, VerifyRules()).results[0]


def test_p1_is_the_page_printed_1_never_the_cover():
    result = verify("SP p.1 para 1")
    assert (result.status, result.locators[0].physical_page) == ("verified", 3)
    assert result.locators[0].excerpt == "1 Introduction"


def test_a_missing_page_message_says_which_pages_print_no_number():
    result = verify("SP p.4")
    assert result.status == "page_missing"
    assert "its printed pages run 1–2" in result.message
    assert "physical pages 1–2 print no page number" in result.message


def test_citing_the_physical_number_of_an_unnumbered_page_says_it_prints_none():
    result = verify("SP p.3")
    assert result.status == "page_missing"
    assert "physical page 3 is printed 1" in result.message


def test_a_section_found_on_an_unnumbered_page_says_so():
    plan = document(page(None, "Contents", "3 Appendix of terms"), page("1", "Body text."))
    result = verify("SP section 3", {"SP": plan})
    assert result.status == "verified"
    assert result.locators[0].page is None and result.locators[0].physical_page == 1
    assert "unnumbered physical page 1" in result.message
    assert result.to_json()["locators"][0]["page"] is None


def test_wcc_show_names_an_unnumbered_page_and_its_furniture(tmp_path):
    folder = tmp_path / "sub"
    pdf(folder / "documents" / "sp.pdf",
        [["Strategic Plan"], ["Contents"], ["1 Introduction", "Body one."], ["2 Vision", "Body two."]],
        footers=[None, None, "Page 1 of 2", "Page 2 of 2"])
    write(folder, [{"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf"}], {"C1": ["SP p.1 para 2"]})
    runner = CliRunner()
    shown = runner.invoke(cli, ["show", str(folder), "SP", "1", "--index-dir", str(tmp_path / "ix")])
    assert shown.exit_code == 0, shown.output
    assert "Page 1 (physical 3)" in shown.stdout
    assert "page_number   Page 1 of 2" in shown.stdout
    cover = runner.invoke(cli, ["show", str(folder), "SP", "1", "--physical", "--index-dir", str(tmp_path / "ix")])
    assert "Unnumbered page (physical 1: it prints no page number)" in cover.stdout
    missing = runner.invoke(cli, ["show", str(folder), "SP", "3", "--index-dir", str(tmp_path / "ix")])
    assert missing.exit_code == 2
    assert "unnumbered (physical 1)" in missing.output and "--physical" in missing.output
    as_json = runner.invoke(cli, ["show", str(folder), "SP", "2", "--format", "json", "--index-dir", str(tmp_path / "ix")])
    (shown_page,) = json.loads(as_json.stdout)["pages"]
    assert shown_page["furniture"][0]["text"] == "Page 2 of 2"
    report = runner.invoke(cli, ["signposts", str(folder), "--format", "json", "--index-dir", str(tmp_path / "ix")])
    (signpost,) = json.loads(report.stdout)["signposts"]
    assert (signpost["status"], signpost["locators"][0]["physical_page"]) == ("verified", 3)


# --- sections: the heading with its body ----------------------------------------------------

LEADER = "Key stakeholders agree the PCT is the local leader of the NHS and understands its leadership reputation."
CAR_PARK = "The car park will be resurfaced in the spring."
COMMS = document(
    page("1", "2 Engagement", "2.1 Reputation", "2.1.1 " + LEADER, "2.1.2 We publish a stakeholder newsletter."),
    page("2", "2.2 Facilities", "2.2.1 " + CAR_PARK, "3 Delivery", "Our delivery plan."),
)


def _relevance(framework, raw):
    docs = (submitted("COMMS", "communications_strategy", "Communications strategy"),)
    catalogue = catalogue_for(docs, framework.document_types)
    report = verify_signposts([entry(raw, sub="a")], catalogue, {"COMMS": COMMS}, VerifyRules())
    scorer = InMemoryScorer({"COMMS": ("communications_strategy", COMMS)})
    return score_relevance(report, framework, scorer).results[0]


def test_a_cited_section_is_its_heading_and_body_up_to_the_next_heading_of_its_level(framework):
    result = _relevance(framework, "COMMS section 2.1")
    assert result.status == "verified"
    assert result.locators[0].blocks == ((1, 2), (1, 3), (1, 4))  # 2.1, 2.1.1, 2.1.2; not 2.2
    assert result.relevance >= LOW_RELEVANCE and result.suggestions == ()


def test_a_top_level_section_runs_over_its_subsections_and_pages(framework):
    result = _relevance(framework, "COMMS section 2")
    assert result.locators[0].blocks == ((1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2))


def test_a_section_about_something_else_still_scores_low(framework):
    result = _relevance(framework, "COMMS 2.2")
    assert result.locators[0].blocks == ((2, 1), (2, 2))
    assert result.relevance < LOW_RELEVANCE and result.suggestions


# --- tables and figures by caption ---------------------------------------------------------

def test_a_table_is_found_by_its_caption():
    plan = document(page("1", "Appendix 3", "Table 2: Activity by provider", "Table 21 Staff"), page("2", "Figure 3 - Trend"))
    assert verify("SP Appendix 3 table 2", {"SP": plan}).status == "verified"
    result = verify("SP table 2", {"SP": plan})
    assert (result.locators[0].physical_page, result.locators[0].paragraph) == (1, 2)
    assert verify("SP fig. 3", {"SP": plan}).locators[0].physical_page == 2
    missing = verify("SP table 4", {"SP": plan})
    assert missing.status == "section_missing" and "no table caption" in missing.message


# --- shortened and partial names -----------------------------------------------------------

def _catalogue(framework, *extra):
    docs = (
        submitted("SP", "strategic_plan", "Strategic Plan 2009/10"),
        submitted("PPR", "provider_performance_report", "Provider performance report, month 7"),
        submitted("RISK", "board_risk_report", "Board risk governance report"),
        submitted("SOD", "schemes_of_delegation", "Schemes of delegation"),
        submitted("FP", "financial_plan", "Financial plan 2009/10"),
        *extra,
    )
    return catalogue_for(docs, framework.document_types)


@pytest.mark.parametrize("raw, document", [
    ("Performance report p.4", "PPR"),
    ("Perf report p.4", "PPR"),
    ("Risk report p.2", "RISK"),
    ("Delegation scheme p.3", "SOD"),
    ("Scheme of delegation p.3", "SOD"),
    ("Delegation schemes section 2", "SOD"),
])
def test_a_shortened_name_finds_the_one_document_it_fits(framework, raw, document):
    (signpost,) = parse_signposts(framework, raw)
    assert signpost.document == document


def parse_signposts(framework, raw, *extra):
    from wcc_core.signposts.parser import parse_signpost

    return parse_signpost(raw, _catalogue(framework, *extra))


def test_an_ambiguous_shortened_name_names_every_candidate(framework):
    laa = submitted("LAAR", "laa_performance_report", "LAA performance report 2009")
    catalogue = _catalogue(framework, laa)
    result = verify_signposts([entry("Performance report p.4")], catalogue, {}, VerifyRules()).results[0]
    assert result.status == "document_missing"
    assert "ambiguous" in result.message and "LAAR" in result.message and "PPR" in result.message
    plan = verify_signposts([entry("Plan p.4")], catalogue, {}, VerifyRules()).results[0]
    assert plan.status == "document_missing" and "FP" in plan.message and "SP" in plan.message


def test_a_partial_name_that_no_locator_follows_is_not_taken(framework):
    (signpost,) = parse_signposts(framework, "Annual Operating Plan 2009/10 pp. 4-5")
    assert signpost.document is None and not signpost.candidates
