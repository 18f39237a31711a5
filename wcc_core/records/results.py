"""The one assessment result every renderer reads: proposals, their evidence, the panel's focus.

`run_assessment` (pipeline.py) builds one `Assessment`; the terminal, JSON, HTML, DOCX
and XLSX outputs are all rendered from it, and `Assessment.to_json()` is the JSON
contract of SUBMISSION_FORMAT.md ("wcc assess"), extended compatibly.

Statuses come from closed vocabularies (below): a criterion is `met`, `not_met`,
`no_evidence` or `needs_panel`, which keeps "the evidence says no" apart from "nothing
was found" and "only the panel day can tell", as OpenSCAP keeps fail apart from unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indexer.model import LocatedBlock
from wcc_core.records.findings import Finding
from wcc_core.records.signposts import SignpostReport

# One status vocabulary for criterion lines, shared by competencies and governance.
CRITERION_STATUSES = ("met", "not_met", "no_evidence", "needs_panel")
# Where a piece of evidence came from.
EVIDENCE_SOURCES = ("signpost", "search", "survey", "metric", "review")
# What a passage says about its criterion.
STANCES = ("for", "against", "neutral")


def _with_decision(out: dict, key: str, before, decided_by: str | None) -> dict:
    """`out` with what a recorded decision changed: the plugins' own answer under `key`, and who decided.

    Written only when a decision changed the result, so an undecided assessment's JSON
    is exactly the contract's.
    """
    if before is not None:
        out[key] = before
        out["decided_by"] = decided_by
    return out


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence for or against a criterion line, traceable to the printed page.

    Text evidence has a `place`: the document, printed and physical page and paragraph,
    and the block's box (PDF points, top-left origin) that lets a renderer crop it from
    the rendered page. Survey and metric evidence has none and carries its figure in
    `excerpt`.
    """

    source: str  # one of EVIDENCE_SOURCES
    excerpt: str
    fit: float = 0.0  # how well the passage fits the line, 0..1 (1 for figures); "score" in the JSON
    stance: str = "for"  # one of STANCES
    place: LocatedBlock | None = None  # None: a figure, not a passage
    cue: str = ""  # the negation or intention words that made it "against"
    assertion: str = ""  # its ConText status for the line (judging/assertion.py): affirmed, negated, intended ...

    @property
    def where(self) -> str:
        """"SP p.20 para 4", or the source for figures."""
        return self.source if self.place is None else self.place.where

    def to_json(self) -> dict:
        """The evidence as the JSON contract writes it (its fit as "score", to two decimals; no cue is null)."""
        place = self.place
        bbox = place.bbox if place is not None else None
        return {
            "document": place.doc_id if place is not None else None,
            "page": place.label if place is not None else None,
            "physical_page": place.physical if place is not None else None,
            "paragraph": place.n if place is not None else None,
            "excerpt": self.excerpt,
            "score": round(self.fit, 2),
            "source": self.source,
            "stance": self.stance,
            "cue": self.cue or None,
            "bbox": [round(v, 1) for v in bbox] if bbox else None,
            **({"assertion": self.assertion} if self.assertion else {}),
        }


@dataclass(frozen=True)
class CriterionResult:
    """A plugin's judgement of one criterion line: a status, a one-line reason, its evidence."""

    id: str  # "C6b.3" — stable across runs
    text: str
    status: str  # one of CRITERION_STATUSES
    reason: str  # "met: SP p.20 para 4"
    evidence: tuple[EvidenceItem, ...] = ()
    level: int | None = None  # competency lines
    rating: str | None = None  # governance lines
    warnings: tuple[str, ...] = ()
    enquiry: str = ""  # a point of enquiry for the panel day, where one is suggested
    proposed_status: str | None = None  # set when a decision changed `status` (review/apply.py)
    decided_by: str | None = None  # "analyst A. Analyst" when a decision stands
    probability: float | None = None  # P(met) from the line model (judging/line_model.py); None: not modelled
    signals: tuple[tuple[str, float], ...] = ()  # the line model's features, for tracing the probability

    def to_json(self) -> dict:
        """The criterion line's result as the JSON contract writes it (level and rating only when the line has one)."""
        out: dict[str, Any] = {"id": self.id}
        if self.level is not None:
            out["level"] = self.level
        if self.rating is not None:
            out["rating"] = self.rating
        out.update({
            "text": self.text,
            "status": self.status,
            "reason": self.reason,
            "evidence": [e.to_json() for e in self.evidence],
            "warnings": list(self.warnings),
        })
        if self.enquiry:
            out["enquiry"] = self.enquiry
        if self.probability is not None:
            out["p_met"] = self.probability
            out["signals"] = dict(self.signals)
        return _with_decision(out, "proposed_status", self.proposed_status, self.decided_by)


