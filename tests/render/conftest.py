"""One assessment of the bundled sample, rendered once into every format for the whole run.

Indexing and assessing the sample costs most of these tests' time, so it is done once
per test run, not once per pytest-xdist worker: the first worker to get the lock builds
the index and the assessment and pickles them beside the workers' temporary folders; the
others wait for the lock and load them.
"""

from __future__ import annotations

import fcntl
import pickle
from pathlib import Path

import pytest

from wcc_core.pipeline import run_assessment
from wcc_core.render.registry import renderers

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"
FORMATS = ("json", "html", "docx", "xlsx", "text")


@pytest.fixture(scope="session")
def sample() -> Path:
    return SAMPLE


def _shared_dir(tmp_path_factory) -> Path:
    """A folder every xdist worker of this run sees (the parent of the workers' base temp)."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if base.name.startswith("gw") else base) / "render-shared"
    shared.mkdir(exist_ok=True)
    return shared


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """The sample's index, outside the repository, shared by the workers."""
    return _shared_dir(tmp_path_factory) / "index"


@pytest.fixture(scope="session")
def shared_results(tmp_path_factory, index_dir):
    """(assessment, {format: bytes}) of the sample's briefing (no review decisions), made once."""
    shared = _shared_dir(tmp_path_factory)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = shared / "results.pickle"
            if done.exists():
                return pickle.loads(done.read_bytes())
            assessment = run_assessment(SAMPLE, index_dir=index_dir, review_file=False)
            found = renderers()
            rendered = {name: found[name].render(assessment, {"root": SAMPLE}) for name in FORMATS}
            done.write_bytes(pickle.dumps((assessment, rendered)))
            return assessment, rendered
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def assessment(shared_results):
    return shared_results[0]


@pytest.fixture(scope="session")
def rendered(shared_results) -> dict[str, bytes]:
    """Every built-in format rendered from the ONE assessment above."""
    return shared_results[1]


@pytest.fixture(scope="session")
def report_files(rendered, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = {}
    for name, data in rendered.items():
        paths[name] = out / f"exampleshire-briefing.{renderers()[name].extension}"
        paths[name].write_bytes(data)
    return paths
