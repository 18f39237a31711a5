"""`wcc assess`: run every rating plugin on a submission and print the proposals."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say, say_rendered
from wcc_core.review.apply import conflict_warnings, stale_warnings
from wcc_core.render.progress import WorkProgress
from wcc_core.reuse import find_saved


def parse_parameters(values: tuple[str, ...]) -> dict[str, float]:
    """`--param NAME=VALUE` options as {name: number}; a malformed one is an input error."""
    out = {}
    for value in values:
        name, sep, number = value.partition("=")
        try:
            out[name.strip()] = float(number)
        except ValueError:
            raise InputError(f"--param {value!r}: expected NAME=NUMBER (see `wcc frameworks` for the names)") from None
        if not sep or not name.strip():
            raise InputError(f"--param {value!r}: expected NAME=NUMBER (see `wcc frameworks` for the names)")
    return out


def assess_submission(submission: Path, index_dir: Path | None, framework_id: str | None, quiet: bool,
                      review_file: Path | bool | None = None, progress: WorkProgress | None = None,
                      parameters: dict[str, float] | None = None, last_year: Path | None = None):
    """The one Assessment, with progress on stderr; input errors exit 2, invalid submissions exit 1.

    The assessment saved in the index folder by an earlier `wcc assess` or `wcc report` is
    reused when none of its inputs has changed, and a new one is saved for the next command
    (wcc_core/records/saved.py).

    `review_file` as for `run_assessment`: None the submission's review file if any, a path that file,
    False none (proposals only). `progress`: the caller's bars (it closes them), else bars of
    this call's own, on stderr when it is a terminal and not `quiet`.
    """
    found = find_saved(submission, index_dir, framework_id=framework_id, parameters=parameters,
                       review_file=review_file, last_year=last_year, validate=True)
    if found.assessment is not None:
        assessment = found.assessment
    else:
        assessment = _assess(submission, index_dir, framework_id, quiet, review_file, progress, parameters,
                             last_year, found)
    for line in stale_warnings(assessment) + conflict_warnings(assessment):  # stale review decisions are never passed over in silence
        say(line, err=True)
    return assessment


def _assess(submission, index_dir, framework_id, quiet, review_file, progress, parameters, last_year, found):
    """The pipeline's assessment (nothing saved answered: `found`), with progress; invalid submissions exit 1."""
    from wcc_core.pipeline import SubmissionInvalid, run_assessment  # judging: imported only to judge

    own = progress is None
    progress = progress or WorkProgress(enabled=not quiet).__enter__()
    progress.step("Assessing")
    try:
        return run_assessment(submission, index_dir=index_dir, framework_id=framework_id, progress=progress,
                              review_file=review_file, parameters=parameters, last_year=last_year, reuse=found)
    except SubmissionInvalid as invalid:
        for finding in invalid.findings:
            say(str(finding), err=True)
        say(f"{invalid.submission.toml_path}: not assessed: {len(invalid.findings)} problem(s); "
                   "see `wcc validate`", err=True)
        raise SystemExit(1) from None
    finally:
        if own:
            progress.close()


def report_problems(assessment, folder: Path) -> int:
    """Say on stderr what is wrong with an assessed submission; the exit code: 1 if anything is, else 0.

    These are problems the assessment went on past (wcc_core/submission/validate.py
    `goes_on_past`); the briefing lists them too, so it can be sent as it is.
    """
    if not assessment.findings:
        return 0
    for finding in assessment.findings:
        say(str(finding), err=True)
    n = len(assessment.findings)
    say(f"{Path(folder) / 'submission.toml'}: assessed with {n} problem{'s' if n != 1 else ''} in the submission, "
        "listed in the briefing; see `wcc validate`", err=True)
    return 1


BINARY_EXTENSIONS = ("docx", "xlsx", "pdf", "zip", "png")


def _renderer_for(fmt: str):
    """The renderer named `fmt` (built-in or a plugin's); unknown names and binary output to a terminal exit 2."""
    from wcc_core.plugin_manager import get_plugin_manager
    from wcc_core.render.registry import renderers

    found = renderers(get_plugin_manager())
    if fmt not in found:
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(sorted(found))}",
                                 param_hint="--format")
    if found[fmt].extension in BINARY_EXTENSIONS and sys.stdout.isatty():
        raise InputError(f"--format {fmt} is a binary file: redirect it (> file.{found[fmt].extension}) "
                         f"or use `wcc report --format {fmt} --out DIR`")
    return found[fmt]


def assessment_options(command):
    """The options every command that assesses a submission takes (`wcc assess`, `wcc report`)."""
    options = [
        click.option("--framework", "framework_id", default=None,
                     help="Assess against this framework instead of the submission's."),
        click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where the index lives (default: SUBMISSION/.wcc)."),
        click.option("--review", "review_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Apply this review file (default: $WCC_REVIEW, else SUBMISSION/../<folder>.review.toml "
                          "if it exists)."),
        click.option("--no-review", is_flag=True, help="Proposals only (the briefing): apply no review decisions."),
        click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="Override a framework parameter (a threshold; `wcc frameworks` lists them). Repeatable."),
        click.option("--last-year", "last_year", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Last year's levels: the JSON of last year's `wcc assess --format json`, or a TOML "
                          "record (framework = ID, [levels] C1a = NAME); read through the framework's "
                          "[previous.ID] mapping."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command("assess")
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True,
              help="text (the one-screen summary), json (the contract), or any renderer of `wcc report`: "
                   "html, docx, xlsx, or one a plugin adds; a binary format is refused on a terminal.")
@assessment_options
def assess(submission: Path, fmt: str, framework_id: str | None, index_dir: Path | None, review_file: Path | None,
           no_review: bool, params: tuple[str, ...], last_year: Path | None) -> None:
    """Propose levels and ratings for a submission, with the evidence for every criterion line.

    Exit code 0 assessed, 1 assessed with problems in the submission (listed in the output)
    or not assessed because it cannot be (an unknown level, competency or document type), 2 input error.
    """
    if no_review and review_file is not None:
        raise InputError("--review and --no-review contradict each other: give one")
    renderer = _renderer_for(fmt)
    assessment = assess_submission(submission, index_dir, framework_id, quiet=not sys.stderr.isatty(),
                                   review_file=False if no_review else review_file,
                                   parameters=parse_parameters(params), last_year=last_year)
    say_rendered(renderer.extension, renderer.render(assessment, {"root": submission, "color": sys.stdout.isatty()}))
    raise SystemExit(report_problems(assessment, submission))


COMMANDS = (assess,)