@dataclass(frozen=True)
class LevelStep:
    """Why a sub-competency did or did not reach one level, for the panel to check."""

    level: int
    reached: bool
    explanation: str  # "level 3 not reached: 'Investment decisions are evaluated ...' has no evidence"


@dataclass(frozen=True)
class SubCompetencyResult:
    """One sub-competency's proposal: self-assessed, proposed and last year's level numbers, the criteria behind it."""

    key: str  # "a"
    full_key: str  # "C1a"
    title: str
    self_level: int | None
    proposed: int
    last_year: int | None
    criteria: tuple[CriterionResult, ...]
    steps: tuple[LevelStep, ...] = ()
    rationale: str = ""
    warnings: tuple[str, ...] = ()
    proposed_by_evidence: int | None = None  # the plugins' level when a decision changed `proposed`
    decided_by: str | None = None
    # The other surveys and metrics appendix V names for this sub-competency, as found in
    # metrics.csv (source "survey" or "metric"); their absence is a warning, never a guess.
    figures: tuple[EvidenceItem, ...] = ()
    # Under uncertainty (assessment/uncertainty.py): the evidence's P(level), the level the
    # line statuses alone reach, the proposal's confidence, its verdict and the lines to check.
    distribution: tuple[tuple[int, float], ...] = ()
    evidence_level: int | None = None
    confidence: float | None = None
    verdict: str = ""
    lines_to_check: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """How many lines have each status, in the vocabulary's order."""
        return {s: sum(1 for c in self.criteria if c.status == s) for s in CRITERION_STATUSES}

    def to_json(self, level_names: dict[int, str] | None = None) -> dict:
        """The sub-competency's proposal as the JSON contract writes it; `level_names` adds each level by name."""
        out = {
            "title": self.title,
            "self": self.self_level,
            "proposed": self.proposed,
            "last_year": self.last_year,
            "counts": self.counts(),
            "deciding": [s.explanation for s in self.steps],
            "figures": [f.to_json() for f in self.figures],
            "rationale": self.rationale,
            "warnings": list(self.warnings),
            "criteria": [c.to_json() for c in self.criteria],
        }
        if self.distribution:
            out.update({"evidence_level": self.evidence_level, "level_distribution": {str(k): v for k, v in self.distribution},
                        "confidence": self.confidence, "verdict": self.verdict,
                        "lines_to_check": list(self.lines_to_check)})
        if level_names:  # the framework names its levels ("Intermediate"): say each level by name too
            out["proposed_name"] = level_names.get(self.proposed, str(self.proposed))
            out["self_name"] = level_names.get(self.self_level) if self.self_level is not None else None
            out["last_year_name"] = level_names.get(self.last_year) if self.last_year is not None else None
        return _with_decision(out, "proposed_by_evidence", self.proposed_by_evidence, self.decided_by)


@dataclass(frozen=True)
class CompetencyResult:
    """One competency: the mean of its sub-competencies' levels (one decimal) and their results."""

    key: str  # "C1"
    title: str
    score: float | None  # mean of proposed levels, one decimal
    self_score: float | None
    last_year_score: float | None
    subcompetencies: tuple[SubCompetencyResult, ...]

    def sub(self, key: str) -> SubCompetencyResult | None:
        """The sub-competency with this key, or None."""
        return next((s for s in self.subcompetencies if s.key == key), None)

    def to_json(self, level_names: dict[int, str] | None = None) -> dict:
        """The competency's scores and sub-competencies as the JSON contract writes them."""
        return {
            "title": self.title,
            "score": self.score,
            "self_score": self.self_score,
            "last_year_score": self.last_year_score,
            "subcompetencies": {s.key: s.to_json(level_names) for s in self.subcompetencies},
        }


