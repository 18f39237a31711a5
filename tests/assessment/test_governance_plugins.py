"""The governance plugins through the manager: finance figures, Vital Signs, negatively worded lines."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w

from tests.assessment.builders import write_submission
from wcc_core import hookimpl
from wcc_core.judging.context import SubComponentJudgement
from wcc_core.judging.governance import states_failing, with_distinctive_words
from wcc_core.records.results import CriterionResult
from wcc_core.pipeline import assess_documents, build_context, extracted_documents, load, open_index, reading
from wcc_core.framework import load_framework
from wcc_core.plugin_manager import make_plugin_manager

FAILING = "The vision is not underpinned by analytical research into needs/priorities (e.g. disease incidence rates)"
FILLER = [
    "1.1 Exampleshire has a population of 420,000 living in three localities.",
    "1.2 The PCT commissions acute, community and mental health services from four main providers.",
    "1.3 Our partners include two local authorities and the voluntary sector compact.",
]


def add_data(folder, files: dict[str, str]):
    """Write CSV files into data/ and name them in [data]."""
    (folder / "data").mkdir(exist_ok=True)
    toml = tomllib.loads((folder / "submission.toml").read_text(encoding="utf-8"))
    for role, text in files.items():
        (folder / "data" / f"{role}.csv").write_text(text, encoding="utf-8")
        toml.setdefault("data", {})[role] = f"data/{role}.csv"
    (folder / "submission.toml").write_text(tomli_w.dumps(toml), encoding="utf-8")
    return folder


def context_for(folder):
    submission, framework = load(folder)
    with reading(open_index(submission)) as index:
        documents = extracted_documents(submission, index)
    return build_context(submission, framework, documents), submission, framework, documents


def line_with(sub, text):
    return next(c for c in sub.criteria if c.text == text)


FINANCE = """year,kind,scenario,income,surplus,sha_expected_surplus
2006/07,outturn,actual,200,2.0,2.5
2007/08,outturn,actual,200,2.0,2.9
2008/09,outturn,actual,200,2.0,3.5
""" + "".join(f"{y},plan,{s},200,{sur},3.0\n" for s in ("base", "upside", "downside")
              for y, sur in zip(("2009/10", "2010/11", "2011/12", "2012/13", "2013/14"),
                                (2.0, 2.0, 2.0, 2.0, -0.01 if s == "downside" else 2.0)))


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    folder = write_submission(tmp_path_factory.mktemp("gov") / "failing", {
        "SP": ("strategic_plan", FILLER + [
            "2.1 The vision is not underpinned by analytical research into needs and priorities such as "
            "disease incidence rates."]),
    }, metrics=[("vital_signs.tier1_off_trajectory", 4, "count", "2009/10", "", ""),
                ("vital_signs.existing_commitments_met", 9, "count", "2009/10", 9, "total")])
    add_data(folder, {"finance": FINANCE})
    return context_for(folder)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    folder = write_submission(tmp_path_factory.mktemp("gov") / "good", {
        "SP": ("strategic_plan", FILLER + [
            "2.1 The vision is underpinned by analytical research into needs and priorities such as "
            "disease incidence rates."]),
    }, metrics=[("vital_signs.tier1_off_trajectory", 1, "count", "2009/10", "", ""),
                ("vital_signs.existing_commitments_met", 9, "count", "2009/10", 9, "total")])
    return context_for(folder)


# --- negatively worded lines ----------------------------------------------------------------

def test_a_red_line_worded_as_a_failing_is_met_when_a_passage_states_the_failing(failing):
    context, *_ = failing
    pm = make_plugin_manager()
    sub = context.framework.governance_sub("strategy.vision_and_goals")
    answer = pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    assert isinstance(answer, SubComponentJudgement) and [c.id for c in answer.criteria] == [c.id for c in sub.criteria]
    red = next(c for c in answer.criteria if c.text == FAILING)
    assert red.status == "met" and red.reason.startswith("met (the failing holds): SP p.1 para 4")
    assert red.evidence[0].stance == "for" and "is not underpinned" in red.evidence[0].excerpt
    assert "what is being done about it?" in red.enquiry


def test_a_passage_stating_the_good_practice_is_evidence_against_the_failing(good):
    context, *_ = good
    pm = make_plugin_manager()
    sub = context.framework.governance_sub("strategy.vision_and_goals")
    red = next(c for c in pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=context).criteria
               if c.text == FAILING)
    assert red.status == "not_met" and red.reason == "not met: SP p.1 para 4 states the opposite of this failing"
    assert red.evidence[0].stance == "against" and red.enquiry == ""


def test_lines_are_read_as_failings_by_their_negation_cues():
    framework = load_framework("wcc-2009")
    vision = framework.governance_sub("strategy.vision_and_goals")
    assert states_failing(line_with(vision, FAILING))
    assert not states_failing(vision.criteria_for("green")[0])


def test_a_positively_worded_line_needs_a_word_that_sets_it_apart_from_the_other_ratings_lines():
    framework = load_framework("wcc-2009")
    challenge = framework.governance_sub("strategy.board_challenge")
    lines = {c.id: c for c in with_distinctive_words(challenge.criteria)}
    few = next(c for c in challenge.criteria if "at only a few board meetings" in c.text)
    assert {"only", "few"} <= set(lines[few.id].search.required)
    some = next(c for c in challenge.criteria if "at some board meetings" in c.text)
    assert "some" in lines[some.id].search.required


def test_lines_only_the_panel_day_can_show_are_needs_panel(failing):
    context, *_ = failing
    sub = context.framework.governance_sub("strategy.board_challenge")
    answer = make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    panel = [c for c in answer.criteria if "Chair and NEDs" in c.text]
    assert panel and all(c.status == "needs_panel" for c in panel)


# --- finance figures ------------------------------------------------------------------------

def test_historical_financial_management_is_rated_from_the_outturns_with_its_table(failing):
    context, *_ = failing
    sub = context.framework.governance_sub("finance.historical")
    answer = make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    # 2006/07: 0.5/200 = 0.25 points, 2007/08: 0.45, 2008/09: 0.75 -> amber, decided by 2008/09.
    assert answer.arithmetic and answer.rating == "amber"
    assert [dict(r.cells)["difference"] for r in answer.table] == [0.25, 0.45, 0.75]
    assert [r.decides for r in answer.table] == [False, False, True]
    statuses = {c.id: c.status for c in answer.criteria}
    assert statuses == {"finance.historical.1": "not_met", "finance.historical.2": "not_met",
                        "finance.historical.3": "met", "finance.historical.4": "not_met",
                        "finance.historical.5": "not_met", "finance.historical.6": "met"}
    assert answer.criteria[2].evidence[0].source == "metric" and "2008/09" in answer.criteria[2].evidence[0].excerpt


def test_a_deficit_in_any_year_of_any_scenario_is_red_and_the_turnaround_plan_is_a_question_for_the_panel(failing):
    context, *_ = failing
    sub = context.framework.governance_sub("finance.scenarios")
    answer = make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    assert answer.rating == "red" and "2013/14 downside (operating deficit of -0.01) decides" in answer.rule
    red = answer.criteria[0]
    assert red.status == "met" and "credible turnaround plan" in red.enquiry
    plans = [w for w in answer.warnings if w.startswith("deficit projected; plan evidence")]
    assert [w.split()[4] for w in plans] == ["finance.scenarios.2", "finance.scenarios.4", "finance.scenarios.6"]


def test_finance_without_finance_data_cannot_be_rated_and_says_so(good):
    context, *_ = good
    sub = context.framework.governance_sub("finance.base_case")
    answer = make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    assert answer.arithmetic and answer.rating is None
    assert answer.rule == "cannot rate: the submission has no finance data ([data] finance)"
    assert answer.criteria[0].status == "no_evidence"


# --- Vital Signs ----------------------------------------------------------------------------

def test_board_performance_applies_the_vital_signs_rule_and_says_which_figure_it_used(failing, good):
    pm = make_plugin_manager()
    context, submission, framework, documents = failing
    sub = framework.governance_sub("board.performance")
    four = pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    statuses = [c.status for c in four.criteria]
    assert (statuses[3], statuses[7], statuses[11]) == ("met", "not_met", "not_met")  # 4 off trajectory: red line
    assert "vital_signs.tier1_off_trajectory = 4" in four.criteria[3].evidence[0].excerpt
    assert any(w.startswith("Vital Signs figure used: data/metrics.csv: vital_signs.tier1_off_trajectory = 4")
               for w in four.warnings)
    assert dict(four.table[0].cells)["figure"] == "vital_signs.tier1_off_trajectory" and four.table[0].decides
    assessment = assess_documents(submission, framework, documents, pm)
    assert assessment.governance["board"].sub("performance").proposed == "red"
    one = pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=good[0])
    assert [one.criteria[i].status for i in (3, 7, 11)] == ["not_met", "met", "not_met"]  # 1: the amber line


# --- hooks through the manager, with fewer arguments --------------------------------------

def test_a_governance_implementation_may_accept_fewer_arguments_than_the_spec(failing):
    context, submission, framework, documents = failing

    class AllGreen:
        @hookimpl(tryfirst=True)
        def wcc_assess_subcomponent(self, subcomponent):  # no `context`
            if subcomponent.component != "board":
                return None
            return SubComponentJudgement(criteria=tuple(
                CriterionResult(id=c.id, text=c.text, rating=c.rating, reason="test",
                                status="met" if c.rating == "green" else "not_met") for c in subcomponent.criteria))

    pm = make_plugin_manager(plugins={"all-green": AllGreen()})
    sub = framework.governance_sub("board.risk")
    assert all(c.reason == "test" for c in pm.hook.wcc_assess_subcomponent(subcomponent=sub, context=context).criteria)
    assessment = assess_documents(submission, framework, documents, pm)
    board = assessment.governance["board"]
    assert board.proposed == "green" and all(s.proposed == "green" for s in board.subcomponents)
    assert "rule:" in board.rule and all("rule:" in s.rule for s in board.subcomponents)


def test_a_passage_saying_timelines_are_clear_does_not_meet_the_red_line_saying_they_are_unclear(tmp_path):
    folder = write_submission(tmp_path / "timelines", {
        "SP": ("strategic_plan", FILLER + [
            "3.1 Timelines for investment and disinvestment are clear, realistic and detailed with milestones, "
            "potential bottlenecks and mitigation plans."]),
        "FP": ("financial_plan", FILLER[:1]),
    })
    context, *_ = context_for(folder)
    sub = context.framework.governance_sub("strategy.financial_consistency")
    answer = make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context)
    unclear = next(c for c in answer.criteria if c.text == "Timelines for investment or disinvestment are unclear")
    assert unclear.status == "no_evidence"
    green = next(c for c in answer.criteria if c.rating == "green" and c.text.startswith("Timelines"))
    assert green.status == "met" and green.evidence[0].place.doc_id == "SP"


def test_a_failing_stated_as_not_yet_put_right_still_holds(tmp_path):
    folder = write_submission(tmp_path / "not-yet", {
        "SP": ("strategic_plan", FILLER + [
            "2.1 The vision is not yet underpinned by analytical research into needs and priorities such as "
            "disease incidence rates; this work will be done next year."]),
    })
    context, *_ = context_for(folder)
    sub = context.framework.governance_sub("strategy.vision_and_goals")
    red = next(c for c in make_plugin_manager().hook.wcc_assess_subcomponent(subcomponent=sub, context=context).criteria
               if c.text == FAILING)
    assert red.status == "met" and red.reason.startswith("met (the failing holds): SP p.1 para 4 states it")
    assert all(e.stance == "for" for e in red.evidence)
