"""One entry point for every format: a file in, an ExtractedDocument out, never an exception.

An unreadable document (unknown type, encrypted, corrupt, an extractor bug) comes back
as a record with the reason, so one bad file never stops a submission being indexed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.model import ExtractedDocument, unreadable

# Bump when any extractor changes what it produces: cached extractions are keyed on it.
EXTRACTOR_VERSION = "1"

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
# Modules of the package that store, cache or index extractions rather than make them.
_NOT_EXTRACTORS = {"__init__", "store", "build", "cache"}


def format_of(path: Path) -> str:
    """The format name of a file from its suffix ("pdf", "docx", "txt", "md"), or the bare suffix."""
    suffix = path.suffix.lower()
    if suffix == ".markdown":
        return "md"
    return suffix.lstrip(".") or "unknown"


def extract(path: Path) -> ExtractedDocument:
    """Extract any supported document; unsupported or broken files come back unreadable."""
    path = Path(path)
    fmt = format_of(path)
    if not path.exists():
        return unreadable(path.name, fmt, "file not found")
    if not path.is_file():
        return unreadable(path.name, fmt, "not a file")
    try:
        if fmt == "pdf":
            from indexer.pdf import extract_pdf  # imported late: pdfium loads only when needed

            return extract_pdf(path)
        if fmt == "docx":
            from indexer.docx import extract_docx

            return extract_docx(path)
        if fmt in ("txt", "md"):
            from indexer.text import extract_text

            return extract_text(path)
    except Exception as error:  # an extractor bug must not stop the other documents
        return unreadable(path.name, fmt, f"extractor failed: {type(error).__name__}: {error}")
    return unreadable(
        path.name,
        fmt,
        f"unsupported file type '{path.suffix or '(none)'}': wcc reads {', '.join(SUPPORTED_SUFFIXES)}",
    )


def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION plus a digest of the extractors' source, so any code change invalidates caches."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    package = Path(__file__).parent
    for source in sorted(package.glob("*.py")):
        if source.stem not in _NOT_EXTRACTORS:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"
