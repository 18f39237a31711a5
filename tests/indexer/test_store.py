"""The search index: blocks found by words, with page, paragraph and a marked excerpt."""

from __future__ import annotations


import pytest

from indexer.build import DocumentSource, build_index
from indexer.store import IndexMissingError, SubmissionIndex
from tests.indexer.index_fixtures import write_sources


@pytest.fixture
def index(tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")
    sources = write_sources(tmp_path / "docs")
    with build_index(sources, tmp_path / "index", workers=1) as built:
        yield built


def test_a_search_finds_the_block_with_its_page_paragraph_and_marked_excerpt(index):
    hit = index.search("smoking prevalence")[0]
    place = hit.place
    assert (place.doc_id, place.doc_type, place.physical, place.label, place.n) == ("SP", "strategic_plan", 2, "2", 2)
    assert place.kind == "paragraph" and place.section is None
    assert "**smoking**" in hit.excerpt and "**prevalence**" in hit.excerpt
    assert place.text == "We will reduce smoking prevalence in deprived wards."
    assert hit.bm25 > 0


def test_search_stems_words(index):
    assert {h.place.doc_id for h in index.search("commissioning")} >= {"SP", "COMMS"}


def test_search_can_be_restricted_by_document_type_and_id(index):
    assert {h.place.doc_id for h in index.search("financial plan", doc_types=["board_minutes"])} == {"MIN"}
    assert {h.place.doc_id for h in index.search("smoking", doc_ids=["COMMS"])} == {"COMMS"}
    assert index.search("smoking", doc_ids=[]) == []
    assert index.search("   ") == []


def test_documents_come_back_as_extracted(index):
    docs = index.documents()
    assert list(docs) == ["SP", "COMMS", "MIN"]
    assert docs["COMMS"].file == "documents/comms.docx" and docs["COMMS"].type == "communications_strategy"
    assert index.document("SP").page(3).block(1).text == "3. Finance"
    assert index.document("NOPE") is None


def test_score_blocks_gives_the_same_bm25_score_as_search_and_zero_elsewhere(index):
    # One word: search's "more words matched ranks higher" bonus does not apply.
    query = "financial"
    hits = {h.place.address: h.bm25 for h in index.search(query, limit=50)}
    wanted = list(hits) + [("SP", 1, 1), ("SP", 9, 1), ("SP", 1, 99), ("NOPE", 1, 1)]
    scores = index.score_blocks(query, wanted)
    for block, score in hits.items():
        assert scores[block] == pytest.approx(score)
    assert scores[("SP", 1, 1)] == 0.0 and scores[("SP", 9, 1)] == 0.0 and scores[("NOPE", 1, 1)] == 0.0


def test_score_blocks_finds_every_block_by_its_own_position(tmp_path, monkeypatch):
    # One unique word per block: the block scored for a word must be the block that holds it.
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")
    sources = []
    for d in range(3):
        path = tmp_path / f"d{d}.txt"
        pages = ["\n\n".join(f"marker{d}x{p}x{n} text" for n in range(1, 4 + p)) for p in range(1, 4)]
        path.write_text("\f".join(pages))
        sources.append(DocumentSource(f"D{d}", "jsna", path))
    with build_index(sources, tmp_path / "index", workers=1) as index:
        blocks = [(f"D{d}", p, n) for d in range(3) for p in range(1, 4) for n in range(1, 4 + p)]
        for block in blocks:
            scores = index.score_blocks("marker{}x{}x{}".format(block[0][1], block[1], block[2]), blocks)
            assert [b for b, s in scores.items() if s > 0] == [block]


def test_opening_a_folder_without_an_index_says_so(tmp_path):
    with pytest.raises(IndexMissingError, match="no index here"):
        SubmissionIndex.open(tmp_path)