@dataclass(frozen=True)
class RatingRow:
    """One row of the table behind an arithmetic rating (a finance year, a Vital Signs figure)."""

    cells: tuple[tuple[str, Any], ...]  # (column, value) in display order
    rating: str | None  # the colour this row gives, or None when it cannot be rated
    decides: bool = False  # this row decided the sub-component's colour

    def to_json(self) -> dict:
        """The rating table's row as the JSON contract writes it: its cells, the rating, and whether it decides."""
        return {**{k: v for k, v in self.cells}, "rating": self.rating, "decides": self.decides}


@dataclass(frozen=True)
class SubComponentResult:
    """One governance sub-component's proposal: ratings of the framework's scale, the rule and criteria behind it."""

    key: str  # "historical"
    full_key: str  # "finance.historical"
    title: str
    self_rating: str | None
    proposed: str | None  # a rating of the framework's scale, or None: cannot rate
    last_year: str | None
    criteria: tuple[CriterionResult, ...] = ()
    rule: str = ""  # the rule that gave `proposed`, in words
    table: tuple[RatingRow, ...] = ()
    rationale: str = ""
    warnings: tuple[str, ...] = ()
    proposed_by_evidence: str | None = None
    decided_by: str | None = None
    arithmetic: bool = False  # `proposed` comes from figures (finance.csv), not from criteria statuses
    rating_rule: Any = field(default=None, compare=False, repr=False)  # governance_rules.RatingRule from data

    def deviation(self, ratings: tuple[str, ...]) -> dict[str, str | None]:
        """How the proposal stands against the self-assessment and last year, on the scale `ratings` (worst first).

        "self": "above" when the PCT rated itself better than the evidence, "below", "same";
        "last_year": "better", "worse", "same"; None where either rating is missing.
        """
        def versus(a, b, up: str, down: str) -> str | None:
            if a not in ratings or b not in ratings:
                return None
            a, b = ratings.index(a), ratings.index(b)
            return "same" if a == b else up if a > b else down

        return {"self": versus(self.self_rating, self.proposed, "above", "below"),
                "last_year": versus(self.proposed, self.last_year, "better", "worse")}

    def to_json(self, ratings: tuple[str, ...] = ()) -> dict:
        """The sub-component's proposal as the JSON contract writes it; `ratings` (worst first) adds its deviation."""
        out = {
            "title": self.title,
            "self": self.self_rating,
            "proposed": self.proposed,
            "last_year": self.last_year,
            "rule": self.rule,
            "arithmetic": self.arithmetic,
            "rationale": self.rationale,
            "table": [r.to_json() for r in self.table],
            "warnings": list(self.warnings),
            "criteria": [c.to_json() for c in self.criteria],
        }
        if ratings:
            out["deviation"] = self.deviation(ratings)
        return _with_decision(out, "proposed_by_evidence", self.proposed_by_evidence, self.decided_by)


@dataclass(frozen=True)
class GovernanceResult:
    """One governance component: the rating its sub-components give under the stated rule."""

    key: str  # "finance"
    title: str
    self_rating: str | None
    proposed: str | None
    last_year: str | None
    subcomponents: tuple[SubComponentResult, ...]
    rule: str = ""
    proposed_by_evidence: str | None = None
    decided_by: str | None = None

    def sub(self, key: str) -> SubComponentResult | None:
        """The sub-component with this key, or None."""
        return next((s for s in self.subcomponents if s.key == key), None)

    def to_json(self, ratings: tuple[str, ...] = ()) -> dict:
        """The governance component's proposal and sub-components as the JSON contract writes them."""
        out = {
            "title": self.title,
            "self": self.self_rating,
            "proposed": self.proposed,
            "last_year": self.last_year,
            "rule": self.rule,
            "subcomponents": {s.key: s.to_json(ratings) for s in self.subcomponents},
        }
        return _with_decision(out, "proposed_by_evidence", self.proposed_by_evidence, self.decided_by)


