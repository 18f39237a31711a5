"""`wcc batch`: assess every submission under some folders into one results database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say_styled


def _report_formats(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    from wcc_core.plugin_manager import get_plugin_manager
    from wcc_core.render.registry import renderers

    available = renderers(get_plugin_manager())
    wanted = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in available]
    if unknown:
        raise click.BadParameter(f"unknown format {', '.join(unknown)}; choose from {', '.join(sorted(available))}",
                                 param_hint="--reports")
    return tuple(dict.fromkeys(wanted))


@click.command("batch")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "results", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The results database (SQLite) to create or update.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: one per core).")
@click.option("--reports", "report_formats", default="",
              help="Also write each PCT's briefing in these formats (html,docx,xlsx,json) from the same result.")
@click.option("--reports-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the reports go, one folder per PCT (default: reports/ beside the database).")
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep each PCT's index in its own folder under this one (default: SUBMISSION/.wcc).")
@click.option("--framework", "framework_id", default=None, help="Assess against this framework instead of each submission's.")
def batch(folders: tuple[Path, ...], results: Path, workers: int | None, report_formats: str,
          reports_dir: Path | None, index_dir: Path | None, framework_id: str | None) -> None:
    """Assess every submission folder (one holding submission.toml) under FOLDERS into one results database.

    PCTs run in parallel, each isolated: a failure is recorded with its reason and the
    rest go on. A re-run skips PCTs whose documents, data, review file and framework are
    unchanged. Exit code 0 all assessed (or unchanged), 1 some PCTs failed, 2 input error.
    """
    from wcc_core.batch.discover import DiscoveryError, find_submissions
    from wcc_core.batch.runner import run_batch
    from wcc_core.batch.schema import connect
    from wcc_core.batch.worker import pct_seconds_limit
    from wcc_core.render.batch_view import summary_table
    from wcc_core.render.progress import WorkProgress

    formats = _report_formats(report_formats)
    try:
        seconds_limit = pct_seconds_limit()
        found = find_submissions(list(folders))
    except (ValueError, DiscoveryError) as error:
        raise InputError(str(error)) from None
    if not found:
        raise InputError(f"no submission folder (a folder holding submission.toml) under {', '.join(map(str, folders))}")
    if results.parent and not results.parent.is_dir():
        raise InputError(f"{results}: its folder {results.parent} does not exist")
    conn = connect(results, create=True)
    os.chmod(results, 0o600)  # results quote confidential submissions
    reports_dir = reports_dir or results.parent / "reports"
    options = {"folders": [str(f) for f in folders], "workers": workers or os.cpu_count(), "reports": list(formats),
               "framework": framework_id, "index_dir": str(index_dir) if index_dir else None}
    try:
        with WorkProgress(enabled=sys.stderr.isatty()) as progress:
            result = run_batch(conn, found, workers=workers, index_dir=index_dir, framework_id=framework_id,
                               reports=formats, reports_dir=reports_dir, seconds_limit=seconds_limit,
                               options=options, progress=progress)
    finally:
        conn.close()
    say_styled(summary_table(result, color=sys.stdout.isatty()), nl=False)
    if result.failed:
        raise SystemExit(1)


COMMANDS = (batch,)
