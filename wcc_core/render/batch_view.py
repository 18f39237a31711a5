"""What `wcc batch` shows: a progress bar (count, rate, time left) on stderr and a summary table at the end."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from wcc_core.safe_text import terminal_safe


class RateColumn(ProgressColumn):
    """PCTs a minute, from rich's running estimate of the task's speed."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- PCTs/min" if speed is None else f"{speed * 60:.1f} PCTs/min")


class BatchProgress:
    """The batch's bar: call with the number to assess, then with each outcome. Silent when disabled."""

    def __init__(self, enabled: bool, console: Console | None = None):
        self.progress = None
        if enabled:
            self.progress = Progress(TextColumn("Assessing PCTs"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                                     TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                                     TextColumn("{task.fields[item]}"),
                                     console=console or Console(stderr=True))
        self.task = None

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()
        return False

    def __call__(self, event) -> None:
        if self.progress is None:
            return
        if isinstance(event, int):
            self.task = self.progress.add_task("batch", total=event, item="")
            return
        self.progress.update(self.task, advance=1, item=terminal_safe(Path(event.folder).name)[:40])


def summary_table(result, color: bool) -> str:
    """The end-of-run summary: counts, then every failure with its reason, as text."""
    console = Console(record=True, color_system="standard" if color else None, width=120, file=open("/dev/null", "w"))
    counts = Table(title="wcc batch", show_header=True, header_style="bold")
    counts.add_column("PCTs")
    counts.add_column("count", justify="right")
    counts.add_row("assessed", str(len(result.assessed)))
    counts.add_row("skipped as unchanged", str(len(result.skipped)))
    counts.add_row("failed", str(len(result.failed)))
    console.print(counts)
    if result.failed:
        failures = Table(title="failed", show_header=True, header_style="bold", show_lines=False)
        failures.add_column("submission")
        failures.add_column("kind")
        failures.add_column("reason", overflow="fold")
        for failure in result.failed:
            failures.add_row(terminal_safe(Path(failure.folder).name), failure.kind, terminal_safe(failure.reason))
        console.print(failures)
    console.print(f"{len(result.assessed) + len(result.skipped) + len(result.failed)} PCTs in {result.seconds:.1f} s; "
                  f"largest worker peak memory {result.peak_rss_mb:.0f} MB")
    return console.export_text(styles=color)
