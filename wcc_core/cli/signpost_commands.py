"""`wcc signposts`: check that every signpost of a submission points at real, relevant text."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.index_commands import build_submission_index, reading
from wcc_core.framework import FrameworkDataError, load_framework
from wcc_core.plugin_manager import PluginError
from wcc_core.signposts import VerifyRules, catalogue_for, verify_signposts
from wcc_core.scoring import InMemoryScorer
from wcc_core.signposts.relevance import score_relevance
from wcc_core.signposts.render import RENDERERS
from wcc_core.submission import SubmissionError, load_submission


@click.command()
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True)
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
    try:
        loaded = load_submission(submission)
    except SubmissionError as error:
        raise InputError(str(error)) from None
    if not loaded.framework_id:
        raise InputError(f"{loaded.toml_path}: [pct] framework is missing: name the criteria set, e.g. \"wcc-2009\"")
    try:
        framework = load_framework(loaded.framework_id)
    except (PluginError, FrameworkDataError) as error:
        raise InputError(f"{loaded.toml_path}: {error}") from None
    # Progress bars only for a person watching; never mixed into json or csv on stdout.
    with reading(build_submission_index(loaded, index_dir, quiet=not sys.stderr.isatty())) as index:
        documents = {doc.id: index.document(doc.id) for doc in loaded.documents}
        report = verify_signposts(
            loaded.signposts(),
            catalogue_for(loaded.documents, framework.document_types),
            documents,
            VerifyRules.from_framework(framework),
            submission=loaded.pct.name,
            framework=framework.id,
        )
        scorer = InMemoryScorer({doc.id: (doc.type, documents[doc.id]) for doc in loaded.documents})
        report = score_relevance(report, framework, scorer)
    click.echo(RENDERERS[fmt](report, only_problems), nl=False)
    raise SystemExit(0 if report.all_verified else 1)


COMMANDS = (signposts,)