@dataclass(frozen=True)
class OutcomeResult:
    """One selected outcome compared with its peers (not rated: the handbook compares)."""

    ref: str
    name: str
    higher_is_better: bool | None
    cagr: dict[str, float | None]  # "pct", "national", "ons_cluster", "top_decile" -> % a year
    aspiration_cagr: float | None
    latest: dict[str, Any] = field(default_factory=dict)  # year and values of the latest actuals
    aspiration: tuple[float, ...] = ()
    flags: tuple[str, ...] = ()  # "ambitious", "might be more aggressive", "improving slower than national" ...
    comparison: dict[str, str] = field(default_factory=dict)  # peer -> "better" / "worse" / "same": rate of improvement (polarity applied)
    changed_since_last_year: bool = False
    rationale: str = ""
    locally_defined: bool = False
    conditions: tuple[tuple[str, bool, str], ...] = ()  # (condition key, met, message)
    findings: tuple[str, ...] = ()  # data problems: "cannot compute CAGR: first value is 0"
    position: dict[str, str] = field(default_factory=dict)  # peer -> "better" / "worse" / "same": latest value
    trend: str | None = None  # "improving" / "worsening" / "no change" over the historic years (polarity applied)
    periods: dict[str, str] = field(default_factory=dict)  # "historic": "2005/06-2008/09", "aspiration": ...
    ambition_rule: str = ""  # the rule behind the ambition flag, in words
    relative: dict[str, float | None] = field(default_factory=dict)  # peer -> PCT rate minus peer rate, + = better

    def to_json(self) -> dict:
        """The outcome's trend against its aspiration as the JSON contract writes it."""
        return {
            "ref": self.ref,
            "name": self.name,
            "higher_is_better": self.higher_is_better,
            "cagr": self.cagr,
            "aspiration_cagr": self.aspiration_cagr,
            "latest": self.latest,
            "aspiration": list(self.aspiration),
            "comparison": self.comparison,
            "relative": self.relative,
            "position": self.position,
            "trend": self.trend,
            "periods": self.periods,
            "flags": list(self.flags),
            "ambition_rule": self.ambition_rule,
            "changed_since_last_year": self.changed_since_last_year,
            "rationale": self.rationale,
            "locally_defined": self.locally_defined,
            "conditions": [{"key": k, "met": m, "message": msg} for k, m, msg in self.conditions],
            "findings": list(self.findings),
        }


@dataclass(frozen=True)
class SurveyQuestion:
    """One survey statement as answered: how many answered, the mean (2 dp) and the SHA average."""

    question: str  # "q1"
    text: str
    competencies: tuple[str, ...]
    answered: int  # responses with a 1..6 answer
    mean: float | None  # 2 dp
    sha_average: float | None

    def to_json(self) -> dict:
        """The survey question's summary as the JSON contract writes it."""
        return {"question": self.question, "text": self.text, "competencies": list(self.competencies),
                "answered": self.answered, "mean": self.mean, "sha_average": self.sha_average}


@dataclass(frozen=True)
class SurveySummary:
    """The stakeholder survey as the analysts read it (handbook chapter 4, "PCT feedback survey")."""

    file: str | None  # relative path, None when the submission has none
    completed: int
    minimum: int
    questions: tuple[SurveyQuestion, ...] = ()
    warnings: tuple[str, ...] = ()

    def question(self, key: str) -> SurveyQuestion | None:
        """The summary of the survey question with this key ("Q3"), or None."""
        return next((q for q in self.questions if q.question == key), None)

    def to_json(self) -> dict:
        """The stakeholder survey's summary as the JSON contract writes it."""
        return {"file": self.file, "completed": self.completed, "minimum": self.minimum,
                "questions": [q.to_json() for q in self.questions], "warnings": list(self.warnings)}


FOCUS_KINDS = ("self_above_evidence", "self_below_evidence", "improved", "limited_progress",
               "poor_signposting", "governance_deviation", "outcome_ambition", "data_problem", "outcome_change")


