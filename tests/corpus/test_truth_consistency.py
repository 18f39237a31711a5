"""The truth (expected/assessment.json) agrees with the documents and data the generator writes.

Each check is done here independently of the generator: survey means and metric values
against the framework's thresholds, background prose against the lines stated as met,
and where each planted paragraph lies against appendices IV and V.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from pathlib import Path

import pytest

from corpus.bundled import EXAMPLESHIRE, PROBLEMS
from corpus.generator import generate_submission
from wcc_core.framework import load_framework

FRAMEWORK = load_framework("wcc-2009")


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> list[Path]:
    """The bundled samples and a few freshly generated PCTs of both banks."""
    out = [EXAMPLESHIRE, PROBLEMS]
    for seed, bank in ((3, "dev"), (4, "holdout"), (7, "dev")):
        folder = tmp_path_factory.mktemp("truth") / f"pct-{seed}"
        generate_submission(folder, seed=seed, pages=50, bank=bank)
        out.append(folder)
    return out


def _lines():
    for key, competency in FRAMEWORK.competencies.items():
        for sub in competency.subcompetencies:
            for i, criterion in enumerate(sub.criteria, start=1):
                yield f"{key}{sub.key}.{i}", key, sub, criterion


def _truth(folder: Path) -> dict:
    return json.loads((folder / "expected" / "assessment.json").read_text(encoding="utf-8"))


def _survey_means(folder: Path) -> dict[str, tuple[float, int]]:
    low, high = FRAMEWORK.rules.survey_scale
    with open(folder / "data" / "stakeholder-survey.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    means = {}
    for question in ("q1", "q2", "q3", "q4", "q5", "q6"):
        answers = [int(r[question]) for r in rows if r[question].strip().isdigit()
                   and low <= int(r[question]) <= high]
        means[question] = (sum(answers) / len(answers), len(rows))
    return means


def _metrics(folder: Path) -> dict[str, float]:
    with open(folder / "data" / "metrics.csv", newline="", encoding="utf-8") as handle:
        return {r["key"]: float(r["value"]) for r in csv.DictReader(handle)}


def test_survey_lines_agree_with_the_survey_means(submissions):
    checked = 0
    for folder in submissions:
        truth, means = _truth(folder)["criteria"], _survey_means(folder)
        for line_id, _, _, criterion in _lines():
            rule = criterion.quantitative
            if not rule or rule.source != "survey" or criterion.panel:
                continue
            mean, rows = means[rule.key]
            assert rows >= FRAMEWORK.rules.min_stakeholder_surveys, folder
            threshold = FRAMEWORK.rules.agreement_threshold(rule.agreement)
            status = truth[line_id]["status"]
            assert status in ("met", "not_met"), (folder.name, line_id, status)
            assert (mean >= threshold) == (status == "met"), (folder.name, line_id, status, mean, threshold)
            assert abs(mean - threshold) >= 0.1, (folder.name, line_id, mean)  # comfortably on one side
            checked += 1
    assert checked >= 15 * len(submissions)


def test_metric_lines_agree_with_metrics_csv(submissions):
    for folder in submissions:
        truth, metrics = _truth(folder)["criteria"], _metrics(folder)
        for line_id, _, _, criterion in _lines():
            rule = criterion.quantitative
            if not rule or rule.source != "metric" or criterion.panel:
                continue
            status = truth[line_id]["status"]
            if status == "no_evidence":
                assert rule.key not in metrics, (folder.name, line_id)
                continue
            assert rule.op == ">="
            assert rule.key in metrics, (folder.name, line_id)
            assert (metrics[rule.key] >= rule.threshold) == (status == "met"), \
                (folder.name, line_id, status, metrics[rule.key], rule.threshold)


# My own small list of phrases that state a thing as not done, or only intended.
CUES = ("not yet", "do not", "does not", "did not", "is not", "are not", "has yet to", "have yet to",
        "not currently", "will ", "being drafted", "being designed", "being developed", "plan to", "intend",
        "at an early stage", "only in part", "remains difficult", "limited to", "no longer", "proposal")
STOP = set("""a an the and or of to in on for by with from at as is are be been was were has have had that this
these those its it their our we us which who what when where how all any each every other such than then so into
through within across between about also not yet will can may should must more most per via pct pcts nhs""".split())


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def _content(text: str) -> set[str]:
    """Content words, crudely stemmed ("groups" and "group" count as one)."""
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in STOP}


def _denials(text: str, met: dict[str, set[str]]) -> list[str]:
    """Met lines a paragraph denies: it has a negation or intention cue and holds at least
    60% of the line's content words."""
    if not any(cue in text.lower() for cue in CUES):
        return []
    words = _content(text)
    return [line_id for line_id, line_words in met.items()
            if line_words and len(words & line_words) >= 0.6 * len(line_words)]


def _background(folder: Path):
    """Every body and list block of every document that is not a planted paragraph."""
    layout = json.loads((folder / "expected" / "layout.json").read_text(encoding="utf-8"))
    planted = {(w["document"], w["physical_page"], w["paragraph"])
               for c in _truth(folder)["criteria"].values() for w in c["where"]}
    for doc_id, document in layout.items():
        for page in document["pages"]:
            for block in page["blocks"]:
                if block["kind"] in ("paragraph", "list_item") and (doc_id, page["physical"], block["n"]) not in planted:
                    yield doc_id, page["physical"], block["text"]


def test_background_prose_never_denies_a_met_line(submissions):
    texts = {line_id: criterion.text for line_id, _, _, criterion in _lines()}
    for folder in submissions:
        met = {line_id: _content(texts[line_id]) for line_id, c in _truth(folder)["criteria"].items()
               if c["status"] == "met"}
        clashes = [(folder.name, doc_id, physical, line_id, text[:120])
                   for doc_id, physical, text in _background(folder) for line_id in _denials(text, met)]
        assert clashes == []


def test_the_denial_check_catches_what_the_old_background_prose_wrote():
    # a "weak" sentence the generator used to write whatever the truth of "monitors patient experience"
    line = next(c.text for line_id, _, _, c in _lines() if line_id == "C1a.5")
    old = ("We are developing practice-level dashboards but outcome and patient experience data are "
           "not yet included. Practices receive monthly activity reports.")
    assert _denials(old, {"C1a.5": _content(line)}) == ["C1a.5"]
    assert _denials("Patient experience levels are monitored monthly.", {"C1a.5": _content(line)}) == []


def test_planted_paragraphs_lie_in_a_document_type_linked_to_their_competency(submissions):
    feeds = {t.key: set(t.feeds) for t in FRAMEWORK.info.document_types}
    listed = {f"{key}{sub.key}": set(sub.evidence.documents) for key, c in FRAMEWORK.competencies.items()
              for sub in c.subcompetencies}
    for folder in submissions:
        with open(folder / "submission.toml", "rb") as handle:
            types = {d["id"]: d["type"] for d in tomllib.load(handle)["documents"]}
        for line_id, entry in _truth(folder)["criteria"].items():
            sub = line_id.split(".")[0]
            competency = sub[:-1]
            for where in entry["where"]:
                kind = types[where["document"]]
                assert kind in listed[sub] or competency in feeds[kind], (folder.name, line_id, where["document"], kind)
