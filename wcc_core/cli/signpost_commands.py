"""`wcc signposts`: check that every signpost of a submission points at real, relevant text."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wcc_core.pipeline import check_signposts, extracted_documents, load
from wcc_core.cli.output import say_rendered
from wcc_core.cli.index_commands import build_submission_index, reading
from wcc_core.plugin_manager import get_plugin_manager
from wcc_core.render import Renderer
from wcc_core.render.registry import renderers


def _renderer_for(fmt: str) -> Renderer:
    """The signpost renderer named `fmt` from the one registry (built-in or a plugin's); an unknown name exits 2."""
    found = renderers(get_plugin_manager(), subject="signposts")
    if fmt not in found:
        raise click.BadParameter(f"{fmt!r} is not one of {', '.join(map(repr, sorted(found)))}",
                                 param_hint="'--format'")
    return found[fmt]


@click.command()
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, json (the contract) or csv, or a signpost format a plugin adds.")
@click.option("--only-problems", is_flag=True, help="Leave out verified signposts (the summary still counts them).")
@click.option(
    "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the index lives (default: SUBMISSION/.wcc).",
)
def signposts(submission: Path, fmt: str, only_problems: bool, index_dir: Path | None) -> None:
    """Verify every signpost of a submission against its documents.

    Each reference is resolved to the printed page, paragraph or section it names and
    given a status (verified, document_missing, page_missing, paragraph_missing,
    section_missing, too_broad, unparseable, unreadable); verified ones get a relevance
    score against the criteria they are cited for. Exit code 0 when every signpost is
    verified, 1 when some are not, 2 on a usage or input error.
    """
    renderer = _renderer_for(fmt)
    loaded, framework = load(submission)
    # Progress bars only for a person watching; never mixed into json or csv on stdout.
    with reading(build_submission_index(loaded, index_dir, quiet=not sys.stderr.isatty())) as index:
        report = check_signposts(loaded, framework, extracted_documents(loaded, index))
    say_rendered(renderer.extension, renderer.render(report, {"only_problems": only_problems}))
    raise SystemExit(0 if report.all_verified else 1)


COMMANDS = (signposts,)
