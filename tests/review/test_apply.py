"""Decisions applied to the sample's proposals: the handbook's rules recomputed, precedence, stale decisions."""

from __future__ import annotations

import json

import pytest

from tests.review.conftest import decision, review_of
from wcc_core.assessment import aggregate, governance_rules
from wcc_core.assessment.arithmetic import additive_level, mean_one_decimal
from wcc_core.render.json_renderer import assessment_json
from wcc_core.review.apply import apply_review, apply_review_file
from wcc_core.review.store import ReviewFileError, dumps, write_atomic


def applied(base, *decisions, invalid=()):
    review = review_of(base.folder.parent / "exampleshire.review.toml", *decisions)
    if invalid:
        review = type(review)(review.path, review.submission, review.decisions, tuple(invalid), True)
    return apply_review(base.assessment, review, submission=base.submission, framework=base.framework,
                        documents=base.documents)


def subs(assessment):
    return [s for c in assessment.competencies.values() for s in c.subcompetencies]


def sub_of(assessment, full_key):
    return next(s for s in subs(assessment) if s.full_key == full_key)


def competency_of(assessment, full_key):
    return next(c for c in assessment.competencies.values() if any(s.full_key == full_key for s in c.subcompetencies))


def judged(sub, level):
    return [c for c in sub.criteria if c.level == level and c.status != "needs_panel"]


@pytest.fixture(scope="module")
def below_two(base):
    """A sub-competency at level 1 with several level-2 lines, not all met, and level-3 lines."""
    for sub in subs(base.assessment):
        twos, threes = judged(sub, 2), judged(sub, 3)
        if sub.proposed == 1 and len(twos) >= 2 and threes and any(c.status != "met" for c in twos):
            return sub
    pytest.skip("the sample has no sub-competency at level 1 with level-2 and level-3 lines")


def test_a_criterion_overridden_to_met_lifts_a_level_under_the_additive_rule(base, below_two):
    twos, threes = judged(below_two, 2), judged(below_two, 3)
    missing = [c for c in twos if c.status != "met"]
    # Every level-2 line but the last missing one met, and a level-3 line not met: still level 1.
    first = [decision("criterion", c.id, "met") for c in missing[:-1]]
    hold = decision("criterion", threes[0].id, "not_met", because="the panel heard it is not yet done")
    before = sub_of(applied(base, *first, hold), below_two.full_key)
    assert before.evidence_level == 1
    # The one remaining line overridden to met lifts the additive rule to level 2.
    after_assessment = applied(base, *first, hold, decision("criterion", missing[-1].id, "met", because="SP p.20"))
    after = sub_of(after_assessment, below_two.full_key)
    assert after.evidence_level == 2
    # The proposal comes from the assessment's own aggregate path on the decided lines.
    _, _, expected = aggregate.subcompetency_level(after.criteria, base.framework, after.self_level)
    assert (after.proposed, after.verdict, after.confidence) == (expected.proposed, expected.verdict,
                                                                 expected.confidence)
    assert after.proposed == 2
    if below_two.proposed != 2:
        assert after.proposed_by_evidence == below_two.proposed and after.decided_by == "analyst A. Analyst"
    line = next(c for c in after.criteria if c.id == missing[-1].id)
    assert (line.status, line.proposed_status, line.decided_by) == ("met", missing[-1].status, "analyst A. Analyst")
    assert any("level 2 reached" in s.explanation for s in after.steps)
    # The same arithmetic as rules.py, and the competency mean recomputed from the decided levels.
    assert additive_level(after.criteria, (1, 2, 3, 4))[0] == 2
    competency = competency_of(after_assessment, below_two.full_key)
    assert competency.score == mean_one_decimal(s.proposed for s in competency.subcompetencies)
    assert competency.score != competency_of(base.assessment, below_two.full_key).score


