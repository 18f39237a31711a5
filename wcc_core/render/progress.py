"""Progress on stderr, the one helper for every command: bars for extracting and indexing
(the indexer's ProgressEvents), a spinner with elapsed time for assessing and rendering,
and for `wcc batch` a bar of PCTs with its rate and time left. Off a terminal it prints
nothing, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys

from rich.console import Console
from pathlib import Path

from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from wcc_core.safe_text import terminal_safe

STAGE_LABELS = {"extract": "Extracting documents", "index": "Indexing pages"}


class CountColumn(MofNCompleteColumn):
    """"3/12" for a stage whose size is known; nothing for a step that has none ("Assessing")."""

    def render(self, task):
        """"3/12", or nothing for a task of unknown size."""
        if task.total is None:
            return Text("")
        return super().render(task)


class RateColumn(ProgressColumn):
    """"12.0 PCTs/min ... left" for the batch's bar, from rich's running estimate of its speed; nothing elsewhere."""

    def render(self, task) -> Text:
        """PCTs a minute for the batch's bar; nothing for any other task."""
        if task.fields.get("unit") != "PCTs":
            return Text("")
        speed = task.finished_speed or task.speed
        return Text("-- PCTs/min" if speed is None else f"{speed * 60:.1f} PCTs/min") + Text(" left")


class LeftColumn(TimeRemainingColumn):
    """Time left, for a bar that counts PCTs (the indexer's stages are short)."""

    def render(self, task):
        """Time left for the batch's bar; nothing for any other task."""
        return super().render(task) if task.fields.get("unit") == "PCTs" else Text("")


class WorkProgress:
    """A callable for the indexer's progress events, and named steps for the rest of the work.

    Use as a context manager; `step("Assessing")` starts an indeterminate task and ends
    the one before it. `wcc batch` calls it with the number of PCTs to assess, then with
    each PCT's outcome.
    """

    def __init__(self, enabled: bool | None = None, console: Console | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.progress = None
        if self.enabled:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description:<22}"), BarColumn(),
                                     CountColumn(), RateColumn(), LeftColumn(), TextColumn("{task.fields[item]}"),
                                     TimeElapsedColumn(),
                                     console=console or Console(stderr=True), transient=False)
        self.tasks: dict[str, int] = {}
        self.current_step = None

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self) -> None:
        """End the current step and stop drawing; safe to call twice."""
        self._finish_step()
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def __call__(self, event) -> None:
        """An indexer ProgressEvent (one bar per stage: extract, index), or the batch's count, then its outcomes."""
        if self.progress is None:
            return
        if isinstance(event, int):
            self.tasks["batch"] = self.progress.add_task("Assessing PCTs", total=event, item="", unit="PCTs")
            return
        if not hasattr(event, "stage"):
            self.progress.update(self.tasks["batch"], advance=1, item=terminal_safe(Path(event.folder).name)[:40])
            return
        if event.stage == "up_to_date":
            return
        if event.stage not in self.tasks:
            self.tasks[event.stage] = self.progress.add_task(STAGE_LABELS.get(event.stage, event.stage),
                                                             total=event.total, item="", unit="")
        self.progress.update(self.tasks[event.stage], completed=event.done, total=event.total,
                             item=event.doc_id or "")

    def step(self, label: str) -> None:
        """Start an indeterminate step ("Assessing", "Writing HTML"), finishing the previous one."""
        if self.progress is None:
            return
        self._finish_step()
        self.current_step = self.progress.add_task(label, total=None, item="", unit="")

    def _finish_step(self) -> None:
        if self.progress is not None and self.current_step is not None:
            self.progress.update(self.current_step, total=1, completed=1)
            self.current_step = None
