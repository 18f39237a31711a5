"""The criteria set a submission is assessed against: the handbook's framework as typed records.

A framework (for example `wcc-2009`, the Year 2 handbook) is assembled from the records
that its plugins return: competencies with their sub-competencies and criteria lines per
level, governance components with their sub-components and criteria per red/amber/green
rating, outcome metrics, document types and survey statements. Nothing here holds
criteria text: it is read from the data files beside each plugin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Element = Literal["competency", "governance"]
RATINGS = ("red", "amber", "green")


@dataclass(frozen=True)
class SearchTerms:
    """What to look for in the documents for one criterion line (data beside its plugin).

    The line's own words are always searched; these add to them. `synonyms` maps a word
    of the line to other words PCTs write for it; `required` names words of which a
    passage must contain at least one to count as evidence (empty: none required).
    """

    terms: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuantitativeRule:
    """A criterion line judged on a figure rather than on text.

    `source` is "survey" (a stakeholder-survey statement, `key` "q1".."q6", met when the
    mean is at least the framework's threshold for `agreement`) or "metric" (a row of
    metrics.csv, `key` its key, met when the value compares with `threshold` by `op`,
    or with the row's benchmark when `threshold` is None).
    """

    source: str
    key: str
    agreement: str = ""
    op: str = ">="
    threshold: float | None = None
    note: str = ""


@dataclass(frozen=True)
class CriterionLine:
    """One line of the criteria for a level (competencies) or a rating (governance).

    `id` is stable across runs and shown in every output: "C6b.3" is the third line of
    sub-competency C6b, "board.risk.2" the second line of the board's risk sub-component.
    """

    text: str
    level: int | None = None  # a level above the lowest for a competency criterion
    rating: str | None = None  # a rating of the framework's scale for a governance criterion
    inferred: bool = False  # the boundary with the previous line was inferred from flattened text
    level_inferred: bool = False  # the level or rating itself was inferred from order
    panel: bool = False  # can only be judged on the panel day
    id: str = ""
    search: SearchTerms = SearchTerms()
    quantitative: QuantitativeRule | None = None


@dataclass(frozen=True)
class Evidence:
    """What feeds a sub-competency or sub-component (appendices V and VI)."""

    documents: tuple[str, ...] = ()  # document-type keys
    metrics: tuple[str, ...] = ()
    surveys: tuple[str, ...] = ()
    stakeholder_questions: tuple[str, ...] = ()  # "q1".."q6"

    def merged(self, other: "Evidence") -> "Evidence":
        """Both lists of evidence, without repeats, in first-seen order."""

        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return Evidence(
            union(self.documents, other.documents),
            union(self.metrics, other.metrics),
            union(self.surveys, other.surveys),
            union(self.stakeholder_questions, other.stakeholder_questions),
        )


@dataclass(frozen=True)
class SubCompetency:
    key: str  # "a", "b", "c"
    title: str
    criteria: tuple[CriterionLine, ...]
    evidence: Evidence = Evidence()
    competency: str = ""  # "C1": filled in by the competency that holds it

    @property
    def full_key(self) -> str:
        """"C1a": how the handbook and the panel report name a sub-competency."""
        return f"{self.competency}{self.key}"

    def criteria_at(self, level: int) -> tuple[CriterionLine, ...]:
        return tuple(c for c in self.criteria if c.level == level)


@dataclass(frozen=True)
class Competency:
    key: str  # "C1"
    number: int
    title: str
    short_title: str
    summary: str
    subcompetencies: tuple[SubCompetency, ...]

    def sub(self, key: str) -> SubCompetency | None:
        return next((s for s in self.subcompetencies if s.key == key), None)


@dataclass(frozen=True)
class SubComponent:
    key: str  # "vision_and_goals"
    title: str
    criteria: tuple[CriterionLine, ...]
    evidence: Evidence = Evidence()
    component: str = ""  # "strategy"

    @property
    def full_key(self) -> str:
        return f"{self.component}.{self.key}"

    def criteria_for(self, rating: str) -> tuple[CriterionLine, ...]:
        return tuple(c for c in self.criteria if c.rating == rating)


@dataclass(frozen=True)
class GovernanceComponent:
    key: str  # "strategy", "finance", "board"
    title: str
    subcomponents: tuple[SubComponent, ...]

    def sub(self, key: str) -> SubComponent | None:
        return next((s for s in self.subcomponents if s.key == key), None)


@dataclass(frozen=True)
class OutcomeMetric:
    ref: str  # "1a", "2b", "63"
    name: str
    definition: str
    area: str  # area of care
    higher_is_better: bool
    national: bool = True  # a metric with a national data set (appendix I)


@dataclass(frozen=True)
class LocalOutcomeCondition:
    key: str  # as in submission.toml's [outcomes.conditions]
    text: str


@dataclass(frozen=True)
class OutcomeRules:
    max_outcomes: int = 10
    max_local_defined: int = 3
    aspiration_years: int = 5
    national: tuple[str, ...] = ()  # refs every PCT must include
    local_defined_conditions: tuple[LocalOutcomeCondition, ...] = ()


@dataclass(frozen=True)
class DocumentType:
    key: str
    name: str
    usual_names: tuple[str, ...] = ()
    min_count: int = 0
    max_count: int = 1  # 0 means no limit
    max_pages: int = 0  # 0 means no limit
    feeds: tuple[str, ...] = ()  # competency and governance keys (appendix IV)
    note: str = ""
    requires_comment: bool = False


@dataclass(frozen=True)
class SurveyStatement:
    question: str  # "q1".."q6"
    text: str
    competencies: tuple[str, ...] = ()
    subcompetencies: tuple[str, ...] = ()  # "C1a"


@dataclass(frozen=True)
class FrameworkRules:
    max_signposted_documents: int = 6  # per competency
    too_broad_pages: int = 5
    max_non_prescribed: int = 3
    min_stakeholder_surveys: int = 20
    survey_scale: tuple[int, int] = (1, 6)
    # least survey mean at which "stakeholders <agreement>" is met, e.g. ("agree", 4.5)
    survey_agreement: tuple[tuple[str, float], ...] = ()

    def agreement_threshold(self, agreement: str) -> float | None:
        return dict(self.survey_agreement).get(agreement.lower())


@dataclass(frozen=True)
class FrameworkInfo:
    """The framework-level record a framework plugin returns (no criteria)."""

    id: str
    name: str
    year_label: str
    source: str
    levels: tuple[str, ...]
    ratings: tuple[str, ...]
    competency_keys: tuple[str, ...]
    governance_keys: tuple[str, ...]
    document_types: tuple[DocumentType, ...]
    survey_statements: tuple[SurveyStatement, ...]
    rules: FrameworkRules = FrameworkRules()


@dataclass(frozen=True)
class Framework:
    """A complete criteria set, assembled from the records of its plugins."""

    info: FrameworkInfo
    competencies: dict[str, Competency]
    governance: dict[str, GovernanceComponent]
    outcome_metrics: dict[str, OutcomeMetric]
    outcome_rules: OutcomeRules
    providers: dict[str, str] = field(default_factory=dict)  # key -> plugin name, for messages

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def rules(self) -> FrameworkRules:
        return self.info.rules

    @property
    def document_types(self) -> dict[str, DocumentType]:
        return {d.key: d for d in self.info.document_types}

    @property
    def survey_statements(self) -> tuple[SurveyStatement, ...]:
        return self.info.survey_statements

    def subcompetencies(self) -> list[SubCompetency]:
        return [s for c in self.competencies.values() for s in c.subcompetencies]

    def subcomponents(self) -> list[SubComponent]:
        return [s for g in self.governance.values() for s in g.subcomponents]

    def criteria_lines(self) -> list[CriterionLine]:
        lines = [c for s in self.subcompetencies() for c in s.criteria]
        return lines + [c for s in self.subcomponents() for c in s.criteria]

    def governance_sub(self, full_key: str) -> SubComponent | None:
        """The sub-component named "strategy.vision_and_goals", or None."""
        component, _, sub = full_key.partition(".")
        found = self.governance.get(component)
        return found.sub(sub) if found else None

    def criteria_for(self, element: Element, key: str, sub: str | None = None) -> list[CriterionLine]:
        """The criteria a signpost for (element, key, sub) is evidence for.

        A competency signpost tied to no sub-competency counts for all three.
        """
        if element == "governance":
            found = self.governance_sub(key)
            return list(found.criteria) if found else []
        competency = self.competencies.get(key)
        if competency is None:
            return []
        subs = [competency.sub(sub)] if sub else list(competency.subcompetencies)
        return [c for s in subs if s for c in s.criteria]

    def evidence_for(self, element: Element, key: str, sub: str | None = None) -> Evidence:
        """The supporting evidence (appendices V-VI) for (element, key, sub)."""
        if element == "governance":
            found = self.governance_sub(key)
            return found.evidence if found else Evidence()
        competency = self.competencies.get(key)
        if competency is None:
            return Evidence()
        subs = [competency.sub(sub)] if sub else list(competency.subcompetencies)
        evidence = Evidence()
        for s in subs:
            if s:
                evidence = evidence.merged(s.evidence)
        return evidence

    def counts(self) -> dict[str, int]:
        """The figures `wcc frameworks --format json` prints."""
        return {
            "competencies": len(self.competencies),
            "subcompetencies": len(self.subcompetencies()),
            "criteria_lines": len(self.criteria_lines()),
            "governance_subcomponents": len(self.subcomponents()),
            "outcome_metrics": len(self.outcome_metrics),
            "document_types": len(self.info.document_types),
        }
