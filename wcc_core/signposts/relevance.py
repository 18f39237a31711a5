"""Stage 5: how well the cited text fits the criteria it is cited for.

For each verified signpost the criteria lines of its competency (or sub-competency, or
governance sub-component) become one BM25 query. The relevance of the signpost is the
best BM25 score among its cited blocks divided by the best score any block of the
whole submission gets for the same query, so 1.0 means "nothing in the submission
fits these criteria better than what was cited" and 0 means "the cited text shares
no distinctive word with the criteria". Dividing by the submission's best keeps the
figure comparable across criteria whose texts have very different lengths, where raw
BM25 scores are not.

When the relevance is low the best-fitting blocks of the document types the handbook
lists as evidence for that element (appendices V-VI) are suggested instead. Scores
come from anything with the `BlockScorer` methods: `InMemoryScorer` over the blocks
of the submission's index in the CLI (see its docstring for why not Whoosh itself), or
the Whoosh `SubmissionIndex`, which has the same methods.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Protocol, Sequence

from indexer.model import ExtractedDocument
from wcc_core.signposts.model import SignpostReport, SignpostResult, Suggestion
from wcc_core.signposts.verify import excerpt

# Below this the cited text carries less than about a third of the criteria-word weight
# that the submission's best passage carries: it may mention the topic, but another
# passage is much more about it. A judgement, not a calibration: revisit it once the
# corpus has signposts an analyst has marked as relevant or not.
LOW_RELEVANCE = 0.35
SUGGESTIONS = 3

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


def _terms(text: str) -> list[str]:
    """Lower-case words without stop words, plurals folded ("services" -> "service")."""
    words = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


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
                    counts = Counter(_terms(block.text))
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
        for term in set(_terms(query)):
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


def criteria_query(framework, element: str, key: str, sub: str | None) -> str:
    """The text relevance scores against: titles and criteria lines of what the signpost is for."""
    parts: list[str] = []
    if element == "governance":
        found = framework.governance_sub(key)
        if found is not None:
            parts.append(found.title)
    else:
        competency = framework.competencies.get(key)
        if competency is not None:
            if not sub:  # the competency's own title only speaks for all of it
                parts.append(competency.title)
            subs = [competency.sub(sub)] if sub else list(competency.subcompetencies)
            parts.extend(s.title for s in subs if s is not None)
    parts.extend(line.text for line in framework.criteria_for(element, key, sub))
    return " ".join(parts)


def _cited_keys(result: SignpostResult) -> list[BlockKey]:
    keys = [(result.document, physical, n) for loc in result.locators for physical, n in loc.blocks]
    return list(dict.fromkeys(keys))


def score_relevance(report: SignpostReport, framework, scorer: BlockScorer) -> SignpostReport:
    """The report with `relevance` (and `suggestions` where low) set on every verified signpost.

    Signposts for the same criteria share one query, so each distinct query costs one
    batch of block scores and two searches however many signposts cite for it.
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, result in enumerate(report.results):
        if result.verified and result.document and _cited_keys(result):
            groups[(result.element, result.key, result.sub)].append(i)
    results = list(report.results)
    for (element, key, sub), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")):
        query = criteria_query(framework, element, key, sub)
        if not query.strip():
            continue
        keys = sorted({k for i in members for k in _cited_keys(results[i])})
        scores = scorer.score_blocks(query, keys)
        top = scorer.search(query, limit=1)
        best = top[0].score if top else 0.0
        types = tuple(framework.evidence_for(element, key, sub).documents) or None
        pool = None
        for i in members:
            cited = _cited_keys(results[i])
            raw = max((scores.get(k, 0.0) for k in cited), default=0.0)
            relevance = round(min(1.0, raw / best), 2) if best > 0 else 0.0
            suggestions: tuple[Suggestion, ...] = ()
            if relevance < LOW_RELEVANCE:
                if pool is None:
                    pool = scorer.search(query, doc_types=types, limit=SUGGESTIONS + len(keys))
                suggestions = _suggest(pool, set(cited), raw, best)
            results[i] = replace(results[i], relevance=relevance, suggestions=suggestions)
    return replace(report, results=tuple(results))


def _suggest(pool: list, cited: set[BlockKey], cited_score: float, best: float) -> tuple[Suggestion, ...]:
    """The best blocks of the pool that are not cited and fit the criteria better than the cited text."""
    hits = sorted(pool, key=lambda h: (-h.score, h.doc_id, h.physical, h.n))
    chosen = []
    for hit in hits:
        if (hit.doc_id, hit.physical, hit.n) in cited or hit.score <= cited_score:
            continue
        chosen.append(
            Suggestion(hit.doc_id, str(hit.label), hit.physical, hit.n, excerpt(hit.text), round(min(1.0, hit.score / best), 2))
        )
        if len(chosen) == SUGGESTIONS:
            break
    return tuple(chosen)
