"""One entry point for every format: a file in, an ExtractedDocument out, never an exception.

An unreadable document (unknown type, encrypted, corrupt, an extractor bug, a breach
of the Limits) comes back as a record with the reason, so one bad file never stops a
submission being indexed. This runs the extractor in the calling process; the index
build and `wcc extract` run it in a worker process (workers.py), which adds the time
and memory limits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.limits import LimitExceeded, Limits, check_document, check_pages
from indexer.model import ExtractedDocument, unreadable

# Bump when any extractor changes what it produces: cached extractions are keyed on it.
EXTRACTOR_VERSION = "1"

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
# Modules of the package that store, cache or index extractions rather than make them.
_NOT_EXTRACTORS = {"__init__", "store", "build", "cache", "workers", "limits"}


def format_of(path: Path) -> str:
    """The format name of a file from its suffix ("pdf", "docx", "txt", "md"), or the bare suffix."""
    suffix = path.suffix.lower()
    if suffix == ".markdown":
        return "md"
    return suffix.lstrip(".") or "unknown"


def extract(path: Path, limits: Limits | None = None) -> ExtractedDocument:
    """Extract any supported document; unsupported, broken or too costly files come back unreadable."""
    path = Path(path)
    fmt = format_of(path)
    limits = limits or Limits.from_env()
    if not path.exists():
        return unreadable(path.name, fmt, "file not found")
    if not path.is_file():
        return unreadable(path.name, fmt, "not a file")
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise LimitExceeded(f"file size: it has {size:,} bytes", limits.max_file_bytes, " bytes", "max_file_bytes")
        document = _extract_format(path, fmt, limits)
        if document is not None and document.readable:
            check_document(document, limits)
        if document is not None:
            return document
    except LimitExceeded as error:
        return unreadable(path.name, fmt, str(error))
    except RecursionError:
        return unreadable(path.name, fmt, "limit exceeded: nesting depth (the document is nested too deeply to read)")
    except MemoryError:
        from indexer.limits import MEMORY_REASON

        return unreadable(path.name, fmt, MEMORY_REASON)
    except Exception as error:  # an extractor bug must not stop the other documents
        return unreadable(path.name, fmt, f"extractor failed: {type(error).__name__}: {_short(str(error))}")
    return unreadable(
        path.name,
        fmt,
        f"unsupported file type '{path.suffix or '(none)'}': wcc reads {', '.join(SUPPORTED_SUFFIXES)}",
    )


def _extract_format(path: Path, fmt: str, limits: Limits) -> ExtractedDocument | None:
    if fmt == "pdf":
        from indexer.pdf import extract_pdf  # imported late: pdfium loads only when needed

        check_pages(_pdf_page_count(path), limits)
        return extract_pdf(path)
    if fmt == "docx":
        from indexer.docx import extract_docx

        return extract_docx(path, limits)
    if fmt in ("txt", "md"):
        from indexer.text import extract_text

        return extract_text(path, limits)
    return None


def _pdf_page_count(path: Path) -> int:
    """Pages in a PDF before reading any (0 when pdfium cannot open it: extract_pdf says why)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def _short(message: str, limit: int = 200) -> str:
    """An exception's message cut short: it may quote document text, which logs must not carry."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION plus a digest of the extractors' source, so any code change invalidates caches."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    package = Path(__file__).parent
    for source in sorted(package.glob("*.py")):
        if source.stem not in _NOT_EXTRACTORS:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"
