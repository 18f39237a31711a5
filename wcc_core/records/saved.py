"""The assessment `wcc assess` saved in the index folder, for `wcc report` to reuse while it is still valid.

Judging every criterion line is most of a command's time, so `wcc assess` then `wcc report`
on one submission would judge it twice. Each command saves its Assessment beside the index,
under a key that digests everything the result depends on (`inputs_key`): the index's
manifest (every document's SHA-256 and the extractors' fingerprint), every other file of
the submission folder by content (submission.toml, the data files), the review file that
applies (or that none does), the last-year record, the framework and parameters asked for,
and the code that judged it (wcc's and every plugin's files, versions, Python's version).
A command whose key differs judges afresh; a saved result is never shown for other inputs.

The file is one header line of JSON (format and key), then a pickle of the Assessment,
written under a temporary name and renamed into place, owner-only like the rest of the
index. Reading it admits only wcc's own dataclasses, the indexer's located-block record
and Decimal (the documented way to restrict unpickling), so a file planted in a
submission's `.wcc` folder cannot run code; a damaged or foreign file is a miss, never
an error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import io
import json
import os
import pickle
import sys
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

SAVED_FILE = "assessment.saved"
FORMAT = 2  # 2: evidence and suggestions hold an indexer.model.LocatedBlock
# Files of a code folder that can change what an assessment says: code and its data.
_CODE_SUFFIXES = (".py", ".toml", ".json", ".csv", ".txt", ".yaml", ".yml")
_READ_CHUNK = 1 << 20


def file_digest(path: Path | None) -> str:
    """SHA-256 of a file's bytes, "absent" when there is no such file, "none" when no path is given."""
    if path is None:
        return "none"
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return "absent"
    except OSError as error:  # unreadable: a key no saved file has, so nothing is reused
        return f"unreadable {error.errno} {uuid.uuid4().hex}"


def folder_digest(root: Path, skip: Iterable[Path] = ()) -> str:
    """Every regular file under `root` (but the folders in `skip`) by relative path and content."""
    root = Path(root)
    skipped = {os.path.abspath(p) for p in skip}
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if os.path.abspath(os.path.join(folder, d)) not in skipped)
        for name in sorted(files):
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():  # where it points (a file it reaches inside the folder is read anyway)
                digest.update(f"{relative}\0-> {os.readlink(path)}\n".encode())
            elif path.is_file():  # not a FIFO or device: the submission's readers refuse those
                digest.update(f"{relative}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


def code_digest(folders: Iterable[Path], records: Iterable[object]) -> str:
    """The code that judges: each folder's code and data files by path, size and modification time,
    and each plugin's name, version, distribution and module.

    Size and modification time (not content) keep this cheap for the hundreds of files
    of wcc and its plugins; any edit, reinstall or upgrade changes one of them.
    """
    digest = hashlib.sha256(f"python {sys.version}\n".encode())
    for record in records:
        digest.update(f"plugin {record!r}\n".encode())
    for folder in sorted({Path(f).resolve() for f in folders}):
        walked = os.walk(folder) if folder.is_dir() else [(str(folder.parent), [], [folder.name])]
        for base, dirs, files in walked:
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith(_CODE_SUFFIXES):
                    try:
                        stat = os.stat(os.path.join(base, name))
                    except OSError:
                        continue
                    digest.update(f"{base}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def inputs_key(parts: Mapping[str, object]) -> str:
    """One digest of every named input of an assessment (each a JSON value)."""
    return hashlib.sha256(json.dumps(dict(parts), sort_keys=True, default=str).encode()).hexdigest()


# Classes from outside wcc_core a saved assessment holds: Decimal, and the indexer's
# located-block record (every piece of text evidence and suggestion has one) and its block.
_ALLOWED = {("decimal", "Decimal"), ("indexer.model", "LocatedBlock"), ("indexer.model", "Block")}


class _WccOnly(pickle.Unpickler):
    """An unpickler that builds only wcc's dataclasses and the few classes of `_ALLOWED`: nothing in the file can run code."""

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module.split(".")[0] == "wcc_core" and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a saved assessment")


# The modules whose dataclasses a saved assessment holds: imported before reading one, so
# a command that has not imported the assessment (`wcc report` of a saved one) can read it.
_RECORD_MODULES = ("wcc_core.records.results", "wcc_core.records.signposts", "wcc_core.assessment.governance_rules")


def _decode(payload: bytes):
    for module in _RECORD_MODULES:
        importlib.import_module(module)
    return _WccOnly(io.BytesIO(payload)).load()


def load_saved(index_dir: Path, inputs: str):
    """The Assessment saved in `index_dir` under the inputs key `inputs`, or None (none saved, another key, damaged)."""
    try:
        with open(Path(index_dir) / SAVED_FILE, "rb") as handle:
            header = json.loads(handle.readline())
            if header != {"format": FORMAT, "key": inputs}:
                return None
            return _decode(handle.read())
    except Exception:  # noqa: BLE001 - a damaged or foreign file of any kind is a miss: the caller assesses
        return None


def save(index_dir: Path, inputs: str, assessment) -> bool:
    """Save `assessment` under the inputs key `inputs` in `index_dir`, replacing any saved before; whether it was saved.

    Written whole under a temporary name and renamed, so a reader sees the old file or
    the new one; owner-only (0o600). A result that does not read back through the
    restricted unpickler (a plugin's own record type in it) is not saved. An index
    folder we cannot write to (read-only, shared) only means nothing is saved.
    """
    index_dir = Path(index_dir)
    payload = pickle.dumps(assessment, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        _decode(payload)
    except Exception:  # noqa: BLE001 - not readable back: saving it would only cost time
        return False
    header = json.dumps({"format": FORMAT, "key": inputs}, sort_keys=True).encode() + b"\n"
    _remove_stale_temporaries(index_dir)
    temporary = index_dir / f".{SAVED_FILE}.{uuid.uuid4().hex[:12]}"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(payload)
        os.replace(temporary, index_dir / SAVED_FILE)
        return True
    except OSError:
        return False
    finally:
        temporary.unlink(missing_ok=True)


def _remove_stale_temporaries(index_dir: Path, older_than: float = 600.0) -> None:
    """Remove temporaries a writer killed mid-save left; a live writer's (seconds old at most) stays."""
    now = time.time()
    for entry in index_dir.glob(f".{SAVED_FILE}.*"):
        try:
            if now - entry.stat().st_mtime > older_than:
                entry.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: harmless
