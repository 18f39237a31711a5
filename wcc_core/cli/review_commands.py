"""`wcc review`: record, list and remove the decisions of analysts, the panel and calibration.

Decisions go to the submission's review file (docs/review-file.md), never into the
submission folder: `--review FILE`, else $WCC_REVIEW, else `<parent>/<folder>.review.toml`
— the same file `wcc assess` and `wcc report` apply. Every id, level, rating and role is
checked against the framework before anything is written; a wrong one is an error (exit
2) naming the nearest valid ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from wcc_core.pipeline import extracted_documents, load
from wcc_core.cli.errors import InputError, WccGroup
from wcc_core.cli.output import say, say_json
from wcc_core.cli.index_commands import build_submission_index, reading
from wcc_core.review import targets
from wcc_core.review.evidence import check_reference
from wcc_core.review.model import COMMENTARY_SECTIONS, Decision
from wcc_core.review.service import ReviewService
from wcc_core.records.text import shorten
from wcc_core.review.store import read_review, review_path

REVIEWER_ENV = "WCC_REVIEWER"


class _Session:
    """The submission, its framework and its review file, loaded once per command."""

    def __init__(self, submission: Path, review_file: Path | None):
        self.folder = submission
        self.review_file = review_file
        self._loaded = None

    @property
    def loaded(self):
        if self._loaded is None:
            self._loaded = load(self.folder)
        return self._loaded

    @property
    def submission(self):
        return self.loaded[0]

    @property
    def framework(self):
        return self.loaded[1]

    def path(self, override: Path | None = None) -> Path:
        return review_path(self.submission.root, override or self.review_file)

    def service(self, override: Path | None = None) -> ReviewService:
        return ReviewService(self.submission, self.framework, self.path(override))

    def record(self, build, override: Path | None) -> Decision:
        """Build a decision with the service (`build(service)`) and record it; print what was stored."""
        service = self.service(override)
        recorded = service.record(build(service))
        say(f"{recorded.decision.id}: {_describe(recorded.decision)} -> {recorded.path}")
        if recorded.replaced:
            say(f"  replaces {', '.join(f'{d.id} ({d.value}, dated {d.at})' for d in recorded.replaced)}", err=True)
        return recorded.decision


def _who(by: str | None) -> str:
    name = (by or os.environ.get(REVIEWER_ENV, "")).strip()
    if not name:
        raise InputError(f"say who decides: --by \"A. Analyst\" (or set ${REVIEWER_ENV})")
    return name


def _describe(d: Decision) -> str:
    value = d.value if d.target != "commentary" else shorten(str(d.value), 60, at_word=False)
    parts = [f"{d.target} {d.where} {value!s} ({d.who}, {d.at})"]
    if d.because:
        parts.append(f"because {shorten(str(d.because), 80, at_word=False)}")
    if d.evidence:
        parts.append(f"evidence {d.evidence}")
    return "; ".join(parts)


review_option = click.option(
    "--review", "review_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The review file (default: $WCC_REVIEW, else SUBMISSION/../<folder>.review.toml).")
by_option = click.option("--by", default=None, help=f"Who decides (default: ${REVIEWER_ENV}).")
because_option = click.option("--because", required=True, help="The reason, or the panel's rationale.")


def _role_option(default: str):
    return click.option("--role", default=default, show_default=True, help="analyst, panel or calibration.")


class _ReviewGroup(WccGroup):
    """`wcc review SUB [options]` with no subcommand lists; options before a subcommand are its own.

    So `wcc review SUB --format json` is `wcc review SUB list --format json`, and
    `wcc review SUB --review F set ...` is `wcc review SUB set ... --review F`.
    """

    VALUED = ("--review", "--format")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-"):
            rest, lead = args[1:], []
            while rest and rest[0].startswith("-") and rest[0] not in ("-h", "--help"):
                taken = 2 if rest[0] in self.VALUED and len(rest) > 1 else 1
                lead, rest = lead + rest[:taken], rest[taken:]
            if rest and rest[0] in self.commands:
                args = [args[0], rest[0], *rest[1:], *lead]
            elif not rest or rest[0] not in ("-h", "--help"):
                args = [args[0], "list", *lead, *rest]
        return super().parse_args(ctx, args)


@click.group("review", cls=_ReviewGroup)
@click.argument("submission", type=click.Path(path_type=Path))
@click.pass_context
def review(ctx: click.Context, submission: Path) -> None:
    """Decisions on a submission: set, list and remove them (the submission is never modified).

    \b
      wcc review SUB set C6b.3 met --because "..." --evidence "SP p.20 para 4" --by "A. Analyst"
      wcc review SUB level C6b 3 --role panel --because "..." --by "J. Chair"
      wcc review SUB rating finance.base_case amber --because "..." --by "J. Chair"
      wcc review SUB signpost C4 2 accept --because "on the next page" --by "A. Analyst"
      wcc review SUB comment alignment "..." --by "J. Chair"
      wcc review SUB remove d3
      wcc review SUB [list] [--format json]

    The review file is --review FILE, else $WCC_REVIEW (a file, or a folder of
    <folder>.review.toml files), else SUB/../<folder>.review.toml. Which decision stands:
    calibration over panel over analyst over wcc's proposal. Exit code 0 done, 2 usage
    or input error.
    """
    ctx.obj = _Session(submission, None)


@review.command("set")
@click.argument("criterion")
@click.argument("value")
@because_option
@click.option("--evidence", default="", help="The evidence in signpost syntax, e.g. \"SP p.20 para 4\".")
@click.option("--keep-unverified", is_flag=True, help="Record evidence wcc cannot verify (e.g. a scanned page read by eye).")
@by_option
@_role_option("analyst")
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the index lives (default: SUBMISSION/.wcc); used to verify --evidence.")
@review_option
@click.pass_obj
def set_criterion(session: _Session, criterion: str, value: str, because: str, evidence: str, keep_unverified: bool,
                  by: str | None, role: str, index_dir: Path | None, review_file: Path | None) -> None:
    """Decide that a criterion line (e.g. C6b.3, board.risk.2) is met, not_met or no_evidence (needs evidence)."""
    key = targets.criterion(session.framework, criterion)
    status = targets.criterion_value(value)
    evidence = " ".join(evidence.split())
    check = None
    if evidence:
        check = _verify_evidence(session, key, evidence, "for" if status == "met" else "against", index_dir)
        if not check.verified and not keep_unverified:
            raise InputError(f"evidence '{evidence}' does not verify: {check.message} "
                             "(fix the reference, or record it anyway with --keep-unverified)")
        shown = f": '{shorten(str(check.excerpt), 100, at_word=False)}'" if check.excerpt else f": {check.message}"
        say(f"evidence {evidence} {check.status}{shown}", err=True)
    session.record(lambda s: s.criterion_decision(key, status, by=_who(by), role=role, because=because,
                                                  evidence=evidence, check=check), review_file)


def _verify_evidence(session: _Session, key: str, evidence: str, stance: str, index_dir: Path | None):
    submission, framework = session.loaded
    with reading(build_submission_index(submission, index_dir, quiet=True)) as index:
        documents = extracted_documents(submission, index)
    return check_reference(evidence, key, stance, submission, framework, documents)


@review.command("level")
@click.argument("subcompetency")
@click.argument("level")
@because_option
@by_option
@_role_option("panel")
@review_option
@click.pass_obj
def set_level(session: _Session, subcompetency: str, level: str, because: str, by: str | None, role: str,
              review_file: Path | None) -> None:
    """Set a sub-competency's level (e.g. C6b 3): it stands over the additive rule."""
    session.record(lambda s: s.level_decision(subcompetency, level, by=_who(by), role=role, because=because),
                   review_file)


