"""The JSON contract's writer gives exactly the text of `json.dumps(value, indent=2, ensure_ascii=False)`."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wcc_core.render.json_renderer import indented_json

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text())
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
                      | st.dictionaries(KEYS, inner, max_size=5), max_leaves=40)


def _standard(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=400)
@given(VALUES)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value):
    assert indented_json(value) == _standard(value)


def test_empty_containers_nesting_escapes_and_the_special_floats():
    value = {"a": [], "b": {}, "c": [[], {}, [1, [2, {"d": None}]]], "quote\"s": "line\nbreak \u2028 é \x00",
             1: 1.5, 2.0: float("nan"), True: float("inf"), None: -float("inf"), "t": (1, "x")}
    assert indented_json(value) == _standard(value)
    assert indented_json("top") == _standard("top") and indented_json([]) == "[]"


def test_what_json_cannot_hold_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented_json({"a": {1, 2}})
    with pytest.raises(TypeError, match="keys must be"):
        indented_json({(1, 2): "x"})


def test_the_bundled_sample_assessment_is_written_byte_for_byte(tmp_path):
    from pathlib import Path

    saved = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"
    if not saved.is_dir():
        pytest.skip("no bundled sample")
    from wcc_core.pipeline import run_assessment

    data = run_assessment(saved, index_dir=tmp_path / "index", review_file=False).to_json()
    assert indented_json(data) == _standard(data)
