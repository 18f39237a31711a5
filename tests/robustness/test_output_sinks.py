"""Every place wcc writes to the terminal goes through one module (cli/output.py) and its guards.

A grep over the package: a new `click.echo` or `print` elsewhere would print text from a
submission or a review file raw, so it fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SINK = re.compile(r"\bclick\.(?:echo|secho)\(|(?<![.\w])print\(|sys\.(?:stdout|stderr)\.write\(")
# The one print outside output.py writes a constant ("Aborted!") when the user presses Ctrl-C.
ALLOWED = {("wcc_core/cli/output.py", None), ("wcc_core/cli/entry.py", 'print("Aborted!", file=sys.stderr)')}


def test_only_cli_output_writes_to_the_terminal():
    offenders = []
    for path in sorted((REPO / "wcc_core").rglob("*.py")) + sorted((REPO / "indexer").rglob("*.py")):
        name = str(path.relative_to(REPO))
        if (name, None) in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0].strip()
            if SINK.search(code) and (name, code) not in ALLOWED and not code.startswith(('"', "'", ">>>")):
                offenders.append(f"{name}:{number}: {code}")
    assert offenders == []


def test_the_grep_finds_the_sinks_it_is_for():
    for line in ("click.echo(decision.by)", "click.secho(x, fg='red')", "print(name)", "sys.stderr.write(text)"):
        assert SINK.search(line), line
    assert not SINK.search("console.print(part)")  # rich into a buffer, printed through say_styled
