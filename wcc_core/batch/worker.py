"""Assessing one PCT inside a batch worker process, and writing its reports from the same result.

The worker never raises: whatever goes wrong becomes a `failed` outcome with a kind and
a reason naming the submission, so one PCT's trouble never stops the others. A PCT that
takes longer than `$WCC_PCT_SECONDS` (default 1,200) is stopped by an alarm and reported
as over the limit. Each outcome carries the worker's peak resident memory so far.
"""

from __future__ import annotations

import os
import resource
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PCT_SECONDS = 1200


@dataclass(frozen=True)
class Job:
    """One PCT to assess, as the runner sends it to a worker."""

    folder: Path
    index_dir: Path | None = None
    framework_id: str | None = None
    reports: tuple[str, ...] = ()
    reports_dir: Path | None = None
    seconds_limit: int = DEFAULT_PCT_SECONDS


@dataclass
class Outcome:
    """What became of one PCT: `assessed` with its rows and report files, or `failed` with kind and reason."""

    folder: Path
    status: str  # assessed | failed
    kind: str = ""  # failed: input | invalid | limit | crashed | error
    reason: str = ""
    rows: dict[str, Any] = field(default_factory=dict)
    reports: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0


class _OverTime(Exception):
    pass


def _alarm(signum, frame):
    raise _OverTime()


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct_seconds_limit() -> int:
    """$WCC_PCT_SECONDS as a positive whole number; ValueError names the variable."""
    value = os.environ.get("WCC_PCT_SECONDS", str(DEFAULT_PCT_SECONDS))
    if not value.isdigit() or int(value) <= 0:
        raise ValueError(f"WCC_PCT_SECONDS={value!r}: expected a positive whole number of seconds")
    return int(value)


def write_reports(job: Job, assessment) -> list[str]:
    """Each requested format rendered from `assessment` into `<reports_dir>/<folder name>/`."""
    from wcc_core.render.report_files import report_stem, write_report_set
    from wcc_core.plugin_manager import get_plugin_manager
    from wcc_core.render.registry import renderers

    available = renderers(get_plugin_manager())
    out_dir = Path(job.reports_dir) / job.folder.name
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = report_stem(job.folder, assessment)
    # The same all-or-none writer as `wcc report`: an edited briefing is never overwritten
    # (the PCT's failure then names it), and a set is written whole or not at all.
    files = {f"{stem}.{available[name].extension}": available[name].render(assessment, {"root": job.folder})
             for name in job.reports}
    return [str(path) for path in write_report_set(out_dir, files)]


def assess_job(job: Job) -> Outcome:
    """Assess `job.folder` (its review file applied), turn the result into rows, write its reports."""
    from wcc_core.pipeline import PipelineInputError, SubmissionInvalid, run_assessment
    from wcc_core.batch.rows import assessment_rows

    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(job.seconds_limit)
    try:
        # One extraction worker per PCT: the batch's parallelism is across PCTs.
        assessment = run_assessment(job.folder, index_dir=job.index_dir, framework_id=job.framework_id, workers=1)
        rows = assessment_rows(assessment)
        if not rows["pct"]["code"]:
            return _failed(job, started, "input", f"{job.folder / 'submission.toml'}: [pct] code is missing: "
                                                  "the results database keys PCTs by code")
        reports = write_reports(job, assessment) if job.reports else []
        return Outcome(job.folder, "assessed", rows=rows, reports=reports,
                       seconds=time.perf_counter() - started, peak_rss_mb=peak_rss_mb())
    except PipelineInputError as error:
        return _failed(job, started, "input", str(error))
    except SubmissionInvalid as invalid:
        first = str(invalid.findings[0]) if invalid.findings else ""
        return _failed(job, started, "invalid", f"{invalid.submission.toml_path}: not valid: "
                                                f"{len(invalid.findings)} problem(s), first: {first}")
    except _OverTime:
        return _failed(job, started, "limit", f"{job.folder}: limit exceeded: took more than {job.seconds_limit} s "
                                              "(WCC_PCT_SECONDS)")
    except MemoryError:
        return _failed(job, started, "limit", f"{job.folder}: limit exceeded: out of memory")
    except Exception as error:  # a bug in a plugin or renderer: recorded, the batch goes on
        return _failed(job, started, "error", f"{job.folder}: {type(error).__name__}: {str(error)[:200]}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _failed(job: Job, started: float, kind: str, reason: str) -> Outcome:
    return Outcome(job.folder, "failed", kind=kind, reason=reason, seconds=time.perf_counter() - started,
                   peak_rss_mb=peak_rss_mb())
