"""What a rating plugin is given: the assessment context and the evidence search.

One context grows with the product (datasette passes `datasette` to nearly every hook):
new capabilities are added here, never to hook signatures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from indexer.model import ExtractedDocument, LocatedBlock
from wcc_core.records.results import CriterionResult, RatingRow, SurveySummary
from wcc_core.records.findings import Finding
from wcc_core.framework.model import Framework
from wcc_core.judging.sentences import clauses, sentences
from wcc_core.scoring import InMemoryScorer, ScoredBlock, terms
from wcc_core.records.signposts import SignpostReport, SignpostResult
from wcc_core.submission.data_files import FinanceRow, MetricValue, OutcomeObservation, SurveyResponse
from wcc_core.submission.model import Submission


# A block of a document as evidence, with its BM25 score for the question asked: where it is
# printed and what it says are its `place`. Judging's word for the scorer's record.
Passage = ScoredBlock


class EvidenceSearch:
    """Questions a plugin asks of the submission's documents: ranked passages and cited blocks.

    Built once per run over the extracted documents of the index (BM25 in memory, the
    scorer the signpost verifier uses), so a plugin asking about hundreds of criterion
    lines costs milliseconds per question.
    """

    def __init__(self, documents: Mapping[str, tuple[str, ExtractedDocument | None]]):
        self.documents = dict(documents)
        self.scorer = InMemoryScorer(self.documents)
        # Every block as evidence. Its label is str(page.label): a page that prints no
        # number reads "None" in evidence, as the JSON contract has it today.
        self._blocks: dict[tuple[str, int, int], LocatedBlock] = {}
        self._sentences: dict[tuple[str, int, int], list[tuple[str, frozenset[str]]]] = {}
        self.cache: dict[str, object] = {}  # per-run memo for judging (e.g. every line's terms)
        self._rows: dict | None = None
        self._headings: dict | None = None
        for doc_id, (doc_type, doc) in self.documents.items():
            if doc is None or not doc.readable:
                continue
            for page in doc.pages:
                for block in page.blocks:
                    self._blocks[(doc_id, page.physical, block.n)] = LocatedBlock.on_page(
                        doc_id, doc_type, page, block, label=str(page.label))

    def search(self, query: str, *, doc_types=None, doc_ids=None, limit: int = 10) -> list[Passage]:
        """The best `limit` blocks for `query`, restricted to document types or ids when given."""
        hits = self.scorer.search(query, doc_types=doc_types, doc_ids=doc_ids, limit=limit)
        return [Passage(self._blocks[h.address], h.bm25) for h in hits]

    def search_weighted(self, weights, *, doc_types=None, doc_ids=None, limit: int = 10) -> list[Passage]:
        """As `search`, for a query of stems with weights (an expanded query: scoring/rm3.py)."""
        hits = self.scorer.search_weighted(weights, doc_types=doc_types, doc_ids=doc_ids, limit=limit)
        return [Passage(self._blocks[h.address], h.bm25) for h in hits]

    def sentences(self, passage: Passage) -> list[tuple[str, frozenset[str]]]:
        """The passage's clauses and sentences (pysbd's rule-based splitter) with their word stems, once per run.

        Each sentence of several clauses comes after its clauses, so a clause that fits as
        well as its whole sentence is the one judged ("X is monitored" in "X is monitored,
        but we do not yet analyse it by group").
        """
        found = self._sentences.get(passage.address)
        if found is None:
            found = []
            text = passage.place.text
            for sentence in sentences(text) or [text]:
                parts = clauses(sentence)
                units = parts + [sentence] if len(parts) > 1 else [sentence]
                found.extend((unit, frozenset(terms(unit))) for unit in units)
            self._sentences[passage.address] = found
        return found

    def heading_of(self, passage: Passage) -> str | None:
        """The heading a list item sits under (the nearest heading above it on its page or the page before).

        A bullet under "Where we want to be by 2014" is an ambition, whatever its own words.
        Only list items and paragraphs may stand between them.
        """
        if self._headings is None:
            self._headings = {}
            current: dict[str, str | None] = {}
            for key in sorted(self._blocks):
                block = self._blocks[key]
                doc = key[0]
                if block.kind == "heading":
                    current[doc] = block.text
                elif block.kind == "table_cell":
                    current[doc] = None
                self._headings[key] = current.get(doc) if block.kind == "list_item" else None
        return self._headings.get(passage.address)

    def row(self, passage: Passage) -> str | None:
        """A table cell's whole row, its cells joined by " | ", read as one statement; None for other blocks.

        A PDF cell's row is the cells printed on the same line of the page (tops within
        3 points): an action plan's "Due March 2011" or "Complete" speaks for its row.
        """
        if passage.place.kind != "table_cell" or passage.place.bbox is None:
            return None
        if self._rows is None:
            self._rows = {}
            cells: dict[tuple[str, int], list[LocatedBlock]] = {}
            for p in self._blocks.values():
                if p.kind == "table_cell" and p.bbox is not None:
                    cells.setdefault((p.doc_id, p.physical), []).append(p)
            for page_cells in cells.values():
                page_cells.sort(key=lambda p: (p.bbox[1], p.bbox[0]))
                for p in page_cells:
                    mates = [q for q in page_cells if abs(q.bbox[1] - p.bbox[1]) <= 3.0]
                    mates.sort(key=lambda q: q.bbox[0])
                    self._rows[p.address] = " | ".join(" ".join(q.text.split()) for q in mates) if len(mates) > 1 else None
        return self._rows.get(passage.address)

    def passage(self, doc_id: str, physical: int, n: int) -> Passage | None:
        """The block at (document id, physical page, block number), or None."""
        place = self._blocks.get((doc_id, physical, n))
        return None if place is None else Passage(place)

    def score(self, query: str, passages: list[Passage]) -> list[Passage]:
        """`passages` with their BM25 score for `query`."""
        scores = self.scorer.score_blocks(query, [p.address for p in passages])
        return [Passage(p.place, scores.get(p.address, 0.0)) for p in passages]

    def best_score(self, query: str, *, doc_types=None) -> float:
        """The score of the best block for `query` (0.0 when none matches), optionally among some document types."""
        top = self.scorer.search(query, doc_types=doc_types, limit=1)
        return top[0].bm25 if top else 0.0

    def document_types(self) -> dict[str, str]:
        """Document id -> type, for every document of the submission."""
        return {doc_id: doc_type for doc_id, (doc_type, _) in self.documents.items()}


@dataclass(frozen=True)
class SubComponentJudgement:
    """What a governance plugin returns for one sub-component.

    `criteria` judges every line; where the handbook's rule is arithmetic, `rating` is
    the colour it gives (None: cannot rate), `rule` says the rule in words and `table`
    shows the rows behind it. With `rating` unset the core applies the framework's
    rating rule to the criteria statuses.
    """

    criteria: tuple[CriterionResult, ...] = ()
    rating: str | None = None
    arithmetic: bool = False  # True when `rating` comes from figures (even when None: cannot rate)
    rule: str = ""
    table: tuple[RatingRow, ...] = ()
    warnings: tuple[str, ...] = ()
    rating_rule: object | None = None  # governance_rules.RatingRule read from the plugin's data; None: the default


@dataclass
class AssessmentContext:
    """Everything a rating plugin may read. Plugins must not modify it."""

    submission: Submission
    framework: Framework
    signposts: SignpostReport
    evidence: EvidenceSearch
    survey: SurveySummary | None = None
    survey_responses: tuple[SurveyResponse, ...] = ()
    metrics: dict[str, MetricValue] = field(default_factory=dict)
    finance: tuple[FinanceRow, ...] = ()
    outcome_series: tuple[OutcomeObservation, ...] = ()
    data_files: dict[str, str] = field(default_factory=dict)  # role -> relative path, for messages
    findings: list[Finding] = field(default_factory=list)  # data problems found while reading
    judging_steps: object = None  # judging.steps.Steps for this framework (wcc_judging_steps hook); None: default

    def signposts_for(self, element: str, key: str, sub: str | None = None) -> list[SignpostResult]:
        """The signposts the PCT gave for `key`; for a sub-competency, those tied to it or to none."""
        return [r for r in self.signposts.results
                if r.element == element and r.key == key and (sub is None or r.sub in (None, sub))]

    def signposted_passages(self, element: str, key: str, sub: str | None = None) -> list[tuple[SignpostResult, Passage]]:
        """Every block a verified signpost for `key` (and `sub`) cites, with the signpost.

        Only verified locators count: "analysts will only review the evidence where it has
        been clearly sign-posted" (handbook chapter 4).
        """
        out = []
        seen = set()
        for result in self.signposts_for(element, key, sub):
            if not result.document:
                continue
            for locator in result.locators:
                if locator.status != "verified":
                    continue
                for physical, n in locator.blocks:
                    passage = self.evidence.passage(result.document, physical, n)
                    if passage is not None and passage.address not in seen:
                        seen.add(passage.address)
                        out.append((result, passage))
        return out

    def metric(self, key: str) -> MetricValue | None:
        """The submission's figure for this metric key, or None."""
        return self.metrics.get(key)