@dataclass(frozen=True)
class FocusArea:
    """Something the panel should look at on the panel day, and the questions to ask.

    One per sub-competency, governance sub-component, competency (its signposting) or
    outcome: every reason found for it is merged in, the most serious first (focus.py).
    """

    key: str  # "C1a", "finance.base_case", "2a"
    kind: str  # one of FOCUS_KINDS: the most serious reason's
    why: str  # every reason, most serious first, joined with "; "
    enquiries: tuple[str, ...] = ()
    priority: int = 2  # the severity tier, 1 first (focus.TIERS)
    label: str = ""  # the key in words: "C1a Title", "Finance: Sustainable financial position ..."
    kinds: tuple[str, ...] = ()  # every reason's kind, most serious first
    reasons: tuple[str, ...] = ()  # every reason on its own, most serious first (`why` joins them)

    def to_json(self) -> dict:
        """The focus area as the JSON contract writes it (kinds and reasons default to its one kind and why)."""
        return {"key": self.key, "label": self.label or self.key, "kind": self.kind,
                "kinds": list(self.kinds or (self.kind,)), "why": self.why, "reasons": list(self.reasons or (self.why,)),
                "enquiries": list(self.enquiries), "priority": self.priority}


@dataclass(frozen=True)
class DocumentSummary:
    """One submitted document as the index read it: pages, readable or why not, page numbering."""

    id: str
    type: str
    file: str
    pages: int
    readable: bool
    reason: str = ""
    numbering: str = ""

    def to_json(self) -> dict:
        """The submitted document as the JSON contract writes it."""
        return {"id": self.id, "type": self.type, "file": self.file, "pages": self.pages,
                "readable": self.readable, "reason": self.reason or None, "numbering": self.numbering}


@dataclass(frozen=True)
class Assessment:
    """Everything `wcc assess` proposes for one submission, and what it rests on."""

    submission: str  # the PCT's name
    framework: str  # framework id
    framework_name: str
    pct: dict[str, str]  # name, code, sha, ons_cluster, year_label
    levels: tuple[str, ...]  # the framework's level names, lowest first
    competencies: dict[str, CompetencyResult]
    ratings: tuple[str, ...] = ()  # the framework's governance ratings, worst first
    governance: dict[str, GovernanceResult] = field(default_factory=dict)
    outcomes: tuple[OutcomeResult, ...] = ()
    survey: SurveySummary | None = None
    signposts: SignpostReport | None = None
    focus_areas: tuple[FocusArea, ...] = ()
    documents: tuple[DocumentSummary, ...] = ()
    findings: tuple[Finding, ...] = ()  # data problems met on the way (never fatal)
    # The framework's words for the metrics.csv keys its messages name (framework.toml
    # [metric_labels]); renderers show these, never the key (wcc_core.render.view.words).
    labels: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)  # filled by review/apply.py: commentary, stale decisions
    stage: str = "briefing"  # "briefing" (proposals) or "panel_report" (panel decisions exist)

    @property
    def level_names(self) -> dict[int, str]:
        """Level number (1-based) -> the framework's name for it."""
        return {i: name for i, name in enumerate(self.levels, start=1)}

    def signpost_counts(self) -> dict[str, int]:
        """Signposts counted by verification status; empty when signposts were not checked."""
        return dict(self.signposts.summary()) if self.signposts is not None else {}

    def to_json(self) -> dict:
        """The whole assessment as the JSON contract writes it (the shape `wcc assess --format json` prints)."""
        names = self.level_names if any(n != str(i) for i, n in self.level_names.items()) else None
        out = {
            "submission": self.submission,
            "framework": self.framework,
            "framework_name": self.framework_name,
            "stage": self.stage,
            "pct": self.pct,
            "levels": list(self.levels),
            "ratings": list(self.ratings),
            "competencies": {k: c.to_json(names) for k, c in self.competencies.items()},
            "governance": {k: g.to_json(self.ratings) for k, g in self.governance.items()},
            "outcomes": [o.to_json() for o in self.outcomes],
            "survey": self.survey.to_json() if self.survey else None,
            "signposts": ({k: v for k, v in self.signposts.to_json().items() if k not in ("submission", "framework")}
                          if self.signposts is not None else {"signposts": [], "findings": [], "summary": {}}),
            "focus_areas": [f.to_json() for f in self.focus_areas],
            "documents": [d.to_json() for d in self.documents],
            "findings": [f.to_json() for f in self.findings],
        }
        if self.decisions:
            out["decisions"] = self.decisions
        return out
