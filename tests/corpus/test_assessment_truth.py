"""The truth per criterion line (expected/assessment.json) and the paraphrase banks behind it."""

from __future__ import annotations

import itertools
import json
import random
import re
import tomllib

import pytest
from click.testing import CliRunner

from corpus.bundled import EXAMPLESHIRE
from corpus.generator import generate_submission
from corpus.generator.banks import PHRASES
from corpus.generator.paraphrase import BANKS, MAX_SHARED, longest_shared_run, renderer, shares_too_much
from corpus.generator.truth import criteria_lines
from tests.corpus.test_generator import tree_hashes
from wcc_core.cli.main import cli
from wcc_core.framework import load_framework

STATUSES = {"met", "not_met", "no_evidence", "needs_panel"}
JUDGED = [line for line in criteria_lines() if not line.panel]


class _Slots(dict):
    """Stand-in names for a PCT: every slot a phrase bank may ask for."""

    def __missing__(self, key):
        return {"pct": "NHS Testshire", "area": "Testshire", "council": "Testshire County Council",
                "sha": "NHS North West", "month": "June", "board_date": "12 November 2009",
                "year_next": "2010/11"}.get(key, "Testshire " + key)


def _run(a: str, b: str) -> int:
    """Longest shared run of words, by brute force (independent of the generator's own check)."""
    x, y = re.findall(r"[a-z0-9]+", a.lower()), re.findall(r"[a-z0-9]+", b.lower())
    best = 0
    for i in range(len(x)):
        for j in range(len(y)):
            k = 0
            while i + k < len(x) and j + k < len(y) and x[i + k] == y[j + k]:
                k += 1
            best = max(best, k)
    return best


def test_line_ids_follow_the_framework_order():
    framework = load_framework("wcc-2009")
    expected = [f"{key}{sub.key}.{i}" for key, c in framework.competencies.items()
                for sub in c.subcompetencies for i, _ in enumerate(sub.criteria, start=1)]
    assert [line.id for line in criteria_lines()] == expected
    assert len(JUDGED) >= 280


def test_the_shared_run_measures_agree():
    assert _run("The PCT has a plan", "the pct's has a plan") == 3
    assert longest_shared_run("The PCT, has a plan!", "the pct has a PLAN") == 5
    assert shares_too_much("one two three four five six seven", "One, two, three four five six seven eight")
    assert not shares_too_much("one two three four five six x seven", "one two three four five six seven")


@pytest.mark.parametrize("bank", BANKS)
def test_every_line_is_paraphrased_within_six_shared_words_in_every_bank(bank):
    speaker = renderer(bank)
    worst = 0
    for line in JUDGED:
        for seed in range(3):
            for status in ("met", "not_met"):
                text = speaker.statement(line.id, line.text, status, _Slots(), random.Random(f"{line.id}:{seed}"))
                run = _run(text, line.text)
                assert run <= MAX_SHARED, (line.id, status, text)
                worst = max(worst, run)
                assert "{" not in text and "  " not in text, text
    assert worst <= MAX_SHARED


def test_the_banks_are_the_two_developed_against_and_the_holdout():
    assert BANKS == ("dev", "dev2", "holdout")


@pytest.mark.parametrize("one, other", list(itertools.combinations(BANKS, 2)))
def test_any_two_banks_word_each_line_differently(one, other):
    first, second = renderer(one), renderer(other)
    for line in JUDGED:
        for variant in range(2):
            a = first.forms(line.id, line.text, _Slots(), variant)
            b = second.forms(line.id, line.text, _Slots(), variant)
            assert a["affirm"] != b["affirm"], line.id
            assert a["neg"] != b["neg"], line.id


