"""Writing to the results database: one transaction per PCT, so a killed batch leaves a consistent file.

Only the main process writes (workers send rows), so SQLite never sees two writers.
Re-assessing a PCT deletes its old rows (the foreign keys cascade) and inserts the new
ones inside the same transaction: a reader sees the old result or the new, never a mix.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from importlib import metadata
from typing import Any, Iterator

from wcc_core.batch.fingerprint import InputHashes
from wcc_core.review.model import now_utc


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())).lastrowid


def start_run(conn: sqlite3.Connection, options: dict) -> int:
    """Record the start of a run (wcc's version, the time, the options); its id."""
    with transaction(conn):
        return _insert(conn, "runs", {"wcc_version": metadata.version("wcc"), "started_at": now_utc(),
                                      "options": json.dumps(options, sort_keys=True)})


def finish_run(conn: sqlite3.Connection, run_id: int, assessed: int, failed: int, skipped: int) -> None:
    """Record the end of a run and how many folders it assessed, failed and skipped."""
    with transaction(conn):
        conn.execute("UPDATE runs SET finished_at = ?, assessed = ?, failed = ?, skipped = ? WHERE id = ?",
                     (now_utc(), assessed, failed, skipped, run_id))


def stored_hashes(conn: sqlite3.Connection) -> dict[str, tuple[str, InputHashes]]:
    """folder -> (PCT code, the input hashes its stored result was made from)."""
    rows = conn.execute("SELECT folder, code, documents_hash, data_hash, review_hash, framework_hash FROM pcts")
    return {folder: (code, InputHashes(d, a, r, f)) for folder, code, d, a, r, f in rows}


def code_owner(conn: sqlite3.Connection, code: str) -> str | None:
    """The folder whose result holds PCT `code`, if any."""
    row = conn.execute("SELECT folder FROM pcts WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def write_pct(conn: sqlite3.Connection, rows: dict[str, Any], hashes: InputHashes, run_id: int, folder: str,
              seconds: float, peak_rss_mb: float) -> None:
    """Replace the PCT's results with `rows` (from rows.assessment_rows) in one transaction."""
    code = rows["pct"]["code"]
    with transaction(conn):
        conn.execute("DELETE FROM pcts WHERE code = ? OR folder = ?", (code, folder))
        conn.execute("DELETE FROM failures WHERE folder = ?", (folder,))
        _insert(conn, "pcts", {**rows["pct"], "folder": folder, **hashes.as_row(), "run_id": run_id,
                               "assessed_at": now_utc(), "seconds": round(seconds, 2),
                               "peak_rss_mb": round(peak_rss_mb, 1)})
        for table in ("competencies", "subcompetencies", "governance", "outcomes", "signposts", "decisions"):
            for row in rows[table]:
                _insert(conn, table, {"pct_code": code, **row})
        for line in rows["criteria"]:
            evidence = line["evidence"]
            criterion_id = _insert(conn, "criteria", {"pct_code": code,
                                                      **{k: v for k, v in line.items() if k != "evidence"}})
            for item in evidence:
                _insert(conn, "evidence", {"criterion_id": criterion_id, "pct_code": code, **item})


def record_failure(conn: sqlite3.Connection, run_id: int, folder: str, kind: str, reason: str) -> None:
    """Keep why a PCT failed; its earlier result, if any, is removed (it no longer describes the inputs)."""
    with transaction(conn):
        conn.execute("DELETE FROM pcts WHERE folder = ?", (folder,))
        conn.execute("INSERT OR REPLACE INTO failures (folder, run_id, kind, reason, at) VALUES (?, ?, ?, ?, ?)",
                     (folder, run_id, kind, reason, now_utc()))
