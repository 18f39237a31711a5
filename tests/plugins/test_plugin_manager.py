"""The plugin manager: built-ins through entry points, conflicts, replacements, missing plugins."""

from __future__ import annotations

import inspect
import re
import sys
import textwrap
from pathlib import Path

import pytest

from wcc_core import hookimpl, hookspecs
from wcc_core.framework import load_framework
from wcc_core.framework.model import Competency, CriterionLine, FrameworkInfo, SubCompetency
from wcc_core.plugin_kit import CompetencyPlugin
from wcc_core.plugin_manager import PluginError, make_plugin_manager, plugin_records

REPO = Path(__file__).resolve().parents[2]
BUILTIN_C1 = REPO / "plugins" / "competencies" / "wcc2009" / "c1" / "criteria.toml"


def tiny_framework(competencies=("X1",), framework_id="tiny"):
    class FrameworkPlugin:
        @hookimpl
        def wcc_framework_info(self):
            return FrameworkInfo(
                id=framework_id, name="Tiny", year_label="", source="", levels=("1", "2", "3", "4"),
                ratings=("red", "amber", "green"), competency_keys=tuple(competencies),
                governance_keys=(), document_types=(), survey_statements=(),
            )

    return FrameworkPlugin()


def competency_plugin(key, title="A competency", framework_id="tiny"):
    class Plugin:
        @hookimpl
        def wcc_competencies(self, framework_id):
            if framework_id != fid:
                return []
            sub = SubCompetency("a", "Sub a", (CriterionLine("Does a thing", level=2),), competency=key)
            return [Competency(key, 1, title, "", "", (sub,))]

    fid = framework_id
    return Plugin()


def test_builtin_plugins_arrive_through_entry_points():
    pm = make_plugin_manager()
    names = {r.name for r in plugin_records(pm)}
    expected = {f"wcc-2009-c{i}" for i in range(1, 12)} | {
        "wcc-2009", "wcc-2009-strategy", "wcc-2009-finance", "wcc-2009-board", "wcc-2009-outcomes",
    }
    assert expected <= names
    record = next(r for r in plugin_records(pm) if r.name == "wcc-2009-c4")
    assert record.distribution == "wcc"
    assert record.source == "plugins.competencies.wcc2009.c4"


def test_a_framework_is_assembled_from_its_plugins():
    pm = make_plugin_manager(load_entry_points=False, plugins={"fw": tiny_framework(), "x1": competency_plugin("X1")})
    framework = load_framework("tiny", pm)
    assert list(framework.competencies) == ["X1"]
    assert framework.providers["X1"] == "x1"


def test_two_plugins_claiming_the_same_key_is_an_error_naming_both():
    pm = make_plugin_manager(
        load_entry_points=False,
        plugins={"fw": tiny_framework(), "first": competency_plugin("X1"), "second": competency_plugin("X1")},
    )
    with pytest.raises(PluginError, match=r"'X1'.*claimed by two plugins: (first and second|second and first)"):
        load_framework("tiny", pm)


def test_a_key_the_framework_declares_but_no_plugin_provides_is_an_error():
    pm = make_plugin_manager(load_entry_points=False, plugins={"fw": tiny_framework(("X1", "X2")), "x1": competency_plugin("X1")})
    with pytest.raises(PluginError, match="needs competency X2 but no installed plugin provides it"):
        load_framework("tiny", pm)


def test_a_key_the_framework_does_not_declare_is_an_error():
    pm = make_plugin_manager(
        load_entry_points=False,
        plugins={"fw": tiny_framework(), "x1": competency_plugin("X1"), "x9": competency_plugin("X9")},
    )
    with pytest.raises(PluginError, match="plugin x9 provides competency 'X9', which framework 'tiny' does not declare"):
        load_framework("tiny", pm)


def test_an_unknown_framework_is_an_error_listing_the_installed_ones():
    pm = make_plugin_manager(load_entry_points=False, plugins={"fw": tiny_framework()})
    with pytest.raises(PluginError, match=r"unknown framework 'wcc-1999' \(installed frameworks: tiny\)"):
        load_framework("wcc-1999", pm)


def test_a_misspelt_hook_fails_at_start_up():
    class Misspelt:
        @hookimpl
        def wcc_competences(self, framework_id):
            return []

    with pytest.raises(PluginError, match="unknown hook"):
        make_plugin_manager(load_entry_points=False, plugins={"bad": Misspelt()})


