"""Renderers of one Assessment: terminal, JSON, HTML, DOCX, XLSX — and any a plugin adds.

A renderer is a record (datasette's `register_output_renderer`): a name, the file
extension it writes and a `render(assessment, options) -> bytes` callable. Built-in
renderers and those from the `wcc_renderers` hook are looked up the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Renderer:
    """An output format: its name, the file extension it writes and `render(assessment, options) -> bytes`."""

    name: str  # "html"
    extension: str  # "html"
    render: Callable[[Any, dict], bytes]  # (assessment, options) -> file contents
    description: str = ""
