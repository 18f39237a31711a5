"""Building a submission's index: extract what changed, index it, swap it in atomically.

A build writes a complete new generation folder beside the live one and only then
points `CURRENT` at it (one os.replace of a small file), so a crash or Ctrl-C at any
moment leaves the previous index whole. Extractions are cached by content (see
cache.py) and run in worker processes; when no document's id, type, file or bytes
changed, and the extractors did not change, the build does nothing at all.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal, Sequence

from indexer.cache import ExtractionCache, cache_key, file_digest
from indexer.extract import extract, extractor_fingerprint, format_of
from indexer.model import ExtractedDocument, unreadable
from indexer.store import (
    CURRENT_FILE,
    IndexedDocument,
    SubmissionIndex,
    current_generation,
    generation_is_whole,
    read_manifest,
    write_generation,
)

_GENERATION_PREFIX = "gen-"
_LOCK_FILE = "build.lock"
_CACHE_DIR = "cache"
_MARKER_FILE = "WCC-INDEX"  # says the folder is an index, so a build may delete what it no longer needs


@dataclass(frozen=True)
class DocumentSource:
    """One document of a submission: its id and type, and where its file lies."""

    id: str
    type: str
    path: Path
    file: str = ""  # the path as written in submission.toml, for messages; defaults to the file name
    refused: str = ""  # why the file must not be read (its path escapes the submission): indexed unreadable


@dataclass(frozen=True)
class ProgressEvent:
    """How far a build has got: documents extracted, then pages indexed."""

    stage: Literal["extract", "index", "up_to_date"]
    done: int
    total: int
    doc_id: str | None = None
    cached: bool = False  # for "extract": the document came from the cache


@dataclass
class BuildStats:
    """What one build did, for the summary line and the benchmark."""

    up_to_date: bool = False
    extracted: int = 0
    cached: int = 0
    pages_extracted: int = 0
    extract_seconds: float = 0.0
    index_seconds: float = 0.0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (doc id, reason)


class IndexBusyError(Exception):
    """Another process is building an index in the same folder."""


class IndexFolderError(Exception):
    """The index folder holds files that are not an index (a build would delete some of them)."""


def default_index_dir(submission_root: Path) -> Path:
    """Where a submission's index lives unless told otherwise: a `.wcc` folder inside it."""
    return Path(submission_root) / ".wcc"


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def build_index(
    sources: Sequence[DocumentSource],
    index_dir: Path,
    *,
    progress: Callable[[ProgressEvent], None] | None = None,
    workers: int | None = None,
) -> SubmissionIndex:
    """Index the documents into `index_dir` (or find it already up to date) and open it.

    Unreadable documents are indexed as such (with their reason) and never stop the
    others. Raises IndexBusyError if another build holds the folder's lock, and
    IndexFolderError if `index_dir` is a folder of other files rather than an index.
    """
    index_dir = Path(index_dir)
    _check_is_index_folder(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    emit = progress or (lambda event: None)
    fingerprint = extractor_fingerprint()
    digests = {s.id: None if s.refused else file_digest(s.path) for s in sources}
    if _up_to_date(index_dir, sources, digests, fingerprint):
        emit(ProgressEvent("up_to_date", len(sources), len(sources)))
        index = SubmissionIndex.open(index_dir)
        index.build_stats = BuildStats(up_to_date=True)
        return index
    (index_dir / _MARKER_FILE).write_text("This folder is a wcc index: wcc may replace or delete anything in it.\n")
    with _BuildLock(index_dir):
        stats = BuildStats()
        cache = ExtractionCache(index_dir / _CACHE_DIR)
        started = time.perf_counter()
        extracted = _extract_all(sources, digests, fingerprint, cache, emit, workers or default_workers(), stats)
        stats.extract_seconds = time.perf_counter() - started
        documents = [
            IndexedDocument(s.id, s.type, s.file or s.path.name, extracted[s.id]) for s in sources
        ]
        total_pages = sum(len(d.extracted.pages) for d in documents)
        done = 0

        def on_page(doc_id: str, physical: int) -> None:
            nonlocal done
            done += 1
            emit(ProgressEvent("index", done, total_pages, doc_id))

        started = time.perf_counter()
        generation = index_dir / f"{_GENERATION_PREFIX}{uuid.uuid4().hex[:12]}"
        manifest_digests = {doc_id: d for doc_id, d in digests.items() if d is not None}
        write_generation(generation, documents, manifest_digests, fingerprint, on_page)
        _point_current_at(index_dir, generation)
        stats.index_seconds = time.perf_counter() - started
        _remove_old_generations(index_dir, keep=generation)
        cache.keep_only({cache_key(digests[s.id], format_of(s.path), fingerprint) for s in sources if digests[s.id]})
        stats.unreadable = [(d.id, d.extracted.reason or "") for d in documents if not d.extracted.readable]
    index = SubmissionIndex.open(index_dir)
    index.build_stats = stats
    return index


def _check_is_index_folder(index_dir: Path) -> None:
    """Refuse a folder that is neither new, empty nor an index: a build removes old files where it works."""
    if not index_dir.is_dir() or (index_dir / _MARKER_FILE).is_file() or current_generation(index_dir):
        return
    if any(index_dir.iterdir()):
        raise IndexFolderError(
            f"{index_dir}: this folder holds other files and is not a wcc index; "
            "give a new or empty folder for the index"
        )


def _manifest_rows(sources: Sequence[DocumentSource], digests: dict[str, str | None]) -> list[list]:
    return [[s.id, s.type, s.file or s.path.name, digests.get(s.id)] for s in sources]


def _up_to_date(index_dir: Path, sources, digests, fingerprint: str) -> bool:
    """Whether the live index holds exactly these documents, unchanged, from these extractors."""
    if any(d is None for d in digests.values()):
        return False  # a missing file is re-checked every time, so it is reported when it appears
    generation = current_generation(index_dir)
    if generation is None:
        return False
    try:
        manifest = read_manifest(generation)
    except (OSError, ValueError):
        return False
    if not generation_is_whole(generation, manifest) or manifest.get("fingerprint") != fingerprint:
        return False
    try:
        indexed = [[e["id"], e["type"], e["file"], e["digest"]] for e in manifest["documents"]]
    except (KeyError, TypeError):
        return False
    return indexed == _manifest_rows(sources, digests)


def _extract_one(path: Path) -> ExtractedDocument:
    """Worker entry point (module level so worker processes can import it)."""
    return extract(path)


def _extract_all(sources, digests, fingerprint, cache, emit, workers, stats) -> dict[str, ExtractedDocument]:
    """Every source's extraction, from the cache where possible, else in worker processes."""
    results: dict[str, ExtractedDocument] = {}
    todo: list[DocumentSource] = []
    total = len(sources)
    for source in sources:
        digest = digests[source.id]
        cached = cache.get(cache_key(digest, format_of(source.path), fingerprint)) if digest else None
        if source.refused:
            results[source.id] = unreadable(source.path.name, format_of(source.path), source.refused)
        elif digest is None:
            results[source.id] = extract(source.path)  # missing or unreadable file: says why
        elif cached is not None:
            results[source.id] = cached
            stats.cached += 1
        else:
            todo.append(source)
            continue
        emit(ProgressEvent("extract", len(results), total, source.id, cached=cached is not None))

    def finish(source: DocumentSource, document: ExtractedDocument, keep: bool = True) -> None:
        results[source.id] = document
        stats.extracted += 1
        stats.pages_extracted += len(document.pages)
        if keep:
            cache.put(cache_key(digests[source.id], format_of(source.path), fingerprint), document)
        emit(ProgressEvent("extract", len(results), total, source.id))

    todo.sort(key=lambda s: -_size(s.path))  # largest first: the pool finishes together
    if workers <= 1 or len(todo) <= 1:
        for source in todo:
            finish(source, extract(source.path))
        return results
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            futures = {pool.submit(_extract_one, s.path): s for s in todo}
            for future in as_completed(futures):
                finish(futures[future], future.result())
    except BrokenProcessPool:
        # A worker died (a crash inside a native library) and took the pool with it. We
        # cannot tell which document did it, so each one left is retried in a pool of
        # its own: the culprit comes back unreadable, the others are extracted.
        for source in todo:
            if source.id not in results:
                finish(source, *_extract_isolated(source.path))
    return results


def _extract_isolated(path: Path) -> tuple[ExtractedDocument, bool]:
    """(extraction, whether to cache it) from a one-off worker process that may crash."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_extract_one, path).result(), True
    except BrokenProcessPool:
        return unreadable(path.name, format_of(path), "extractor crashed"), False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _point_current_at(index_dir: Path, generation: Path) -> None:
    """Make `generation` the live index in one atomic step."""
    tmp = index_dir / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(generation.name + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT_FILE)


def _remove_old_generations(index_dir: Path, keep: Path) -> None:
    """Remove superseded and unfinished generations (only called while holding the lock)."""
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name.startswith(_GENERATION_PREFIX) and entry != keep:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{CURRENT_FILE}."):
            entry.unlink(missing_ok=True)


class _BuildLock:
    """One build at a time per index folder; a lock left by a dead process is taken over."""

    def __init__(self, index_dir: Path):
        self.path = index_dir / _LOCK_FILE

    def __enter__(self) -> "_BuildLock":
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = _lock_holder(self.path)
                if holder is not None and _alive(holder):
                    raise IndexBusyError(
                        f"{self.path.parent}: another wcc process (pid {holder}) is building this index"
                    ) from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise IndexBusyError(f"{self.path}: cannot take the build lock")

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def _lock_holder(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own stale lock (an interrupted build in this process)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
