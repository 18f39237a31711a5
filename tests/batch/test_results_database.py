"""The results database: keys Datasette follows, a documented and versioned schema, one transaction per PCT."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from wcc_core.batch import store
from wcc_core.batch.fingerprint import InputHashes
from wcc_core.batch.schema import SCHEMA_VERSION, ResultsDatabaseError, connect

DOC = Path(__file__).resolve().parents[2] / "docs" / "results-database.md"
HASHES = InputHashes("d" * 64, "a" * 64, "none", "f" * 64)


@pytest.fixture
def db(tmp_path):
    conn = connect(tmp_path / "results.sqlite", create=True)
    yield conn
    conn.close()


def tables(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def test_every_table_has_a_primary_key(db):
    for table in tables(db):
        assert any(column[5] for column in db.execute(f"PRAGMA table_info({table})")), table


def test_every_per_pct_table_names_its_pct_through_a_foreign_key_datasette_follows(db):
    for table in tables(db):
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
        if "pct_code" in columns:
            keys = {(fk[2], fk[3], fk[4]) for fk in db.execute(f"PRAGMA foreign_key_list({table})")}
            assert ("pcts", "pct_code", "code") in keys, table
    assert ("criteria", "criterion_id", "id") in {(fk[2], fk[3], fk[4])
                                                  for fk in db.execute("PRAGMA foreign_key_list(evidence)")}


def test_every_table_and_column_is_documented(db):
    text = DOC.read_text(encoding="utf-8")
    for table in tables(db):
        assert f"### `{table}`" in text, table
        section = text.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
        for column in (c[1] for c in db.execute(f"PRAGMA table_info({table})")):
            assert re.search(rf"^\| `{column}` ", section, re.M), f"{table}.{column}"
    assert f"version {SCHEMA_VERSION}" in text


def test_a_file_of_another_schema_version_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "old.sqlite"
    connect(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(ResultsDatabaseError, match=rf"{path}: results database schema version 0"):
        connect(path)


def pct_rows(code: str, lines: list[str]) -> dict:
    return {"pct": {"code": code, "name": f"{code} PCT", "sha": "London", "ons_cluster": None, "year": "2009/10",
                    "framework": "wcc-2009", "review_file": None, "stage": "briefing"},
            "competencies": [], "subcompetencies": [], "governance": [], "outcomes": [], "signposts": [],
            "decisions": [],
            "criteria": [{"line": line, "parent": "C1a", "level": 2, "rating": None, "evidence_status": "met",
                          "status": "met", "probability": None, "reason": "met", "decided_by": None,
                          "evidence": []} for line in lines]}


def test_a_pct_whose_write_fails_keeps_its_previous_result_whole(db):
    run = store.start_run(db, {})
    store.write_pct(db, pct_rows("5AA", ["C1a.1", "C1a.2"]), HASHES, run, "/x/5aa", 1.0, 10.0)
    with pytest.raises(sqlite3.IntegrityError):  # the same line twice: the write stops half-way
        store.write_pct(db, pct_rows("5AA", ["C1a.1", "C1a.3", "C1a.3"]), HASHES, run, "/x/5aa", 1.0, 10.0)
    assert sorted(r[0] for r in db.execute("SELECT line FROM criteria WHERE pct_code = '5AA'")) == ["C1a.1", "C1a.2"]


def test_reassessing_a_pct_replaces_all_its_rows(db):
    run = store.start_run(db, {})
    store.write_pct(db, pct_rows("5AA", ["C1a.1", "C1a.2"]), HASHES, run, "/x/5aa", 1.0, 10.0)
    store.write_pct(db, pct_rows("5AA", ["C1a.3"]), HASHES, run, "/x/5aa", 1.0, 10.0)
    assert [r[0] for r in db.execute("SELECT line FROM criteria")] == ["C1a.3"]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