@review.command("rating")
@click.argument("key")
@click.argument("rating")
@because_option
@by_option
@_role_option("panel")
@review_option
@click.pass_obj
def set_rating(session: _Session, key: str, rating: str, because: str, by: str | None, role: str,
               review_file: Path | None) -> None:
    """Set a governance sub-component's (finance.base_case) or component's (finance) rating."""
    session.record(lambda s: s.rating_decision(key, rating, by=_who(by), role=role, because=because), review_file)


@review.command("signpost")
@click.argument("key")
@click.argument("index", type=int)
@click.argument("decision")
@click.option("--part", type=int, default=None, help="Only this ';' part of the signpost (as in `wcc signposts`).")
@because_option
@by_option
@_role_option("analyst")
@review_option
@click.pass_obj
def set_signpost(session: _Session, key: str, index: int, decision: str, part: int | None, because: str,
                 by: str | None, role: str, review_file: Path | None) -> None:
    """Accept a signpost as verified (e.g. the evidence is on the next page) or reject it.

    KEY and INDEX name it as `wcc signposts --format json` does: C4 2 is C4's third signpost.
    """
    session.record(lambda s: s.signpost_decision(key, index, decision, by=_who(by), role=role, because=because,
                                                 part=part), review_file)


@review.command("comment")
@click.argument("section")
@click.argument("text")
@by_option
@_role_option("panel")
@review_option
@click.pass_obj
def set_comment(session: _Session, section: str, text: str, by: str | None, role: str, review_file: Path | None) -> None:
    """The panel's commentary for one section of the report."""
    session.record(lambda s: s.commentary_decision(section, text, by=_who(by), role=role), review_file)


set_comment.help = ("The panel's commentary for one section of the report: "
                    f"{', '.join(COMMENTARY_SECTIONS)} (potential for improvement: alignment, execution, renewal).")


@review.command("remove")
@click.argument("decision_id")
@click.option("--role", default=None, help="With a target key instead of an id: the role whose decision to remove.")
@review_option
@click.pass_obj
def remove(session: _Session, decision_id: str, role: str | None, review_file: Path | None) -> None:
    """Remove a decision by its id (d3), or by its target (C6b.3) when only one decision is on it."""
    removed = session.service(review_file).withdraw(decision_id, role)
    say(f"removed {removed.id}: {_describe(removed)}")


@review.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@review_option
@click.pass_obj
def list_decisions(session: _Session, fmt: str, review_file: Path | None) -> None:
    """Every decision in the review file (the file is only read)."""
    _list(session, review_file, fmt)


def _list(session: _Session, override: Path | None, fmt: str) -> None:
    path = session.path(override)
    review = read_review(path)
    if fmt == "json":
        out = {"review_file": str(path), "exists": review.exists, "submission": review.submission,
               "decisions": [d.to_json() for d in review.decisions],
               "invalid": [{"entry": raw, "why": why} for raw, why in review.invalid]}
        say_json(out, default=str)
        return
    if not review.exists:
        say(f"{path}: no review file yet; `wcc review SUB set ...` creates it")
        return
    say(f"{path}: {len(review.decisions)} decision(s)"
               + (f" on {review.submission['name']}" if review.submission.get("name") else ""))
    for d in review.decisions:
        say(f"  {d.id:<4} {_describe(d)}")
    for raw, why in review.invalid:
        say(f"  {raw.get('id', '?'):<4} cannot be read: {why}")


COMMANDS = (review,)
