"""What a command imports: the libraries of one output format only when that format is written.

Every command looks the renderers up, so a renderer module that imported python-docx,
openpyxl, Jinja2 or Pillow at its top would make `wcc assess` load them all (about
0.15 s a start, docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("docx", "openpyxl", "jinja2", "PIL")


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                          cwd=REPO, capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_looking_the_renderers_up_imports_no_format_library():
    loaded = _modules_after("from wcc_core.cli.main import cli\n"
                            "from wcc_core.plugin_manager import get_plugin_manager\n"
                            "from wcc_core.render.registry import renderers\n"
                            "found = renderers(get_plugin_manager())\n"
                            "assert {'html', 'docx', 'xlsx', 'json', 'text'} <= set(found)")
    assert not [name for name in HEAVY if name in loaded]

