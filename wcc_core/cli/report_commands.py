"""`wcc report`: the panel briefing as files — HTML, Word, spreadsheet, JSON — from one assessment."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wcc_core.cli.assess_commands import assess_submission, assessment_options, parse_parameters, report_problems
from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say
from wcc_core.records.assessment_json import AssessmentJsonError, read_assessment_json
from wcc_core.render.report_files import report_stem, write_report_set
from wcc_core.plugin_manager import get_plugin_manager
from wcc_core.render.progress import WorkProgress
from wcc_core.render.registry import renderers

DEFAULT_FORMATS = ("html", "docx", "xlsx", "json")


def refuse_out_inside(submission: Path, out_dir: Path) -> None:
    """`--out` may not be the submission folder or inside it: the PCT's files are never written to."""
    root, out = Path(submission).resolve(), Path(out_dir).resolve()
    if root.is_dir() and (out == root or out.is_relative_to(root)):
        raise InputError(f"{out_dir}: --out is inside the submission folder {root}; reports are kept apart "
                         "from the PCT's files: choose a folder outside it")


def render_all(assessment, chosen: list[str], available: dict, stem: str, options: dict, out_dir: Path,
               progress) -> dict[str, bytes]:
    """File name -> bytes of every chosen format, or InputError naming the one that failed (nothing written)."""
    files = {}
    for name in chosen:
        renderer = available[name]
        progress.step(f"Rendering {name}")
        file_name = f"{stem}.{renderer.extension}"
        try:
            files[file_name] = renderer.render(assessment, options)
        except Exception as error:  # a renderer (perhaps a plugin's) failed: say so, never half a set
            raise InputError(f"{out_dir / file_name}: the {name} report could not be made "
                             f"({type(error).__name__}: {str(error)[:200]}); nothing was written, the reports "
                             f"already in {out_dir} are unchanged") from None
    return files


def _formats(value: str, available: dict) -> list[str]:
    wanted = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in available]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(sorted(available))}", param_hint="--format")
    return list(dict.fromkeys(wanted))


def _labels_of(framework_id: str) -> dict[str, str]:
    """The installed framework's words for metrics.csv keys; an unknown framework is an error naming the ones there are."""
    from wcc_core.framework.registry import available_frameworks

    frameworks = available_frameworks(get_plugin_manager())
    if framework_id not in frameworks:
        raise AssessmentJsonError(f"the assessment is against framework {framework_id!r}, which is not installed "
                                  f"(installed: {', '.join(sorted(frameworks)) or 'none'}): its report needs the "
                                  "framework's words for metric keys")
    return dict(frameworks[framework_id].metric_labels)


def _saved_assessment(from_json: Path, submission: Path | None, options: dict):
    """The Assessment in `from_json`; the assessment options, which only a fresh assessment reads, are refused."""
    given = [name for name, value in options.items() if value]
    if given:
        raise InputError(f"{from_json}: --from renders the saved assessment as it is; "
                         f"{', '.join(given)} would need it assessed again: leave {'it' if len(given) == 1 else 'them'} out")
    try:
        return read_assessment_json(from_json, _labels_of)
    except AssessmentJsonError as error:
        message = str(error)
        raise InputError(message if message.startswith(str(from_json)) else f"{from_json}: {message}") from None


@click.command("report")
@click.argument("submission", type=click.Path(path_type=Path), required=False)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the report files into (created if missing).")
@click.option("--from", "from_json", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Render this saved result (the JSON of `wcc assess --format json`) instead of assessing; "
                   "SUBMISSION, when given, names the files and supplies the evidence images.")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help="Comma-separated formats: html, docx, xlsx, json, text, or one a plugin adds.")
@click.option("--force", is_flag=True,
              help="Overwrite report files changed since wcc wrote them (the panel's edits are lost).")
@assessment_options
def report(submission: Path | None, out_dir: Path, from_json: Path | None, formats: str, force: bool,
           framework_id: str | None, index_dir: Path | None, review_file: Path | None, no_review: bool,
           params: tuple[str, ...], last_year: Path | None) -> None:
    """Write the panel briefing (or, once the panel has decided, the panel report) into OUT.

    Every format is rendered from one assessment (the one `wcc assess` saved, when nothing
    it rests on has changed since), so their figures agree; the set is
    written only when every format has succeeded. A report file changed since wcc wrote
    it (an edited Word briefing) is not replaced without --force. OUT may not be inside
    the submission. Prints the files written. Exit code 0 written, 1 written with
    problems in the submission (the briefing lists them) or not written because it cannot
    be assessed, 2 input error.

    With --from FILE the report is rendered from a saved `wcc assess --format json`
    (SUBMISSION optional: it names the files, else FILE does, and supplies the cropped
    evidence images, else the HTML shows the excerpts).
    """
    available = renderers(get_plugin_manager())
    chosen = _formats(formats, available)
    if submission is None and from_json is None:
        raise click.UsageError("Missing argument 'SUBMISSION' (or give --from FILE: a saved `wcc assess --format json`).")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a folder")
    if submission is not None:
        refuse_out_inside(submission, out_dir)
    with WorkProgress(enabled=sys.stderr.isatty()) as progress:
        if from_json is not None:
            assessment = _saved_assessment(from_json, submission, {
                "--framework": framework_id, "--index-dir": index_dir, "--review": review_file,
                "--no-review": no_review, "--param": params, "--last-year": last_year})
            named = submission if submission is not None else Path(from_json.stem)
        else:
            if no_review and review_file is not None:
                raise InputError("--review and --no-review contradict each other: give one")
            parameters = parse_parameters(params)
            assessment = assess_submission(submission, index_dir, framework_id, quiet=True,
                                           review_file=False if no_review else review_file, progress=progress,
                                           parameters=parameters, last_year=last_year)
            named = submission
        stem = report_stem(named, assessment)
        root = {"root": Path(submission)} if submission is not None else {}
        files = render_all(assessment, chosen, available, stem, root, out_dir, progress)
        try:
            created = not out_dir.exists()
            out_dir.mkdir(parents=True, exist_ok=True)
            if created:
                out_dir.chmod(0o700)  # a new folder of reports is the owner's only
        except OSError as error:
            raise InputError(f"{out_dir}: cannot create the folder ({error.strerror})") from None
        progress.step("Writing the reports")
        written = write_report_set(out_dir, files, force=force)
    for path in written:
        say(str(path))
    raise SystemExit(report_problems(assessment, submission if submission is not None else from_json.parent))


COMMANDS = (report,)
