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

from collections import defaultdict
from dataclasses import replace

from wcc_core.scoring.bm25 import BlockAddress, BlockScorer, InMemoryScorer, ScoredBlock  # noqa: F401  (re-exported)
from wcc_core.records.signposts import LOW_RELEVANCE, SignpostReport, SignpostResult, Suggestion  # noqa: F401
from wcc_core.signposts.verify import excerpt

SUGGESTIONS = 3


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


def _cited_addresses(result: SignpostResult) -> list[BlockAddress]:
    keys = [(result.document, physical, n) for loc in result.locators for physical, n in loc.blocks]
    return list(dict.fromkeys(keys))


def score_relevance(report: SignpostReport, framework, scorer: BlockScorer) -> SignpostReport:
    """The report with `relevance` (and `suggestions` where low) set on every verified signpost.

    Signposts for the same criteria share one query, so each distinct query costs one
    batch of block scores and two searches however many signposts cite for it.
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, result in enumerate(report.results):
        if result.verified and result.document and _cited_addresses(result):
            groups[(result.element, result.key, result.sub)].append(i)
    results = list(report.results)
    for (element, key, sub), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")):
        query = criteria_query(framework, element, key, sub)
        if not query.strip():
            continue
        keys = sorted({k for i in members for k in _cited_addresses(results[i])})
        scores = scorer.score_blocks(query, keys)
        top = scorer.search(query, limit=1)
        best = top[0].bm25 if top else 0.0
        types = tuple(framework.evidence_for(element, key, sub).documents) or None
        pool = None
        for i in members:
            cited = _cited_addresses(results[i])
            raw = max((scores.get(k, 0.0) for k in cited), default=0.0)
            relevance = round(min(1.0, raw / best), 2) if best > 0 else 0.0
            suggestions: tuple[Suggestion, ...] = ()
            if relevance < LOW_RELEVANCE:
                if pool is None:
                    pool = scorer.search(query, doc_types=types, limit=SUGGESTIONS + len(keys))
                suggestions = _suggest(pool, set(cited), raw, best)
            results[i] = replace(results[i], relevance=relevance, suggestions=suggestions)
    return replace(report, results=tuple(results))


def _suggest(pool: list, cited: set[BlockAddress], cited_score: float, best: float) -> tuple[Suggestion, ...]:
    """The best blocks of the pool that are not cited and fit the criteria better than the cited text."""
    hits = sorted(pool, key=lambda h: (-h.bm25, h.place.doc_id, h.place.physical, h.place.n))
    chosen = []
    for hit in hits:
        if hit.place.address in cited or hit.bm25 <= cited_score:
            continue
        chosen.append(
            Suggestion(hit.place, excerpt(hit.place.text), round(min(1.0, hit.bm25 / best), 2))
        )
        if len(chosen) == SUGGESTIONS:
            break
    return tuple(chosen)
