"""What `wcc batch` shows at the end: a summary table (its progress bar is render/progress.WorkProgress)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from wcc_core.safe_text import terminal_safe


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
