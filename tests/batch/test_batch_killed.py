"""A batch killed mid-run leaves a consistent database, and the next run finishes the work."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from tests.batch.conftest import REPO, wcc


def count(db, sql):
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_batch_leaves_whole_pcts_and_the_rerun_assesses_only_the_rest(two_pcts, tmp_path):
    root = tmp_path / "sha"
    shutil.copytree(two_pcts, root)
    db = tmp_path / "results.sqlite"
    process = subprocess.Popen([sys.executable, "-m", "wcc_core.cli.entry", "batch", str(root), "--out", str(db),
                                "--workers", "1"], cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while count(db, "SELECT count(*) FROM pcts") < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert count(db, "SELECT count(*) FROM pcts") == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM subcompetencies").fetchone() == (33,)
        assert conn.execute("SELECT finished_at FROM runs").fetchall() == [(None,)]
    again = wcc("batch", root, "--out", db, "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "assessed             │     1" in again.stdout and "skipped as unchanged │     1" in again.stdout
