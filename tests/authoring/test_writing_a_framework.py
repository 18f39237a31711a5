"""docs/writing-a-framework.md, followed step by step (in process, nothing installed)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from wcc_core.cli.authoring_commands import create_plugin_package
from wcc_core.framework import load_framework
from wcc_core.plugin_kit import FrameworkPlugin
from wcc_core.plugin_manager import make_plugin_manager, plugin_records

REPO = Path(__file__).resolve().parents[2]
WCC2009 = REPO / "plugins" / "frameworks" / "wcc2009" / "framework.toml"


def _import(package: Path, module: str):
    sys.path.insert(0, str(package))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(package))
        sys.modules.pop(module, None)


def test_adding_a_twelfth_competency_to_wcc_2009(tmp_path):
    package = create_plugin_package("wcc-c12", tmp_path, "wcc-2009", "C12")
    c12 = _import(package, "wcc_c12").plugin
    assert c12.replaces == ()
    # step 2: the framework record declares C12, replacing the built-in record
    text = WCC2009.read_text(encoding="utf-8")
    extended = re.sub(r'("C11",\n)', r'\1    "C12",\n', text, count=1)
    assert extended != text
    (package / "wcc_c12" / "framework.toml").write_text(extended, encoding="utf-8")
    record = FrameworkPlugin("wcc_c12.framework", package / "wcc_c12" / "framework.toml", replaces=("wcc-2009",))
    pm = make_plugin_manager(plugins={"wcc-c12": c12, "wcc-c12-framework": record})
    framework = load_framework("wcc-2009", pm)
    assert list(framework.competencies)[-1] == "C12" and len(framework.competencies) == 12
    assert framework.providers["C12"] == "wcc-c12"
    assert "wcc-2009" not in {r.name for r in plugin_records(pm)}
    lines = framework.competencies["C12"].sub("a").criteria
    assert [line.level for line in lines] == [2, 3, 4] and all(line.search.terms for line in lines)


def test_replacing_one_builtin_plugin_keeps_its_sub_competency_keys(tmp_path):
    package = create_plugin_package("my-c4", tmp_path, "wcc-2009", "C4")
    plugin = _import(package, "my_c4").plugin
    assert plugin.replaces == ("wcc-2009-c4",)
    framework = load_framework("wcc-2009", make_plugin_manager(plugins={"my-c4": plugin}))
    assert framework.providers["C4"] == "my-c4"
    assert [s.key for s in framework.competencies["C4"].subcompetencies] == ["a", "b", "c"]


def test_changing_a_threshold_by_its_parameter():
    default = load_framework("wcc-2008").competencies["C9"].sub("c").criteria[4].quantitative
    changed = load_framework("wcc-2008", parameters={"contracts_with_outcomes_intermediate": 75})
    rule = changed.competencies["C9"].sub("c").criteria[4].quantitative
    assert (default.threshold, rule.threshold, rule.op) == (50.0, 75.0, ">")


def test_year_3_from_year_2_with_a_new_competency_as_the_guide_walks_through(tmp_path):
    """Steps 1-3 of the guide: start wcc-2010 from wcc-2009, add C12 by copying a folder, declare it."""
    from wcc_core.cli.new_criteria_set import create_criteria_set
    import shutil

    package = create_criteria_set("wcc-2010", tmp_path, "wcc-2010", "wcc-2009")
    root = package / "wcc_2010"
    c12 = root / "competencies" / "wcc2010" / "c12"
    shutil.copytree(root / "competencies" / "wcc2010" / "c11", c12)
    data = (c12 / "criteria.toml").read_text(encoding="utf-8")
    data = re.sub(r'(?m)^key = "C11"$', 'key = "C12"', data, count=1)
    data = re.sub(r'(?m)^number = 11$', "number = 12", data, count=1)
    (c12 / "criteria.toml").write_text(data, encoding="utf-8")
    record = root / "frameworks" / "wcc2010" / "framework.toml"
    record.write_text(re.sub(r'("C11",\n)', r'\1    "C12",\n', record.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    sys.path.insert(0, str(package))
    try:
        pack = importlib.import_module("wcc_2010.frameworks.wcc2010").pack
        framework = load_framework("wcc-2010", make_plugin_manager(plugins={"wcc-2010": pack}))
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m == "wcc_2010" or m.startswith("wcc_2010.")]:
            sys.modules.pop(name)
    assert list(framework.competencies)[-2:] == ["C11", "C12"]
    assert framework.providers["C12"] == "wcc-2010-c12" and framework.providers["C4"] == "wcc-2010-c4"
    assert [s.key for s in framework.competencies["C12"].subcompetencies] == ["a", "b", "c"]
