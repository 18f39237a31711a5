"""BM25 over the blocks of a submission's extracted documents, held in memory.

Both the signpost verifier (how well cited text fits its criteria) and the rating
plugins (which blocks are evidence for a criterion line) score blocks against long
criteria queries; this module is the one scorer they share.

Speed (docs/performance.md). A criteria query has tens of distinct stems, and the
common ones ("service", "plan") occur in most blocks, so scoring one query touches a
large share of the submission's postings. Each term's postings are therefore kept as
two numpy arrays (block numbers and the term's BM25 contribution to each block,
worked out once at build time), and a query adds them into one array of scores: the
per-posting work runs in C, and Python touches only the blocks a search returns.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Mapping, Protocol, Sequence

import numpy as np
import snowballstemmer

from indexer.model import ExtractedDocument, LocatedBlock

BlockAddress = tuple[str, int, int]  # (doc_id, physical page, paragraph n)


class BlockScorer(Protocol):
    """What relevance needs from an index (indexer.store.SubmissionIndex satisfies it)."""

    def score_blocks(self, query: str, keys: Sequence[BlockAddress]) -> Mapping[BlockAddress, float]:
        """The BM25 score of `query` against each of these blocks."""
        ...

    def search(self, query: str, *, doc_types=None, doc_ids=None, limit: int = 10) -> list:
        """The `limit` best-scoring blocks for `query`, best first, optionally among some document types or ids."""
        ...


@dataclass(frozen=True)
class ScoredBlock:
    """A located block and its BM25 score for a query: what InMemoryScorer's searches return.

    Judging calls it a `Passage` (`wcc_core.judging.context`). Where it is and what it says
    are its `place` (the one located-block record); `address` and `where` are the place's.
    """

    place: LocatedBlock
    bm25: float = 0.0  # the block's BM25 score for the query asked

    @property
    def address(self) -> BlockAddress:
        """The block's address: (document id, physical page, block number)."""
        return self.place.address

    @property
    def where(self) -> str:
        """Where the block is printed, as a reader cites it: "jsna p.14 para 3"."""
        return self.place.where


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


# Score arrays of the last few queries: relevance and judging ask about one query
# several times in a row (search, then score_blocks, then the best score).
_QUERY_CACHE = 16
# Masks of the last few (document types, document ids) restrictions.
_MASK_CACHE = 64


