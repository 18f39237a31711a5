"""Progress on stderr while `wcc assess` and `wcc report` work: bars for extracting and
indexing (the indexer's ProgressEvents), a spinner with elapsed time for assessing and
rendering. Off a terminal it prints nothing, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

STAGE_LABELS = {"extract": "Extracting documents", "index": "Indexing pages"}


class CountColumn(MofNCompleteColumn):
    """"3/12" for a stage whose size is known; nothing for a step that has none ("Assessing")."""

    def render(self, task):
        if task.total is None:
            return Text("")
        return super().render(task)


class WorkProgress:
    """A callable for the indexer's progress events, and named steps for the rest of the work.

    Use as a context manager; `step("Assessing")` starts an indeterminate task and ends
    the one before it.
    """

    def __init__(self, enabled: bool | None = None, console: Console | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.progress = None
        if self.enabled:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description:<22}"), BarColumn(),
                                     CountColumn(), TextColumn("{task.fields[item]}"), TimeElapsedColumn(),
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
        self._finish_step()
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def __call__(self, event) -> None:
        """An indexer ProgressEvent: one bar per stage (extract, index)."""
        if self.progress is None or event.stage == "up_to_date":
            return
        if event.stage not in self.tasks:
            self.tasks[event.stage] = self.progress.add_task(STAGE_LABELS.get(event.stage, event.stage),
                                                             total=event.total, item="")
        self.progress.update(self.tasks[event.stage], completed=event.done, total=event.total,
                             item=event.doc_id or "")

    def step(self, label: str) -> None:
        """Start an indeterminate step ("Assessing", "Writing HTML"), finishing the previous one."""
        if self.progress is None:
            return
        self._finish_step()
        self.current_step = self.progress.add_task(label, total=None, item="")

    def _finish_step(self) -> None:
        if self.progress is not None and self.current_step is not None:
            self.progress.update(self.current_step, total=1, completed=1)
            self.current_step = None