def test_a_panel_level_overrides_the_criteria_and_the_analysts_level_and_calibration_overrides_the_panel(base, below_two):
    every_line_met = [decision("criterion", c.id, "met") for c in below_two.criteria]
    analyst = decision("level", below_two.full_key, 4, because="all lines met")
    panel = decision("level", below_two.full_key, 2, role="panel", because="the board could not show it")
    result = applied(base, *every_line_met, analyst, panel)
    sub = sub_of(result, below_two.full_key)
    assert (sub.proposed, sub.proposed_by_evidence, sub.decided_by) == (2, 1, "panel J. Chair")
    assert sub.rationale.startswith("Level 2 set by panel J. Chair: the board could not show it.")
    record = next(r for r in result.decisions["applied"] if r["target"] == "level")
    assert (record["proposal"], record["decided"], record["stands"]) == (1, 2, "panel")
    assert record["analyst"]["value"] == 4 and record["panel"]["value"] == 2 and record["calibration"] is None
    assert result.stage == "panel_report"

    calibrated = applied(base, *every_line_met, analyst, panel,
                         decision("level", below_two.full_key, 3, role="calibration", because="regional calibration"))
    assert sub_of(calibrated, below_two.full_key).proposed == 3
    assert sub_of(calibrated, below_two.full_key).decided_by == "calibration N. Calibrator"


def test_on_one_criterion_calibration_stands_over_panel_over_analyst_whatever_the_order_in_the_file(base, below_two):
    line = below_two.criteria[0]
    panel = decision("criterion", line.id, "not_met", role="panel", because="not evidenced on the day")
    analyst = decision("criterion", line.id, "met", because="found by eye")  # later, but a lower role
    result = applied(base, panel, analyst)
    decided = next(c for c in sub_of(result, below_two.full_key).criteria if c.id == line.id)
    assert (decided.status, decided.decided_by) == ("not_met", "panel J. Chair")
    record = result.decisions["applied"][0]
    assert record["analyst"]["value"] == "met" and record["panel"]["value"] == "not_met"
    assert record["stands"] == "panel" and record["proposal"] == line.status
    result = applied(base, panel, analyst, decision("criterion", line.id, "met", role="calibration"))
    assert next(c for c in sub_of(result, below_two.full_key).criteria if c.id == line.id).status == "met"


def test_analyst_decisions_alone_leave_the_briefing_stage(base, below_two):
    result = applied(base, decision("criterion", below_two.criteria[0].id, "met"))
    assert result.stage == "briefing"
    assert applied(base, decision("commentary", "overview", "Strong year.", role="panel")).stage == "panel_report"


def test_a_decision_whose_target_is_gone_is_reported_stale_never_applied_or_dropped(base, below_two):
    line = below_two.criteria[0]
    result = applied(
        base,
        decision("criterion", line.id[:-1] + "99", "met"),  # the criteria set has no such line
        decision("criterion", line.id, "met", snapshot={"text": "a line that read otherwise"}),
        decision("level", below_two.full_key, 7, role="panel"),  # outside the framework's scale
        decision("rating", "finance.base_case", "purple", role="panel"),
        decision("signpost", "C1", "accept", index=999),
        invalid=[({"id": "d900", "target": "criterion", "key": "C1a.1", "value": "maybe"}, "value 'maybe' ...")],
    )
    stale = {(s["key"], s["why"].split(" ")[0]) for s in result.decisions["stale"]}
    assert len(result.decisions["stale"]) == 6, result.decisions["stale"]
    assert result.decisions["applied"] == []
    assert sub_of(result, below_two.full_key) == sub_of(base.assessment, below_two.full_key)
    gone = next(s for s in result.decisions["stale"] if s["key"].endswith("99"))
    assert gone["suggestions"], "the nearest valid ids are suggested"
    changed = next(s for s in result.decisions["stale"] if s["key"] == line.id)
    assert "changed since the decision" in changed["why"]
    assert ("C1a.1", "cannot") in stale