class InMemoryScorer:
    """BM25 (k1 = 1.2, b = 0.75) over the blocks of extracted documents, held in memory.

    Criteria queries are long (150-600 words). Whoosh answers such a query in about a
    second, and relevance needs one search per criteria set, so `wcc signposts` scores
    with this inverted index over the same blocks the index holds instead: built once
    per run from the index's extractions, it answers a criteria query in milliseconds.
    It has the methods of `BlockScorer`, so the Whoosh index can stand in for it.

    Ties in score are broken by (document id, physical page, paragraph), and a query's
    terms are added in sorted order, so results do not depend on hash seeds.
    """

    K1 = 1.2
    B = 0.75

    def __init__(self, documents: Mapping[str, tuple[str, ExtractedDocument | None]]):
        """`documents` maps a document id to (document type, extraction)."""
        self.blocks: list[LocatedBlock] = []
        # One row per (block, term) pair: term number, block number, frequency; grouped
        # by term with one stable sort below instead of a Python list per term.
        vocabulary: dict[str, int] = {}
        row_terms, row_blocks, row_tfs = array("l"), array("l"), array("d")
        lengths = array("d")
        counted: dict[str, tuple[list[int], list[int], int]] = {}  # by text: boilerplate is stemmed once
        for doc_id in sorted(documents):
            doc_type, doc = documents[doc_id]
            if doc is None or not doc.readable:
                continue
            for page in doc.pages:
                for block in page.blocks:
                    i = len(self.blocks)
                    self.blocks.append(LocatedBlock.on_page(doc_id, doc_type, page, block))
                    found = counted.get(block.text)
                    if found is None:
                        counts = Counter(terms(block.text))
                        found = counted[block.text] = (
                            [vocabulary.setdefault(t, len(vocabulary)) for t in counts], list(counts.values()),
                            sum(counts.values()))
                    ids, tfs, length = found
                    row_terms.extend(ids)
                    row_blocks.extend([i] * len(ids))
                    row_tfs.extend(tfs)
                    lengths.append(length)
        self.index = {(b.doc_id, b.physical, b.n): i for i, b in enumerate(self.blocks)}
        total = len(self.blocks)
        lengths_np = np.frombuffer(lengths, dtype=np.float64) if total else np.zeros(0)
        average = float(lengths_np.sum() / total) if total else 1.0
        norms = self.K1 * (1 - self.B + self.B * lengths_np / average)
        term_of = np.frombuffer(row_terms, dtype=np.int64) if row_terms else np.zeros(0, dtype=np.int64)
        order = np.argsort(term_of, kind="stable")  # stable: each term's blocks stay in block order
        blocks_sorted = np.frombuffer(row_blocks, dtype=np.int64)[order] if row_blocks else np.zeros(0, dtype=np.int64)
        tfs_sorted = np.frombuffer(row_tfs, dtype=np.float64)[order] if row_tfs else np.zeros(0)
        bounds = np.searchsorted(term_of[order], np.arange(len(vocabulary) + 1))
        self.idf: dict[str, float] = {}
        # term -> (block numbers, the term's BM25 share of each block's score)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, k in vocabulary.items():
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            df = hi - lo
            idf = self.idf[term] = math.log(1 + (total - df + 0.5) / (df + 0.5))
            ids, tf = blocks_sorted[lo:hi], tfs_sorted[lo:hi]
            self._postings[term] = (ids, idf * tf * (self.K1 + 1) / (tf + norms[ids]))
        self._doc_ids = np.asarray([b.doc_id for b in self.blocks], dtype=object)
        self._doc_types = np.asarray([b.doc_type for b in self.blocks], dtype=object)
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._masks: OrderedDict[tuple, np.ndarray | None] = OrderedDict()

    def document_frequency(self, term: str) -> int:
        """How many blocks have the stem `term`."""
        found = self._postings.get(term)
        return 0 if found is None else len(found[0])

    def _scores(self, query: str) -> np.ndarray:
        """The BM25 score of every block for `query` (0.0 where no term matches)."""
        scores = self._queries.get(query)
        if scores is not None:
            self._queries.move_to_end(query)
            return scores
        scores = np.zeros(len(self.blocks), dtype=np.float64)
        for term in sorted(set(terms(query))):
            found = self._postings.get(term)
            if found is not None:
                ids, shares = found
                scores[ids] += shares  # a term lists each block once, so no index repeats
        self._queries[query] = scores
        if len(self._queries) > _QUERY_CACHE:
            self._queries.popitem(last=False)
        return scores

    def _weighted_scores(self, weights: tuple[tuple[str, float], ...]) -> np.ndarray:
        """The score of every block for a query of weighted stems: each term's BM25 share times its weight.

        The form a query takes after pseudo-relevance feedback (scoring/rm3.py), where
        the expansion terms weigh less than the line's own words.
        """
        scores = self._queries.get(weights)
        if scores is not None:
            self._queries.move_to_end(weights)
            return scores
        scores = np.zeros(len(self.blocks), dtype=np.float64)
        for term, weight in weights:  # sorted by the caller: the float sum is in a fixed order
            found = self._postings.get(term)
            if found is not None and weight > 0:
                ids, shares = found
                scores[ids] += weight * shares
        self._queries[weights] = scores
        if len(self._queries) > _QUERY_CACHE:
            self._queries.popitem(last=False)
        return scores

    def _mask(self, doc_types, doc_ids) -> np.ndarray | None:
        """Which blocks a search restricted to `doc_types` and `doc_ids` may return; None: all."""
        if doc_types is None and doc_ids is None:
            return None
        key = (None if doc_types is None else frozenset(doc_types), None if doc_ids is None else frozenset(doc_ids))
        if key in self._masks:
            self._masks.move_to_end(key)
            return self._masks[key]
        mask = np.ones(len(self.blocks), dtype=bool)
        if key[0] is not None:
            mask &= np.isin(self._doc_types, list(key[0]))
        if key[1] is not None:
            mask &= np.isin(self._doc_ids, list(key[1]))
        self._masks[key] = mask
        if len(self._masks) > _MASK_CACHE:
            self._masks.popitem(last=False)
        return mask

    def score_blocks(self, query: str, keys: Sequence[BlockAddress]) -> dict[BlockAddress, float]:
        """BM25 score of each block key for the query; 0.0 for a key no block has."""
        scores = self._scores(query)
        index = self.index
        return {key: float(scores[index[key]]) if key in index else 0.0 for key in keys}

    def search(self, query: str, *, doc_types=None, doc_ids=None, limit: int = 10) -> list[ScoredBlock]:
        """The best `limit` blocks sharing a word with `query`, best first, within the restriction."""
        if limit <= 0:
            return []
        return self._best(self._scores(query), doc_types, doc_ids, limit)

    def search_weighted(self, weights: Mapping[str, float], *, doc_types=None, doc_ids=None,
                        limit: int = 10) -> list[ScoredBlock]:
        """As `search`, for a query of stems with weights ({"monitor": 0.2, "audit": 0.05})."""
        if limit <= 0 or not weights:
            return []
        return self._best(self._weighted_scores(tuple(sorted(weights.items()))), doc_types, doc_ids, limit)

    def _best(self, scores: np.ndarray, doc_types, doc_ids, limit: int) -> list[ScoredBlock]:
        """The best `limit` blocks by `scores` (above 0, within the restriction), ties by position."""
        matched = scores > 0.0
        mask = self._mask(doc_types, doc_ids)
        if mask is not None:
            matched &= mask
        found = np.flatnonzero(matched)
        if len(found) > limit:
            # Every block scoring at least the limit-th best score, ties included, so the
            # tie-break below sees them all.
            values = scores[found]
            threshold = np.partition(values, len(values) - limit)[len(values) - limit]
            found = found[values >= threshold]
        blocks = self.blocks
        ranked = sorted(
            (-float(scores[i]), blocks[i].doc_id, blocks[i].physical, blocks[i].n, int(i)) for i in found
        )[:limit]
        out = []
        for negative, _, _, _, i in ranked:
            out.append(ScoredBlock(blocks[i], -negative))
        return out
