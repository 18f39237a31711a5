"""Every public definition of wcc_core says what it is: a docstring, counted from the source.

Public means a module-level function or class whose name does not start with "_", and
a method of such a class whose name does not start with "_" (dunder methods are the
language's, not ours). Read from the AST, so a new definition is checked the day it is
written.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def undocumented(source: str) -> list[tuple[int, str]]:
    """(line, name) of each public definition in `source` without a docstring."""
    missing = []
    for node in ast.parse(source).body:
        if not isinstance(node, _DEFINITIONS) or node.name.startswith("_"):
            continue
        if ast.get_docstring(node) is None:
            missing.append((node.lineno, node.name))
        if isinstance(node, ast.ClassDef):
            for method in node.body:
                if (isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and not method.name.startswith("_") and ast.get_docstring(method) is None):
                    missing.append((method.lineno, f"{node.name}.{method.name}"))
    return missing


def test_every_public_definition_of_wcc_core_has_a_docstring():
    modules = sorted((ROOT / "wcc_core").rglob("*.py"))
    assert len(modules) > 50  # the walk found the package
    missing = [f"{path.relative_to(ROOT)}:{line} {name}"
               for path in modules for line, name in undocumented(path.read_text(encoding="utf-8"))]
    assert not missing, f"{len(missing)} public definitions without a docstring:\n" + "\n".join(missing)


def test_the_count_sees_functions_classes_and_methods_but_not_private_or_dunder():
    source = '''
def plain(): pass
def _private(): pass
class Record:
    """A record."""
    def __init__(self): pass
    def to_json(self): return {}
    def _helper(self): pass
    @property
    def key(self):
        """The key."""
class _Hidden:
    def visible_only_through_a_private_class(self): pass
async def fetch(): pass
'''
    assert undocumented(source) == [(2, "plain"), (7, "Record.to_json"), (14, "fetch")]
