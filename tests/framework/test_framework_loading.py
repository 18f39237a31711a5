"""Loading criteria data into records, and the errors a broken data file gives."""

from __future__ import annotations

import pytest

from wcc_core.framework import FrameworkDataError, load_framework
from wcc_core.framework.data_files import read_competency


def write(tmp_path, text):
    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
framework = "x"
key = "C1"
number = 1
title = "Lead"
[[subcompetencies]]
key = "a"
title = "Reputation"
documents = ["strategic_plan"]
[[subcompetencies.criteria]]
level = 2
text = "Key stakeholders somewhat agree"
inferred = true
"""


def test_a_competency_file_becomes_typed_records(tmp_path):
    framework_id, competency = read_competency(write(tmp_path, GOOD))
    assert framework_id == "x"
    sub = competency.sub("a")
    assert sub.full_key == "C1a"
    assert sub.criteria[0].level == 2 and sub.criteria[0].inferred
    assert sub.evidence.documents == ("strategic_plan",)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace("level = 2", "level = 1"), "C1a criterion 1: level 1 is not a level number above the lowest"),
        (lambda t: t.replace("level = 2", 'level = "2"'), "C1a criterion 1: level '2' is not a level number"),
        (lambda t: t.replace('title = "Reputation"\n', ""), "C1 sub-competency 1 lacks the required key 'title'"),
        (lambda t: t.replace('key = "C1"', 'key = "C1'), "not valid TOML"),
    ],
)
def test_a_broken_data_file_names_the_file_and_the_place(tmp_path, change, message):
    path = write(tmp_path, change(GOOD))
    with pytest.raises(FrameworkDataError) as raised:
        read_competency(path)
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_wcc_2009_a_sub_competency_is_at_level_n_only_with_criteria_at_each_level_to_n():
    framework = load_framework("wcc-2009")
    for sub in framework.subcompetencies():
        assert all(sub.criteria_at(level) for level in (2, 3, 4)), sub.full_key
    for sub in framework.subcomponents():
        assert all(sub.criteria_for(rating) for rating in ("red", "amber", "green")), sub.full_key


def test_wcc_2009_signpost_criteria_and_evidence_for_a_whole_competency_cover_its_three_subs():
    framework = load_framework("wcc-2009")
    whole = framework.criteria_for("competency", "C2")
    assert len(whole) == sum(len(s.criteria) for s in framework.competencies["C2"].subcompetencies)
    assert "jsna" in framework.evidence_for("competency", "C2", "a").documents
    assert framework.evidence_for("governance", "strategy.vision_and_goals").documents == ("strategic_plan",)
    assert framework.criteria_for("governance", "board.nonsense") == []
