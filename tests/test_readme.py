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


def _section(text: str, heading: str) -> list[str]:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None].splitlines()


def test_the_readme_is_for_users_short_with_links_to_files_that_exist():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150, "history and measurement logs belong in docs/ and CHANGELOG.md"
    links = re.findall(r"\]\(([^)#]+)\)", text)
    assert "docs/accuracy.md" in links and "CHANGELOG.md" in links
    missing = [link for link in links if not link.startswith("http") and not (REPO / link).exists()]
    assert not missing, missing


def test_each_reliability_guarantee_and_speed_target_is_one_line():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for heading in ("Reliability", "Speed and memory"):
        lines = _section(text, heading)
        bullets = [i for i, line in enumerate(lines) if line.startswith("* ")]
        assert len(bullets) >= 4, heading
        # a bullet's next line is another bullet or the end of the section: no wrapped items
        assert all(i + 1 == len(lines) or lines[i + 1].startswith("* ") or not lines[i + 1].strip()
                   for i in bullets), heading


def test_the_commands_table_keeps_one_row_per_command():
    rows = [line for line in _section((REPO / "README.md").read_text(encoding="utf-8"), "Commands")
            if line.startswith("| `wcc ")]
    assert len(rows) >= 10 and all(line.endswith(" |") and line.count(" | ") >= 1 for line in rows)


def test_the_data_files_carry_no_measurement_history():
    """Comments in the criteria data say what a key means; how figures were swept lives in docs/accuracy.md."""
    history = re.compile(r"\b(swept|sweep|holdout|dev bank|paraphrase bank|measured on)\b", re.I)
    found = [f"{path.relative_to(REPO)}:{n}" for path in sorted((REPO / "plugins").rglob("*.toml"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if line.lstrip().startswith("#") and history.search(line)]
    assert not found, found


def test_the_install_compiles_wccs_modules_once_as_ci_does():
    """An editable install leaves wcc's modules uncompiled; where PYTHONDONTWRITEBYTECODE is set they would
    be compiled again on every start (about 0.15 s a command, docs/performance.md)."""
    compile_step = "python -m compileall -q wcc_core indexer plugins"
    assert compile_step in readme_commands()[0]
    assert compile_step in (REPO / ".ci" / "run").read_text(encoding="utf-8")
