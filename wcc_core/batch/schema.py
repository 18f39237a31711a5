"""The results database's schema (SQLite), its version, and opening a file as one.

One file holds every PCT of a run: the tables below, documented in
docs/results-database.md. Every table has a primary key and names the PCT through a
foreign key to `pcts(code)` (deleting a PCT's row removes its results: ON DELETE
CASCADE), so Datasette links each row to its PCT. `meta.schema_version` says which
version of this schema a file holds; a file of another version is refused with its name.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from wcc_core.errors import WccError

SCHEMA_VERSION = 1
APPLICATION = "wcc-results"

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    wcc_version TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    options TEXT NOT NULL,            -- JSON: folders, workers, reports, framework
    assessed INTEGER,
    failed INTEGER,
    skipped INTEGER
);
CREATE TABLE IF NOT EXISTS pcts (
    code TEXT PRIMARY KEY,            -- the PCT's organisation code, "5ZZ"
    name TEXT NOT NULL,
    sha TEXT,
    ons_cluster TEXT,
    year TEXT,                        -- "2009/10"
    framework TEXT NOT NULL,
    folder TEXT NOT NULL UNIQUE,      -- absolute path of the submission folder
    review_file TEXT,                 -- the review file applied, if any
    stage TEXT NOT NULL,              -- briefing | panel_report
    documents_hash TEXT NOT NULL,
    data_hash TEXT NOT NULL,
    review_hash TEXT NOT NULL,
    framework_hash TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    assessed_at TEXT NOT NULL,
    seconds REAL,                     -- wall time of this PCT's assessment
    peak_rss_mb REAL                  -- peak resident memory of the worker that assessed it
);
CREATE TABLE IF NOT EXISTS failures (
    folder TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    kind TEXT NOT NULL,               -- input | invalid | limit | crashed | error
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS competencies (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    competency TEXT NOT NULL,         -- "C1"
    title TEXT NOT NULL,
    self_score REAL,
    evidence_score REAL,              -- mean of the evidence's levels, one decimal
    final_score REAL,                 -- mean of the standing levels (after decisions)
    last_year_score REAL,
    PRIMARY KEY (pct_code, competency)
);
CREATE TABLE IF NOT EXISTS subcompetencies (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    sub TEXT NOT NULL,                -- "C1a"
    competency TEXT NOT NULL,
    title TEXT NOT NULL,
    self_level INTEGER,
    evidence_level INTEGER NOT NULL,  -- what the evidence supports (wcc's proposal)
    confidence REAL,                  -- 0..1 as judging gives it; NULL when judging gives none
    confidence_band TEXT,             -- high (>= 0.8) | medium (>= 0.65) | low; NULL without confidence
    verdict TEXT,                     -- judging's verdict on the self-assessment, where given
    lines_to_check TEXT,              -- space-separated line ids whose doubt decides the level, where given
    level_distribution TEXT,          -- JSON {"1": P, ...} from the evidence, where given
    last_year INTEGER,
    panel_level INTEGER,              -- from the review file, role panel
    calibrated_level INTEGER,         -- from the review file, role calibration
    final_level INTEGER NOT NULL,     -- the level that stands
    decided_by TEXT,
    PRIMARY KEY (pct_code, sub)
);
CREATE TABLE IF NOT EXISTS criteria (
    id INTEGER PRIMARY KEY,
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    line TEXT NOT NULL,               -- "C6b.3", "board.risk.2"
    parent TEXT NOT NULL,             -- "C6b", "board.risk"
    level INTEGER,                    -- competency lines
    rating TEXT,                      -- governance lines
    evidence_status TEXT NOT NULL,    -- met | not_met | no_evidence | needs_panel, before decisions
    status TEXT NOT NULL,             -- after decisions
    probability REAL,                 -- P(met) as judging gives it (p_met); NULL when not given
    reason TEXT NOT NULL,
    decided_by TEXT,
    UNIQUE (pct_code, line)
);
CREATE TABLE IF NOT EXISTS evidence (
    criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,            -- 1 = first listed
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    source TEXT NOT NULL,             -- signpost | search | survey | metric | review
    stance TEXT NOT NULL,             -- for | against | neutral
    document TEXT,
    page TEXT,                        -- printed page label
    physical_page INTEGER,
    paragraph INTEGER,
    score REAL,
    excerpt TEXT NOT NULL,
    PRIMARY KEY (criterion_id, rank)
);
CREATE TABLE IF NOT EXISTS governance (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    key TEXT NOT NULL,                -- "finance" (component) or "finance.base_case"
    component TEXT NOT NULL,
    kind TEXT NOT NULL,               -- component | subcomponent
    title TEXT NOT NULL,
    self_rating TEXT,
    evidence_rating TEXT,
    last_year TEXT,
    panel_rating TEXT,
    calibrated_rating TEXT,
    final_rating TEXT,
    rule TEXT,
    PRIMARY KEY (pct_code, key)
);
CREATE TABLE IF NOT EXISTS outcomes (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    ref TEXT NOT NULL,                -- "1a"
    name TEXT NOT NULL,
    higher_is_better INTEGER,
    cagr_pct REAL,                    -- % a year, historic
    cagr_national REAL,
    cagr_ons_cluster REAL,
    cagr_top_decile REAL,
    aspiration_cagr REAL,
    trend TEXT,
    flags TEXT NOT NULL,              -- "; "-joined
    PRIMARY KEY (pct_code, ref)
);
CREATE TABLE IF NOT EXISTS signposts (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    key TEXT NOT NULL,                -- "C4", "strategy.vision_and_goals"
    idx INTEGER NOT NULL,
    raw TEXT NOT NULL,
    document TEXT,
    status TEXT NOT NULL,
    relevance REAL,
    PRIMARY KEY (pct_code, key, idx)
);
CREATE TABLE IF NOT EXISTS decisions (
    pct_code TEXT NOT NULL REFERENCES pcts(code) ON DELETE CASCADE,
    target TEXT NOT NULL,             -- criterion | level | rating | signpost | commentary
    key TEXT NOT NULL,
    role TEXT NOT NULL,               -- analyst | panel | calibration
    value TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    at TEXT NOT NULL,
    because TEXT,
    stands INTEGER NOT NULL,          -- 1 when this role's decision is the one that stands
    PRIMARY KEY (pct_code, target, key, role)
);
CREATE INDEX IF NOT EXISTS pcts_sha ON pcts (sha);
CREATE INDEX IF NOT EXISTS subcompetencies_competency ON subcompetencies (competency, pct_code);
CREATE INDEX IF NOT EXISTS criteria_parent ON criteria (parent, pct_code);
CREATE INDEX IF NOT EXISTS evidence_pct ON evidence (pct_code);
CREATE INDEX IF NOT EXISTS governance_component ON governance (component, kind);
"""


