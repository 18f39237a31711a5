"""Extractions kept by content: an unchanged document is never extracted twice.

An entry is keyed by the SHA-256 of the file's bytes, the format its suffix names and
the extractor fingerprint, so renaming a file keeps its entry and changing the file, its
format or the extractor code misses it (the same bytes named .pdf and .docx, or four
empty files, are different documents). Entries are JSON (ExtractedDocument.to_json plus its format), written
atomically, one file each, readable by the owner only.

Only verdicts about a file are cached: an extraction stopped by a limit, a timeout,
lack of memory or a crashed worker is not (see limits.is_verdict_on_file), so it is
tried again on the next run instead of staying unreadable for good.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from indexer.limits import is_verdict_on_file
from indexer.model import ExtractedDocument

_CHUNK = 1 << 20


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read (or is not a regular file)."""
    digest = hashlib.sha256()
    if not Path(path).is_file():
        return None  # a folder, or a FIFO or device whose reading would never end
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def cache_key(content_digest: str, fmt: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{content_digest}:{fmt}:{fingerprint}".encode()).hexdigest()


def write_json_atomic(path: Path, data) -> None:
    """Write JSON so readers see the old file or the whole new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            # json.dumps, not json.dump: dump streams through the pure-Python encoder,
            # dumps runs the C one (a third of a cold build went on this).
            handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def document_to_json(document: ExtractedDocument) -> dict:
    return {"format": document.format, "document": document.to_json()}


def document_from_json(data: dict) -> ExtractedDocument:
    return ExtractedDocument.from_json(data["document"], data["format"])


class ExtractionCache:
    """A folder of extractions keyed by cache_key()."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> ExtractedDocument | None:
        """The cached extraction, or None when missing or unreadable (a damaged entry is a miss).

        An entry that is not a verdict on the file (written by an older wcc that cached
        limits and crashes) is a miss too.
        """
        try:
            with open(self.path(key), encoding="utf-8") as handle:
                document = document_from_json(json.load(handle))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return document if document.readable or is_verdict_on_file(document.reason) else None

    def put(self, key: str, document: ExtractedDocument) -> None:
        write_json_atomic(self.path(key), document_to_json(document))

    def has_temporaries(self) -> bool:
        return self.folder.is_dir() and any(self.folder.glob(".*.tmp"))

    def remove_temporaries(self) -> None:
        """Remove half-written entries a killed build left (only while holding the build lock)."""
        if self.folder.is_dir():
            for entry in self.folder.glob(".*.tmp"):
                entry.unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        """Drop entries no current document uses, so the cache does not grow without end."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*.json"):
            if entry.stem not in keys:
                entry.unlink(missing_ok=True)
