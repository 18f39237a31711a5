"""Focus areas: ranked by what the panel must not miss, one per subject, every reason merged.

Built from hand-made results, so the tests hold whatever the judging proposes for the
bundled sample.
"""

from __future__ import annotations

from indexer.model import LocatedBlock
from wcc_core.assessment.focus import OVERCLAIM, POOR_SIGNPOSTING, RED_GOVERNANCE, REST, focus_areas
from wcc_core.records.results import (
    Assessment,
    CompetencyResult,
    CriterionResult,
    EvidenceItem,
    GovernanceResult,
    OutcomeResult,
    SubComponentResult,
    SubCompetencyResult,
)
from wcc_core.records.signposts import SignpostFinding, SignpostReport

RATINGS = ("red", "amber", "green")


def line(cid: str, level: int, status: str) -> CriterionResult:
    against = (EvidenceItem("signpost", "not yet in place", 0.6, "against", LocatedBlock("SP", 12, "12", 3)),) \
        if status == "not_met" else ()
    return CriterionResult(cid, f"Line {cid} is done", status, status, against, level=level)


def sub(full_key: str, self_level: int, proposed: int, last_year: int | None, deciding: str = "no_evidence"):
    criteria = tuple(line(f"{full_key}.{lv}", lv, deciding) for lv in range(proposed + 1, self_level + 1))
    return SubCompetencyResult(full_key[-1], full_key, f"Title of {full_key}", self_level, proposed, last_year, criteria)


def governance(self_rating: str, proposed: str, last_year: str) -> dict:
    subs = (SubComponentResult("scenarios", "finance.scenarios", "Sustainable position under scenarios",
                               self_rating, proposed, last_year, arithmetic=True),
            SubComponentResult("historical", "finance.historical", "Historical financial management",
                               "amber", "amber", "amber", arithmetic=True))
    return {"finance": GovernanceResult("finance", "Finance", "amber", proposed, "amber", subs)}


def assessment(subs, gov=None, outcomes=(), signposts=None) -> Assessment:
    competencies = {}
    for s in subs:
        key = s.full_key[:-1]
        old = competencies.get(key)
        competencies[key] = CompetencyResult(key, f"Competency {key}", None, None, None,
                                             (old.subcompetencies if old else ()) + (s,))
    return Assessment("NHS Testshire", "wcc-2009", "test", {}, ("1", "2", "3", "4"), competencies, RATINGS,
                      gov or {}, tuple(outcomes), signposts=signposts)


def many_overclaims():
    # a dozen sub-competencies claiming a level above the evidence, some with the documents against them
    return [sub(f"C{n}a", 4, 2, 2, "not_met") for n in range(1, 7)] + \
           [sub(f"C{n}b", 3, 2, 2) for n in range(1, 7)]


def test_a_proposed_red_against_a_self_assessed_green_comes_before_every_over_claim():
    areas = focus_areas(assessment(many_overclaims(), governance("green", "red", "amber")))
    assert areas[0].key == "finance.scenarios"
    assert areas[0].priority == RED_GOVERNANCE
    assert areas[0].label == "Finance: Sustainable position under scenarios"
    assert "proposed red against a self-assessed green" in areas[0].why


def test_no_subject_appears_twice_and_its_reasons_are_merged():
    subs = many_overclaims()
    areas = focus_areas(assessment(subs, governance("green", "red", "amber")))
    keys = [a.key for a in areas]
    assert len(keys) == len(set(keys))
    # C1a is both an over-claim and limited progress since last year: one entry with both reasons
    [c1a] = [a for a in areas if a.key == "C1a"]
    assert c1a.kinds == ("self_above_evidence", "limited_progress")
    assert c1a.reasons[0].startswith("self-assessed 4, evidence supports 2") and "limited progress" in c1a.reasons[1]
    # the red sub-component is also worse than last year: merged into the one entry
    assert "last year amber, now red (worse)" in areas[0].why


def test_over_claims_the_documents_contradict_come_before_those_where_evidence_is_only_missing():
    areas = focus_areas(assessment(many_overclaims()))
    tiers = {a.key: a.priority for a in areas}
    assert all(tiers[f"C{n}a"] == OVERCLAIM for n in range(1, 7))
    assert all(tiers[f"C{n}b"] == REST for n in range(1, 7))
    assert [a.priority for a in areas] == sorted(a.priority for a in areas)


def test_a_gap_of_two_levels_is_serious_even_without_evidence_against():
    areas = focus_areas(assessment([sub("C1a", 4, 2, None), sub("C1b", 3, 2, None)]))
    assert [(a.key, a.priority) for a in areas] == [("C1a", OVERCLAIM), ("C1b", REST)]


def test_outcome_flags_rank_between_over_claims_and_poor_signposting():
    worsening = OutcomeResult("14", "Obesity", False, {"pct": 1.1}, -1.7, flags=("worsening",))
    report = SignpostReport("NHS Testshire", "wcc-2009", (), (SignpostFinding("C2", "too_many_documents",
                                                                              "C2 signposts 7 documents"),))
    areas = focus_areas(assessment([sub("C1a", 4, 2, None, "not_met"), sub("C2a", 3, 2, None)],
                                   outcomes=[worsening], signposts=report))
    assert [(a.key, a.priority) for a in areas] == [("C1a", OVERCLAIM), ("14", 3), ("C2", POOR_SIGNPOSTING),
                                                    ("C2a", REST)]
    assert areas[1].label == "14. Obesity"


def test_the_same_result_gives_the_same_focus_areas():
    a = assessment(many_overclaims(), governance("green", "red", "amber"))
    assert focus_areas(a) == focus_areas(a)
