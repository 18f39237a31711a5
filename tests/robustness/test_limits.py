"""Bounded work on every input: each limit stops the document that breaks it, says which, and
never stops the others; nothing a limit, a timeout or memory did is cached as a verdict."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from indexer.build import DocumentSource, build_index
from indexer.cache import ExtractionCache, cache_key, file_digest
from indexer.extract import extract
from indexer.limits import LIMIT_PREFIX, MEMORY_REASON, TIMEOUT_REASON, Limits, is_verdict_on_file
from indexer.model import ExtractedDocument, Page, Block, unreadable
from indexer.workers import extract_in_workers
from tests.robustness import hostile

SMALL = Limits(max_zip_bytes=4 * 1024 * 1024, max_zip_members=50, max_pages=50, max_blocks=100,
               max_block_chars=2_000, max_text_bytes=1024 * 1024)


@pytest.fixture(autouse=True)
def fixed_fingerprint(monkeypatch):
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")


def test_every_limit_has_a_default_and_an_environment_variable():
    limits = Limits.from_env({"WCC_MAX_PAGES": "7", "WCC_DOCUMENT_SECONDS": "3"})
    assert (limits.max_pages, limits.document_seconds, limits.max_blocks) == (7, 3, Limits().max_blocks)
    with pytest.raises(ValueError, match="WCC_MAX_PAGES"):
        Limits.from_env({"WCC_MAX_PAGES": "lots"})


def test_a_zip_bomb_is_stopped_by_the_bytes_actually_decompressed(tmp_path):
    doc = extract(hostile.zip_bomb(tmp_path / "bomb.docx", 20), SMALL)
    assert doc.reason.startswith(LIMIT_PREFIX + "bytes decompressed from a DOCX zip"), doc.reason


def test_a_forged_small_size_in_the_zip_headers_does_not_get_a_bomb_past(tmp_path):
    bomb = hostile.forge_sizes(hostile.zip_bomb(tmp_path / "forged.docx", 20), "word/document.xml", 1000)
    doc = extract(bomb, SMALL)
    assert not doc.readable and not doc.pages


def test_a_forged_huge_size_in_the_zip_headers_does_not_refuse_a_small_document(tmp_path):
    path = hostile.write_docx(tmp_path / "claims.docx", hostile.paragraph("A modest plan."))
    doc = extract(hostile.forge_sizes(path, "word/document.xml", 2**31), SMALL)
    assert doc.readable and doc.pages[0].blocks[0].text == "A modest plan."


def test_too_many_zip_members(tmp_path):
    doc = extract(hostile.many_members(tmp_path / "many.docx", 60), SMALL)
    assert doc.reason.startswith(LIMIT_PREFIX + "members in a DOCX zip: it has 62"), doc.reason


def test_tables_nested_600_deep_are_a_limit_not_a_recursion_error(tmp_path):
    doc = extract(hostile.nested_tables(tmp_path / "deep.docx", 600), Limits())
    assert doc.reason.startswith(LIMIT_PREFIX + "XML nesting depth in word/document.xml"), doc.reason


def test_tables_nested_as_deep_as_the_limit_allows_are_read(tmp_path):
    depth = (Limits().max_xml_depth - 6) // 3  # document, body, then tbl/tr/tc per level, then p/r/t
    doc = extract(hostile.nested_tables(tmp_path / "deep.docx", depth), Limits())
    assert doc.readable, doc.reason
    assert [b.text for b in doc.pages[0].blocks] == ["The innermost cell.", "After the tables."]


def test_a_megabyte_of_form_feeds_is_not_half_a_million_pages(tmp_path):
    started = time.process_time()
    doc = extract(hostile.form_feeds(tmp_path / "feeds.txt", 1024 * 1024), Limits())
    assert doc.reason.startswith(LIMIT_PREFIX + "pages per document: it has 1,048,5"), doc.reason
    assert time.process_time() - started < 5


def test_blocks_per_document(tmp_path):
    doc = extract(hostile.paragraphs(tmp_path / "many.md", 150), SMALL)
    assert doc.reason.startswith(LIMIT_PREFIX + "blocks per document: it has 150"), doc.reason


def test_characters_per_block(tmp_path):
    doc = extract(hostile.paragraphs(tmp_path / "long.txt", 1, words=300), SMALL)
    assert doc.reason.startswith(LIMIT_PREFIX + "characters per block: block 1 of page 1"), doc.reason


def test_size_of_a_text_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024))
    assert extract(path, SMALL).reason.startswith(LIMIT_PREFIX + "size of a text file")


def test_pages_of_a_pdf(realdocs):
    doc = extract(realdocs / "pdf" / "pdfminer__i1040nr.pdf", Limits(max_pages=10))
    assert doc.reason.startswith(LIMIT_PREFIX + "pages per document: it has 50"), doc.reason


# --- time and memory, enforced in the worker ------------------------------------------
def _slow_or_greedy(path: Path, limits: Limits) -> ExtractedDocument:
    if path.name == "slow.txt":
        time.sleep(60)
    if path.name == "greedy.txt":
        hoard = bytearray(3 * 1024**3)  # more than the worker's address space allows
        return unreadable(path.name, "txt", f"kept {len(hoard)} bytes")
    return ExtractedDocument(file=path.name, format="txt", pages=(Page(1, "1", (Block(1, "paragraph", str(os.getpid())),)),))


def test_a_document_over_its_time_is_stopped_and_its_worker_replaced(tmp_path):
    names = ["a.txt", "slow.txt", "b.txt", "c.txt"]
    started = time.perf_counter()
    results = dict(extract_in_workers([(n, tmp_path / n) for n in names], 1, Limits(document_seconds=1),
                                      _slow_or_greedy))
    assert time.perf_counter() - started < 20
    assert results["slow.txt"].reason.startswith(TIMEOUT_REASON)
    pids = {n: results[n].pages[0].blocks[0].text for n in ("a.txt", "b.txt", "c.txt")}
    assert pids["a.txt"] != pids["b.txt"] == pids["c.txt"]  # the worker that ran slow.txt was replaced


def test_a_document_that_wants_too_much_memory_is_stopped_in_its_worker(tmp_path):
    results = dict(extract_in_workers([("g", tmp_path / "greedy.txt"), ("a", tmp_path / "a.txt")], 1,
                                      Limits(worker_memory_mb=512), _slow_or_greedy))
    assert results["g"].reason == MEMORY_REASON
    assert results["a"].readable
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024  # the main process never held it


# --- not cached -----------------------------------------------------------------------
def test_reasons_about_limits_time_memory_and_crashes_are_not_verdicts_on_the_file():
    assert not is_verdict_on_file(TIMEOUT_REASON)
    assert not is_verdict_on_file(MEMORY_REASON)
    assert not is_verdict_on_file("extractor crashed (exit code -11)")
    assert not is_verdict_on_file("extractor failed: MemoryError: ")
    assert is_verdict_on_file("encrypted") and is_verdict_on_file("corrupt: not a zip archive (x)")


def test_a_document_stopped_by_a_limit_is_read_when_the_limit_is_raised(tmp_path):
    path = hostile.paragraphs(tmp_path / "plan.md", 150)
    sources = [DocumentSource("SP", "strategic_plan", path)]
    with build_index(sources, tmp_path / "ix", workers=1, limits=SMALL) as index:
        assert index.document("SP").reason.startswith(LIMIT_PREFIX + "blocks per document")
    assert not any((tmp_path / "ix" / "cache").glob("*.json"))  # not cached
    with build_index(sources, tmp_path / "ix", workers=1, limits=SMALL) as again:
        assert not again.build_stats.up_to_date  # tried again: the manifest keeps no digest for it
    with build_index(sources, tmp_path / "ix", workers=1, limits=Limits()) as raised:
        assert raised.document("SP").readable and len(raised.document("SP").pages[0].blocks) == 150


def test_a_limit_verdict_cached_by_an_older_wcc_is_ignored(tmp_path):
    path = hostile.paragraphs(tmp_path / "plan.md", 3)
    cache = ExtractionCache(tmp_path / "ix" / "cache")
    (tmp_path / "ix").mkdir()
    (tmp_path / "ix" / "WCC-INDEX").write_text("")
    cache.put(cache_key(file_digest(path), "md", "test"), unreadable("plan.md", "md", "extractor failed: MemoryError: "))
    with build_index([DocumentSource("SP", "strategic_plan", path)], tmp_path / "ix", workers=1) as index:
        assert index.document("SP").readable and index.build_stats.extracted == 1


def test_one_document_over_a_limit_does_not_stop_the_others(tmp_path):
    sources = [
        DocumentSource("BOMB", "od_plan", hostile.zip_bomb(tmp_path / "bomb.docx", 20)),
        DocumentSource("DEEP", "od_plan", hostile.nested_tables(tmp_path / "deep.docx", 600)),
        DocumentSource("FEEDS", "od_plan", hostile.form_feeds(tmp_path / "feeds.txt", 100_000)),
        DocumentSource("SP", "strategic_plan", hostile.paragraphs(tmp_path / "plan.md", 20)),
    ]
    with build_index(sources, tmp_path / "ix", workers=2, limits=SMALL) as index:
        reasons = dict(index.build_stats.unreadable)
        assert sorted(reasons) == ["BOMB", "DEEP", "FEEDS"]
        assert all(r.startswith(LIMIT_PREFIX) for r in reasons.values()), reasons
        assert index.search("commissioning")[0].place.doc_id == "SP"


# --- the hostile corpus under the default limits: every case bounded, no worker near 1 GB ---
HOSTILE_CORPUS = """
import json, resource, sys, zipfile
from pathlib import Path
from indexer.limits import Limits
from indexer.workers import extract_in_workers
from tests.robustness import hostile

