"""Extraction in worker processes, each document under a time and memory limit.

Why not concurrent.futures: its pool cannot stop one task that runs too long, and
its workers stay blocked on a pipe for good when the main process is killed. Here
every worker is a forked process that

* extracts one document at a time, sent over its own pipe;
* runs under an address-space limit (`Limits.worker_memory_mb`), so a document that
  would take all memory raises MemoryError inside the worker instead;
* dies with the main process: Linux delivers SIGKILL to it when its parent dies
  (prctl PR_SET_PDEATHSIG), and, where that is not available, it notices within a
  second that its parent changed and exits.

The main process waits for results with a deadline per document; a worker that
passes it is killed and replaced, and its document comes back unreadable with the
reason "limit exceeded: time per document". A worker that dies (a crash in a
native library) is replaced too, and only its document is reported.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Hashable, Iterator, Sequence

from indexer.limits import CRASH_REASON, MEMORY_REASON, TIMEOUT_REASON, Limits
from indexer.model import ExtractedDocument, unreadable

_PR_SET_PDEATHSIG = 1
_PARENT_POLL_SECONDS = 1.0


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the polling loop in _serve notices the parent's death instead
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # a platform without RLIMIT_AS: the time limit still bounds the work


def _serve(conn, parent: int, limits: Limits, extract_fn) -> None:
    """A worker's life: extract each path it is sent until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _die_with_parent(parent)
    _limit_memory(limits.worker_memory_mb)
    while True:
        if os.getppid() != parent:
            os._exit(1)
        try:
            if not conn.poll(_PARENT_POLL_SECONDS):
                continue
            task = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if task is None:
            os._exit(0)
        try:
            result = extract_fn(Path(task), limits)
        except MemoryError:
            result = unreadable(Path(task).name, _format(Path(task)), MEMORY_REASON)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(unreadable(Path(task).name, result.format, MEMORY_REASON))
        except (OSError, EOFError):
            os._exit(0)


class _Worker:
    def __init__(self, context, limits: Limits, extract_fn):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid(), limits, extract_fn), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple | None = None  # (key, path, deadline)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _default_extract(path: Path, limits: Limits) -> ExtractedDocument:
    from indexer.extract import extract

    return extract(path, limits)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_in_workers(
    tasks: Sequence[tuple[Hashable, Path]],
    workers: int,
    limits: Limits,
    extract_fn: Callable[[Path, Limits], ExtractedDocument] = _default_extract,
) -> Iterator[tuple[Hashable, ExtractedDocument]]:
    """(key, extraction) for every (key, path), in the order they finish.

    Never raises for a bad document: a timeout, a crash or exhausted memory is that
    document's unreadable reason. Workers are stopped when the iteration ends,
    however it ends (a KeyboardInterrupt included).
    """
    if not tasks:
        return
    context = _context()
    pending = list(tasks)
    pending.reverse()  # pop() from the end takes them in the order given
    pool: list[_Worker] = []
    try:
        for _ in range(max(1, min(workers, len(pending)))):
            pool.append(_Worker(context, limits, extract_fn))
        while pending or any(w.task for w in pool):
            for worker in pool:
                if worker.task is None and pending:
                    key, path = pending.pop()
                    worker.task = (key, Path(path), time.monotonic() + limits.document_seconds)
                    worker.conn.send(str(path))
            busy = [w for w in pool if w.task]
            timeout = max(0.0, min(w.task[2] for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            for i, worker in enumerate(pool):
                if not worker.task:
                    continue
                key, path, deadline = worker.task
                result = None
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is not None:
                        worker.task = None
                        yield key, result
                        continue
                if worker.process.sentinel in ready or worker.conn in ready:
                    worker.process.join(1)
                    code = worker.process.exitcode
                    reason = MEMORY_REASON if code == -signal.SIGKILL else f"{CRASH_REASON} (exit code {code})"
                    yield key, unreadable(path.name, _format(path), reason)
                elif time.monotonic() >= deadline:
                    limit = f" (at most {limits.document_seconds:,} s; set {Limits.variable('document_seconds')} to raise it)"
                    yield key, unreadable(path.name, _format(path), TIMEOUT_REASON + limit)
                else:
                    continue
                worker.task = None
                worker.stop(kill=True)
                pool[i] = _Worker(context, limits, extract_fn)
    finally:
        for worker in pool:
            worker.stop(kill=bool(worker.task))


def extract_bounded(path: Path, limits: Limits | None = None) -> ExtractedDocument:
    """One document extracted in a worker process under `limits` (default: from the environment)."""
    limits = limits or Limits.from_env()
    for _, document in extract_in_workers([(0, Path(path))], 1, limits):
        return document
    raise AssertionError("extract_in_workers returned nothing")  # pragma: no cover


def _format(path: Path) -> str:
    from indexer.extract import format_of

    return format_of(path)
