"""The README opens with the two commands a new user runs, and CI runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    head = text[: text.find("\n## ", text.find("```"))]
    return re.findall(r"```(?:bash|sh)?\n(.*?)```", head, flags=re.S)


def test_readme_opens_with_an_install_and_run_command_and_a_test_command():
    blocks = readme_commands()
    assert len(blocks) >= 2, "the README must open with two command blocks"
    install_and_run, tests = blocks[0], blocks[1]
    assert "pip install" in install_and_run and "wcc " in install_and_run
    assert "corpus/samples/exampleshire" in install_and_run
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    test_command = [line for line in readme_commands()[1].splitlines() if "pytest" in line][0]
    pytest_part = test_command[test_command.index("python -m pytest"):].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert pytest_part in ci
    assert 'if [ "$status" -eq 5 ]' in ci, "CI must not let 'no tests collected' pass"
