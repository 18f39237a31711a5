"""Nothing in the core assumes Year 2: no level scale, colour, competency key or document type in code.

The scan reads the code (not comments or docstrings) of wcc_core/ and indexer/ for
Year-2 constants: competency keys ("C11", "C4b"), the rating colours, the level scale
(`range(1, 5)`, `(2, 3, 4)`, `(1, 2, 3, 4)`), the survey questions ("q1".."q6" as a
set), document-type keys and framework ids. Those belong in framework data. The rules
the handbook states (wcc_core/assessment/arithmetic.py, governance_rules.py) are exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXEMPT = {"wcc_core/assessment/arithmetic.py", "wcc_core/assessment/governance_rules.py"}
# Hits in files other engineers own, reported to them rather than fixed here. Each entry
# is (file, the constant found); remove an entry when its file is fixed.
KNOWN_ELSEWHERE = {
    ("wcc_core/submission/data_files.py", "('q1', 'q2', 'q3', 'q4', 'q5', 'q6')"),
    ("wcc_core/render/terminal.py", "'red'"),  # RAG_STYLES keyed by the wcc-2009 colours
    ("wcc_core/render/terminal.py", "'amber'"),
    ("wcc_core/render/terminal.py", "'green'"),
    ("wcc_core/render/view.py", "'red'"),  # RATING_COLOURS keyed by the wcc-2009 colours
    ("wcc_core/render/view.py", "'amber'"),
    ("wcc_core/render/view.py", "'green'"),
}
COLOURS = {"red", "amber", "green"}
DOCUMENT_TYPES = {"strategic_plan", "financial_plan", "od_plan", "jsna", "non_prescribed", "board_minutes",
                  "communications_strategy", "pathway_description", "contracting_process_form"}
FRAMEWORK_IDS = {"wcc-2009", "wcc-2008"}
COMPETENCY_KEY = re.compile(r"^C(1[01]|[1-9])[abc]?$")
SCALES = {(2, 3, 4), (1, 2, 3, 4)}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            ids.add(id(body[0].value))
    return ids


def _used_as_names(tree: ast.AST) -> set[int]:
    """Constants used as a name of something (dict key, compared, in a tuple/list/set), not as a display colour."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            ids |= {id(k) for k in node.keys if k is not None}
        elif isinstance(node, ast.Compare):
            ids |= {id(n) for n in [node.left, *node.comparators]}
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            ids |= {id(e) for e in node.elts}
    return ids


def year_two_constants(source: str) -> list[str]:
    tree = ast.parse(source)
    skip = _docstrings(tree)
    as_names = _used_as_names(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            value = node.value
            # A terminal colour passed as style="red" is not a rating; a colour used as a key or compared is.
            if (value in COLOURS and id(node) in as_names) or value in DOCUMENT_TYPES | FRAMEWORK_IDS \
                    or COMPETENCY_KEY.match(value):
                hits.append(repr(value))
        elif isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) for e in node.elts):
            values = tuple(e.value for e in node.elts)
            if values in SCALES or (len(values) == 6 and values == tuple(f"q{i}" for i in range(1, 7))):
                hits.append(repr(values))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
              and [getattr(a, "value", None) for a in node.args] in ([1, 5], [2, 5])):
            hits.append(f"range({node.args[0].value}, {node.args[1].value})")
    return hits


def test_the_scan_finds_what_it_looks_for():
    code = 'LEVELS = (1, 2, 3, 4)\nok = x in ("red", "amber", "green")\nfor i in range(1, 5): pass\nk = "C11"\n'
    assert sorted(year_two_constants(code)) == sorted(["(1, 2, 3, 4)", "'red'", "'amber'", "'green'", "range(1, 5)",
                                                       "'C11'"])
    assert year_two_constants('click.style("x", fg="red")\nSTYLE = {"verified": "green"}\n') == []
    assert year_two_constants('def f():\n    """Levels 1..4, e.g. "green" or C11."""\n    # "red"\n') == []


def test_the_core_holds_no_year_two_constants_outside_data_and_the_handbook_rules():
    found = []
    for folder in ("wcc_core", "indexer"):
        for path in sorted((REPO / folder).rglob("*.py")):
            relative = path.relative_to(REPO).as_posix()
            if relative in EXEMPT:
                continue
            for hit in year_two_constants(path.read_text(encoding="utf-8")):
                if (relative, hit) not in KNOWN_ELSEWHERE:
                    found.append(f"{relative}: {hit}")
    assert not found, "Year-2 constants in the core (move them to framework data):\n" + "\n".join(found)


def test_every_known_hit_elsewhere_is_still_there_so_the_list_stays_honest():
    for relative, hit in sorted(KNOWN_ELSEWHERE):
        assert hit in year_two_constants((REPO / relative).read_text(encoding="utf-8")), \
            f"{relative} no longer holds {hit}: remove it from KNOWN_ELSEWHERE"
