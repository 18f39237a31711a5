"""The ConText assertion status of a sentence for a criterion line's words (judging/assertion.py).

Each case is one class of the judging issue: a cue counts only when its scope covers the
words that match the line; table rows and list items carry their status cells and headings.
"""

from __future__ import annotations

import pytest

from wcc_core.judging.assertion import ContextRulesError, assert_status, later_dates, load_rules, tokens
from wcc_core.scoring import stem


def status(sentence: str, target: str) -> str:
    targets = {stem(t): 1.0 for t in tokens(target) if t[0].isalnum()}
    return assert_status(sentence, targets, stem).status


@pytest.mark.parametrize("sentence, target, expected", [
    # plain statements
    ("The PCT has a recall protocol for patients with diabetes.", "recall protocol", "affirmed"),
    ("We do not yet have a recall protocol for patients with diabetes.", "recall protocol", "negated"),
    ("We will introduce a recall protocol for patients with diabetes.", "recall protocol", "intended"),
    ("A recall protocol is being piloted in four practices.", "recall protocol", "in_progress"),
    ("If funding is agreed, a recall protocol would be introduced.", "recall protocol", "conditional"),
    ("Should practices have a recall protocol?", "recall protocol", "hypothetical"),
    # a cue in another clause does not govern the line's words
    ("Self-care is promoted in every programme, and a budget pilot is being extended to 60 carers.",
     "self-care promoted programme", "affirmed"),
    ("Patient experience is monitored monthly, but we do not yet publish the results.",
     "patient experience monitored", "affirmed"),
    ("Patient experience is monitored monthly, but we do not yet publish the results.",
     "publish results", "negated"),
    # a relative clause's cue governs only its own few words
    ("The recall protocol says what the practice would do if a patient missed two reviews.",
     "recall protocol", "affirmed"),
    # double negation affirms
    ("No serious incident has gone without investigation by the board.", "incident investigation", "affirmed"),
    # a past absence does not deny today
    ("Last year we did not have a recall protocol; this year every practice uses one.", "every practice uses",
     "affirmed"),
    # a status cell speaks for its row
    ("Wheelchair service re-tender | Head of Planned Care | Due March 2011", "wheelchair service re-tender",
     "intended"),
    ("Wheelchair service re-tender | Head of Planned Care | Completed", "wheelchair service re-tender", "affirmed"),
])
def test_a_cue_counts_only_where_its_scope_covers_the_lines_words(sentence, target, expected):
    assert status(sentence, target) == expected


def test_a_semicolon_that_ends_a_list_keeps_the_denial_in_scope():
    denied = "We do not yet have a clear approach to quality improvement; or staff able to apply the approach."
    assert status(denied, "staff able to apply the approach") == "negated"
    assert status("We do not yet have a clear approach; staff apply it weekly.", "staff apply it weekly") == "affirmed"


def test_a_date_after_the_documents_own_is_an_intention():
    found = later_dates("Every practice will offer extended hours by 2014.", "2009-10-01")
    assert found and found[0][1] == "intended"
    assert later_dates("Every practice offered extended hours in 2008.", "2009-10-01") == ()


def test_the_modifier_rules_are_read_strictly(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text('[negated]\nsideways = ["not"]\n', encoding="utf-8")
    with pytest.raises(ContextRulesError, match=r"rules\.toml: \[negated\] sideways: unknown direction"):
        load_rules(bad)
    bad.write_text('[maybe]\nforward = ["perhaps"]\n', encoding="utf-8")
    with pytest.raises(ContextRulesError, match=r"unknown table \[maybe\]"):
        load_rules(bad)
    bad.write_text('[negated\n', encoding="utf-8")
    with pytest.raises(ContextRulesError, match=r"rules\.toml"):
        load_rules(bad)
