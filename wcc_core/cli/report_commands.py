"""`wcc report`: the panel briefing as files — HTML, Word, spreadsheet, JSON — from one assessment."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from wcc_core.cli.assess_commands import assess_submission, assessment_options, parse_parameters, report_problems
from wcc_core.cli.errors import InputError
from wcc_core.plugin_manager import get_plugin_manager
from wcc_core.render.progress import WorkProgress
from wcc_core.render.registry import RendererError, renderers

DEFAULT_FORMATS = ("html", "docx", "xlsx", "json")


def report_stem(submission: Path, assessment) -> str:
    """"exampleshire-briefing", or "exampleshire-panel-report" once the panel has decided."""
    stage = "panel-report" if assessment.stage == "panel_report" else "briefing"
    name = Path(os.path.abspath(submission)).name or "submission"
    return f"{name}-{stage}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so a reader never sees half a report."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # Reports quote confidential submissions: owner-only, whatever the umask (mkstemp makes 0600).
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _formats(value: str, available: dict) -> list[str]:
    wanted = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in available]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(sorted(available))}", param_hint="--format")
    return list(dict.fromkeys(wanted))


@click.command("report")
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the report files into (created if missing).")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help="Comma-separated formats: html, docx, xlsx, json, text, or one a plugin adds.")
@assessment_options
def report(submission: Path, out_dir: Path, formats: str, framework_id: str | None, index_dir: Path | None,
           review_file: Path | None, no_review: bool, params: tuple[str, ...], last_year: Path | None) -> None:
    """Write the panel briefing (or, once the panel has decided, the panel report) into OUT.

    Every format is rendered from one assessment, so their figures agree. Prints the
    files written. Exit code 0 written, 1 written with problems in the submission (the briefing
    lists them) or not written because it cannot be assessed, 2 input error.
    """
    try:
        available = renderers(get_plugin_manager())
    except RendererError as error:
        raise InputError(str(error)) from None
    chosen = _formats(formats, available)
    if no_review and review_file is not None:
        raise InputError("--review and --no-review contradict each other: give one")
    parameters = parse_parameters(params)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a folder")
    with WorkProgress(enabled=sys.stderr.isatty()) as progress:
        assessment = assess_submission(submission, index_dir, framework_id, quiet=True,
                                       review_file=False if no_review else review_file, progress=progress,
                                       parameters=parameters, last_year=last_year)
        try:
            created = not out_dir.exists()
            out_dir.mkdir(parents=True, exist_ok=True)
            if created:
                out_dir.chmod(0o700)  # a new folder of reports is the owner's only
        except OSError as error:
            raise InputError(f"{out_dir}: cannot create the folder ({error.strerror})") from None
        stem = report_stem(submission, assessment)
        options = {"root": Path(submission)}
        written = []
        for name in chosen:
            renderer = available[name]
            progress.step(f"Writing {name}")
            path = out_dir / f"{stem}.{renderer.extension}"
            try:
                write_atomic(path, renderer.render(assessment, options))
            except OSError as error:
                raise InputError(f"{path}: cannot write ({error.strerror})") from None
            written.append(path)
    for path in written:
        click.echo(str(path))
    raise SystemExit(report_problems(assessment, submission))


COMMANDS = (report,)