def test_an_accepted_signpost_counts_as_verified_and_says_who_accepted_it(base):
    problem = next(r for r in base.assessment.signposts.results if not r.verified)
    result = applied(base, decision("signpost", problem.key, "accept", index=problem.index,
                                    because="the evidence is on the next page",
                                    snapshot={"raw": problem.raw}))
    decided = next(r for r in result.signposts.results if (r.key, r.index, r.part) == (problem.key, problem.index, problem.part))
    assert decided.status == "verified" and "accepted as verified by analyst A. Analyst" in decided.message
    assert result.signposts.summary()["verified"] == base.assessment.signposts.summary()["verified"] + 1
    record = result.decisions["signposts"][0]
    assert (record["decision"], record["proposed_status"], record["status"]) == ("accept", problem.status, "verified")
    # The PCT rewrote the signpost since: the decision is stale.
    moved = applied(base, decision("signpost", problem.key, "accept", index=problem.index,
                                   snapshot={"raw": problem.raw + " para 9"}))
    assert moved.decisions["stale"] and not moved.decisions["signposts"]


def test_a_panel_rating_stands_and_the_component_takes_the_worst_of_the_decided_sub_components(base):
    finance = base.assessment.governance["finance"]
    worst = base.framework.info.ratings[0]
    result = applied(base, decision("rating", "finance.base_case", worst, role="panel", because="no base case"))
    sub = result.governance["finance"].sub("base_case")
    assert sub.proposed == worst and sub.rationale.startswith(f"{worst.capitalize()} set by panel J. Chair")
    assert result.governance["finance"].proposed == worst
    assert sub.proposed_by_evidence == finance.sub("base_case").proposed or finance.sub("base_case").proposed is None
    # A rating set on the component itself stands over the arithmetic.
    best = base.framework.info.ratings[-1]
    result = applied(base, decision("rating", "finance.base_case", worst, role="panel"),
                     decision("rating", "finance", best, role="calibration", because="calibrated"))
    assert result.governance["finance"].proposed == best
    assert result.governance["finance"].decided_by == "calibration N. Calibrator"


def test_the_panels_commentary_is_carried_by_section(base):
    result = applied(base, decision("commentary", "alignment", "Clear line of sight.", role="panel"),
                     decision("commentary", "recommendations", "Publish the plan.", role="panel"))
    assert set(result.decisions) >= {"applied", "stale", "commentary", "signposts"}
    assert result.decisions["commentary"]["alignment"] == "Clear line of sight."
    assert result.decisions["commentary"]["recommendations"] == "Publish the plan."
    assert result.decisions["commentary"]["renewal"] == ""


def test_focus_areas_are_recomputed_from_the_decided_levels(base):
    gap = next((f for f in base.assessment.focus_areas if f.kind == "self_above_evidence"), None)
    if gap is None:
        pytest.skip("no self-assessment above the evidence in the sample")
    sub = sub_of(base.assessment, gap.key)
    result = applied(base, decision("level", sub.full_key, sub.self_level, role="panel", because="as claimed"))
    assert not any(f.key == gap.key and f.kind == "self_above_evidence" for f in result.focus_areas)