@pytest.mark.parametrize("one, other", list(itertools.combinations(BANKS, 2)))
def test_the_banks_are_written_separately(one, other):
    """Different frames, different synonym choices, different negative and intention wordings."""
    a, b = (tomllib.loads((PHRASES / f"criteria_{name}.toml").read_text()) for name in (one, other))
    # counts only, so that a failure does not print the holdout bank's wording
    for group in ("met", "negative", "intention", "met_tail", "not_met_tail"):
        shared = len(set(a["frames"][group]) & set(b["frames"][group]) - {"{clause}", ""})
        assert shared == 0, group
    common = set(a["synonyms"]) & set(b["synonyms"])
    same, allowed = sum(a["synonyms"][k] == b["synonyms"][k] for k in common), len(common) // 20
    assert same <= allowed
    voices_differ = a["voice"] != b["voice"]
    assert voices_differ


@pytest.mark.parametrize("bank", BANKS)
def test_not_met_statements_say_not_done_or_only_intended(bank):
    speaker = renderer(bank)
    cue = re.compile(r"\b(not|cannot|will|hope|aim|intended|intends|intention|proposals?|once|subject to|yet|short of|no|unable|lacks|inadequate|undocumented|unpublished)\b", re.I)
    for line in JUDGED:
        text = speaker.statement(line.id, line.text, "not_met", _Slots(), random.Random(line.id))
        assert cue.search(text), (line.id, text)


def _additive(statuses: dict[str, str], sub: str) -> int:
    level = 1
    for n in (2, 3, 4):
        lines = [l for l in JUDGED if l.sub == sub and l.level == n]
        if lines and any(statuses[l.id] != "met" for l in lines):
            break
        level = n
    return level


def _check_truth(folder) -> dict:
    truth = json.loads((folder / "expected" / "assessment.json").read_text(encoding="utf-8"))
    layout = json.loads((folder / "expected" / "layout.json").read_text(encoding="utf-8"))
    profile = json.loads((folder / "expected" / "profile.json").read_text(encoding="utf-8"))
    with open(folder / "submission.toml", "rb") as handle:
        types = {d["id"]: d["type"] for d in tomllib.load(handle)["documents"]}
    framework = load_framework("wcc-2009")
    evidence = {f"{k}{s.key}": s.evidence.documents for k, c in framework.competencies.items() for s in c.subcompetencies}
    feeds = {t.key: t.feeds for t in framework.info.document_types}
    assert truth["framework"] == "wcc-2009"
    assert set(truth["criteria"]) == {line.id for line in criteria_lines()}
    statuses = {k: v["status"] for k, v in truth["criteria"].items()}
    for line in criteria_lines():
        entry = truth["criteria"][line.id]
        assert entry["status"] in STATUSES and entry["level"] == line.level
        if line.panel:
            assert entry["status"] == "needs_panel"
        if entry["status"] in ("met", "not_met"):
            assert entry["where"], line.id
        else:
            assert entry["where"] == [], line.id
        for where in entry["where"]:
            page = layout[where["document"]]["pages"][where["physical_page"] - 1]
            assert page["label"] == where["page"]
            block = page["blocks"][where["paragraph"] - 1]
            assert block["n"] == where["paragraph"] and block["text"] == where["text"]
            # appendix V's types for the sub-competency, else one appendix IV says feeds the competency
            kind = types[where["document"]]
            assert kind in evidence[line.sub] or line.sub[:-1] in feeds[kind], (line.id, kind)
            assert not shares_too_much(where["text"], line.text)
    for sub, entry in truth["subcompetencies"].items():
        assert entry["level"] == _additive(statuses, sub) == profile["evidenced_levels"][sub]
        true = entry["level"]
        assert all(statuses[l.id] == "met" for l in JUDGED if l.sub == sub and l.level <= true)
    return truth


def test_the_truth_file_matches_the_layout_and_the_additive_rule(small_submission):
    truth = _check_truth(small_submission)
    assert truth["bank"] == "dev"
    counts = {s: sum(v["status"] == s for v in truth["criteria"].values()) for s in STATUSES}
    assert counts["met"] and counts["not_met"] and counts["no_evidence"] and counts["needs_panel"] == 1


