"""A passage that says the thing is not done, or only intended, is evidence against it."""

from __future__ import annotations

import time

import pytest

from wcc_core.judging.stance import clauses, load_cues, sentences, stance

AGAINST = [
    ("We do not yet stratify our population by risk.", "do not"),
    ("The programme has not been evaluated.", "has not"),
    ("A reputation strategy is being drafted for board approval.", "is being"),
    ("The training offer will be launched in May.", "will be"),
    ("We plan to introduce risk stratification next year.", "we plan to"),
    ("Patient experience is monitored but we lack analysis by population group.", "lack"),
    ("Clinical engagement is at an early stage.", "at an early stage"),
    ("The link between the JSNA and the LAA targets is not yet explicit.", "is not"),
    ("The PCT has yet to agree its market management strategy.", "yet to"),
    ("A procurement framework is under development.", "under development"),
    ("We intend to publish the outcomes dashboard in 2010.", "intend to"),
    ("Benchmarking against peers cannot be done until the new data warehouse is live.", "cannot"),
    ("Scenario modelling is limited to financial activity.", "limited to"),
    ("Joint commissioning with the council remains difficult.", "remains difficult"),
    ("There is no agreed market management strategy.", "there is no"),
    ("Clinical engagement has been limited to GP leads.", "has been limited"),
    ("Our outcomes dashboard is to be launched in the autumn.", "to be launched"),
    ("We are in the process of agreeing joint posts with the council.", "in the process of"),
    ("Analysis of patient experience by group is not routinely done.", "is not"),
    ("Contract monitoring of the smaller providers is patchy.", "patchy"),
    ("A risk stratification tool is planned for 2010.", "is planned"),
    ("The programme has never been evaluated.", "never"),  # "never been" is no idiom here
    ("We will continue to need better data, and will introduce a new warehouse.", "will introduce"),
    # The main clause's own cue counts though a describing clause follows it.
    ("The PCT has not identified where market supply falls short.", "has not"),
    # A describing clause that calls the thing unfinished still names a gap.
    ("The plan contains a large number of small initiatives which have not yet been prioritised.", "have not"),
]

FOR = [
    "We stratify our whole population by risk of admission every quarter.",
    "The programme was evaluated independently in 2009 and the board acted on its findings.",
    "The board approved the reputation strategy in March 2009.",
    "Not only did we meet the target, we exceeded it by 4%.",  # "not only" is no denial
    "Investment decisions are reviewed against their expected outcomes no later than six months after launch.",
    "Nothing less than full coverage of GP practices was accepted, and all 42 took part.",
    "The notable gain in screening uptake followed the campaign.",  # "notable" is not "not"
    "We reach seldom heard groups through the LINk and community champions.",  # a term of art
    "Groups we rarely hear from are reached through community champions.",
    # General English idioms that affirm although they hold a negation or "will".
    "There is no doubt that clinicians lead the redesign of our pathways.",
    "Every practice, without exception, reports its referrals each month.",
    "We engage not just GPs but the whole practice team.",
    "We will continue to publish the outcomes dashboard every quarter.",
    "The dashboard will remain on the public website, where it has been since 2008.",
    # Bounds that state a standard kept.
    "Provider data is never more than two months out of date.",
    "Contract queries are answered in no more than ten working days.",
    # Describing clauses: a relative pronoun straight before the cue, or a wh-clause after a
    # verb of finding out, describe a thing and deny nothing.
    "The PCT can name several clinicians who do not sit on the PEC and have shaped its strategy.",
    "The PCT invests for health gains that will come in the longer run.",
    "The PCT has identified where market supply falls short and has plans to contain the risks.",
]


@pytest.mark.parametrize("sentence,cue", AGAINST)
def test_a_passage_saying_the_pct_has_not_yet_done_x_does_not_meet_x(sentence, cue):
    assert stance(sentence) == ("against", cue)


@pytest.mark.parametrize("sentence", FOR)
def test_a_passage_stating_x_as_done_is_evidence_for_x(sentence):
    assert stance(sentence) == ("for", "")


def test_cues_are_data_with_negation_and_intention_lists():
    cues = load_cues()
    assert "not yet" in cues.negation and "will be" in cues.intention and "not only" in cues.not_cues


def test_sentences_are_split_at_full_stops_and_a_semicolon_ends_a_clause():
    assert sentences("We did A. We will do B; C is done.") == ["We did A.", "We will do B; C is done."]
    assert clauses("We will do B; C is done.") == ["We will do B", "C is done."]


def test_a_semicolon_that_goes_on_with_a_list_keeps_the_negation_of_the_clause_before_it():
    sentence = "We do not yet have a clear approach to quality; and staff able to apply it."
    assert clauses(sentence) == [sentence]
    assert stance(clauses(sentence)[0]) == ("against", "do not")


def test_stance_and_sentence_splitting_run_in_linear_time_on_adversarial_text():
    for text in ("not " * 50_000, "." * 200_000, " " * 200_000, "a" * 200_000, ". " * 100_000):
        started = time.perf_counter()
        for sentence in sentences(text)[:1000]:
            stance(sentence)
        stance(text)
        assert time.perf_counter() - started < 2.0, text[:10]


def test_a_sentence_is_judged_clause_by_clause_at_but_and_although():
    sentence = "Patient experience is monitored through complaints, but we do not yet analyse it by population group."
    assert clauses(sentence) == ["Patient experience is monitored through complaints",
                                 "but we do not yet analyse it by population group."]
    assert stance(clauses(sentence)[0]) == ("for", "")
    assert stance(clauses(sentence)[1]) == ("against", "do not")


def test_drawn_up_plans_to_do_something_is_done_but_we_plan_to_is_intended():
    assert stance("We have drawn up plans to match the top performers on each benchmark.") == ("for", "")
    assert stance("We plan to match the top performers on each benchmark.") == ("against", "we plan to")


def test_a_cue_the_criterion_itself_contains_denies_nothing():
    criterion = "Cross cutting initiatives that do not directly map to a health need have been identified"
    passage = "Cross cutting initiatives (e.g. IT) that do not directly map to a health need have been identified."
    assert stance(passage, criterion=criterion) == ("for", "")
    assert stance(passage + " They have not been evaluated.", criterion=criterion) == ("against", "have not")


@pytest.mark.parametrize("sentence,cue", [
    ("Risk stratification covers every practice by April 2010.", "by april 2010"),
    ("In 2010/11 we pool budgets with the council.", "in 2010/11"),
    ("From January 2011 all practices report monthly.", "from january 2011"),
])
def test_a_date_in_a_later_year_than_the_documents_own_is_a_promise_not_a_report(sentence, cue):
    assert stance(sentence, as_of="2009-10-05") == ("against", cue)
    assert stance(sentence) == ("for", "")  # an undated document: no date to compare with


@pytest.mark.parametrize("sentence", [
    "The 2010 targets were agreed with providers in March 2009.",  # no cue word before the date
    "In November 2009 the board heard the strategy.",  # same year: documents predate meetings they report
    "In 2009/10 every practice reports monthly.",
])
def test_a_date_in_the_documents_own_year_or_without_a_cue_word_defers_nothing(sentence):
    assert stance(sentence, as_of="2009-10-05") == ("for", "")
