"""Matching beyond a line's own words, each an option of the framework's [judging] table, off by default.

RM3 pseudo-relevance feedback (scoring/rm3.py) and WordNet lemmas (judging/wordnet.py)
change which passages the candidates step looks at and how well the fit step finds a
sentence fits; off, they change nothing. Built on real submissions written as Markdown,
indexed by the real indexer.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.assessment.builders import write_submission
from wcc_core.judging.context import EvidenceSearch
from wcc_core.pipeline import extracted_documents, load, open_index, reading
from wcc_core.framework.model import CriterionLine
from wcc_core.judging import steps, wordnet
from wcc_core.judging.criterion import JudgingThresholds, LineTerms, line_terms
from wcc_core.scoring import terms
from wcc_core.scoring.rm3 import interpolate, relevance_model

LINE = CriterionLine(text="The PCT monitors patient experience", level=2, id="T1.1")

# Forty paragraphs about something else: the words of the feedback passages are then rare
# enough (in at most a tenth of the passages) to count as feedback terms.
FILLER = [f"Estates register entry {i} lists building {i} in the north locality for a condition survey."
          for i in range(40)]
ON_TOPIC = [
    "We monitor patient experience every month through pictogram cards on each ward.",
    "Patient experience is monitored with pictogram cards designed with the learning disability forum.",
    "The board monitors patient experience reports, including the pictogram cards, each quarter.",
]
# Says what the line asks in the submission's own words, none of the line's.
PARAPHRASE = "Pictogram cards returned by matrons are collated quarterly."
# Shares only a WordNet lemma of "monitors" ("supervise") with the line.
SUPERVISE = "Matrons supervise ward rounds daily."


def evidence_of(tmp_path, paragraphs) -> tuple[EvidenceSearch, object]:
    folder = write_submission(tmp_path / "sub", {"SP": ("strategic_plan", paragraphs)})
    submission, framework = load(folder)
    with reading(open_index(submission)) as index:
        documents = extracted_documents(submission, index)
    return EvidenceSearch({d.id: (d.type, documents[d.id]) for d in submission.documents}), framework


OFF = {"rm3_candidates": False, "rm3_fit": 0.0, "wordnet_weight": 0.0}


def judge_of(tmp_path, paragraphs, **options):
    """A judge holding one constructed line, with every matching option off but `options`."""
    evidence, framework = evidence_of(tmp_path, paragraphs)
    rules = replace(JudgingThresholds.from_framework(framework), **(OFF | options))
    context = SimpleNamespace(evidence=evidence, framework=framework)
    return SimpleNamespace(context=context, thresholds=rules, signposted=[], doc_types=None,
                           terms={LINE.id: line_terms(context, LINE, rules)})


def candidate_texts(judge) -> list[str]:
    return [p.place.text for p, _ in steps.candidates(judge, LINE)]


def fit_of(judge, text: str) -> float:
    evidence = judge.context.evidence
    passage = next(p for p, _ in steps.candidates(judge, LINE) if p.place.text == text) if text in candidate_texts(judge) \
        else next(evidence.passage(*key) for key, place in evidence._blocks.items() if place.text == text)
    return steps.fit(judge, passage, LINE)[0]


# --- RM3 -------------------------------------------------------------------------------

def test_rm3_feedback_finds_the_submissions_own_words_for_the_line(tmp_path):
    evidence, _ = evidence_of(tmp_path, FILLER + ON_TOPIC + [PARAPHRASE])
    query = {t: 1.0 for t in set(terms(LINE.text))}
    model = relevance_model(evidence.scorer, query, docs=10, n_terms=10)
    assert "pictogram" in model and "card" in model
    assert abs(sum(model.values()) - 1.0) < 1e-9
    # A word in more than a tenth of the passages says nothing of the topic (Anserini's filter).
    assert "estat" not in model and "locat" not in model


def test_rm3_interpolation_keeps_the_original_query_at_its_weight():
    expanded = interpolate({"monitor": 1.0, "patient": 1.0}, {"pictogram": 0.75, "monitor": 0.25}, 0.5)
    assert expanded == {"monitor": 0.25 + 0.125, "patient": 0.25, "pictogram": 0.375}


def test_rm3_for_the_candidates_step_brings_in_a_passage_in_the_submissions_own_words(tmp_path):
    paragraphs = FILLER + ON_TOPIC + [PARAPHRASE]
    assert PARAPHRASE not in candidate_texts(judge_of(tmp_path / "off", paragraphs))
    assert PARAPHRASE in candidate_texts(judge_of(tmp_path / "on", paragraphs, rm3_candidates=True))


def test_rm3_for_the_fit_step_counts_expansion_terms_at_a_reduced_weight(tmp_path):
    paragraphs = FILLER + ON_TOPIC + [PARAPHRASE]
    assert fit_of(judge_of(tmp_path / "off", paragraphs), PARAPHRASE) == 0.0
    half = fit_of(judge_of(tmp_path / "half", paragraphs, rm3_fit=0.25), PARAPHRASE)
    full = fit_of(judge_of(tmp_path / "full", paragraphs, rm3_fit=0.5), PARAPHRASE)
    assert 0.0 < half < full <= 1.0
    # The line's own words still count in full: a sentence saying them all fits fully.
    assert fit_of(judge_of(tmp_path / "own", paragraphs, rm3_fit=0.5), ON_TOPIC[0]) == 1.0


# --- WordNet ---------------------------------------------------------------------------

needs_wordnet = pytest.mark.skipif(
    not (wordnet.folder() / "data.noun").is_file(),
    reason=f"WordNet's database is not in {wordnet.folder()} (Debian package wordnet-base; .ci/run installs it)")


@needs_wordnet
def test_wordnet_lemmas_count_for_a_line_word_at_a_reduced_weight():
    lemmas = [(w, wordnet.alternatives(w, 2)) for w in ("monitors", "patient", "experience")]
    assert "supervise" in dict(lemmas)["monitors"]
    sentence = frozenset(terms("Matrons supervise patient experience on every ward."))
    off = LineTerms(LINE, {}, 1.0)
    on = LineTerms(LINE, {}, 1.0, wordnet=lemmas, wordnet_weight=0.5)
    assert off.fit(sentence) == pytest.approx(2 / 3)
    assert on.fit(sentence) == pytest.approx(2.5 / 3)
    # The line's own word still counts in full.
    assert on.fit(frozenset(terms("We monitor patient experience."))) == 1.0


@needs_wordnet
def test_wordnet_brings_in_a_passage_that_says_a_line_word_only_through_a_synonym(tmp_path):
    paragraphs = FILLER + ON_TOPIC + [SUPERVISE]
    off = judge_of(tmp_path / "off", paragraphs)
    on = judge_of(tmp_path / "on", paragraphs, wordnet_weight=0.5)
    assert SUPERVISE not in candidate_texts(off)
    assert SUPERVISE in candidate_texts(on)
    assert fit_of(off, SUPERVISE) == 0.0 < fit_of(on, SUPERVISE)


def test_without_wordnet_the_option_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("WCC_WORDNET", str(tmp_path / "no-wordnet"))
    wordnet._reader.cache_clear()
    try:
        folder = write_submission(tmp_path / "sub", {"SP": ("strategic_plan", ON_TOPIC)})
        _, framework = load(folder)
        wordnet.check_framework(framework)  # off: WordNet is not needed
        info = replace(framework.info, judging=tuple(sorted(dict(framework.info.judging, wordnet_weight=0.5).items())))
        with pytest.raises(wordnet.WordNetUnavailable, match=r"\[judging\] wordnet_weight = 0.5 asks for WordNet: .*"
                                                               r"no-wordnet .*wordnet-base"):
            wordnet.check_framework(replace(framework, info=info))
    finally:
        wordnet._reader.cache_clear()


def test_wcc_assess_works_without_wordnet_when_the_option_is_off(tmp_path):
    sample = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"
    folder = shutil.copytree(sample, tmp_path / "exampleshire", ignore=shutil.ignore_patterns(".wcc"))
    env = dict(os.environ, WCC_WORDNET=str(tmp_path / "no-wordnet"))
    run = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", "assess", str(folder), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["competencies"]


# --- off changes nothing -----------------------------------------------------------------

def test_off_the_options_leave_the_query_and_the_fit_as_they_were(tmp_path):
    judge = judge_of(tmp_path, FILLER + ON_TOPIC + [PARAPHRASE])
    assert judge.terms[LINE.id].search_weights is None and not judge.terms[LINE.id].expansion
    assert candidate_texts(judge) == [p.place.text for p in judge.context.evidence.search(
        judge.terms[LINE.id].query, limit=judge.thresholds.candidates)]


def test_a_weighted_query_of_equal_weights_scores_exactly_as_the_plain_query(tmp_path):
    evidence, _ = evidence_of(tmp_path, FILLER + ON_TOPIC + [PARAPHRASE])
    query = "The PCT monitors patient experience reports by locality"
    plain = evidence.scorer.search(query, limit=25)
    weighted = evidence.scorer.search_weighted({t: 1.0 for t in set(terms(query))}, limit=25)
    assert [(b.address, b.bm25) for b in plain] == [(b.address, b.bm25) for b in weighted]


# --- the statement model as a second assertion reader ----------------------------------

def test_a_passage_the_statement_model_is_sure_is_not_done_is_read_as_unfinished_when_asked(tmp_path):
    from wcc_core.judging import statements

    said = "The board monitors patient experience reports, including the pictogram cards, each quarter."
    sure = statements.StatementModel({"not_done": (5.0, {}), "topical": (0.0, {})})
    for reading, expected in ((0.0, ("for", "affirmed")), (0.9, ("against", "in_progress"))):
        judge = judge_of(tmp_path / str(reading), [said], not_done_reading=reading)
        judge.document_dates = {}
        passage = next(p for p, _ in steps.candidates(judge, LINE) if p.place.text == said)
        fit, precision, sentence = steps.fit(judge, passage, LINE)
        with statements.using(sure):
            found = steps.assertion(judge, steps.Found(passage, "search", fit, precision, sentence), LINE)
        assert (found.stance, found.assertion) == expected
        if reading:
            assert found.cue.startswith("reads as not yet done (0.99)")


def test_a_line_not_likely_met_whose_best_statement_reads_as_not_yet_is_not_met_when_asked(tmp_path):
    from wcc_core.judging import statements

    said = "The board monitors patient experience reports, including the pictogram cards, each quarter."
    sure = statements.StatementModel({"not_done": (5.0, {}), "topical": (0.0, {})})
    unsure = statements.StatementModel({"not_done": (0.0, {}), "topical": (0.0, {})})
    for model, status_p, threshold, expected in ((sure, 0.2, 0.95, "not_met"), (unsure, 0.2, 0.95, "no_evidence"),
                                                 (sure, 0.2, 0.0, "no_evidence"), (sure, 0.7, 0.95, "met")):
        judge = judge_of(tmp_path / f"{threshold}-{status_p}-{id(model)}", [said], not_done_status=threshold)
        judge.document_dates, judge.lines, judge.type_names = {}, [LINE], "documents"
        passage = next(p for p, _ in steps.candidates(judge, LINE) if p.place.text == said)
        fit, precision, sentence = steps.fit(judge, passage, LINE)
        found = steps.Found(passage, "search", fit, precision, sentence, stance="for", assertion="affirmed")
        assert fit >= judge.thresholds.against_fit
        with statements.using(model):
            status, reason = steps.status(judge, [found], status_p, LINE)
        assert status == expected, reason
        if expected == "not_met":
            assert "reads as not yet done (0.99)" in reason and "The board monitors" in reason