def test_the_bundled_sample_carries_its_truth():
    truth = _check_truth(EXAMPLESHIRE)
    assert truth["bank"] == "dev"
    text = (EXAMPLESHIRE / "expected" / "assessment.json").read_text(encoding="utf-8")
    assert text == json.dumps(truth, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def test_the_holdout_bank_plants_the_same_truth_in_other_words(tmp_path, small_submission):
    generate_submission(tmp_path / "holdout", seed=11, pages=40, bank="holdout")
    dev = json.loads((small_submission / "expected" / "assessment.json").read_text())
    held = _check_truth(tmp_path / "holdout")
    assert held["bank"] == "holdout"
    assert {k: v["status"] for k, v in held["criteria"].items()} == {k: v["status"] for k, v in dev["criteria"].items()}
    assert held["subcompetencies"] == dev["subcompetencies"]
    planted = [(dev["criteria"][k]["where"][0]["text"], v["where"][0]["text"])
               for k, v in held["criteria"].items() if v["where"]]
    assert planted and all(a != b for a, b in planted)
    generate_submission(tmp_path / "again", seed=11, pages=40, bank="holdout")
    assert tree_hashes(tmp_path / "again") == tree_hashes(tmp_path / "holdout")


def test_the_dev2_bank_plants_the_same_truth_in_other_words(tmp_path, small_submission):
    generate_submission(tmp_path / "dev2", seed=11, pages=40, bank="dev2")
    dev = json.loads((small_submission / "expected" / "assessment.json").read_text())
    second = _check_truth(tmp_path / "dev2")
    assert second["bank"] == "dev2"
    assert {k: v["status"] for k, v in second["criteria"].items()} == {k: v["status"] for k, v in dev["criteria"].items()}
    assert second["subcompetencies"] == dev["subcompetencies"]
    planted = [(dev["criteria"][k]["where"][0]["text"], v["where"][0]["text"])
               for k, v in second["criteria"].items() if v["where"]]
    assert planted and all(a != b for a, b in planted)
    generate_submission(tmp_path / "again", seed=11, pages=40, bank="dev2")
    assert tree_hashes(tmp_path / "again") == tree_hashes(tmp_path / "dev2")


def test_the_cli_generates_with_the_dev2_bank(tmp_path):
    result = CliRunner().invoke(cli, ["corpus", "generate", str(tmp_path / "c"), "--pages", "30", "--bank", "dev2"])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in (tmp_path / "c").iterdir() if p.is_dir()]
    assert json.loads((folder / "expected" / "assessment.json").read_text())["bank"] == "dev2"
    assert json.loads((tmp_path / "c" / "corpus.json").read_text())["bank"] == "dev2"


def test_an_unknown_bank_is_refused(tmp_path):
    with pytest.raises(ValueError):
        generate_submission(tmp_path / "x", seed=1, pages=30, bank="test")
    assert not (tmp_path / "x").exists()
    result = CliRunner().invoke(cli, ["corpus", "generate", str(tmp_path / "y"), "--bank", "test"])
    assert result.exit_code == 2 and "holdout" in result.output


def test_the_cli_generates_with_the_holdout_bank(tmp_path):
    result = CliRunner().invoke(cli, ["corpus", "generate", str(tmp_path / "c"), "--pages", "30", "--bank", "holdout"])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in (tmp_path / "c").iterdir() if p.is_dir()]
    assert json.loads((folder / "expected" / "assessment.json").read_text())["bank"] == "holdout"
    assert json.loads((tmp_path / "c" / "corpus.json").read_text())["bank"] == "holdout"


def test_the_problem_sample_plants_nothing_in_its_broken_documents():
    from corpus.bundled import PROBLEMS
    from corpus.generator.problems import BREAKAGE

    truth = _check_truth(PROBLEMS)
    planted = {w["document"] for entry in truth["criteria"].values() for w in entry["where"]}
    assert planted and not planted & set(BREAKAGE)
