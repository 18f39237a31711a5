"""The line exemplars: fitting, similarity, the stored model, and their place in the line model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.judging.test_line_features import line
from wcc_core.framework import load_framework
from wcc_core.judging import exemplars
from wcc_core.judging.exemplars import ExemplarModel, ExemplarModelError, model_for, read_model

ROOT = Path(__file__).resolve().parents[2]

LEAD = ("X1.1", "The PCT leads the local health agenda")
AUDIT = ("X1.2", "The PCT audits its contracts")
EXAMPLES = [
    (*LEAD, "The Trust chairs the Health and Well-being Partnership and sets its agenda with the council."),
    (*LEAD, "Our chief executive chairs the partnership board, which adopted the Trust's priorities."),
    (*LEAD, "NHS Fenmoor convenes the partnership and its chair is our director of public health."),
    (*AUDIT, "Internal audit reviewed every acute contract schedule in 2009 and reported to the committee."),
    (*AUDIT, "An audit of contract schedules by the internal auditors found two gaps, since closed."),
]


def test_a_paraphrase_reads_most_like_the_line_whose_evidence_shares_its_words():
    model = ExemplarModel.fit(EXAMPLES, min_df=1)
    new = "The Trust now chairs the partnership that sets the borough's agenda."
    lead, audit = model.similarity(*LEAD, new), model.similarity(*AUDIT, new)
    assert 0.0 <= audit < lead <= 1.0
    # An evidence passage is most like its own line's centroid.
    assert model.similarity(*AUDIT, EXAMPLES[3][2]) > model.similarity(*LEAD, EXAMPLES[3][2])


def test_a_line_without_exemplars_or_reworded_since_gets_nothing():
    model = ExemplarModel.fit(EXAMPLES, min_df=1)
    text = EXAMPLES[0][2]
    assert model.similarity("X9.9", "Another line", text) == 0.0
    assert model.similarity(LEAD[0], "The PCT leads the regional health agenda", text) == 0.0  # reworded
    assert model.similarity(*LEAD, "") == 0.0


def test_fitting_is_deterministic_whatever_the_order_of_the_examples():
    once = json.dumps(ExemplarModel.fit(EXAMPLES, min_df=1).to_json(), sort_keys=True)
    again = json.dumps(ExemplarModel.fit(list(reversed(EXAMPLES)), min_df=1).to_json(), sort_keys=True)
    assert once == again


def test_top_terms_keeps_each_centroid_to_its_heaviest_stems():
    model = ExemplarModel.fit(EXAMPLES, top_terms=3, min_df=1)
    assert all(len(centroid) <= 3 for _, centroid in model.lines.values())


def test_a_model_round_trips_through_its_json(tmp_path):
    model = ExemplarModel.fit(EXAMPLES, min_df=1)
    path = tmp_path / "line_exemplars.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = read_model(path)
    text = "The partnership board is chaired by the Trust."
    assert again.similarity(*LEAD, text) == model.similarity(*LEAD, text)
    assert again.lines == model.lines and again.idf == model.idf


@pytest.mark.parametrize("content, message", [
    ("{not json", "line_exemplars.json: not a line-exemplar model"),
    (json.dumps({"format": 99, "idf": {}, "lines": {}}), "format 99"),
    (json.dumps({"format": 1, "idf": {}}), "not a line-exemplar model"),
    (json.dumps({"format": 1, "idf": {}, "lines": {"C1a.2": {"text": "x"}}}), "not a line-exemplar model"),
])
def test_a_damaged_model_file_is_an_error_naming_it(tmp_path, content, message):
    bad = tmp_path / "line_exemplars.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ExemplarModelError, match=message):
        read_model(bad)


def test_the_shipped_model_covers_the_framework_lines_as_they_read_now():
    framework = load_framework("wcc-2009")
    model = model_for(framework)
    assert model is not None
    texts = {l.id: l.text for sub in framework.subcompetencies() for l in sub.criteria}
    # Fitted for these very texts: a reworded line fails here until the model is refitted.
    assert {key: text for key, (text, _) in model.lines.items()} == {key: texts[key] for key in model.lines}
    judged = [l for sub in framework.subcompetencies() for l in sub.criteria if not l.panel and l.quantitative is None]
    # Lines no bank's truth reached (some level-4 lines) have no exemplars; the rest do.
    assert len([l for l in judged if l.id in model.lines]) >= 0.75 * len(judged)
    level_2 = [l for l in judged if l.level == 2]
    assert len([l for l in level_2 if l.id in model.lines]) >= 0.95 * len(level_2)
    # Year 1 ships none: its line model does not use the figure.
    assert model_for(load_framework("wcc-2008")) is None


def test_the_exemplar_figure_is_a_line_feature_that_moves_p_met(tmp_path):
    # C3a.1: communication strategies informed by Equality Impact Assessments.
    said = ("Our strategy for communicating with the public and patients, including seldom heard groups, "
            "is informed by an Equality Impact Assessment completed in 2009.")
    framework = load_framework("wcc-2009")
    text = next(l.text for sub in framework.subcompetencies() for l in sub.criteria if l.id == "C3a.1")
    parking = ("X9.1", "Another line", "Hospital car parking charges were reviewed by the estates team.")
    like = ExemplarModel.fit([("C3a.1", text, said), parking,
                              ("C3a.1", text, "An Equality Impact Assessment shaped how we communicate with seldom "
                                              "heard groups.")], min_df=1)
    unlike = ExemplarModel.fit([("C3a.1", text, "Hospital car parking was reviewed again."), parking], min_df=1)
    with exemplars.using(like):
        close = line(tmp_path, "like", [said], "C3a.1")
    with exemplars.using(unlike):
        far = line(tmp_path, "unlike", [said], "C3a.1")
    assert dict(close.signals)["exemplar"] > 0.5 and dict(far.signals)["exemplar"] == 0.0
    assert close.probability > far.probability


def test_the_fit_script_checks_the_exemplars_leave_one_bank_out(tmp_path):
    banks = ROOT / "corpus" / "independent"
    done = subprocess.run([sys.executable, "benchmarks/fit_line_exemplars.py", str(banks / "ridgeford"),
                           str(banks / "thornvale"), str(banks / "fenmoor"), "--leave-one-out", "--write", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    rows = [r for r in done.stdout.splitlines() if r.startswith("left out")]
    assert len(rows) == 3
    for row in rows:  # a bank's planted passages placed by exemplars of two other authors alone
        within = float(row.split("most similar ")[1].split(" ")[0])
        assert within > 0.6, row
    assert len(read_model(tmp_path / "line_exemplars.json").lines) > 100
