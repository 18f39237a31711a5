"""Debts a second framework exposed, kept paid: one of each helper, hooks through the manager, no cycle."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = [p for folder in ("wcc_core", "indexer", "plugins") for p in sorted((REPO / folder).rglob("*.py"))]


def _definitions(name: str) -> list[str]:
    """Files defining a function or module-level name `name`."""
    found = []
    for path in CORE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            if getattr(node, "name", None) == name or name in targets:
                found.append(path.relative_to(REPO).as_posix())
    return found


def test_there_is_one_element_type():
    assert _definitions("Element") == ["wcc_core/framework/model.py"]
    from wcc_core.framework.model import Element
    from wcc_core.submission.model import Element as SubmissionElement
    assert SubmissionElement is Element


def test_there_is_one_roman_numeral_converter_each_way():
    assert _definitions("to_roman") == ["indexer/running_heads.py"]
    assert _definitions("roman_value") == ["indexer/running_heads.py"]


def test_there_is_one_criterion_status_vocabulary():
    from wcc_core.records.results import CRITERION_STATUSES
    statuses = set(CRITERION_STATUSES)
    for path in CORE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 3:
                values = {getattr(e, "value", None) for e in node.elts}
                if values == statuses:
                    assert path.relative_to(REPO).as_posix() == "wcc_core/records/results.py", path


def test_hooks_are_called_only_through_the_plugin_manager():
    direct = re.compile(r"\bimpl\.function\(|\.function\(\s*framework_id|hookimpl\.function\(")
    offenders = [p.relative_to(REPO).as_posix() for p in CORE if direct.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def _runtime_imports(path: Path) -> set[str]:
    """Modules a file imports when it runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_the_plugin_manager_does_not_import_the_framework_package():
    for module in ("plugin_manager.py", "hookspecs.py", "__init__.py"):
        imports = _runtime_imports(REPO / "wcc_core" / module)
        assert not any(m.startswith("wcc_core.framework") for m in imports), module
    code = "import sys, wcc_core.plugin_manager; print(any(m.startswith('wcc_core.framework') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


PLUGIN_RECORDS = {
    "wcc_core.framework.model": None,  # every record in it
    "wcc_core.judging.context": ("AssessmentContext", "SubComponentJudgement", "Passage", "EvidenceSearch"),
    "wcc_core.records.results": ("CriterionResult", "EvidenceItem", "OutcomeResult", "SurveySummary",
                                  "SurveyQuestion", "LevelStep", "SubCompetencyResult", "Assessment"),
    "wcc_core.submission.model": None,
    "wcc_core.submission.data_files": ("SurveyResponse", "MetricValue", "FinanceRow", "OutcomeObservation"),
}


@pytest.mark.parametrize("module_name", sorted(PLUGIN_RECORDS))
def test_every_public_record_a_plugin_reads_has_a_docstring(module_name):
    module = importlib.import_module(module_name)
    names = PLUGIN_RECORDS[module_name] or [n for n, c in inspect.getmembers(module, inspect.isclass)
                                           if c.__module__ == module_name and dataclasses.is_dataclass(c)
                                           and not n.startswith("_")]
    for name in names:
        doc = getattr(module, name).__doc__ or ""
        # a dataclass without a docstring gets its signature as __doc__
        assert doc.strip() and not doc.startswith(f"{name}("), f"{module_name}.{name} has no docstring"
