"""The JSON contract of `wcc assess` (SUBMISSION_FORMAT.md), from the one Assessment."""

from __future__ import annotations

import json

from wcc_core.render import Renderer


def assessment_json(assessment) -> str:
    """Deterministic JSON: the same submission gives the same bytes."""
    return json.dumps(assessment.to_json(), indent=2, ensure_ascii=False) + "\n"


def render(assessment, options: dict) -> bytes:
    """The JSON renderer: the JSON contract as UTF-8 bytes."""
    return assessment_json(assessment).encode("utf-8")


RENDERER = Renderer("json", "json", render, "the JSON contract of `wcc assess`")
