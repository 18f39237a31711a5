"""The stance table: 353 sentences with their assertion status, written for the table by an
author who never saw the modifier rules, tested row by row.

`stance_table_disagreements.tsv` lists the rows where wcc's ConText rules disagree with the
table today, with the status wcc gives: each such row is an expected failure (strict), so
a change that fixes one must take it off the list and a change that breaks another fails.
Agreement by class is in docs/accuracy.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wcc_core.judging.assertion import CATEGORIES, assert_status, tokens
from wcc_core.scoring import stem

HERE = Path(__file__).parent
with (HERE / "stance_table.tsv").open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle, delimiter="\t"))
KNOWN = dict(line.split("\t") for line in (HERE / "stance_table_disagreements.tsv").read_text(encoding="utf-8")
             .splitlines() if line and not line.startswith("#"))


def status_of(row: dict) -> str:
    targets = {stem(t): 1.0 for t in tokens(row["target"]) if t[0].isalnum()}
    return assert_status(row["sentence"], targets, stem).status


def test_the_table_covers_every_class_with_positive_and_negative_cases():
    assert len(ROWS) >= 300
    assert {r["status"] for r in ROWS} >= {"affirmed"} | set(CATEGORIES) - {"other", "past"}
    by_class = {}
    for row in ROWS:
        by_class.setdefault(row["class"], set()).add(row["status"] == "affirmed")
    assert len(by_class) >= 10 and all(len(v) == 2 or k == "wrong_passage" for k, v in by_class.items())
    for row in ROWS:
        assert row["target"].lower() in row["sentence"].lower(), row["id"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row(row):
    got = status_of(row)
    if row["id"] in KNOWN:
        assert got == KNOWN[row["id"]], f"{row['id']}: wcc now says {got}; update stance_table_disagreements.tsv"
        pytest.xfail(f"known disagreement: table {row['status']}, wcc {got}")
    assert got == row["status"], f"{row['sentence']!r} [{row['target']}]"
