"""`wcc new-plugin NAME --framework NEW --from OLD`: a whole criteria set that installs, loads and assesses.

Run through the real CLI in subprocesses: the package is generated, passes its own test,
is installed with `pip install -e` into a throw-away virtual environment layered on the
test environment (as in test_new_plugin.py), and `wcc frameworks`, `wcc plugins` and
`wcc assess` then run with it. The shared environment is never changed.
"""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"
NAME = "wcc-2010"


def run(python, *args, cwd=REPO, timeout=600):
    return subprocess.run([str(python), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout)


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
def criteria_set(tmp_path_factory):
    parent = tmp_path_factory.mktemp("sets")
    made = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", NAME, "--framework", "wcc-2010",
               "--from", "wcc-2009", "--dir", parent)
    assert made.returncode == 0, made.stderr
    return parent / NAME


@pytest.fixture(scope="module")
def installed_set(criteria_set, layered_python):
    done = run(layered_python, "-m", "pip", "install", "--no-deps", "-q", "-e", criteria_set)
    assert done.returncode == 0, done.stdout + done.stderr
    yield layered_python
    removed = run(layered_python, "-m", "pip", "uninstall", "-y", "-q", NAME)
    assert removed.returncode == 0, removed.stderr


def test_the_set_is_laid_out_as_the_builtin_packs_with_one_entry_point(criteria_set):
    package = criteria_set / "wcc_2010"
    assert sorted(p.name for p in (package / "competencies" / "wcc2010").iterdir() if p.is_dir()) == sorted(
        p.name for p in (REPO / "plugins" / "competencies" / "wcc2009").iterdir() if (p / "criteria.toml").exists())
    assert 'id = "wcc-2010"' in (package / "frameworks" / "wcc2010" / "framework.toml").read_text()
    assert 'framework = "wcc-2010"' in (package / "governance" / "wcc2010" / "board" / "criteria.toml").read_text()
    pyproject = (criteria_set / "pyproject.toml").read_text()
    assert pyproject.count('= "wcc_2010.frameworks.wcc2010:pack"') == 1


def test_the_set_passes_its_own_test_as_generated(criteria_set):
    tested = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=criteria_set)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_once_installed_wcc_lists_the_framework_and_each_member_plugin(installed_set):
    frameworks = json.loads(run(installed_set, "-m", "wcc_core.cli.entry", "frameworks", "--format", "json").stdout)
    counts = {f["id"]: f["counts"] for f in frameworks}
    assert counts["wcc-2010"] == counts["wcc-2009"]
    listing = json.loads(run(installed_set, "-m", "wcc_core.cli.entry", "plugins", "--format", "json").stdout)
    rows = {row["name"]: row for row in listing}
    assert rows["wcc-2010-c4"]["keys"] == ["C4"] and rows["wcc-2010-c4"]["distribution"] == NAME
    assert rows["wcc-2010-board"]["source"] == "wcc_2010.governance.wcc2010.board"


def test_once_installed_wcc_assess_judges_a_submission_with_it_as_with_the_year_it_came_from(installed_set, tmp_path):
    submission = tmp_path / "pct"
    # Only the index folder stays behind: a wider pattern ("*review*") once dropped the sample's
    # documents/urgent-care-review.pdf, and Year 3 was judged on one document fewer.
    shutil.copytree(SAMPLE, submission, ignore=shutil.ignore_patterns(".wcc*", "*.review.toml"))
    toml = submission / "submission.toml"
    toml.write_text(toml.read_text().replace('framework = "wcc-2009"', 'framework = "wcc-2010"', 1))
    assessed = run(installed_set, "-m", "wcc_core.cli.entry", "assess", submission, "--format", "json", "--no-review",
                   "--index-dir", tmp_path / "index")
    assert assessed.returncode in (0, 1), assessed.stderr
    year3 = json.loads(assessed.stdout)
    year2 = json.loads(run(installed_set, "-m", "wcc_core.cli.entry", "assess", SAMPLE, "--format", "json",
                           "--no-review", "--index-dir", tmp_path / "index").stdout)
    assert year3["framework"] == "wcc-2010"
    # The same documents: every one the sample has is read in the copy too.
    assert [d["readable"] for d in year3["documents"]] == [d["readable"] for d in year2["documents"]]
    # The same data judged the same way: every sub-competency's proposed level is Year 2's.
    proposed = {k: [s["proposed"] for s in c["subcompetencies"].values()] for k, c in year3["competencies"].items()}
    assert proposed == {k: [s["proposed"] for s in c["subcompetencies"].values()]
                        for k, c in year2["competencies"].items()}


def test_a_whole_set_needs_a_new_id_and_an_installed_source(tmp_path):
    taken = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", "again", "--framework", "wcc-2008",
                "--from", "wcc-2009", "--dir", tmp_path)
    assert taken.returncode == 2 and "installed already" in taken.stderr
    unknown = run(sys.executable, "-m", "wcc_core.cli.entry", "new-plugin", "x", "--framework", "wcc-2011",
                  "--from", "wcc-1999", "--dir", tmp_path)
    assert unknown.returncode == 2 and "no such framework installed" in unknown.stderr
    assert not any(tmp_path.iterdir())
