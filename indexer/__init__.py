"""The indexer: documents in, pages of numbered blocks and a search index out.

It knows documents (PDF, DOCX, TXT, Markdown), printed page labels, paragraphs and
section numbers; it knows nothing of competencies or frameworks.
"""

from indexer.build import (
    BuildStats,
    DocumentSource,
    IndexBusyError,
    IndexFolderError,
    ProgressEvent,
    build_index,
    default_index_dir,
)
from indexer.extract import SUPPORTED_SUFFIXES, extract
from indexer.model import Block, ExtractedDocument, LocatedBlock, Page, unreadable
from indexer.store import Hit, IndexDamagedError, IndexedDocument, IndexMissingError, SubmissionIndex

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Block",
    "BuildStats",
    "DocumentSource",
    "ExtractedDocument",
    "Hit",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexFolderError",
    "IndexMissingError",
    "IndexedDocument",
    "LocatedBlock",
    "Page",
    "ProgressEvent",
    "SubmissionIndex",
    "build_index",
    "default_index_dir",
    "extract",
    "unreadable",
]