class ResultsDatabaseError(WccError):
    """A file that is not a wcc results database, or one of another schema version."""


def connect(path: Path, create: bool = False) -> sqlite3.Connection:
    """Open the results database at `path` (creating its tables when `create`), foreign keys on.

    A file that is not SQLite, not a wcc results database or of another schema version is
    a ResultsDatabaseError naming the file.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise ResultsDatabaseError(f"{path}: no such results database")
    try:
        conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit (store.py)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")  # readers (Datasette, calibrate) never block a batch
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise ResultsDatabaseError(f"{path}: not a results database ({error})") from None
    if not tables and create:
        conn.executescript("BEGIN;" + TABLES + "COMMIT;")
        conn.execute("INSERT INTO meta VALUES ('application', ?), ('schema_version', ?)",
                     (APPLICATION, str(SCHEMA_VERSION)))
        return conn
    meta = dict(conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
    if meta.get("application") != APPLICATION:
        conn.close()
        raise ResultsDatabaseError(f"{path}: not a wcc results database (no wcc-results meta table)")
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        conn.close()
        raise ResultsDatabaseError(f"{path}: results database schema version {meta.get('schema_version')}; "
                                   f"this wcc reads version {SCHEMA_VERSION}: re-run `wcc batch` into a new file")
    return conn