def _flat(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _flat(v, path + (i,))
    else:
        yield path, value


def test_the_briefing_and_the_report_differ_exactly_where_decisions_were_made(base, below_two):
    """JSON renderer: every path that differs belongs to a decided target; every decided target differs."""
    other = next(s for s in subs(base.assessment) if s.full_key != below_two.full_key and s.proposed < 4)
    line = next(c for c in below_two.criteria if c.status != "met")
    problem = next(i for i, r in enumerate(base.assessment.signposts.results) if not r.verified)
    signpost = base.assessment.signposts.results[problem]
    decisions = [
        decision("criterion", line.id, "met", because="found by eye"),
        decision("level", other.full_key, other.proposed + 1, role="panel", because="heard on the day"),
        decision("rating", "finance.base_case", base.framework.info.ratings[0], role="panel", because="no base case"),
        decision("signpost", signpost.key, "accept", index=signpost.index, part=signpost.part, because="next page"),
        decision("commentary", "execution", "Delivery is strong.", role="panel"),
    ]
    briefing = json.loads(assessment_json(base.assessment))
    report = json.loads(assessment_json(applied(base, *decisions)))
    assert briefing["stage"] == "briefing" and report["stage"] == "panel_report"

    def path_of(sub):
        competency = next(k for k, c in base.assessment.competencies.items() if sub in c.subcompetencies)
        return competency, sub.key

    (c1, s1), (c2, s2) = path_of(below_two), path_of(other)
    line_index = [c.id for c in below_two.criteria].index(line.id)

    def decided(path) -> bool:
        if path[:1] in (("stage",), ("decisions",)):
            return True
        # Within a decided sub-competency or sub-component anything derived from its value may
        # change (level, counts, steps, rationale, deviations); of its criterion lines only the decided one.
        if path[:1] == ("competencies",):
            if path[2:3] == ("score",):
                return path[1] in (c1, c2)
            if path[1:4] == (c1, "subcompetencies", s1):
                return path[4] != "criteria" or path[4:6] == ("criteria", line_index)
            if path[1:4] == (c2, "subcompetencies", s2):
                return path[4] != "criteria"
        if path[:1] == ("governance",):
            if path[1] != "finance":
                return False
            if path[2] != "subcomponents":
                return True  # the component's own rating, rule and marks
            return path[3] == "base_case" and path[4] != "criteria"
        if path[:3] == ("signposts", "signposts", problem):
            return path[3] in ("status", "message")
        return path[:2] == ("signposts", "summary")

    flat_b = {p: v for p, v in _flat({k: v for k, v in briefing.items() if k != "focus_areas"})}
    flat_r = {p: v for p, v in _flat({k: v for k, v in report.items() if k != "focus_areas"})}
    differing = {p for p in set(flat_b) | set(flat_r) if flat_b.get(p, "<absent>") != flat_r.get(p, "<absent>")}
    assert differing, "the report must differ from the briefing"
    assert not [p for p in differing if not decided(p)], sorted(p for p in differing if not decided(p))[:5]
    # Every decision shows: the decided values are what the report says.
    sub1 = report["competencies"][c1]["subcompetencies"][s1]
    assert sub1["criteria"][line_index]["status"] == "met" and sub1["criteria"][line_index]["decided_by"]
    assert report["competencies"][c2]["subcompetencies"][s2]["proposed"] == other.proposed + 1
    assert report["competencies"][c2]["subcompetencies"][s2]["decided_by"] == "panel J. Chair"
    assert report["governance"]["finance"]["subcomponents"]["base_case"]["proposed"] == base.framework.info.ratings[0]
    assert report["signposts"]["signposts"][problem]["status"] == "verified"
    assert report["decisions"]["commentary"]["execution"] == "Delivery is strong."
    # Focus areas change only for the decided targets.
    keys = {below_two.full_key, other.full_key, "finance.base_case", "finance", signpost.key}
    before = {json.dumps(f, sort_keys=True) for f in briefing["focus_areas"]}
    after = {json.dumps(f, sort_keys=True) for f in report["focus_areas"]}
    assert {json.loads(f)["key"] for f in before ^ after} <= keys


def test_no_review_file_beside_the_submission_leaves_the_proposals_alone(base, tmp_path, monkeypatch):
    monkeypatch.delenv("WCC_REVIEW", raising=False)
    same = apply_review_file(base.assessment, None, submission=base.submission, framework=base.framework,
                             documents=base.documents)
    assert same is base.assessment
    with pytest.raises(ReviewFileError, match="no review file there"):
        apply_review_file(base.assessment, tmp_path / "missing.review.toml", submission=base.submission,
                          framework=base.framework, documents=base.documents)


def test_a_review_file_of_another_pct_is_refused(base, tmp_path):
    path = tmp_path / "other.review.toml"
    write_atomic(path, dumps(review_of(path, decision("commentary", "overview", "x", role="panel"), name="NHS Elsewhere")))
    with pytest.raises(ReviewFileError, match="NHS Elsewhere, not NHS Exampleshire"):
        apply_review_file(base.assessment, path, submission=base.submission, framework=base.framework,
                          documents=base.documents)


def test_wcc_review_names_a_folder_of_review_files(base, tmp_path, monkeypatch):
    path = tmp_path / "exampleshire.review.toml"
    write_atomic(path, dumps(review_of(path, decision("commentary", "overview", "From the SHA folder.", role="panel"))))
    monkeypatch.setenv("WCC_REVIEW", str(tmp_path))
    result = apply_review_file(base.assessment, None, submission=base.submission, framework=base.framework,
                               documents=base.documents)
    assert result.decisions["commentary"]["overview"] == "From the SHA folder."
    assert result.decisions["review_file"] == str(path)


def test_governance_lines_decided_give_the_sub_component_its_rating_by_the_stated_rule(base):
    sub = next((s for c in base.assessment.governance.values() for s in c.subcomponents
                if not s.table and s.criteria and any(c.rating == base.framework.info.ratings[-1] for c in s.criteria)),
               None)
    if sub is None:
        pytest.skip("no governance sub-component rated from its lines in the sample")
    worst, best = base.framework.info.ratings[0], base.framework.info.ratings[-1]
    lines = [decision("criterion", c.id, "not_met" if c.rating == worst else "met", because="read by the analyst")
             for c in sub.criteria]
    component, _, key = sub.full_key.partition(".")
    result = applied(base, *lines)
    decided = result.governance[component].sub(key)
    assert decided.proposed == best
    assert (decided.proposed, decided.rule) == governance_rules.subcomponent_rating(decided.criteria, base.framework.info.ratings)
    assert decided.decided_by == "analyst A. Analyst"
    assert all(c.decided_by == "analyst A. Analyst" for c in decided.criteria)


def test_a_frameworks_own_rating_rule_rates_the_decided_lines_as_it_rated_the_proposal(base):
    """A Year 3 pack may rate on 'at least half the lines met': the review applies the same rule."""
    from dataclasses import replace
    from decimal import Decimal

    from wcc_core.assessment.governance_rules import RatingRule, subcomponent_rating

    half = RatingRule(best_share=Decimal("0.5"))
    component = next(g for g in base.assessment.governance.values()
                     if any(not s.arithmetic and len(s.criteria) >= 2 for s in g.subcomponents))
    sub = next(s for s in component.subcomponents if not s.arithmetic and len(s.criteria) >= 2)
    ratings = base.framework.info.ratings
    with_rule = replace(sub, rating_rule=half, proposed=subcomponent_rating(sub.criteria, ratings, half)[0])
    governance = dict(base.assessment.governance)
    governance[component.key] = replace(component, subcomponents=tuple(
        with_rule if s.full_key == sub.full_key else s for s in component.subcomponents))
    assessment = replace(base.assessment, governance=governance)
    line = next(c for c in sub.criteria if c.status != "needs_panel")
    review = review_of(base.folder.parent / "exampleshire.review.toml",
                       decision("criterion", line.id, "met" if line.status != "met" else "not_met"))
    decided = apply_review(assessment, review, submission=base.submission, framework=base.framework,
                           documents=base.documents)
    after = next(s for s in decided.governance[component.key].subcomponents if s.full_key == sub.full_key)
    assert (after.proposed, after.rule) == subcomponent_rating(after.criteria, ratings, half)
    assert "at least 50% of the judgeable line met" in after.rule  # not the default rule's "every"
