"""`wcc new-plugin NAME`: start a plugin package for a new or replaced competency, or a whole criteria set.

With `--from OLD --framework NEW` the package is next year's criteria set started from an
installed one (new_criteria_set.py); otherwise it is one competency, as below.

The package is installable as it stands (pyproject with the `wcc.plugins` entry point),
holds one competency plugin with its criteria as data (levels from the framework, search
terms on every line) and a test, and passes that test as generated. Replacing a built-in
competency keeps its sub-competency keys, so submissions written for the framework stay
valid; a key the framework does not declare is added by extending the framework record
(docs/writing-a-framework.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.new_criteria_set import create_criteria_set
from wcc_core.cli.output import say
from wcc_core.framework import available_frameworks, load_framework
from wcc_core.framework.model import Competency, Framework

TEMPLATES = Path(__file__).with_name("templates") / "plugin"
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# What the starter lines ask at each level above the lowest, by position from the top.
STARTER = ("The PCT has a documented approach to {what}",
           "The PCT reviews its approach to {what} regularly and acts on the findings",
           "The PCT can show that its approach to {what} has improved outcomes")


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _starter_lines(framework: Framework, what: str) -> list[tuple[int, str]]:
    """One line per level above the lowest; the top level gets the last starter, the others in order."""
    numbers = framework.info.level_numbers[1:]
    texts = [STARTER[min(i, len(STARTER) - 2)] if n != numbers[-1] else STARTER[-1] for i, n in enumerate(numbers)]
    return [(n, t.format(what=what)) for n, t in zip(numbers, texts)]


def _search_terms(title: str) -> list[str]:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", title.lower()) if w not in {"with", "from", "that", "their"}]
    return list(dict.fromkeys(words))[:4] or [title.lower()]


def criteria_toml(name: str, framework: Framework, key: str, existing: Competency | None) -> str:
    """The starter criteria file: the replaced competency's sub-competencies, one line per level."""
    title = f"{existing.title} ({name})" if existing else f"A new competency ({name})"
    fed_by = tuple(d.key for d in framework.info.document_types if key in d.feeds)
    subs = [(s.key, s.title, s.evidence.documents) for s in existing.subcompetencies] if existing else [
        ("a", "First sub-competency", fed_by)]
    number = existing.number if existing else len(framework.competencies) + 1
    levels = ", ".join(f"{n} = {framework.info.level_name(n)}" for n in framework.info.level_numbers)
    out = [
        f"# Criteria of {key} for {framework.id}, made by `wcc new-plugin {name}`: replace the starter lines.",
        f"# Levels of {framework.id}: {levels}. A line's `level` is one above the lowest; a",
        "#   sub-competency reaches a level when every line of it and of the levels below is met.",
        "# search.terms: words PCTs use for the line, added to the line's own words when searching.",
        "# A line about a figure adds `metric = { key = \"...\", op = \">=\", threshold = 75.0 }` (a row",
        "#   of the submission's metrics.csv) or `survey = { question = \"q1\", agreement = \"agree\" }`.",
        "",
        f"framework = {_toml_string(framework.id)}",
        f"key = {_toml_string(key)}",
        f"number = {number}",
        f"title = {_toml_string(title)}",
        f"short_title = {_toml_string(f'{existing.short_title} ({name})' if existing and existing.short_title else title)}",
        f"summary = {_toml_string(existing.summary if existing else '')}",
    ]
    for sub_key, sub_title, documents in subs:
        out += ["", "[[subcompetencies]]", f"key = {_toml_string(sub_key)}", f"title = {_toml_string(sub_title)}",
                "documents = [" + ", ".join(_toml_string(d) for d in documents) + "]"]
        for level, text in _starter_lines(framework, sub_title.lower()):
            terms = ", ".join(_toml_string(t) for t in _search_terms(sub_title))
            out += ["", "[[subcompetencies.criteria]]", f"level = {level}", f"text = {_toml_string(text)}",
                    f"search = {{ terms = [{terms}] }}"]
    return "\n".join(out) + "\n"


def _render(template: str, values: dict[str, str]) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def newest_framework() -> str | None:
    """The installed framework whose id sorts last (the latest year), or None."""
    installed = list(available_frameworks())
    return installed[-1] if installed else None


def create_plugin_package(name: str, parent: Path, framework_id: str | None = None, key: str | None = None) -> Path:
    """Write the package `parent/name` and return its folder. Raises InputError on a bad name or target."""
    if not NAME.match(name):
        raise InputError(f"plugin name {name!r}: use lower-case letters, digits and single hyphens, e.g. wcc-c4-local")
    target = Path(parent) / name
    if target.exists():
        raise InputError(f"{target} already exists; choose another name or folder")
    framework = load_framework(framework_id or newest_framework() or "")
    key = key or next(iter(framework.competencies), None)
    if not key:
        raise InputError(f"framework {framework.id} has no competencies; name the new one with --key")
    existing = framework.competencies.get(key)
    replaces = (framework.providers[key],) if existing else ()
    module = name.replace("-", "_")
    title = f"{existing.title} ({name})" if existing else f"A new competency ({name})"
    action = f"replaces {replaces[0]}" if replaces else "adds"
    values = {
        "name": name, "module": module, "framework": framework.id, "key": key, "title_repr": repr(title),
        "description": f"wcc plugin: competency {key} of {framework.id} ({action})",
        "replaces": repr(replaces), "levels": ", ".join(framework.info.levels),
        "top": str(framework.info.level_numbers[-1]),
    }
    (target / module).mkdir(parents=True)
    (target / "tests").mkdir()
    (target / "pyproject.toml").write_text(_render("pyproject.toml.tmpl", values), encoding="utf-8")
    (target / "README.md").write_text(_render("README.md.tmpl", values), encoding="utf-8")
    (target / module / "__init__.py").write_text(_render("__init__.py.tmpl", values), encoding="utf-8")
    (target / module / "criteria.toml").write_text(criteria_toml(name, framework, key, existing), encoding="utf-8")
    (target / "tests" / "test_plugin.py").write_text(_render("test_plugin.py.tmpl", values), encoding="utf-8")
    return target


@click.command("new-plugin")
@click.argument("name")
@click.option("--framework", "framework_id", default=None,
              help="The framework the competency belongs to (default: the newest installed, by id); "
                   "with --from, the id of the new criteria set.")
@click.option("--from", "from_id", default=None,
              help="Start a whole criteria set: copy this installed framework's pack (e.g. --framework wcc-2010 "
                   "--from wcc-2009).")
@click.option("--key", default=None, help="Competency key (default: the framework's first). An existing key is "
                                          "replaced; a new one needs the framework to declare it.")
@click.option("--dir", "parent", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to create the package folder.")
def new_plugin(name: str, framework_id: str | None, from_id: str | None, key: str | None, parent: Path) -> None:
    """Create an installable plugin package NAME: one competency (or, with --from, a whole criteria set), its data, a test."""
    if from_id is not None:
        if not framework_id or key:
            raise InputError("--from OLD starts a whole criteria set: give its new id with --framework, and no --key")
        if not NAME.match(name):
            raise InputError(f"plugin name {name!r}: use lower-case letters, digits and single hyphens, e.g. wcc-2010")
        target = create_criteria_set(name, parent, framework_id, from_id)
        say(f"created {target}: framework {framework_id}, started from {from_id}")
        say(f"  next: cd {target} && python -m pytest && pip install -e . && wcc frameworks")
        return
    target = create_plugin_package(name, parent, framework_id, key)
    say(f"created {target}")
    say(f"  next: cd {target} && python -m pytest && pip install -e . && wcc plugins")


COMMANDS = (new_plugin,)
