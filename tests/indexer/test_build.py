"""Building the index: atomic, cached by content, never stopped by one bad document."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from indexer.build import DocumentSource, build_index, default_index_dir
from indexer.store import SubmissionIndex, current_generation
from tests.indexer.index_fixtures import write_sources


@pytest.fixture(autouse=True)
def fixed_fingerprint(monkeypatch):
    # The real fingerprint hashes the extractors' source, which other work may be editing.
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")


def test_the_default_index_lives_in_the_submission(tmp_path):
    assert default_index_dir(tmp_path) == tmp_path / ".wcc"


def test_a_warm_rebuild_with_nothing_changed_does_nothing(tmp_path):
    sources = write_sources(tmp_path / "docs")
    first = build_index(sources, tmp_path / "ix", workers=1)
    generation = first.generation
    first.close()
    again = build_index(sources, tmp_path / "ix", workers=1)
    assert again.build_stats.up_to_date and again.generation == generation


def test_only_a_changed_document_is_extracted_again(tmp_path):
    sources = write_sources(tmp_path / "docs")
    build_index(sources, tmp_path / "ix", workers=1).close()
    sources[2].path.write_text("# Board minutes\n\nA new decision on stroke services.\n")
    index = build_index(sources, tmp_path / "ix", workers=1)
    assert (index.build_stats.extracted, index.build_stats.cached) == (1, 2)
    assert index.search("stroke")[0].place.doc_id == "MIN"
    assert index.search("challenged") == []


def test_extraction_runs_in_worker_processes(tmp_path):
    sources = write_sources(tmp_path / "docs")
    index = build_index(sources, tmp_path / "ix", workers=2)
    assert index.build_stats.extracted == 3
    assert index.document("COMMS").page(2).block(1).text.startswith("Stakeholders")


def test_unreadable_and_missing_documents_do_not_stop_the_others(tmp_path):
    sources = write_sources(tmp_path / "docs")
    broken = tmp_path / "docs" / "broken.docx"
    broken.write_bytes(b"not a zip")
    sources += [DocumentSource("BAD", "od_plan", broken), DocumentSource("GONE", "jsna", tmp_path / "gone.pdf")]
    index = build_index(sources, tmp_path / "ix", workers=2)
    docs = index.documents()
    assert docs["BAD"].extracted.reason.startswith("corrupt")
    assert docs["GONE"].extracted.reason == "file not found"
    assert dict(index.build_stats.unreadable) == {"BAD": docs["BAD"].extracted.reason, "GONE": "file not found"}
    assert index.search("smoking")


def test_an_interrupted_build_leaves_the_previous_index_whole(tmp_path, monkeypatch):
    sources = write_sources(tmp_path / "docs")
    build_index(sources, tmp_path / "ix", workers=1).close()
    before = current_generation(tmp_path / "ix")
    sources[0].path.write_text("Entirely new text about dentistry.")

    def interrupt(event):
        if event.stage == "index" and event.done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(sources, tmp_path / "ix", workers=1, progress=interrupt)
    assert current_generation(tmp_path / "ix") == before
    with SubmissionIndex.open(tmp_path / "ix") as index:
        assert index.search("dentistry") == [] and index.search("smoking")
    assert not (tmp_path / "ix" / "build.lock").exists()
    index = build_index(sources, tmp_path / "ix", workers=1)
    assert index.search("dentistry")[0].place.doc_id == "SP"
    assert [p.name for p in (tmp_path / "ix").glob("gen-*")] == [index.generation.name]


KILLER = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from pathlib import Path
import indexer.build as b
b.extractor_fingerprint = lambda: "test"
from tests.indexer.index_fixtures import write_sources
sources = write_sources(Path({docs!r}))
Path(sources[0].path).write_text("Killed text about dentistry.")
def die(event):
    if event.stage == "index":
        os.kill(os.getpid(), signal.SIGKILL)
b.build_index(sources, Path({ix!r}), workers=1, progress=die)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_build_killed_mid_way_leaves_the_previous_index_and_its_lock_is_taken_over(tmp_path):
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sources = write_sources(tmp_path / "docs")
    build_index(sources, tmp_path / "ix", workers=1).close()
    before = current_generation(tmp_path / "ix")
    code = KILLER.format(repo=repo, docs=str(tmp_path / "docs"), ix=str(tmp_path / "ix"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == -9, result.stderr.decode()
    assert (tmp_path / "ix" / "build.lock").exists()  # left behind by the dead process
    assert current_generation(tmp_path / "ix") == before
    with SubmissionIndex.open(tmp_path / "ix") as index:
        assert index.search("dentistry") == []
    index = build_index(write_sources(tmp_path / "docs2"), tmp_path / "ix", workers=1)
    assert index.search("smoking")
