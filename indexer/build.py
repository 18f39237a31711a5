"""Building a submission's index: extract what changed, index it, swap it in atomically.

A build writes a complete new generation folder beside the live one and only then
points `CURRENT` at it (one os.replace of a small file), so a crash or Ctrl-C at any
moment leaves the previous index whole. Extractions are cached by content (see
cache.py) and run in worker processes under the Limits (see workers.py); when no
document's id, type, file or bytes changed, and the extractors did not change, the
build does nothing at all.

Crashes and concurrency. One build at a time holds `build.lock` with a POSIX record
lock, which the kernel releases when its process dies however it dies, so a lock left
by `kill -9` is never mistaken for a live build. A generation a killed build left half
written is removed by the next build. A reader (`wcc show`, `search`, `signposts`)
that finds another process building uses the last complete index instead of failing,
and the generation it reads is kept until the build after next.

Confidentiality. Everything in the index folder is created readable by its owner
only (folders 0o700, files 0o600): the extracted text is the submission's.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import time
import uuid
import weakref
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal, Sequence

from indexer.cache import ExtractionCache, cache_key, file_digest
from indexer.extract import extract, extractor_fingerprint, format_of
from indexer.limits import Limits, is_verdict_on_file
from indexer.model import ExtractedDocument, unreadable
from indexer.store import (
    CURRENT_FILE,
    MANIFEST_FILE,
    IndexedDocument,
    SubmissionIndex,
    current_generation,
    generation_is_whole,
    read_manifest,
    write_generation,
)
from indexer.workers import extract_in_workers

_GENERATION_PREFIX = "gen-"
_LOCK_FILE = "build.lock"
_CACHE_DIR = "cache"
_MARKER_FILE = "WCC-INDEX"  # says the folder is an index, so a build may delete what it no longer needs
_READERS_FILE = "READERS"  # in a generation: readers hold a shared lock on it while they use it


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
    busy: bool = False  # another process was building: this is the last complete index, maybe stale


class IndexBusyError(Exception):
    """Another process is building an index in the same folder."""


class IndexFolderError(Exception):
    """The index folder holds files that are not an index (a build would delete some of them)."""


class DuplicateDocumentError(ValueError):
    """Two documents share an id: one would silently hide the other."""


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
    limits: Limits | None = None,
    if_busy: Literal["raise", "use_last"] = "use_last",
) -> SubmissionIndex:
    """Index the documents into `index_dir` (or find it already up to date) and open it.

    Unreadable documents are indexed as such (with their reason) and never stop the
    others. Raises DuplicateDocumentError if two sources share an id and IndexFolderError
    if `index_dir` is a folder of other files rather than an index. When another build
    holds the folder's lock, a reader (the default, `if_busy="use_last"`) gets the last
    complete index, with build_stats.busy True; with `if_busy="raise"` (`wcc index`),
    or when there is no complete index yet, IndexBusyError.
    """
    index_dir = Path(index_dir)
    check_unique_ids(sources)
    limits = limits or Limits.from_env()
    _check_is_index_folder(index_dir)
    emit = progress or (lambda event: None)
    fingerprint = extractor_fingerprint()
    digests = {s.id: _digest(s, limits) for s in sources}
    if _up_to_date(index_dir, sources, digests, fingerprint):
        emit(ProgressEvent("up_to_date", len(sources), len(sources)))
        _tidy(index_dir)
        return open_for_reading(index_dir, BuildStats(up_to_date=True))
    with _private_files():
        index_dir.mkdir(parents=True, exist_ok=True)
        _make_private(index_dir)
        try:
            lock = _BuildLock(index_dir).__enter__()
        except IndexBusyError:
            if if_busy == "use_last" and current_generation(index_dir) is not None:
                return open_for_reading(index_dir, BuildStats(busy=True))
            raise
        try:
            stats = _build(index_dir, sources, digests, fingerprint, emit, workers or default_workers(), limits)
        finally:
            lock.__exit__(None, None, None)
    return open_for_reading(index_dir, stats)


def open_for_reading(index_dir: Path, stats: BuildStats | None = None) -> SubmissionIndex:
    """Open the live index and keep its generation from being removed while this process uses it.

    The reader holds a shared flock on the generation's READERS file until the index
    object is collected or the process ends (flock, not a record lock: it holds against
    a build in the same process too); a build removes an old generation
    only when it can lock that file exclusively. If a build removed the generation
    between our reading CURRENT and locking it, the new live one is opened instead.
    """
    for _ in range(5):
        index = SubmissionIndex.open(index_dir)
        fd = _hold(index.generation)
        if fd is not None or not (index.generation / _READERS_FILE).exists():
            if fd is not None:
                weakref.finalize(index, os.close, fd)
            index.build_stats = stats
            return index
        index.close()
    index = SubmissionIndex.open(index_dir)
    index.build_stats = stats
    return index


def _hold(generation: Path) -> int | None:
    """A shared lock on a generation's READERS file (its fd), or None if it is gone or being removed."""
    try:
        fd = os.open(generation / _READERS_FILE, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    if not (generation / MANIFEST_FILE).is_file():  # removed while we were taking the lock
        os.close(fd)
        return None
    return fd


def _claim(generation: Path) -> tuple[bool, int | None]:
    """(whether the generation may be removed, the fd of the exclusive lock to close after removing it).

    Only asked while holding the build lock. The exclusive lock is kept while the folder
    is removed, so a reader arriving meanwhile fails to lock it and opens the live one.
    """
    try:
        fd = os.open(generation / _READERS_FILE, os.O_RDONLY)
    except OSError:
        return True, None  # written by an older wcc, or half written: no reader can hold it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False, None  # a reader uses it
    return True, fd


def check_unique_ids(sources: Sequence[DocumentSource]) -> None:
    """Raise DuplicateDocumentError naming every id used by more than one document."""
    counts = Counter(s.id for s in sources)
    repeated = [doc_id for doc_id, n in counts.items() if n > 1]
    if repeated:
        detail = "; ".join(
            f"'{doc_id}' is used by {', '.join(s.file or s.path.name for s in sources if s.id == doc_id)}"
            for doc_id in repeated
        )
        raise DuplicateDocumentError(f"duplicate document ids: {detail}; every document needs an id of its own")


def _digest(source: DocumentSource, limits: Limits) -> str | None:
    """The content digest of a source's file; None when refused, missing, not a regular file or too large."""
    if source.refused:
        return None
    try:
        info = source.path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > limits.max_file_bytes:
        return None  # extract() says why; nothing is read
    return file_digest(source.path)


def _build(index_dir: Path, sources, digests, fingerprint, emit, workers: int, limits: Limits) -> BuildStats:
    """Extract and index into a new generation and make it live (holding the build lock)."""
    _remove_unfinished_generations(index_dir)
    (index_dir / _MARKER_FILE).write_text("This folder is a wcc index: wcc may replace or delete anything in it.\n")
    stats = BuildStats()
    cache = ExtractionCache(index_dir / _CACHE_DIR)
    started = time.perf_counter()
    extracted = _extract_all(sources, digests, fingerprint, cache, emit, workers, stats, limits)
    stats.extract_seconds = time.perf_counter() - started
    documents = [IndexedDocument(s.id, s.type, s.file or s.path.name, extracted[s.id]) for s in sources]
    total_pages = sum(len(d.extracted.pages) for d in documents)
    done = 0

    def on_page(doc_id: str, physical: int) -> None:
        nonlocal done
        done += 1
        emit(ProgressEvent("index", done, total_pages, doc_id))

    started = time.perf_counter()
    generation = index_dir / f"{_GENERATION_PREFIX}{uuid.uuid4().hex[:12]}"
    # A document stopped by a limit, a timeout or a crash has no digest in the manifest,
    # so the next run tries it again (with, perhaps, other limits) instead of trusting it.
    manifest_digests = {
        s.id: digests[s.id] for s in sources
        if digests[s.id] is not None and is_verdict_on_file(extracted[s.id].reason)
    }
    write_generation(generation, documents, manifest_digests, fingerprint, on_page)
    (generation / _READERS_FILE).touch()
    _point_current_at(index_dir, generation)
    stats.index_seconds = time.perf_counter() - started
    _remove_old_generations(index_dir, keep=generation)
    cache.keep_only({cache_key(digests[s.id], format_of(s.path), fingerprint) for s in sources if digests[s.id]})
    stats.unreadable = [(d.id, d.extracted.reason or "") for d in documents if not d.extracted.readable]
    return stats


@contextmanager
def _private_files():
    """New files and folders readable by their owner only (0o600 / 0o700), while the index is written."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def _make_private(index_dir: Path) -> None:
    try:
        os.chmod(index_dir, 0o700)
    except OSError:
        pass  # not ours to change (a shared folder given with --index-dir): the files inside still are 0o600


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


def _extract_all(sources, digests, fingerprint, cache, emit, workers, stats, limits) -> dict[str, ExtractedDocument]:
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
            results[source.id] = extract(source.path, limits)  # missing, not a file or too large: says why
        elif cached is not None:
            results[source.id] = cached
            stats.cached += 1
        else:
            todo.append(source)
            continue
        emit(ProgressEvent("extract", len(results), total, source.id, cached=cached is not None))

    todo.sort(key=lambda s: -_size(s.path))  # largest first: the pool finishes together
    by_id = {s.id: s for s in todo}
    for doc_id, document in extract_in_workers([(s.id, s.path) for s in todo], workers, limits):
        source = by_id[doc_id]
        results[doc_id] = document
        stats.extracted += 1
        stats.pages_extracted += len(document.pages)
        if document.readable or is_verdict_on_file(document.reason):
            # Only verdicts about the file are kept: a document stopped by a limit, a
            # timeout, lack of memory or a crashed worker is tried again next time.
            cache.put(cache_key(digests[doc_id], format_of(source.path), fingerprint), document)
        emit(ProgressEvent("extract", len(results), total, doc_id))
    return results


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


def _tidy(index_dir: Path) -> None:
    """Remove what a killed build left behind, unless a build is running now."""
    if not any(e.name.startswith((_GENERATION_PREFIX, f".{CURRENT_FILE}.")) and e != current_generation(index_dir)
               for e in index_dir.iterdir()) and not ExtractionCache(index_dir / _CACHE_DIR).has_temporaries():
        return  # the usual case: nothing to do, no lock taken
    try:
        with _private_files(), _BuildLock(index_dir):
            _remove_unfinished_generations(index_dir)
            _remove_old_generations(index_dir, keep=current_generation(index_dir))
    except (IndexBusyError, OSError):
        pass  # someone is building (they tidy up) or the folder is read-only: harmless either way


def _remove_unfinished_generations(index_dir: Path) -> None:
    """Remove generations a killed build left without a manifest, and stray CURRENT temporaries
    (only called while holding the lock, so no build is writing them)."""
    live = current_generation(index_dir)
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name.startswith(_GENERATION_PREFIX) and entry != live:
            if not (entry / MANIFEST_FILE).is_file():
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{CURRENT_FILE}."):
            entry.unlink(missing_ok=True)
    ExtractionCache(index_dir / _CACHE_DIR).remove_temporaries()


def _remove_old_generations(index_dir: Path, keep: Path) -> None:
    """Remove superseded generations no reader holds, and stray temporaries (holding the build lock).

    A generation a reader still holds stays; the next build removes it.
    """
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name.startswith(_GENERATION_PREFIX) and entry != keep:
            may_remove, fd = _claim(entry)
            if may_remove:
                shutil.rmtree(entry, ignore_errors=True)
            if fd is not None:
                os.close(fd)
        elif entry.name.startswith(f".{CURRENT_FILE}."):
            entry.unlink(missing_ok=True)


class _BuildLock:
    """One build at a time per index folder.

    A POSIX record lock (lockf) on `build.lock`: the kernel drops it when the holding
    process exits, however it exits, so a lock left by a killed build is free at once,
    and worker processes (which do not inherit record locks) never hold it. The file
    keeps the holder's pid, for the message.
    """

    def __init__(self, index_dir: Path):
        self.path = index_dir / _LOCK_FILE
        self.fd: int | None = None

    def __enter__(self) -> "_BuildLock":
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _lock_holder(fd)
                os.close(fd)
                who = f" (pid {holder})" if holder else ""
                raise IndexBusyError(f"{self.path.parent}: another wcc process{who} is building this index") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the holder removed the file as we opened it: lock the new one
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            self.fd = fd
            return self
        raise IndexBusyError(f"{self.path}: cannot take the build lock")

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self.fd)  # releases the lock
            self.fd = None


def _lock_holder(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip())
    except (OSError, ValueError):
        return None
