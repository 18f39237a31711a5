"""The JSON contract of `wcc assess` (SUBMISSION_FORMAT.md), from the one Assessment."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C encoder of a string, as json.dumps uses it

from wcc_core.render import Renderer

_INF = float("inf")


def assessment_json(assessment) -> str:
    """Deterministic JSON: the same submission gives the same bytes."""
    return indented_json(assessment.to_json()) + "\n"


def indented_json(value) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, the same text, in about half the time.

    With `indent`, the standard library leaves its C encoder for a pure-Python one that
    yields every piece through nested generators (0.05 s for a 2 MB briefing); this
    writes the same pieces into one list, with the C string encoder for every string.
    """
    out: list[str] = []
    _write(value, out, "\n")
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _key(key) -> str:
    """A dict key as json.dumps writes it: numbers, booleans and None as their JSON text."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _write(value, out: list[str], newline: str) -> None:
    """`value` as JSON into `out`; `newline` is the line break and indent of the level it sits at.

    The tests are in the order json.encoder tests them (str, None, True, False, int,
    float, list or tuple, dict), so a subclass reads as the same JSON.
    """
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner, separator = newline + "  ", "[" + newline + "  "
        for item in value:
            out.append(separator)
            separator = "," + inner
            _write(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner, separator = newline + "  ", "{" + newline + "  "
        for key, item in value.items():
            out.append(separator + encode_basestring(_key(key)) + ": ")
            separator = "," + inner
            _write(item, out, inner)
        out.append(newline + "}")
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def render(assessment, options: dict) -> bytes:
    """The JSON renderer: the JSON contract as UTF-8 bytes."""
    return assessment_json(assessment).encode("utf-8")


RENDERER = Renderer("json", "json", render, "the JSON contract of `wcc assess`")
