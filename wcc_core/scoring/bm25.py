"""BM25 over the blocks of a submission's extracted documents, held in memory.

Both the signpost verifier (how well cited text fits its criteria) and the rating
plugins (which blocks are evidence for a criterion line) score blocks against long
criteria queries; this module is the one scorer they share.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Mapping, Protocol, Sequence

import snowballstemmer

from indexer.model import ExtractedDocument

BlockKey = tuple[str, int, int]  # (doc_id, physical page, paragraph n)


class BlockScorer(Protocol):
    """What relevance needs from an index (indexer.store.SubmissionIndex satisfies it)."""

    def score_blocks(self, query: str, keys: Sequence[BlockKey]) -> Mapping[BlockKey, float]: ...

    def search(self, query: str, *, doc_types=None, doc_ids=None, limit: int = 10) -> list: ...


@dataclass(frozen=True)
class ScoredBlock:
    """A search hit of InMemoryScorer, with the fields of the index's Hit that relevance reads."""

    doc_id: str
    doc_type: str
    physical: int
    label: str
    n: int
    text: str
    score: float


_WORD = re.compile(r"[a-z0-9]+")
# Words too common in commissioning documents and criteria to tell passages apart.
_STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the their this to was were "
    "which with will pct pcts nhs".split()
)


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stem(word: str) -> str:
    """The Snowball stem of one lower-case word, as `terms` gives it (stop words too)."""
    return _stem(word)


def terms(text: str) -> list[str]:
    """Lower-case word stems without stop words ("contractual", "contracts" -> "contractu", "contract").

    Stems come from the Snowball English stemmer (Porter 2), so "monitored", "monitoring"
    and "monitors" meet, as they must when a PCT paraphrases a criterion.
    """
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP and len(word) >= 2]


class InMemoryScorer:
    """BM25 (k1 = 1.2, b = 0.75) over the blocks of extracted documents, held in memory.

    Criteria queries are long (150-600 words). Whoosh answers such a query in about a
    second, and relevance needs one search per criteria set, so `wcc signposts` scores
    with this inverted index over the same blocks the index holds instead: built once
    per run from the index's extractions, it answers a criteria query in milliseconds.
    It has the methods of `BlockScorer`, so the Whoosh index can stand in for it.
    """

    K1 = 1.2
    B = 0.75

    def __init__(self, documents: Mapping[str, tuple[str, ExtractedDocument | None]]):
        """`documents` maps a document id to (document type, extraction)."""
        self.blocks: list[ScoredBlock] = []
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths: list[int] = []
        for doc_id in sorted(documents):
            doc_type, doc = documents[doc_id]
            if doc is None or not doc.readable:
                continue
            for page in doc.pages:
                for block in page.blocks:
                    i = len(self.blocks)
                    self.blocks.append(ScoredBlock(doc_id, doc_type, page.physical, page.label, block.n, block.text, 0.0))
                    counts = Counter(terms(block.text))
                    lengths.append(sum(counts.values()))
                    for term, tf in counts.items():
                        postings[term].append((i, tf))
        self.postings = dict(postings)
        self.lengths = lengths
        self.index = {(b.doc_id, b.physical, b.n): i for i, b in enumerate(self.blocks)}
        average = (sum(lengths) / len(lengths)) if lengths else 1.0
        self.norms = [self.K1 * (1 - self.B + self.B * length / average) for length in lengths]
        total = len(self.blocks)
        self.idf = {t: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self._last: tuple[str, dict[int, float]] | None = None

    def _scores(self, query: str) -> dict[int, float]:
        """Block number -> BM25 score for every block sharing a term with the query."""
        if self._last is not None and self._last[0] == query:
            return self._last[1]  # relevance asks about one query several times in a row
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms(query)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                scores[i] += idf * tf * (self.K1 + 1) / (tf + self.norms[i])
        self._last = (query, dict(scores))
        return self._last[1]

    def score_blocks(self, query: str, keys: Sequence[BlockKey]) -> dict[BlockKey, float]:
        scores = self._scores(query)
        return {key: scores.get(self.index.get(key, -1), 0.0) for key in keys}

    def search(self, query: str, *, doc_types=None, doc_ids=None, limit: int = 10) -> list[ScoredBlock]:
        blocks = self.blocks
        ranked = (
            (-score, blocks[i].doc_id, blocks[i].physical, blocks[i].n, i)
            for i, score in self._scores(query).items()
            if (doc_types is None or blocks[i].doc_type in doc_types) and (doc_ids is None or blocks[i].doc_id in doc_ids)
        )
        return [replace(blocks[i], score=-negative) for negative, _, _, _, i in heapq.nsmallest(limit, ranked)]
