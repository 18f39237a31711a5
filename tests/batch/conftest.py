"""Generated submissions for the batch tests, made once per session through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def wcc(*args, timeout=600, env=None):
    """The real `wcc` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def two_pcts(tmp_path_factory) -> Path:
    """Two generated PCTs (about 80 pages each), pristine: copy before changing them."""
    out = tmp_path_factory.mktemp("batch-corpus") / "pcts"
    run = wcc("corpus", "generate", out, "--pcts", "2", "--pages", "25", "--seed", "3")
    assert run.returncode == 0, run.stderr
    return out
