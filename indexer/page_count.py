"""How many pages a document has, cheaply, without extracting its text.

Used where only the count matters (the handbook's page limits on some document types).
"""

from __future__ import annotations

import re
from pathlib import Path

_DOCX_BREAK = re.compile(rb'<w:lastRenderedPageBreak/>|<w:br [^>]*w:type="page"')


def count_pages(path: Path) -> int | None:
    """The page count of a PDF or DOCX, or None when it cannot be told.

    A DOCX counts the pages Word last rendered (or its hard page breaks), which is what a
    reader of the file saw.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(str(path))
            try:
                return len(pdf)
            finally:
                pdf.close()
        if suffix == ".docx":
            from indexer.docx import read_parts  # decompresses under the limits: a zip bomb stops here
            from indexer.limits import Limits

            xml = read_parts(path, Limits.from_env(), ("word/document.xml",))["word/document.xml"]
            return len(_DOCX_BREAK.findall(xml)) + 1
    except Exception:  # encrypted, corrupt, not a zip: the indexer reports why
        return None
    return None


def _count(path: Path, limits) -> int | None:
    return count_pages(path)


def count_pages_bounded(path: Path) -> int | None:
    """count_pages in a worker process under the time and memory limits (None when it cannot
    tell, or a hostile file takes too long): `wcc validate` reads files it has not vetted."""
    return count_pages_bounded_many([path])[0]


def count_pages_bounded_many(paths: list[Path]) -> list[int | None]:
    """`count_pages_bounded` of each path, in order, all in one worker process (one fork, not
    one per file: each costs about 30 ms of CPU); a file that crashes or outlasts the limits
    gets None and a fresh worker takes the rest."""
    from indexer.limits import Limits
    from indexer.workers import extract_in_workers

    if not paths:
        return []
    try:
        limits = Limits.from_env()
    except ValueError:
        limits = Limits()
    counts: list[int | None] = [None] * len(paths)
    for i, result in extract_in_workers([(i, Path(p)) for i, p in enumerate(paths)], 1, limits, _count):
        counts[i] = result if isinstance(result, int) else None
    return counts
