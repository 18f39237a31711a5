"""`wcc new-plugin`: the generated package passes its own test, installs, and replaces a built-in plugin.

The install goes into a throw-away virtual environment layered on the test environment
(a .pth file makes the project's packages importable there): `pip install -e` of the
generated package, then `wcc plugins` and `wcc assess` run with that interpreter, then
`pip uninstall`. The shared environment other test runs use is never changed.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "wcc2008-sample"
NAME = "wcc2008-c1-local"


def run(python, *args, cwd=REPO, timeout=600):
    return subprocess.run([str(python), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    parent = tmp_path_factory.mktemp("plugins")
    made = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", NAME, "--framework", "wcc-2008",
               "--key", "C1", "--dir", parent)
    assert made.returncode == 0, made.stderr
    return parent / NAME


@pytest.fixture(scope="module")
def layered_python(tmp_path_factory):
    """A new venv whose site-packages also sees this environment's (and so wcc, pip, setuptools)."""
    where = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(where)
    python = where / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    target = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    ours = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    (target / "_wcc_test_parent.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def installed(package, layered_python):
    done = run(layered_python, "-m", "pip", "install", "--no-deps", "-q",
               "-e", package)
    assert done.returncode == 0, done.stdout + done.stderr
    yield layered_python
    removed = run(layered_python, "-m", "pip", "uninstall", "-y", "-q", NAME)
    assert removed.returncode == 0, removed.stderr


def test_the_generated_package_has_an_entry_point_a_competency_with_search_terms_and_a_test(package):
    assert (package / "pyproject.toml").read_text().count(f'{NAME} = "wcc2008_c1_local:plugin"') == 1
    criteria = (package / "wcc2008_c1_local" / "criteria.toml").read_text()
    assert 'framework = "wcc-2008"' in criteria and 'key = "C1"' in criteria and "search = { terms = [" in criteria
    assert "Levels of wcc-2008: 1 = Below baseline, 2 = Baseline, 3 = Intermediate, 4 = World class" in criteria
    assert "REPLACES = ('wcc-2008-c1',)" in (package / "wcc2008_c1_local" / "__init__.py").read_text()


def test_the_generated_package_passes_its_own_test_as_generated(package):
    tested = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=package)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 passed" in tested.stdout


def test_once_installed_it_shows_in_wcc_plugins_in_place_of_the_builtin(installed):
    listing = json.loads(run(installed, "-m", "wcc_core.cli.entry", "plugins", "--format", "json").stdout)
    names = {row["name"]: row for row in listing}
    assert NAME in names and "wcc-2008-c1" not in names
    assert names[NAME]["keys"] == ["C1"] and names[NAME]["replaces"] == ["wcc-2008-c1"]
    assert names[NAME]["distribution"] == NAME and names[NAME]["version"] == "0.1.0"


def test_once_installed_it_changes_wcc_assess(installed, tmp_path):
    assessed = run(installed, "-m", "wcc_core.cli.entry", "assess", SAMPLE, "--format", "json", "--no-review",
                   "--index-dir", tmp_path)
    assert assessed.returncode == 0, assessed.stderr
    c1 = json.loads(assessed.stdout)["competencies"]["C1"]
    assert c1["title"] == f"Local leader of NHS ({NAME})"
    lines = [c["text"] for s in c1["subcompetencies"].values() for c in s["criteria"]]
    assert len(lines) == 9 and lines[0] == "The PCT has a documented approach to reputation as the local leader of the nhs"


def test_a_bad_name_or_an_existing_folder_is_refused(tmp_path, package):
    bad = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", "Bad Name", "--dir", tmp_path)
    assert bad.returncode == 2 and "lower-case letters" in bad.stderr
    again = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", NAME, "--dir", package.parent)
    assert again.returncode == 2 and "already exists" in again.stderr
