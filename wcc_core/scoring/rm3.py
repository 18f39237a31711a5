"""RM3 pseudo-relevance feedback over a submission's own text (Lavrenko & Croft's relevance model).

A criterion line's words are the handbook's; a PCT states the same thing in its own. RM3
reads the words the line's best BM25 passages share: it retrieves the top `docs`
passages, takes each one's term distribution (term frequency over its length, pruned to
its `terms` most frequent terms), weighs it by the passage's BM25 score, keeps the `terms`
heaviest terms of the sum, and interpolates that distribution with the original query
(`weight` on the original). This is the variant Anserini's `Rm3Reranker` implements
(also Pyserini's `set_rm3(fb_terms=10, fb_docs=10, original_query_weight=0.5)`),
including its filter of terms found in more than a tenth of the collection's passages.

Everything is arithmetic on the index already built (bm25.InMemoryScorer): nothing is
learnt or downloaded, and ties are broken by the term, so the expansion is deterministic.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Mapping

from wcc_core.scoring.bm25 import InMemoryScorer, terms

# Anserini drops feedback terms found in more than this share of the passages: they say
# nothing about any topic ("service", "plan" in commissioning documents).
MAX_DF_SHARE = 0.1


@functools.lru_cache(maxsize=4096)
def _counts(text: str) -> tuple[tuple[str, int], ...]:
    """(stem, count) of a passage, worked out once per run: the same passages feed back for many lines."""
    return tuple(sorted(Counter(terms(text)).items()))


def _top(weights: Mapping[str, float], n: int) -> dict[str, float]:
    """The `n` heaviest terms, ties by the term, scaled to sum to 1."""
    kept = sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[:n]
    total = sum(w for _, w in kept)
    return {t: w / total for t, w in kept} if total > 0 else {}


def relevance_model(scorer: InMemoryScorer, query: Mapping[str, float], *, docs: int = 10, n_terms: int = 10,
                    doc_types=None) -> dict[str, float]:
    """P(term | relevant) estimated from the top `docs` BM25 passages for `query` (stem -> weight), its `n_terms` heaviest terms."""
    total = len(scorer.blocks) or 1
    model: dict[str, float] = {}
    for hit in scorer.search_weighted(query, doc_types=doc_types, limit=docs):
        counts = {t: n for t, n in _counts(hit.place.text)
                  if not t.isdigit() and scorer.document_frequency(t) / total <= MAX_DF_SHARE}
        for term, share in sorted(_top(counts, n_terms).items()):
            model[term] = model.get(term, 0.0) + share * hit.bm25
    return _top(model, n_terms)


def interpolate(query: Mapping[str, float], model: Mapping[str, float], original_weight: float) -> dict[str, float]:
    """The expanded query: `original_weight` x the query (scaled to sum to 1) + the rest x the model."""
    total = sum(query.values())
    out = {t: original_weight * w / total for t, w in sorted(query.items())} if total > 0 else {}
    for term, weight in sorted(model.items()):
        out[term] = out.get(term, 0.0) + (1.0 - original_weight) * weight
    return out
