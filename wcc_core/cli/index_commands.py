"""`wcc extract`, `wcc index`, `wcc show` and `wcc search`: what the indexer sees in the documents."""

from __future__ import annotations

import json
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import click

from indexer import ExtractedDocument, ProgressEvent, SubmissionIndex
from indexer.limits import Limits
from indexer.workers import extract_bounded
from wcc_core.pipeline import PipelineInputError, open_index
from wcc_core.pipeline import reading as pipeline_reading
from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say, say_json_text
from wcc_core.safe_text import terminal_safe
from wcc_core.submission import load_submission

INDEX_DIR = click.option(
    "--index-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the index lives (default: SUBMISSION/.wcc).",
)
SUBMISSION = click.argument("submission", type=click.Path(path_type=Path))


def _limits() -> Limits:
    try:
        return Limits.from_env()
    except ValueError as error:
        raise InputError(str(error)) from None


def _load(folder: Path):
    return load_submission(folder)


class _Progress:
    """Progress bars on stderr: documents extracted, then pages indexed."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.stage = None

    def __call__(self, event: ProgressEvent) -> None:
        if self.quiet or event.stage == "up_to_date":
            return
        if event.stage != self.stage:
            self.close()
            self.stage = event.stage
            label = "Extracting documents" if event.stage == "extract" else "Indexing pages     "
            self.bar = click.progressbar(length=event.total, label=label, file=sys.stderr,
                                         item_show_func=lambda item: terminal_safe(item) if item else item,
                                         show_pos=True)
            self.bar.__enter__()
            self.done = 0
        self.bar.update(event.done - self.done, event.doc_id)
        self.done = event.done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def build_submission_index(submission, index_dir: Path | None, quiet: bool, workers: int | None = None,
                           writer: bool = False) -> SubmissionIndex:
    """The pipeline's `open_index` with progress on stderr; input problems become exit code 2.

    A reader that finds another process building is given the last complete index, and
    says so on stderr.
    """
    progress = _Progress(quiet)
    try:
        index = open_index(submission, index_dir, progress=progress, workers=workers, writer=writer)
    except PipelineInputError as error:
        raise InputError(terminal_safe(str(error))) from None
    finally:
        progress.close()
    if index.build_stats is not None and index.build_stats.busy:
        say("note: another wcc process is building this index; using the last complete index, "
                   "which may not show documents changed since", err=True)
    return index


@contextmanager
def reading(index: SubmissionIndex):
    """Use `index`, then close it; a damaged index met on the way is an input error naming the file."""
    with pipeline_reading(index):
        yield index


# --- wcc extract ----------------------------------------------------------------------
def _page_heading(document: ExtractedDocument, page) -> str:
    approx = " (approximate)" if document.numbering == "approximate" else ""
    status = "" if page.status == "ok" else f" [{page.status}]"
    blocks = f"{len(page.blocks)} block" + ("" if len(page.blocks) == 1 else "s")
    if page.label is None:
        return f"Unnumbered page (physical {page.physical}: it prints no page number), {blocks}{status}"
    return f"Page {page.label}{approx} (physical {page.physical}), {blocks}{status}"


def _block_lines(block, width: int = 100) -> list[str]:
    section = f" §{block.section}" if block.section else ""
    head = f"{block.n:>4}  {block.kind:<10}{section}".rstrip()
    body = textwrap.wrap(block.text, width=width) or [""]
    return [head] + [f"      {line}" for line in body]


def _furniture_lines(page, width: int = 96) -> list[str]:
    """The page's furniture (not numbered, not counted as paragraphs), one line each."""
    if not page.furniture:
        return []
    lines = ["   furniture (not counted as paragraphs):"]
    for item in page.furniture:
        text = textwrap.shorten(item.text, width=width - 20, placeholder=" …")
        lines.append(f"      {item.kind:<13} {text}")
    return lines


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract_command(file: Path, fmt: str) -> None:
    """Show what the indexer sees in one document: pages, printed labels, numbered blocks.

    The document is read in a worker process under the limits (see README, Reliability).
    Exit code 0 when it was read, 2 when it is unreadable (the reason is printed).
    """
    document = extract_bounded(file, _limits())
    if fmt == "json":
        say_json_text(json.dumps(document.to_json(), indent=2, ensure_ascii=False))
        if not document.readable:
            raise SystemExit(2)
        return
    say(f"{document.file}: {len(document.pages)} pages, numbering {document.numbering}")
    if not document.readable:
        say(f"unreadable: {document.reason}")
        raise SystemExit(2)
    for note in document.notes:
        say(f"note: {note}")
    for page in document.pages:
        say("")
        say(_page_heading(document, page))
        for block in page.blocks:
            say("\n".join(_block_lines(block)))
        for line in _furniture_lines(page):
            say(line)


# --- wcc index -------------------------------------------------------------------------
@click.command("index")
@SUBMISSION
@INDEX_DIR
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: up to 2).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def index_command(submission: Path, index_dir: Path | None, workers: int | None, quiet: bool) -> None:
    """Extract and index every document of a submission (only what changed since last time)."""
    loaded = _load(submission)
    with reading(build_submission_index(loaded, index_dir, quiet, workers, writer=True)) as index:
        documents = index.documents()
        stats = index.build_stats
        pages = sum(len(d.extracted.pages) for d in documents.values())
        blocks = sum(len(p.blocks) for d in documents.values() for p in d.extracted.pages)
        bad = [d for d in documents.values() if not d.extracted.readable]
        state = "up to date" if stats and stats.up_to_date else (
            f"built ({stats.extracted} extracted, {stats.cached} from cache)" if stats else "built"
        )
        say(f"Index {state}: {len(documents)} documents, {pages} pages, {blocks} blocks, {len(bad)} unreadable")
        for doc in bad:
            say(f"  unreadable: {doc.id} ({doc.file}): {doc.extracted.reason}")
        for doc in documents.values():
            if doc.extracted.numbering == "approximate":
                say(f"  approximate pages: {doc.id} ({doc.file}) has no rendered page breaks")


