"""`wcc corpus generate`: fictional PCT submissions for demos, tests and benchmarks."""

from __future__ import annotations

import time
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say


@click.group()
def corpus() -> None:
    """Generate fictional PCT submissions like those PCTs sent in 2009/10."""


def _bank(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """One of the generator's paraphrase banks (read when the command runs: the generator pulls in reportlab)."""
    from corpus.generator.paraphrase import BANKS

    if value not in BANKS:
        raise click.BadParameter(f"'{value}' is not one of {', '.join(BANKS)}", param_hint="'--bank'")
    return value


@corpus.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same bytes.")
@click.option("--pcts", type=click.IntRange(1, 1000), default=1, show_default=True, help="How many distinct PCTs.")
@click.option("--pages", type=click.IntRange(25, 20000), default=180, show_default=True,
              help="Approximate total pages of each submission.")
@click.option("--bank", default="dev", show_default=True, callback=_bank,
              help="Paraphrase bank the criteria lines are planted in: develop against dev and dev2, measure on holdout.")
@click.option("--force", is_flag=True, help="Write into OUT even if it is not empty.")
@click.option("--national", is_flag=True,
              help="152 PCTs in the 10 SHAs with the Year 2 national shape, panel decisions in review files and "
                   "planted calibration effects (national.json); --pcts is ignored.")
@click.option("--per-sha", type=click.IntRange(1, 100), default=None,
              help="With --national: at most this many PCTs per SHA (a smaller corpus of the same shape).")
def generate(out: Path, seed: int, pcts: int, pages: int, bank: str, force: bool, national: bool,
             per_sha: int | None) -> None:
    """Write PCTS submissions of about PAGES pages each into OUT, one folder per PCT.

    Each folder holds submission.toml, documents/, data/ and expected/ (the right
    answer for every signpost, the layout of every page, the truth behind the
    self-assessment, and in assessment.json the truth per criterion line: met, not met,
    no evidence or needs panel, where each statement was planted, and the level per
    sub-competency by the additive rule). OUT/corpus.json lists them; with --national,
    OUT/national.json lists the SHAs, the truth and what was planted for calibration
    (docs/calibration.md).
    """
    from corpus.generator import generate_corpus  # the generator pulls in reportlab; load it only here

    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(f"{out}: folder is not empty; use --force to write into it anyway")
    if per_sha and not national:
        raise InputError("--per-sha needs --national")
    started = time.perf_counter()
    try:
        if national:
            from corpus.generator.national import generate_national

            results = generate_national(out, seed=seed, pages=pages, bank=bank, per_sha=per_sha)
        else:
            results = generate_corpus(out, seed=seed, pcts=pcts, pages=pages, bank=bank)
    except OSError as error:  # a parent that is a file, a read-only disk, a full disk
        raise InputError(f"{out}: cannot write the corpus ({error})") from None
    for result in results:
        say(f"{result.folder}  {result.name} ({result.code}): {result.documents} documents, {result.pages} pages")
    total = sum(r.pages for r in results)
    say(f"{len(results)} submissions, {total} pages in {time.perf_counter() - started:.1f}s")


COMMANDS = (corpus,)
