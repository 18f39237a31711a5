"""The in-memory BM25 gives the textbook score to every block, whatever the restriction or limit."""

from __future__ import annotations

import math
import random
from collections import Counter

from tests.signposts.factories import document, page
from wcc_core.scoring import InMemoryScorer, terms

WORDS = "smoking cessation stroke services maternity outcomes providers contract quality board".split()


def _documents(seed: int):
    rng = random.Random(seed)
    docs = {}
    for d in "ABC":
        pages = [page(str(p), *(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) for _ in range(4)))
                 for p in range(1, 4)]
        docs[d] = (f"type{d in 'AB'}", document(*pages))
    return docs


def _textbook(docs, query):
    """BM25 (k1 1.2, b 0.75) of every block, written out the slow way."""
    blocks = [(doc_id, p.physical, b.n, Counter(terms(b.text)))
              for doc_id in sorted(docs) for p in docs[doc_id][1].pages for b in p.blocks]
    average = sum(sum(c.values()) for *_, c in blocks) / len(blocks)
    scores = {}
    for doc_id, physical, n, counts in blocks:
        score = 0.0
        for term in set(terms(query)):
            df = sum(1 for *_, c in blocks if term in c)
            if counts[term]:
                idf = math.log(1 + (len(blocks) - df + 0.5) / (df + 0.5))
                norm = 1.2 * (1 - 0.75 + 0.75 * sum(counts.values()) / average)
                score += idf * counts[term] * 2.2 / (counts[term] + norm)
        scores[(doc_id, physical, n)] = score
    return scores


def test_every_block_scores_what_the_bm25_formula_gives():
    for seed in range(5):
        docs = _documents(seed)
        scorer = InMemoryScorer(docs)
        query = "stroke services and smoking cessation outcomes"
        expected = _textbook(docs, query)
        got = scorer.score_blocks(query, list(expected) + [("Z", 1, 1)])
        assert got[("Z", 1, 1)] == 0.0
        assert all(math.isclose(got[k], v, abs_tol=1e-12) for k, v in expected.items())


def test_search_returns_the_best_blocks_in_score_then_document_page_paragraph_order_within_its_restriction():
    docs = _documents(7)
    scorer = InMemoryScorer(docs)
    query = "maternity quality board"
    expected = _textbook(docs, query)
    for limit in (1, 3, 10, 100):
        for doc_types, doc_ids in ((None, None), ({"typeTrue"}, None), (None, {"C"}), ({"typeTrue"}, {"A", "C"})):
            allowed = [k for k, v in expected.items() if v > 0 and (doc_ids is None or k[0] in doc_ids)
                       and (doc_types is None or docs[k[0]][0] in doc_types)]
            best = sorted(allowed, key=lambda k: (-expected[k], k))[:limit]
            hits = scorer.search(query, doc_types=doc_types, doc_ids=doc_ids, limit=limit)
            assert [h.address for h in hits] == best
            assert all(math.isclose(h.bm25, expected[h.address]) for h in hits)
    assert scorer.search(query, limit=0) == []
