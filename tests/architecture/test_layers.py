"""The layers of docs/architecture.md, kept: every import points down (or within its layer).

The graph is read from the source (the AST of every module), so a new module is checked
the day it is written. Imports under `if TYPE_CHECKING:` are annotations only and do not
count. A module's layer is the first entry of LAYERS whose prefix names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Ground floor first. A module may import from its own layer and from any layer below.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("indexer", ("indexer",)),
    ("records", ("wcc_core.records", "wcc_core.safe_text", "wcc_core.bounded_toml", "wcc_core.errors",
                 "wcc_core.user_cache")),
    ("framework and plugins", ("wcc_core.framework", "wcc_core.plugin_manager", "wcc_core.hookspecs")),
    ("submission", ("wcc_core.submission",)),
    ("signposts and scoring", ("wcc_core.signposts", "wcc_core.scoring")),
    ("judging", ("wcc_core.judging",)),
    ("assessment", ("wcc_core.assessment",)),
    ("review and plugin kit", ("wcc_core.review", "wcc_core.plugin_kit")),
    ("pipeline", ("wcc_core.pipeline", "wcc_core.reuse")),
    ("renderers", ("wcc_core.render",)),
    ("batch and calibration", ("wcc_core.batch", "wcc_core.calibration")),
    ("cli", ("wcc_core.cli", "wcc_core.desk")),
]


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the layer holding `module`; None for modules outside them (stdlib, plugins)."""
    best = None
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = i
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of import nodes inside `if TYPE_CHECKING:` blocks."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            for inner in node.body:
                for sub in ast.walk(inner):
                    skip.add(id(sub))
    return skip


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of `path` that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            # `from wcc_core import hookspecs` imports a module of that package
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def upward_imports() -> list[str]:
    out = []
    for top in ("wcc_core", "indexer"):
        for path in sorted((ROOT / top).rglob("*.py")):
            mine = layer_of(module_name(path))
            if mine is None:
                continue
            for line, target in imports(path):
                theirs = layer_of(target)
                if theirs is not None and theirs > mine:
                    out.append(f"{path.relative_to(ROOT)}:{line} ({LAYERS[mine][0]}) imports {target} "
                               f"({LAYERS[theirs][0]})")
    return sorted(set(out))


def test_every_import_points_down_the_layers():
    assert upward_imports() == []


def test_every_core_module_has_a_layer():
    missing = [module_name(p) for p in sorted((ROOT / "wcc_core").rglob("*.py"))
               if layer_of(module_name(p)) is None and module_name(p) != "wcc_core"]
    assert missing == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself can fail: a records module importing the pipeline is reported."""
    fake = ROOT / "wcc_core" / "records"
    path = fake / "_upward_probe.py"
    path.write_text("from wcc_core.pipeline import run_assessment\n", encoding="utf-8")
    try:
        assert any("_upward_probe.py:1 (records) imports wcc_core.pipeline" in line for line in upward_imports())
    finally:
        path.unlink()
