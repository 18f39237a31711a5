"""`wcc extract`, `wcc index`, `wcc show`, `wcc search` on a small real submission."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.indexer.index_fixtures import write_sources
from wcc_core.cli.main import cli

TOML = """
[pct]
name = "NHS Testshire"
framework = "wcc-2009"

[[documents]]
id = "SP"
type = "strategic_plan"
file = "documents/plan.txt"
aliases = ["Strat Plan"]

[[documents]]
id = "COMMS"
type = "communications_strategy"
file = "documents/comms.docx"

[[documents]]
id = "MIN"
type = "board_minutes"
file = "documents/minutes.md"
"""


@pytest.fixture
def submission(tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")
    write_sources(tmp_path / "documents")
    (tmp_path / "submission.toml").write_text(TOML)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_extract_json_follows_the_contract(submission):
    result = run("extract", submission / "documents" / "comms.docx", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == "comms.docx" and data["status"] == "ok" and data["reason"] is None
    block = data["pages"][0]["blocks"][0]
    assert block == {"n": 1, "kind": "heading", "text": "Engaging patients", "section": None, "bbox": None}
    assert [p["physical"] for p in data["pages"]] == [1, 2]


def test_extract_text_lists_pages_and_blocks(submission):
    result = run("extract", submission / "documents" / "plan.txt")
    assert result.exit_code == 0
    assert "Page 2 (physical 2), 3 blocks" in result.stdout
    assert "heading    §2" in result.stdout


def test_index_summarises_documents_pages_and_blocks(submission):
    result = run("index", submission)
    assert result.exit_code == 0, result.stderr
    assert "3 documents, 6 pages, 12 blocks, 0 unreadable" in result.stdout
    assert (submission / ".wcc" / "CURRENT").exists()
    again = run("index", submission)
    assert again.stdout.startswith("Index up to date")


def test_index_reports_an_unreadable_document_and_carries_on(submission):
    (submission / "documents" / "minutes.md").write_bytes(b"\x00\x01binary")
    result = run("index", submission)
    assert result.exit_code == 0
    assert "1 unreadable" in result.stdout and "MIN (documents/minutes.md): not a text file" in result.stdout


def test_show_prints_a_printed_page_and_one_paragraph(submission):
    result = run("show", submission, "SP", "2")
    assert result.exit_code == 0, result.stderr
    assert "Page 2 (physical 2), 3 blocks" in result.stdout
    assert "Cardiovascular mortality" in result.stdout
    one = run("show", submission, "Strat Plan", "2", "3")
    assert "Cardiovascular mortality" in one.stdout and "smoking" not in one.stdout


def test_show_says_clearly_when_a_page_or_paragraph_or_document_is_missing(submission):
    page = run("show", submission, "SP", "9")
    assert page.exit_code == 2 and "SP has no page labelled '9' (pages: 1, 2, 3)" in page.stderr
    para = run("show", submission, "SP", "1", "7")
    assert para.exit_code == 2 and "no paragraph 7" in para.stderr
    doc = run("show", submission, "XX", "1")
    assert doc.exit_code == 2 and "no document 'XX' (documents: COMMS, MIN, SP)" in doc.stderr
    assert "Traceback" not in page.stderr + para.stderr + doc.stderr


def test_show_by_physical_page(submission):
    result = run("show", submission, "COMMS", "2", "--physical")
    assert result.exit_code == 0 and "Stakeholders told us" in result.stdout


def test_search_ranks_hits_with_page_paragraph_and_marked_excerpt(submission):
    result = run("search", submission, "smoking", "--limit", "5")
    assert result.exit_code == 0, result.stderr
    assert "SP p.2 para 2" in result.stdout and "**smoking**" in result.stdout
    only = run("search", submission, "smoking", "--type", "communications_strategy", "--format", "json")
    assert {h["document"] for h in json.loads(only.stdout)} == {"COMMS"}


def test_a_missing_submission_is_an_input_error(tmp_path):
    result = run("search", tmp_path / "nowhere", "x")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_search_names_a_hit_on_a_page_that_prints_no_number(tmp_path):
    """Whoosh stores no label for such a page; `wcc search` once failed with a KeyError on it."""
    sample = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "exampleshire"
    base = [sys.executable, "-m", "wcc_core.cli.entry", "search", str(sample), "urgent care review",
            "--doc", "NP1", "--limit", "3", "--index-dir", str(tmp_path / "index")]
    text = subprocess.run(base, capture_output=True, text=True, timeout=300)
    assert text.returncode == 0, text.stderr
    assert "NP1 unnumbered page para 1" in text.stdout
    listed = subprocess.run(base + ["--format", "json"], capture_output=True, text=True, timeout=300)
    first = json.loads(listed.stdout)[0]
    assert (first["document"], first["page"], first["physical_page"], first["paragraph"]) == ("NP1", None, 1, 1)
