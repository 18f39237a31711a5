"""Writing a set of report files all or nothing, and never over a file someone has edited.

`wcc report` renders every format in memory first; only when all have succeeded are
they written into a hidden temporary folder inside `--out` and moved into place, so a
renderer that fails (a PCT name too long for Word, a full disk) leaves the previous set
as it was. The SHA-256 of each file written is recorded in `.wcc-written.json` beside
them; a file whose bytes no longer match the record (the panel edited the Word
briefing) or that wcc did not write is not replaced without `--force`.

Crash safety: the staging folder is locked (flock) while it is used, so a later run
removes a staging folder left by `kill -9` (its lock released by the kernel) and never
one another run is using. While files are moved the record accepts the old and the new
digest of each, so a run killed half-way never makes a later run take wcc's own file
for an edited one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping
from wcc_core.errors import WccError

RECORD = ".wcc-written.json"
STAGING_PREFIX = ".wcc-report-"


def report_stem(submission: Path, assessment) -> str:
    """"exampleshire-briefing", or "exampleshire-panel-report" once the panel has decided."""
    stage = "panel-report" if assessment.stage == "panel_report" else "briefing"
    name = Path(os.path.abspath(submission)).name or "submission"
    return f"{name}-{stage}"


class ReportWriteError(WccError):
    """The report set cannot be written as asked; the message names the file and what to do."""


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def read_record(folder: Path) -> dict[str, list[str]]:
    """File name -> the SHA-256 digests wcc wrote into `folder` under that name (empty when none, or unreadable)."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in data.items()}


def _save_record(folder: Path, staging: Path, record: dict[str, list[str]]) -> None:
    plain = {k: v[0] if len(v) == 1 else v for k, v in sorted(record.items())}
    (staging / RECORD).unlink(missing_ok=True)
    _write_file(staging / RECORD, (json.dumps(plain, indent=2) + "\n").encode("utf-8"))
    os.replace(staging / RECORD, folder / RECORD)


def remove_abandoned_staging(folder: Path) -> None:
    """Remove staging folders of runs that died (nobody holds their lock)."""
    for candidate in folder.glob(f"{STAGING_PREFIX}*"):
        try:
            fd = os.open(candidate, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # in use by a running `wcc report`
        try:
            shutil.rmtree(candidate, ignore_errors=True)
        finally:
            os.close(fd)


def edited(folder: Path, names: list[str]) -> list[str]:
    """Which of `names` exist in `folder` with bytes other than wcc last wrote there, each with why."""
    record = read_record(folder)
    out = []
    for name in names:
        path = folder / name
        if not path.exists():
            continue
        if name not in record:
            out.append(f"{path}: wcc did not write this file (no record of it in {RECORD})")
            continue
        try:
            now = _digest(path)
        except OSError as error:
            out.append(f"{path}: cannot be read ({error.strerror or error})")
            continue
        if now not in record[name]:
            out.append(f"{path}: changed since wcc wrote it (the panel's edits?)")
    return out


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    # Reports quote confidential submissions: owner-only, whatever the umask.
    os.chmod(path, 0o600)


def write_report_set(folder: Path, files: Mapping[str, bytes], *, force: bool = False) -> list[Path]:
    """Write every file of `files` (name -> bytes) into `folder`, all or none; the paths written.

    ReportWriteError, with nothing changed in `folder`, when a file there was edited
    (unless `force`) or the set cannot be written.
    """
    if not force:
        problems = edited(folder, list(files))
        if problems:
            raise ReportWriteError("; ".join(problems) + ". Nothing was written: move it away, or give --force "
                                   "to overwrite")
    remove_abandoned_staging(folder)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        lock = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise ReportWriteError(f"{folder}: cannot write there ({error.strerror or error})") from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released by the kernel however this process ends
        try:
            for name, data in files.items():
                _write_file(staging / name, data)
        except OSError as error:
            raise ReportWriteError(f"{folder}: cannot write the reports ({error.strerror or error}); "
                                   "nothing was changed there") from None
        record = read_record(folder)
        new = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        # While moving, the old and the new file of each name are both wcc's.
        _save_record(folder, staging, {**record, **{n: record.get(n, [])[-1:] + [d] for n, d in new.items()}})
        written = []
        for name in files:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
        _save_record(folder, staging, {**record, **{n: [d] for n, d in new.items()}})
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(lock)
