"""The batch's progress bar (count, rate, time left) and its summary table."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from wcc_core.batch.runner import BatchResult, Failure
from wcc_core.batch.worker import Outcome
from wcc_core.render.batch_view import summary_table
from wcc_core.render.progress import WorkProgress


def test_the_bar_shows_count_rate_and_time_left():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    with WorkProgress(enabled=True, console=console) as progress:
        progress(4)
        progress(Outcome(Path("/x/001-a"), "assessed"))
        progress.progress.refresh()
    text = out.getvalue()
    assert "1/4" in text and "PCTs/min" in text and "left" in text


def test_a_disabled_bar_prints_nothing(capsys):
    with WorkProgress(enabled=False) as progress:
        progress(2)
        progress(Outcome(Path("/x/001-a"), "assessed"))
    assert capsys.readouterr().err == ""


def test_the_summary_lists_every_failure_with_its_reason():
    result = BatchResult(assessed=["/x/001-a"], skipped=["/x/002-b"],
                         failed=[Failure("/x/003-c", "invalid", "/x/003-c/submission.toml: not valid: 2 problem(s)")],
                         seconds=3.0, peak_rss_mb=120)
    text = summary_table(result, color=False)
    assert "003-c" in text and "invalid" in text and "not valid: 2 problem(s)" in text
    assert "3 PCTs in 3.0 s" in text
