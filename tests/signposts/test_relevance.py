"""Relevance: how well the cited text fits the criteria it is cited for, and better passages when it does not."""

from __future__ import annotations

import pytest

from tests.signposts.factories import document, entry, page, submitted
from wcc_core.framework import load_framework
from wcc_core.signposts import VerifyRules, catalogue_for, verify_signposts
from wcc_core.signposts.relevance import LOW_RELEVANCE, InMemoryScorer, criteria_query, score_relevance

LEADER = "Key stakeholders agree the PCT is the local leader of the NHS and understands its leadership reputation."
EMPLOYER = "Commissioning staff satisfaction is high: our employment offer, training and development attract staff."
CAR_PARK = "The car park will be resurfaced in the spring."

DOCS = (
    submitted("COMMS", "communications_strategy", "Communications strategy"),
    submitted("SP", "strategic_plan", "Strategic plan"),
    submitted("OD", "od_plan", "OD plan"),
)
EXTRACTED = {
    "COMMS": document(page("1", "Reputation", LEADER), page("2", "Facilities", CAR_PARK)),
    "SP": document(page("1", "Estates", CAR_PARK, "More about " + CAR_PARK), page("2", "Local leadership", LEADER)),
    "OD": document(page("1", EMPLOYER)),
}


@pytest.fixture(scope="module")
def framework():
    return load_framework("wcc-2009")


def relevance_of(framework, *entries):
    catalogue = catalogue_for(DOCS, framework.document_types)
    report = verify_signposts(entries, catalogue, EXTRACTED, VerifyRules.from_framework(framework))
    scorer = InMemoryScorer({d.id: (d.type, EXTRACTED[d.id]) for d in DOCS})
    return score_relevance(report, framework, scorer).results


def test_text_about_the_criteria_scores_higher_than_text_about_something_else(framework):
    on_topic, off_topic = relevance_of(framework, entry("COMMS p.1 para 2", sub="a"), entry("COMMS p.2 para 2", sub="a"))
    assert on_topic.relevance > LOW_RELEVANCE > off_topic.relevance
    assert 0.0 <= off_topic.relevance <= on_topic.relevance <= 1.0


def test_a_low_score_suggests_better_blocks_of_the_document_types_the_handbook_lists(framework):
    (result,) = relevance_of(framework, entry("COMMS p.2 para 2", sub="a"))
    assert result.suggestions, "a passage about the local leader exists in the communications strategy"
    # C1a's evidence is the communications strategy only: the strategic plan's copy is not offered.
    assert {s.place.doc_id for s in result.suggestions} == {"COMMS"}
    assert (result.suggestions[0].place.label, result.suggestions[0].place.n) == ("1", 2)
    assert all(s.place.address != ("COMMS", 2, 2) for s in result.suggestions)


def test_a_high_score_suggests_nothing(framework):
    (result,) = relevance_of(framework, entry("COMMS p.1 para 2", sub="a"))
    assert result.relevance >= LOW_RELEVANCE and result.suggestions == ()


def test_the_criteria_of_the_sub_competency_are_the_query(framework):
    assert "employer of choice" in criteria_query(framework, "competency", "C1", "c").lower()
    assert "local leader" not in criteria_query(framework, "competency", "C1", "c").lower()
    assert "local leader" in criteria_query(framework, "competency", "C1", None).lower()
    (employer,) = relevance_of(framework, entry("OD p.1", sub="c"))
    assert employer.relevance == 1.0


def test_signposts_that_are_not_verified_get_no_relevance(framework):
    (missing,) = relevance_of(framework, entry("COMMS p.9", sub="a"))
    assert missing.relevance is None and "relevance" not in missing.to_json()


def test_ties_between_equally_good_blocks_are_broken_by_document_page_and_paragraph():
    scorer = InMemoryScorer({"B": ("t", EXTRACTED["SP"]), "A": ("t", EXTRACTED["SP"])})
    hits = scorer.search(CAR_PARK)
    assert [h.address for h in hits[:2]] == [("A", 1, 2), ("B", 1, 2)]


def test_the_whoosh_index_can_stand_in_for_the_in_memory_scorer(framework, tmp_path):
    from indexer import DocumentSource, build_index
    from tests.signposts.submissions import pdf

    comms = pdf(tmp_path / "comms.pdf", [["Reputation", LEADER], ["Facilities", CAR_PARK]])
    sp = pdf(tmp_path / "sp.pdf", [["Estates", CAR_PARK], ["Local leadership", LEADER]])
    sources = [DocumentSource("COMMS", "communications_strategy", comms), DocumentSource("SP", "strategic_plan", sp)]
    with build_index(sources, tmp_path / "index", workers=1) as index:
        documents = {doc_id: index.document(doc_id) for doc_id in ("COMMS", "SP")}
        catalogue = catalogue_for(DOCS[:2], framework.document_types)
        report = verify_signposts([entry("COMMS p.2 para 2", sub="a")], catalogue, documents, VerifyRules())
        (whoosh,) = score_relevance(report, framework, index).results
        memory = InMemoryScorer({"COMMS": ("communications_strategy", documents["COMMS"]), "SP": ("strategic_plan", documents["SP"])})
        (in_memory,) = score_relevance(report, framework, memory).results
    assert whoosh.relevance < LOW_RELEVANCE and in_memory.relevance < LOW_RELEVANCE
    top = [(s.place.doc_id, s.place.label, s.place.n) for s in (whoosh.suggestions[0], in_memory.suggestions[0])]
    assert top == [("COMMS", "1", 2), ("COMMS", "1", 2)]
