"""Report templates compiled once across runs: the same page from a fresh, a filled or a broken cache."""

from __future__ import annotations

import jinja2
import pytest

from wcc_core.render import template_cache
from wcc_core.render.template_cache import with_template_cache

TEMPLATE = "{% for x in items %}\n<li>{{ x }}</li>\n{% endfor %}"


def _environment(folder, **options) -> jinja2.Environment:
    loader = jinja2.DictLoader({"page.j2": options.pop("source", TEMPLATE)})
    return with_template_cache(jinja2.Environment(loader=loader, autoescape=True, **options))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WCC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "templates"


def _render(environment) -> str:
    return environment.get_template("page.j2").render(items=["a", "<b>"])


def test_a_template_compiled_in_one_run_is_loaded_in_the_next(cache, monkeypatch):
    first = _render(_environment(cache))
    assert first == "\n<li>a</li>\n\n<li>&lt;b&gt;</li>\n" and len(list(cache.glob("*.jinja"))) == 1
    compiled = []
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or 1 / 0)
    assert _render(_environment(cache)) == first and compiled == []  # from the file: nothing compiled


def test_an_edited_source_or_other_compiler_options_are_compiled_afresh(cache):
    _render(_environment(cache))
    edited = _environment(cache, source=TEMPLATE.replace("<li>", "<p>"))
    assert _render(edited) == "\n<p>a</li>\n\n<p>&lt;b&gt;</li>\n"
    trimmed = _environment(cache, trim_blocks=True)
    assert _render(trimmed) == "<li>a</li>\n<li>&lt;b&gt;</li>\n"  # trim_blocks changes the compiled code
    assert len(list(cache.glob("*.jinja"))) == 2  # one key per template and options; the source is checked inside


def test_a_damaged_file_or_a_folder_that_cannot_be_written_costs_only_the_compile(cache, tmp_path, monkeypatch):
    expected = _render(_environment(cache))
    for entry in cache.glob("*.jinja"):
        entry.write_bytes(b"not bytecode")
    assert _render(_environment(cache)) == expected
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("WCC_CACHE_DIR", str(blocked))
    assert _render(_environment(cache)) == expected
    monkeypatch.setattr(template_cache, "cache_folder", lambda name: str(blocked))  # a "folder" that is a file
    assert _render(_environment(cache)) == expected