# --- wcc show --------------------------------------------------------------------------
def _find_document(submission, index: SubmissionIndex, name: str):
    """The indexed document `name` names (its id, title or an alias); an input error listing the documents if none."""
    documents = index.documents()
    declared = submission.document_named(name)
    if declared is not None and declared.id in documents:
        return documents[declared.id]
    known = ", ".join(sorted(documents)) or "none"
    raise InputError(f"{submission.toml_path}: no document '{name}' (documents: {known})")


def _label_summary(document: ExtractedDocument) -> str:
    labels = [p.label if p.label is not None else f"unnumbered (physical {p.physical})" for p in document.pages]
    if len(labels) > 12:
        labels = labels[:5] + ["…"] + labels[-5:]
    return ", ".join(labels)


@click.command("show")
@SUBMISSION
@click.argument("doc")
@click.argument("page")
@click.argument("para", type=int, required=False)
@click.option("--physical", is_flag=True, help="PAGE is the physical page index, not the printed label.")
@INDEX_DIR
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_command(submission: Path, doc: str, page: str, para: int | None, physical: bool,
                 index_dir: Path | None, fmt: str) -> None:
    """Print what wcc sees on printed page PAGE of document DOC (or just paragraph PARA)."""
    loaded = _load(submission)
    with reading(build_submission_index(loaded, index_dir, quiet=True)) as index:
        indexed = _find_document(loaded, index, doc)
        document = indexed.extracted
        if not document.readable:
            raise InputError(f"{indexed.id} ({indexed.file}) is unreadable: {document.reason}")
        if physical:
            if not page.isdigit() or document.page(int(page)) is None:
                raise InputError(f"{indexed.id} has no physical page {page} (it has {len(document.pages)})")
            pages = [document.page(int(page))]
        else:
            pages = document.pages_labelled(page)
            if not pages:
                hint = ""
                if any(p.label is None for p in document.pages):
                    hint = "; an unnumbered page is shown with --physical N"
                raise InputError(f"{indexed.id} has no page labelled '{page}' (pages: {_label_summary(document)}){hint}")
        if para is not None:
            missing = [p for p in pages if p.block(para) is None]
            if len(missing) == len(pages):
                counts = ", ".join(
                    f"{'page ' + p.label if p.label is not None else 'unnumbered page'} (physical {p.physical}) has {len(p.blocks)}"
                    for p in pages
                )
                raise InputError(f"{indexed.id} has no paragraph {para} there: {counts}")
        if fmt == "json":
            out = [
                {**p.to_json(), "blocks": [b.to_json() for b in p.blocks if para is None or b.n == para]}
                for p in pages
            ]
            say_json_text(json.dumps({"document": indexed.id, "file": indexed.file, "numbering": document.numbering,
                                   "pages": out}, indent=2, ensure_ascii=False))
            return
        say(f"{indexed.id} ({indexed.file}), numbering {document.numbering}")
        if len(pages) > 1:
            say(f"{len(pages)} pages are labelled '{page}':")
        for note in document.notes:
            say(f"note: {note}")
        for p in pages:
            say("")
            say(_page_heading(document, p))
            for block in p.blocks:
                if para is None or block.n == para:
                    say("\n".join(_block_lines(block)))
            if para is None:
                for line in _furniture_lines(p):
                    say(line)


# --- wcc search ------------------------------------------------------------------------
@click.command("search")
@SUBMISSION
@click.argument("query")
@click.option("--type", "doc_types", multiple=True, help="Only documents of this type (repeatable).")
@click.option("--doc", "doc_ids", multiple=True, help="Only this document id (repeatable).")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@INDEX_DIR
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search_command(submission: Path, query: str, doc_types: tuple[str, ...], doc_ids: tuple[str, ...],
                   limit: int, index_dir: Path | None, fmt: str) -> None:
    """Rank the blocks of a submission's documents against QUERY; matched words are marked **so**."""
    loaded = _load(submission)
    with reading(build_submission_index(loaded, index_dir, quiet=True)) as index:
        hits = index.search(query, doc_types=doc_types or None, doc_ids=doc_ids or None, limit=limit)
        documents = index.manifest["documents"]
        approximate = {e["id"] for e in documents if e["numbering"] == "approximate"}
    if fmt == "json":
        say_json_text(json.dumps([{
            "document": h.place.doc_id, "type": h.place.doc_type, "page": h.place.label,
            "physical_page": h.place.physical, "paragraph": h.place.n, "kind": h.place.kind,
            "section": h.place.section, "score": round(h.bm25, 3), "excerpt": h.excerpt,
            "approximate_page": h.place.doc_id in approximate,
        } for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        say("No matches.")
        return
    for rank, hit in enumerate(hits, 1):
        place = hit.place
        approx = " (approximate page)" if place.doc_id in approximate else ""
        section = f" §{place.section}" if place.section else ""
        where = f"p.{place.label}" if place.label is not None else "unnumbered page"
        say(f"{rank:>3}. {place.doc_id} {where} para {place.n}{approx}  "
                   f"[{place.kind}{section}, physical page {place.physical}, score {hit.bm25:.2f}]")
        for line in textwrap.wrap(hit.excerpt, width=96):
            say(f"     {line}")


COMMANDS = (extract_command, index_command, show_command, search_command)
