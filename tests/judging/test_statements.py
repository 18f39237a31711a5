"""The statement classifiers: features, arithmetic, the stored model, and their place in the line model."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tests.judging.test_line_features import line
from wcc_core.framework import load_framework
from wcc_core.judging import statements
from wcc_core.judging.statements import StatementModel, StatementModelError, features, model_for, read_model

ROOT = Path(__file__).resolve().parents[2]


def test_features_are_the_words_and_adjacent_pairs():
    assert features("We have NOT yet agreed it.") == {"we", "have", "not", "yet", "agreed", "it", "we_have",
                                                       "have_not", "not_yet", "yet_agreed", "agreed_it"}


def test_the_probability_is_the_logistic_of_the_bias_and_the_weights_of_the_features_present():
    model = StatementModel({"not_done": (-1.0, {"not_yet": 2.5, "agreed": 0.5, "absent": 9.0})})
    z = -1.0 + 2.5 + 0.5
    assert model.probability("not_done", "It is not yet agreed.") == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.probability("topical", "It is not yet agreed.") == 0.0  # no such classifier


def test_the_shipped_model_reads_not_yet_and_topical_text_as_such(tmp_path):
    model = model_for(load_framework("wcc-2009"))
    assert model is not None and set(model.weights) == {"not_done", "topical"}
    done = "Since April 2009 the board has received a monthly report on every provider's quality indicators."
    not_yet = "We have not yet agreed a monthly quality report with our providers; this is planned for 2010/11."
    topical = "National guidance expects every PCT to review provider quality regularly and to involve clinicians."
    assert model.probability("not_done", not_yet) > 0.5 > model.probability("not_done", done)
    assert model.probability("topical", topical) > model.probability("topical", done)
    # Year 1 ships no statement model: its line model does not use the figures.
    assert model_for(load_framework("wcc-2008")) is None


def test_a_damaged_model_file_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "statement_model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(StatementModelError, match="statement_model.json"):
        read_model(bad)
    bad.write_text(json.dumps({"not_done": {"bias": 0.0}}), encoding="utf-8")
    with pytest.raises(StatementModelError, match="not a statement model"):
        read_model(bad)


def test_a_model_round_trips_through_its_json(tmp_path):
    model = StatementModel({"not_done": (0.25, {"b": -1.0, "a": 2.0}), "topical": (-0.5, {"c": 1.5})})
    path = tmp_path / "statement_model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = read_model(path)
    assert again.weights == model.weights


def test_the_classifiers_figures_are_line_features_that_move_p_met(tmp_path):
    # C3a.1: communication strategies informed by Equality Impact Assessments.
    said = ("Our strategy for communicating with the public and patients, including seldom heard groups, "
            "is informed by an Equality Impact Assessment completed in 2009.")
    plain = line(tmp_path, "plain", [said], "C3a.1")
    assert 0.0 < dict(plain.signals)["not_done"] < 1.0 and "topical" in dict(plain.signals)
    sure = StatementModel({"not_done": (-10.0, {}), "topical": (-10.0, {})})
    doubt = StatementModel({"not_done": (10.0, {}), "topical": (10.0, {})})
    with statements.using(sure):
        confident = line(tmp_path, "sure", [said], "C3a.1")
    with statements.using(doubt):
        doubtful = line(tmp_path, "doubt", [said], "C3a.1")
    assert dict(doubtful.signals)["not_done"] > 0.99 and dict(confident.signals)["not_done"] < 0.01
    assert doubtful.probability < confident.probability


def test_the_fit_script_checks_the_classifiers_leave_one_bank_out(tmp_path):
    banks = ROOT / "corpus" / "independent"
    done = subprocess.run([sys.executable, "benchmarks/fit_statement_model.py", str(banks / "ridgeford"),
                           str(banks / "thornvale"), "--leave-one-out", "--write", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    lines = [l for l in done.stdout.splitlines() if l.startswith("left out")]
    assert len(lines) == 2
    for row in lines:  # each bank's passages told apart by classifiers fitted on the other bank alone
        aucs = [float(part.split("AUC")[1]) for part in row.split(":", 1)[1].split(",")]
        assert all(a > 0.8 for a in aucs), row
    written = read_model(tmp_path / "statement_model.json")
    assert set(written.weights) == {"not_done", "topical"}