def test_a_plugin_can_replace_a_builtin_one(tmp_path):
    (tmp_path / "c1").mkdir()
    data = tmp_path / "c1" / "criteria.toml"
    shared = BUILTIN_C1.parent.parent / "synonyms.toml"  # the file's [search] synonyms_file
    if shared.exists():
        (tmp_path / "synonyms.toml").write_bytes(shared.read_bytes())
    text = BUILTIN_C1.read_text(encoding="utf-8")
    data.write_text(re.sub(r'(?m)^title = ".*"$', 'title = "Replaced leader"', text, count=1), encoding="utf-8")
    replacement = CompetencyPlugin("local.c1", data, replaces=("wcc-2009-c1",))
    pm = make_plugin_manager(plugins={"my-c1": replacement})
    framework = load_framework("wcc-2009", pm)
    assert framework.competencies["C1"].title == "Replaced leader"
    assert framework.providers["C1"] == "my-c1"
    assert "wcc-2009-c1" not in {r.name for r in plugin_records(pm)}


def test_an_installed_distribution_adds_plugins_through_the_entry_point_group(tmp_path, monkeypatch):
    """A real (if minimal) installed distribution: dist-info with entry_points.txt on sys.path."""
    site = tmp_path / "site"
    package = site / "extra_wcc_plugin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            from wcc_core import hookimpl
            from wcc_core.framework.model import FrameworkInfo

            class Extra:
                @hookimpl
                def wcc_framework_info(self):
                    return FrameworkInfo(id="extra-2010", name="Extra", year_label="", source="",
                                         levels=("1",), ratings=(), competency_keys=(),
                                         governance_keys=(), document_types=(), survey_statements=())

            plugin = Extra()
            """
        )
    )
    dist = site / "extra_wcc_plugin-0.3.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: extra-wcc-plugin\nVersion: 0.3.0\n")
    (dist / "entry_points.txt").write_text("[wcc.plugins]\nextra-2010 = extra_wcc_plugin:plugin\n")
    monkeypatch.syspath_prepend(str(site))
    pm = make_plugin_manager()
    record = next(r for r in plugin_records(pm) if r.name == "extra-2010")
    assert (record.distribution, record.version) == ("extra-wcc-plugin", "0.3.0")
    assert load_framework("extra-2010", pm).competencies == {}
    sys.modules.pop("extra_wcc_plugin", None)


def test_every_hook_is_documented_with_its_exact_signature():
    docs = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name, spec in inspect.getmembers(hookspecs, inspect.isfunction):
        if not name.startswith("wcc_"):
            continue
        args = ", ".join(inspect.signature(spec).parameters)
        assert f"### {name}({args})" in docs, f"docs/plugins.md lacks a heading for {name}({args})"
        assert spec.__doc__ and spec.__doc__.strip(), f"{name} has no docstring"


def _doc_section(docs: str, name: str) -> str:
    start = docs.index(f"### {name}(")
    following = re.search(r"^#{2,3} ", docs[start + 4:], re.M)
    return docs[start: start + 4 + following.start()] if following else docs[start:]


def test_every_hook_argument_has_a_param_line_in_the_docs_and_the_spec():
    docs = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name, spec in inspect.getmembers(hookspecs, inspect.isfunction):
        if not name.startswith("wcc_"):
            continue
        section = _doc_section(docs, name)
        for arg in inspect.signature(spec).parameters:
            assert f":param {arg}:" in section, f"docs/plugins.md's section on {name} lacks ':param {arg}:'"
            assert f":param {arg}:" in spec.__doc__, f"the docstring of {name} lacks ':param {arg}:'"


def test_the_docs_check_fails_for_a_hook_without_its_param_line():
    docs = "### wcc_x(framework_id)\n\nReturn things.\n\n### wcc_y()\n"
    assert ":param framework_id:" not in _doc_section(docs, "wcc_x")


def test_every_hook_has_a_test():
    here = Path(__file__).resolve()
    others = [p for p in (REPO / "tests").rglob("test_*.py") if p.resolve() != here]
    tests = "\n".join(p.read_text(encoding="utf-8") for p in others)
    for name, _ in inspect.getmembers(hookspecs, inspect.isfunction):
        if name.startswith("wcc_"):
            assert re.search(rf"pm\.hook\.{name}\(", tests), f"no test calls the hook {name}"
