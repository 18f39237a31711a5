"""Renderers of one Assessment: terminal, JSON, HTML, DOCX, XLSX — and any a plugin adds;
and of one SignpostReport (`wcc signposts`: text, JSON, CSV, in `render/signposts/`).

A renderer is a record (datasette's `register_output_renderer`): a name, the file
extension it writes, a `render(subject, options) -> bytes` callable and what it renders.
Built-in renderers and those from the `wcc_renderers` hook are looked up the same way,
in one registry (`render/registry.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


# What a renderer renders: an Assessment (`wcc assess`, `wcc report`), or the SignpostReport
# of `wcc signposts`. A name is unique within its subject ("json" is one of each).
SUBJECTS = ("assessment", "signposts")


@dataclass(frozen=True)
class Renderer:
    """An output format: its name, the file extension it writes and `render(subject, options) -> bytes`.

    `subject` says what it renders (one of SUBJECTS): an Assessment by default, or a
    SignpostReport (options: `only_problems`).
    """

    name: str  # "html"
    extension: str  # "html"
    render: Callable[[Any, dict], bytes]  # (assessment or signpost report, options) -> file contents
    description: str = ""
    subject: str = "assessment"
