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



def test_every_command_module_is_listed_under_each_of_its_commands_and_nothing_else():
    import importlib
    import pkgutil

    import wcc_core.cli
    from wcc_core.cli.main import COMMAND_MODULES

    found = {}
    for module in pkgutil.iter_modules(wcc_core.cli.__path__):
        commands = getattr(importlib.import_module(f"wcc_core.cli.{module.name}"), "COMMANDS", ())
        found.update({command.name: module.name for command in commands})
    assert found == COMMAND_MODULES


def test_wcc_report_imports_no_judging_when_it_renders_the_saved_assessment_and_assess_does(tmp_path):
    """`wcc assess` saves its assessment; `wcc report` then renders it without importing judging."""
    import shutil

    submission = tmp_path / "exampleshire"
    shutil.copytree(REPO / "corpus" / "samples" / "exampleshire", submission)
    watch = ("import sys, atexit, json, os\n"
             "atexit.register(lambda: open(os.environ['WATCH_OUT'], 'w').write(json.dumps(sorted(sys.modules))))\n"
             "from wcc_core.cli.entry import main\nmain()\n")
    loaded = {}
    for command in (["assess", str(submission), "--no-review"],
                    ["report", str(submission), "--no-review", "--out", str(tmp_path / "out")]):
        out = tmp_path / f"{command[0]}.json"
        done = subprocess.run([sys.executable, "-c", watch, *command], cwd=REPO, capture_output=True, text=True,
                              env={**__import__("os").environ, "WATCH_OUT": str(out)})
        assert done.returncode in (0, 1), done.stderr
        loaded[command[0]] = set(json.loads(out.read_text()))
    assert "wcc_core.judging.criterion" in loaded["assess"] and "numpy" in loaded["assess"]
    assert "wcc_core.judging.criterion" not in loaded["report"] and "wcc_core.pipeline" not in loaded["report"]
    assert {"docx", "openpyxl", "jinja2"} <= loaded["report"]
    assert (tmp_path / "out").is_dir() and len(list((tmp_path / "out").glob("exampleshire-briefing.*"))) == 4


def test_the_console_script_collects_cycles_less_often_than_pythons_default():
    from wcc_core.cli.entry import GC_THRESHOLDS

    code = ("import atexit, gc, sys\natexit.register(lambda: print('gc', *gc.get_threshold()))\n"
            "sys.argv = ['wcc', '--version']\nfrom wcc_core.cli.entry import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "gc " + " ".join(map(str, GC_THRESHOLDS))
    assert GC_THRESHOLDS[0] > 700  # Python's default first threshold


def test_the_console_script_starts_one_blas_thread_unless_the_user_says_otherwise():
    """wcc calls no BLAS routine; OpenBLAS's threads only cost CPU when numpy is imported."""
    import os

    code = ("import atexit, os, sys\natexit.register(lambda: print('blas', os.environ['OPENBLAS_NUM_THREADS']))\n"
            "sys.argv = ['wcc', '--version']\nfrom wcc_core.cli.entry import main\nmain()\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=env)
    assert done.stdout.splitlines()[-1] == "blas 1"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**env, "OPENBLAS_NUM_THREADS": "3"})
    assert done.stdout.splitlines()[-1] == "blas 3"
