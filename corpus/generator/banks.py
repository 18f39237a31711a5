"""The phrase banks (phrases/*.toml), loaded once per process and shared read-only."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

PHRASES = Path(__file__).with_name("phrases")


@lru_cache(maxsize=None)
def bank(name: str) -> dict:
    """The parsed phrases/<name>.toml."""
    with open(PHRASES / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def topic(key: str) -> dict:
    """The sentence bank for a topic key ("C5a", "strategy.initiatives", "jsna.lifestyle")."""
    for name in ("competencies", "governance", "general"):
        data = bank(name)
        if key in data:
            return data[key]
        # general.toml nests dotted keys ("jsna.lifestyle") as tables
        head, _, tail = key.partition(".")
        if tail and isinstance(data.get(head), dict) and tail in data[head]:
            return data[head][tail]
    raise KeyError(f"no phrase bank for topic '{key}'")


def document_specs() -> list[dict]:
    """The documents a submission holds, in submission order (phrases/documents.toml)."""
    return bank("documents")["document"]
