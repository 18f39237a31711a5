"""`wcc new-plugin NAME --framework NEW --from OLD`: start next year's criteria set from an installed one.

The new package is laid out as the built-in packs are (plugins/frameworks/<year> and so
on, under the package's own folder), holds a copy of every data file of OLD's pack with
the framework id changed to NEW, registers the whole set with one entry point, and is
judged the way OLD is (its figure judges and plugin classes are imported, not copied).
docs/writing-a-framework.md walks through what to change next.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path
from string import Template

from wcc_core.cli.errors import InputError
from wcc_core.framework import available_frameworks
from wcc_core.plugin_kit import CompetencyPlugin, CriteriaSet, GovernancePlugin, OutcomesPlugin
from wcc_core.plugin_manager import call_each, get_plugin_manager

TEMPLATES = Path(__file__).with_name("templates") / "criteria_set"
PARTS = ("frameworks", "competencies", "governance", "outcomes")
DEFAULT_CLASSES = {"competency_plugin": CompetencyPlugin, "governance_plugin": GovernancePlugin,
                   "outcomes_plugin": OutcomesPlugin}
FRAMEWORK_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def source_pack(framework_id: str) -> CriteriaSet:
    """The installed CriteriaSet that declares `framework_id`; InputError when there is none."""
    pm = get_plugin_manager()
    installed = available_frameworks(pm)
    if framework_id not in installed:
        raise InputError(f"--from {framework_id}: no such framework installed "
                         f"(installed: {', '.join(installed) or 'none'})")
    for owner, info in call_each(pm, "wcc_framework_info"):
        plugin = pm.get_plugin(owner)
        if info is not None and info.id == framework_id and isinstance(plugin, CriteriaSet):
            return plugin
    raise InputError(f"--from {framework_id}: its framework record is not a criteria-set pack "
                     "(plugin_kit.CriteriaSet), so there is no set of folders to copy")


def _year_folder(framework_id: str) -> str:
    """"wcc-2010" -> "wcc2010": the folder name the built-in packs use for a year."""
    return re.sub(r"[^a-z0-9]", "", framework_id)


def _renamed(text: str, key: str, old: str, new: str, path: Path) -> str:
    """`text` with its top-level `key = "old"` set to `new`; InputError when the file does not say it."""
    pattern = re.compile(rf'(?m)^{key}\s*=\s*"{re.escape(old)}"\s*$')
    if not pattern.search(text):
        raise InputError(f"{path}: no top-level {key} = \"{old}\" to change")
    return pattern.sub(f'{key} = "{new}"', text, count=1)


def _read_toml(text: str, path: Path) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None


def _copy_data(pack: CriteriaSet, target_root: Path, year: str, old_id: str, new_id: str) -> list[Path]:
    """Every data file of `pack` under `target_root/<part>/<year>/`, its framework id changed; returns the folders."""
    folders = []
    for part in PARTS:
        source = pack.plugins_folder / part / pack.year
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.is_dir() or path.suffix not in (".toml", ".md", ".json") or "__pycache__" in path.parts:
                continue
            target = target_root / part / year / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            if path.name == "framework.toml":
                text = _renamed(text, "id", old_id, new_id, path)
            elif path.suffix == ".toml" and "framework" in _read_toml(text, path):
                text = _renamed(text, "framework", old_id, new_id, path)
            target.write_text(text, encoding="utf-8")
            folders.append(target.parent)
    return sorted(set(folders))


def _python_name(obj) -> tuple[str, str]:
    return obj.__module__, obj.__qualname__


def _pack_arguments(pack: CriteriaSet) -> tuple[list[str], str]:
    """The import lines and keyword arguments that make the new pack judge as `pack` does."""
    imports, arguments = [], []
    for option, default in DEFAULT_CLASSES.items():
        chosen = pack.options[option]
        if chosen is not default:
            module, name = _python_name(chosen)
            imports.append(f"from {module} import {name}")
            arguments.append(f"{option}={name}")
    judges = pack.options["figure_judges"]
    if judges:
        for judge in judges.values():
            module, name = _python_name(judge)
            imports.append(f"from {module} import {name}")
        arguments.append("figure_judges={" + ", ".join(f"{source!r}: {judge.__qualname__}"
                                                      for source, judge in sorted(judges.items())) + "}")
    return sorted(set(imports)), "".join(f", {a}" for a in arguments)


def _render(template: str, values: dict[str, str]) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def create_criteria_set(name: str, parent: Path, framework_id: str, from_id: str) -> Path:
    """Write the package `parent/name` holding framework `framework_id` started from `from_id`; return its folder."""
    if not FRAMEWORK_ID.match(framework_id):
        raise InputError(f"--framework {framework_id!r}: use lower-case letters, digits and hyphens, e.g. wcc-2010")
    if framework_id in available_frameworks():
        raise InputError(f"--framework {framework_id} is installed already; a new criteria set needs a new id")
    pack = source_pack(from_id)
    target = Path(parent) / name
    if target.exists():
        raise InputError(f"{target} already exists; choose another name or folder")
    module, year = name.replace("-", "_"), _year_folder(framework_id)
    package = target / module
    try:
        folders = _copy_data(pack, package, year, from_id, framework_id)
    except InputError:
        shutil.rmtree(target, ignore_errors=True)  # nothing half-written is left behind
        raise
    imports, arguments = _pack_arguments(pack)
    values = {"name": name, "module": module, "framework": framework_id, "source": from_id, "year": year,
              "imports": "".join(f"{line}\n" for line in imports), "arguments": arguments}
    # Every folder is a Python package, so setuptools installs its data files with it.
    for folder in [package, *(package / part for part in PARTS if (package / part).is_dir()),
                   *(package / part / year for part in PARTS if (package / part / year).is_dir()), *folders]:
        marker = folder / "__init__.py"
        if not marker.exists():
            marker.write_text(f'"""{framework_id}: {folder.relative_to(package).as_posix() or module} '
                              f'(started from {from_id}; data only)."""\n', encoding="utf-8")
    (package / "frameworks" / year / "__init__.py").write_text(_render("pack.py.tmpl", values), encoding="utf-8")
    (target / "tests").mkdir()
    (target / "pyproject.toml").write_text(_render("pyproject.toml.tmpl", values), encoding="utf-8")
    (target / "README.md").write_text(_render("README.md.tmpl", values), encoding="utf-8")
    (target / "tests" / "test_criteria_set.py").write_text(_render("test_criteria_set.py.tmpl", values),
                                                            encoding="utf-8")
    return target

