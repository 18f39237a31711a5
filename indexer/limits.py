"""How much work one document may cost: the limits, their defaults, and how a breach is reported.

Every document a PCT hands in is read under these limits, so no file (a zip bomb, a
DOCX with tables nested 600 deep, a text file of a million form feeds, a PDF that
makes pdfium spin) can hang `wcc`, exhaust memory or crash it. A document that breaks
a limit comes back unreadable with the reason "limit exceeded: <which limit> ...";
the others are read as usual.

Each limit can be changed with an environment variable (a whole number, the unit
the name says); `Limits.from_env()` reads them:

    WCC_MAX_ZIP_BYTES        bytes decompressed from a DOCX, across all parts read (256 MiB)
    WCC_MAX_ZIP_MEMBERS      members in a DOCX zip (10,000)
    WCC_MAX_XML_DEPTH        nesting depth of a DOCX's XML elements (256)
    WCC_MAX_PAGES            pages in one document (5,000)
    WCC_MAX_BLOCKS           blocks in one document (250,000)
    WCC_MAX_BLOCK_CHARS      characters in one block (200,000)
    WCC_MAX_FILE_BYTES       size of any document file (512 MiB)
    WCC_MAX_TEXT_BYTES       size of a .txt or .md file (64 MiB)
    WCC_DOCUMENT_SECONDS     wall-clock seconds to extract one document (300)
    WCC_WORKER_MEMORY_MB     address space of an extraction worker, MiB (1,024)
    WCC_MAX_TOML_BYTES       size of submission.toml (4 MiB)
    WCC_MAX_TOML_DEPTH       nesting depth of tables and arrays in submission.toml (32)
    WCC_MAX_CSV_BYTES        size of one data (CSV) file (64 MiB)

A breach of a limit, a timeout or running out of memory says nothing about the file
itself (a larger limit may read it), so such results are never cached: see
`is_verdict_on_file`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

# Reasons that mean "we stopped", not "the file is bad": never cached, retried next run.
LIMIT_PREFIX = "limit exceeded: "
TIMEOUT_REASON = "limit exceeded: time per document"
MEMORY_REASON = "limit exceeded: memory per worker"
CRASH_REASON = "extractor crashed"

_ENV = {
    "max_zip_bytes": "WCC_MAX_ZIP_BYTES",
    "max_zip_members": "WCC_MAX_ZIP_MEMBERS",
    "max_xml_depth": "WCC_MAX_XML_DEPTH",
    "max_pages": "WCC_MAX_PAGES",
    "max_blocks": "WCC_MAX_BLOCKS",
    "max_block_chars": "WCC_MAX_BLOCK_CHARS",
    "max_file_bytes": "WCC_MAX_FILE_BYTES",
    "max_text_bytes": "WCC_MAX_TEXT_BYTES",
    "document_seconds": "WCC_DOCUMENT_SECONDS",
    "worker_memory_mb": "WCC_WORKER_MEMORY_MB",
    "max_toml_bytes": "WCC_MAX_TOML_BYTES",
    "max_toml_depth": "WCC_MAX_TOML_DEPTH",
    "max_csv_bytes": "WCC_MAX_CSV_BYTES",
}


@dataclass(frozen=True)
class Limits:
    """The bounds on the work one input may cause. Defaults are generous for real plans:
    the largest realdocs file (619 pages, 2.9 MB) uses a tenth of each."""

    max_zip_bytes: int = 256 * 1024 * 1024
    max_zip_members: int = 10_000
    max_xml_depth: int = 256
    max_pages: int = 5_000
    max_blocks: int = 250_000
    max_block_chars: int = 200_000
    max_file_bytes: int = 512 * 1024 * 1024
    max_text_bytes: int = 64 * 1024 * 1024
    document_seconds: int = 300
    worker_memory_mb: int = 1_024
    max_toml_bytes: int = 4 * 1024 * 1024
    max_toml_depth: int = 32
    max_csv_bytes: int = 64 * 1024 * 1024

    @classmethod
    def from_env(cls, environ=None) -> "Limits":
        """The defaults, with any limit set in the environment (see the module docstring).

        A value that is not a positive whole number is an error naming the variable.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(_ENV[f.name])
            if raw is None or raw.strip() == "":
                continue
            try:
                value = int(raw.strip().replace("_", ""))
            except ValueError:
                value = 0
            if value <= 0:
                raise ValueError(f"{_ENV[f.name]}={raw!r}: a limit must be a positive whole number")
            values[f.name] = value
        return cls(**values)

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable that sets limit `name`."""
        return _ENV[name]


class LimitExceeded(Exception):
    """A document broke one of the Limits; the message is the unreadable reason."""

    def __init__(self, what: str, limit: int, unit: str = "", name: str = ""):
        env = f"; set {_ENV[name]} to raise it" if name in _ENV else ""
        super().__init__(f"{LIMIT_PREFIX}{what} (at most {limit:,}{unit}{env})")
        self.what = what


def is_verdict_on_file(reason: str | None) -> bool:
    """Whether an unreadable reason is about the file itself (cacheable), not about our limits.

    Limits, timeouts, memory and crashed workers are not verdicts: with other limits,
    or on another run, the same bytes may read fine.
    """
    if not reason:
        return True
    return not (reason.startswith(LIMIT_PREFIX) or reason.startswith(CRASH_REASON)
                or "MemoryError" in reason or "RecursionError" in reason)


def check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise LimitExceeded(f"pages per document: it has {count:,}", limits.max_pages, name="max_pages")


def check_document(document, limits: Limits) -> None:
    """Raise LimitExceeded if an extracted document has too many pages, blocks or characters in a block."""
    check_pages(len(document.pages), limits)
    blocks = 0
    for page in document.pages:
        blocks += len(page.blocks)
        for block in page.blocks:
            if len(block.text) > limits.max_block_chars:
                raise LimitExceeded(
                    f"characters per block: block {block.n} of page {page.label} has {len(block.text):,}",
                    limits.max_block_chars, name="max_block_chars",
                )
    if blocks > limits.max_blocks:
        raise LimitExceeded(f"blocks per document: it has {blocks:,}", limits.max_blocks, name="max_blocks")