folder = Path(sys.argv[1])
bomb = folder / "bomb.docx"  # 300 MB of spaces, written in pieces: more than the default 256 MB budget
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
    archive.writestr("[Content_Types].xml", hostile.CONTENT_TYPES)
    with archive.open("word/document.xml", "w") as part:
        part.write(hostile.document_xml("<w:p><w:r><w:t>").split("<w:p>")[0].encode() + b"<w:p><w:r><w:t>")
        for _ in range(300):
            part.write(b" " * (1024 * 1024))
        part.write(b"</w:t></w:r></w:p></w:body></w:document>")
cases = {
    "bomb": bomb,
    "forged": hostile.forge_sizes(hostile.zip_bomb(folder / "forged.docx", 40), "word/document.xml", 1000),
    "deep": hostile.nested_tables(folder / "deep.docx", 600),
    "members": hostile.many_members(folder / "members.docx", 12_000),
    "feeds": hostile.form_feeds(folder / "feeds.txt", 1024 * 1024),
    "heading": folder / "heading.md",
    "blocks": hostile.paragraphs(folder / "blocks.md", 300_000, words=1),
}
(folder / "heading.md").write_text("# x" + " " * 200_000 + "#x\\n")
results = {key: doc.reason for key, doc in extract_in_workers(list(cases.items()), 2, Limits())}
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"reasons": results, "peak_worker_mb": peak}))
"""


def test_the_hostile_corpus_is_bounded_under_the_default_limits(tmp_path):
    import json
    import subprocess
    import sys

    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", HOSTILE_CORPUS, str(tmp_path)], capture_output=True, text=True,
                            timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    reasons = report["reasons"]
    assert reasons["bomb"].startswith("limit exceeded: bytes decompressed"), reasons
    assert reasons["forged"] is not None  # unreadable (the zip's CRC fails), never 40 MB read as 1 KB
    assert reasons["deep"].startswith("limit exceeded: XML nesting depth")
    assert reasons["members"].startswith("limit exceeded: members in a DOCX zip")
    assert reasons["feeds"].startswith("limit exceeded: pages per document")
    assert reasons["heading"] is None  # the 200,000-space heading is read, in linear time
    assert reasons["blocks"].startswith("limit exceeded: blocks per document")
    assert report["peak_worker_mb"] < 1024, report
    assert time.monotonic() - started < 90


def test_the_zip_budget_is_shared_by_every_part_read_from_one_docx(tmp_path):
    # document.xml of 3 MB and a footer of 3 MB: each under a 4 MB budget, together over it.
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    body = (hostile.paragraph("x" * (3 * 1024 * 1024))
            + f'<w:sectPr xmlns:r="{r_ns}"><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdF" Type="footer" Target="footer1.xml"/></Relationships>')
    footer = f'<w:ftr xmlns:w="{hostile.W_NS}"><w:p><w:r><w:t>{"y" * (3 * 1024 * 1024)}</w:t></w:r></w:p></w:ftr>'
    path = hostile.write_docx(tmp_path / "footer.docx", body,
                              {"word/_rels/document.xml.rels": rels, "word/footer1.xml": footer})
    limits = Limits(max_zip_bytes=4 * 1024 * 1024)
    assert extract(path, limits).reason.startswith(LIMIT_PREFIX + "bytes decompressed from a DOCX zip")
    assert extract(path, Limits(max_zip_bytes=8 * 1024 * 1024, max_block_chars=4 * 1024 * 1024)).readable
