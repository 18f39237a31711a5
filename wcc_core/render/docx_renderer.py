"""The DOCX renderer: the Word panel briefing (docx_briefing.py builds it) as bytes.

A record apart from its builder: every command looks the renderers up, and only a
Word file needs python-docx, so the builder (and python-docx) is imported when one is
rendered.
"""

from __future__ import annotations

import io

from wcc_core.records.results import Assessment
from wcc_core.render import Renderer
from wcc_core.render.office_zip import deterministic_zip


def render(assessment: Assessment, options: dict) -> bytes:
    """The DOCX renderer: the Word report as bytes, the same bytes for the same assessment."""
    from wcc_core.render.docx_briefing import build_document

    buffer = io.BytesIO()
    build_document(assessment).save(buffer)
    return deterministic_zip(buffer.getvalue())


RENDERER = Renderer("docx", "docx", render, "the Word panel briefing, ready for the panel to edit")
