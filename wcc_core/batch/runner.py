"""The batch: plan which PCTs need assessing, run them in worker processes, store each result as it comes.

Parallelism is across PCTs (default: one worker per core), each PCT isolated: a failure is
recorded with its reason and the others go on. A worker that dies (killed, a crash in a C
library) breaks the process pool; the PCTs it was running are then re-run one at a time
in a fresh pool, so the one that kills its worker is named and the others still finish.
"""

from __future__ import annotations

import os
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from wcc_core.batch import store
from wcc_core.batch.fingerprint import InputHashes, code_fingerprint, input_hashes
from wcc_core.batch.worker import Job, Outcome, assess_job
from wcc_core.review import ReviewFileError, review_path
from wcc_core.submission import SubmissionError, load_submission


@dataclass
class Failure:
    """A folder the run could not assess: its key, the kind of failure ("input", "crashed", ...) and why."""

    folder: str
    kind: str
    reason: str


@dataclass
class BatchResult:
    """What a run did: folders assessed, skipped as unchanged, failed with reasons (all sorted)."""

    assessed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # the largest peak of any worker

    def sort(self) -> None:
        """Sort every list, so the run's report reads the same whatever order the workers finished in."""
        self.assessed.sort()
        self.skipped.sort()
        self.failed.sort(key=lambda f: f.folder)


@dataclass(frozen=True)
class Planned:
    """A folder to assess, with the hashes of its inputs to store once it is assessed."""

    job: Job
    hashes: InputHashes | None


def _reports_exist(job: Job) -> bool:
    """Every requested report of an unchanged PCT is already written (else it is assessed again to write them)."""
    if not job.reports:
        return True
    folder = Path(job.reports_dir) / job.folder.name
    return folder.is_dir() and all(any(folder.glob(f"*-*.{_extension(name)}")) for name in job.reports)


def _extension(fmt: str) -> str:
    from wcc_core.plugin_manager import get_plugin_manager
    from wcc_core.render.registry import renderers

    return renderers(get_plugin_manager())[fmt].extension


def plan(conn, folders: list[Path], job_of: Callable[[Path], Job], framework_id: str | None,
         result: BatchResult, run_id: int) -> list[Planned]:
    """Which folders need assessing; unchanged ones go to `result.skipped`, clashing codes to `result.failed`."""
    code = code_fingerprint()
    stored = store.stored_hashes(conn)
    codes: dict[str, list[str]] = {}
    for folder in folders:
        try:
            pct_code = load_submission(folder).pct.code
        except SubmissionError:
            continue  # the worker reports why it cannot be read
        if pct_code:
            codes.setdefault(pct_code, []).append(str(folder))
    clashing = {}
    for pct_code, owners in codes.items():
        owner = store.code_owner(conn, pct_code)
        if owner and owner not in owners and Path(owner).exists():
            owners = owners + [owner]
        if len(owners) > 1:
            for folder in owners:
                clashing[folder] = f"{folder}: PCT code {pct_code} is also the code of " + ", ".join(
                    o for o in owners if o != folder)
    planned = []
    for folder in folders:
        key = str(folder)
        if key in clashing:
            store.record_failure(conn, run_id, key, "input", clashing[key])
            result.failed.append(Failure(key, "input", clashing[key]))
            continue
        job = job_of(folder)
        try:
            review = review_path(folder)
        except ReviewFileError as error:
            store.record_failure(conn, run_id, key, "input", str(error))
            result.failed.append(Failure(key, "input", str(error)))
            continue
        hashes = input_hashes(folder, review, code, framework_id)
        if hashes is not None and key in stored and stored[key][1] == hashes and _reports_exist(job):
            result.skipped.append(key)
            continue
        planned.append(Planned(job, hashes))
    return planned


def _warm() -> None:
    """Load the plugins once per worker, not once per PCT."""
    from wcc_core.plugin_manager import get_plugin_manager

    get_plugin_manager()


def _crashed(job: Job, error: BaseException) -> Outcome:
    return Outcome(job.folder, "failed", kind="crashed",
                   reason=f"{job.folder}: the worker assessing it died ({error or 'no reason given'})")


def run_jobs(jobs: list[Job], workers: int, on_outcome: Callable[[Outcome], None]) -> None:
    """Run `jobs` on `workers` processes, calling `on_outcome` (in this process) as each ends."""
    pending = deque(jobs)
    suspects: list[Job] = []
    while pending:
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
            running = {}
            broken = False
            while (pending or running) and not broken:
                while pending and len(running) < workers:
                    job = pending.popleft()
                    running[pool.submit(assess_job, job)] = job
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        suspects.append(job)
                        continue
                    on_outcome(outcome)
            if broken:
                suspects.extend(running.values())
        for job in suspects:  # alone, so a second death is this PCT's own
            with ProcessPoolExecutor(max_workers=1, initializer=_warm) as alone:
                try:
                    on_outcome(alone.submit(assess_job, job).result())
                except BrokenProcessPool as error:
                    on_outcome(_crashed(job, error))
        suspects = []


def run_batch(conn, folders: list[Path], *, workers: int | None = None, index_dir: Path | None = None,
              framework_id: str | None = None, reports: tuple[str, ...] = (), reports_dir: Path | None = None,
              seconds_limit: int, options: dict, progress=None) -> BatchResult:
    """Assess every folder that changed since its stored result, storing each in its own transaction.

    `progress(total)` is called once with the number of PCTs to assess, then
    `progress(outcome)` as each ends (the CLI's bar).
    """
    started = time.perf_counter()
    result = BatchResult()
    run_id = store.start_run(conn, options)

    def job_of(folder: Path) -> Job:
        # Each PCT's index in its own folder under --index-dir, else in the submission's .wcc.
        where = Path(index_dir) / folder.name if index_dir else None
        return Job(folder, where, framework_id, reports, reports_dir, seconds_limit)

    planned = plan(conn, folders, job_of, framework_id, result, run_id)
    hashes = {p.job.folder: p.hashes for p in planned}
    if progress:
        progress(len(planned))

    def on_outcome(outcome: Outcome) -> None:
        key = str(outcome.folder)
        result.peak_rss_mb = max(result.peak_rss_mb, outcome.peak_rss_mb)
        known = hashes.get(outcome.folder)
        if outcome.status == "assessed" and known is None:
            outcome = Outcome(outcome.folder, "failed", kind="input",
                              reason=f"{outcome.folder}: submission.toml changed while it was assessed; run again")
        if outcome.status == "assessed":
            owner = store.code_owner(conn, outcome.rows["pct"]["code"])
            if owner and owner != key:
                outcome = Outcome(outcome.folder, "failed", kind="input",
                                  reason=f"{key}: PCT code {outcome.rows['pct']['code']} is also the code of {owner}")
        if outcome.status == "assessed":
            store.write_pct(conn, outcome.rows, known, run_id, key, outcome.seconds, outcome.peak_rss_mb)
            result.assessed.append(key)
        else:
            store.record_failure(conn, run_id, key, outcome.kind, outcome.reason)
            result.failed.append(Failure(key, outcome.kind, outcome.reason))
        if progress:
            progress(outcome)

    jobs = [p.job for p in planned]
    if jobs:
        run_jobs(jobs, max(1, min(workers or os.cpu_count() or 1, len(jobs))), on_outcome)
    result.sort()
    result.seconds = time.perf_counter() - started
    store.finish_run(conn, run_id, len(result.assessed), len(result.failed), len(result.skipped))
    return result
