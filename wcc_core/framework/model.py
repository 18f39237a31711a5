"""The criteria set a submission is assessed against: the handbook's framework as typed records.

A framework (for example `wcc-2009`, the Year 2 handbook, or `wcc-2008`, Year 1) is
assembled from the records that its plugins return: competencies with their
sub-competencies and criteria lines per level, governance components with their
sub-components and criteria per rating, outcome metrics, document types, survey
statements and named parameters. Nothing here holds criteria text, level names or the
rating scale: they are read from the data files beside each plugin, so a framework with
other levels ("Below baseline" .. "World class") or other ratings needs no code change.

These records are what plugins read and return; they are public API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# What a self-assessment entry or a signpost belongs to: a competency or a governance
# sub-component. The one definition; wcc_core.submission.model re-exports it.
Element = Literal["competency", "governance"]


@dataclass(frozen=True)
class SearchTerms:
    """What to look for in the documents for one criterion line (data beside its plugin).

    The line's own words are always searched; these add to them. `synonyms` maps a word
    or phrase of the line to other words PCTs write for it (an alternative to a phrase
    stands for each of its words); `required` names words of which a
    passage must contain at least one to count as evidence (empty: none required).
    """

    terms: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuantitativeRule:
    """A criterion line judged on a figure rather than on text.

    `source` is one of:

    * "survey": a stakeholder-survey statement (`key` its question, e.g. "q1"), met when
      the mean is at least the framework's threshold for `agreement`;
    * "survey_share": the same statement, met when the share of respondents (per cent)
      whose answer is at least `min_answer` compares with `threshold` by `op`
      ("gtX of respondents agree or strongly agree");
    * "metric": a row of metrics.csv (`key` its key), met when the value compares with
      `threshold` by `op`, or with the row's benchmark when `threshold` is None.

    `parameter`, when set, names a framework parameter (`FrameworkInfo.parameters`) whose
    value becomes `threshold` when the framework is assembled, so a placeholder threshold
    is configured in one place.
    """

    source: str
    key: str
    agreement: str = ""
    op: str = ">="
    threshold: float | None = None
    note: str = ""
    parameter: str = ""
    min_answer: int | None = None


@dataclass(frozen=True)
class CriterionLine:
    """One line of the criteria for a level (competencies) or a rating (governance).

    `id` is stable across runs and shown in every output: "C6b.3" is the third line of
    sub-competency C6b, "board.risk.2" the second line of the board's risk sub-component.
    """

    text: str
    level: int | None = None  # a level number above the lowest (2..len(levels)) for a competency criterion
    rating: str | None = None  # a rating of the framework's scale (FrameworkInfo.ratings) for a governance criterion
    inferred: bool = False  # the boundary with the previous line was inferred from flattened text
    level_inferred: bool = False  # the level or rating itself was inferred from order
    panel: bool = False  # can only be judged on the panel day
    id: str = ""
    search: SearchTerms = SearchTerms()
    quantitative: QuantitativeRule | None = None


@dataclass(frozen=True)
class Evidence:
    """What feeds a sub-competency or sub-component (wcc-2009 appendices V and VI).

    `listed` is the evidence list in the source's own words, where it gives one (wcc-2008's
    "Evidence" column: "Feedback from 360 survey", "PCT prospectus" ...).
    """

    documents: tuple[str, ...] = ()  # document-type keys
    metrics: tuple[str, ...] = ()
    surveys: tuple[str, ...] = ()
    stakeholder_questions: tuple[str, ...] = ()  # survey statement questions ("q1")
    listed: tuple[str, ...] = ()

    def merged(self, other: "Evidence") -> "Evidence":
        """Both lists of evidence, without repeats, in first-seen order."""

        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return Evidence(
            union(self.documents, other.documents),
            union(self.metrics, other.metrics),
            union(self.surveys, other.surveys),
            union(self.stakeholder_questions, other.stakeholder_questions),
            union(self.listed, other.listed),
        )


@dataclass(frozen=True)
class SubCompetency:
    """One sub-competency (Year 1: one "measure"): its title, criteria lines per level, evidence.

    `criteria` are the lines of every level above the lowest; the lowest level needs
    nothing ("Does not meet baseline requirements"). Levels are numbers 1..n of the
    framework's `levels`.
    """

    key: str  # "a", "b", "c"
    title: str
    criteria: tuple[CriterionLine, ...]
    evidence: Evidence = Evidence()
    competency: str = ""  # "C1": filled in by the competency that holds it
    method: str = ""  # how it is assessed, in the source's words ("360 feedback", "Self test", "Metric")

    @property
    def full_key(self) -> str:
        """"C1a": how the handbook and the panel report name a sub-competency."""
        return f"{self.competency}{self.key}"

    def criteria_at(self, level: int) -> tuple[CriterionLine, ...]:
        """The lines of one level number."""
        return tuple(c for c in self.criteria if c.level == level)


@dataclass(frozen=True)
class Competency:
    """One competency: key, number, titles, summary and its sub-competencies in order."""

    key: str  # "C1"
    number: int
    title: str
    short_title: str
    summary: str
    subcompetencies: tuple[SubCompetency, ...]

    def sub(self, key: str) -> SubCompetency | None:
        """The sub-competency with key `key` ("a"), or None."""
        return next((s for s in self.subcompetencies if s.key == key), None)


@dataclass(frozen=True)
class SubComponent:
    """One governance sub-component: its criteria lines per rating and its evidence."""

    key: str  # "vision_and_goals"
    title: str
    criteria: tuple[CriterionLine, ...]
    evidence: Evidence = Evidence()
    component: str = ""  # "strategy"
    method: str = ""  # how it is assessed ("Panel review of Strategic plan", "Board self certification")

    @property
    def full_key(self) -> str:
        """"strategy.vision_and_goals": how submission.toml names the sub-component."""
        return f"{self.component}.{self.key}"

    def criteria_for(self, rating: str) -> tuple[CriterionLine, ...]:
        """The lines of one rating of the framework's scale."""
        return tuple(c for c in self.criteria if c.rating == rating)


@dataclass(frozen=True)
class GovernanceComponent:
    """One governance component (wcc-2009: strategy, finance, board) and its sub-components."""

    key: str  # "strategy", "finance", "board"
    title: str
    subcomponents: tuple[SubComponent, ...]

    def sub(self, key: str) -> SubComponent | None:
        """The sub-component with key `key`, or None."""
        return next((s for s in self.subcomponents if s.key == key), None)


@dataclass(frozen=True)
class OutcomeMetric:
    """One outcome measure a PCT may choose (wcc-2009 appendix I; wcc-2008 Vital Signs)."""

    ref: str  # "1a", "2b", "63"
    name: str
    definition: str
    area: str  # area of care
    higher_is_better: bool
    national: bool = True  # a metric with a national data set (appendix I)


@dataclass(frozen=True)
class LocalOutcomeCondition:
    """A tick box of the locally defined outcome form."""

    key: str  # as in submission.toml's [outcomes.conditions]
    text: str


@dataclass(frozen=True)
class OutcomeRules:
    """The outcomes form's rules: how many outcomes, which are national, local conditions.

    `chosen` is how many outcomes the PCT picks itself and `national_count` how many are
    set nationally (wcc-2008: five and five), 0 where the framework does not split them.
    """

    max_outcomes: int = 10
    max_local_defined: int = 3
    aspiration_years: int = 5
    national: tuple[str, ...] = ()  # refs every PCT must include
    local_defined_conditions: tuple[LocalOutcomeCondition, ...] = ()
    chosen: int = 0
    national_count: int = 0


@dataclass(frozen=True)
class DocumentType:
    """A type of document a submission may hold (wcc-2009 appendix IV), and its limits."""

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
    """A stakeholder (360) survey statement, its column in the survey file and what it feeds."""

    question: str  # "q1".."q6"
    text: str
    competencies: tuple[str, ...] = ()
    subcompetencies: tuple[str, ...] = ()  # "C1a"


@dataclass(frozen=True)
class FrameworkRules:
    """Signposting and survey rules of a framework (framework.toml's top-level figures)."""

    max_signposted_documents: int = 6  # per competency
    too_broad_pages: int = 5
    max_non_prescribed: int = 3
    min_stakeholder_surveys: int = 20
    survey_scale: tuple[int, int] = (1, 6)
    # least survey mean at which "stakeholders <agreement>" is met, e.g. ("agree", 4.5)
    survey_agreement: tuple[tuple[str, float], ...] = ()

    def agreement_threshold(self, agreement: str) -> float | None:
        """The least survey mean at which "stakeholders <agreement>" is met, or None."""
        return dict(self.survey_agreement).get(agreement.lower())


@dataclass(frozen=True)
class Parameter:
    """A named, configurable figure of a framework, with its stated default.

    Year 1's criteria print placeholders where a threshold belongs ("gtX of respondents
    agree", "XY"): each becomes a parameter whose `default` is wcc's, not the handbook's,
    and `placeholder` keeps the source's text. `value` is the default unless an analyst
    overrides it (`wcc assess --param NAME=VALUE`).
    """

    name: str
    default: float
    unit: str = ""
    placeholder: str = ""  # what the source prints instead of a figure ("gtX", "XY")
    note: str = ""
    value: float | None = None  # the override, when one is given

    @property
    def effective(self) -> float:
        """The value in force: the override, else the default."""
        return self.default if self.value is None else self.value


@dataclass(frozen=True)
class PreviousMapping:
    """How this framework's sub-competencies and levels read last year's framework.

    Declared in framework.toml as ``[previous.<framework id>]``: `subcompetencies` maps
    each of this year's sub-competency keys ("C1a") to last year's keys it continues (the
    lowest of their levels is shown), `levels` maps last year's level names to this
    year's level numbers. A sub-competency not mapped has no last-year level.
    """

    framework_id: str
    subcompetencies: tuple[tuple[str, tuple[str, ...]], ...]
    levels: tuple[tuple[str, int], ...]
    note: str = ""

    def level_number(self, name: str) -> int | None:
        """This year's level number for last year's level name, or None if unmapped."""
        wanted = name.strip().lower()
        return next((n for k, n in self.levels if k.lower() == wanted), None)

    def sources(self, full_key: str) -> tuple[str, ...]:
        """Last year's sub-competency keys that this year's `full_key` continues."""
        return dict(self.subcompetencies).get(full_key, ())


@dataclass(frozen=True)
class FigureSource:
    """A survey or metric source the analysts read (appendices V-VI), and where its figures are.

    Its figures are the rows of metrics.csv whose key starts with one of `prefixes` and a
    dot ("staff_survey.kf4"); `used_by` names the sub-competencies and sub-components it feeds.
    """

    key: str
    name: str
    kind: str  # "survey" or "metric"
    used_by: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameworkInfo:
    """The framework-level record a framework plugin returns (no criteria).

    `levels` are the level names, lowest first; criteria lines and results use their
    numbers 1..len(levels) (`level_numbers`). `ratings` is the governance scale, worst
    first. Both are data: nothing in the core knows their names.
    """

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
    parameters: tuple[Parameter, ...] = ()
    previous: tuple[PreviousMapping, ...] = ()
    judging: tuple[tuple[str, float], ...] = ()  # thresholds of wcc_core.judging, by name
    figure_sources: tuple["FigureSource", ...] = ()  # other surveys and metric sources (appendices V-VI)
    metric_labels: tuple[tuple[str, str], ...] = ()  # metrics.csv key -> what a reader calls it, sorted by key
    folder: str = ""  # the folder of framework.toml, where data files fitted for it sit (statement_model.json)

    def figure_sources_for(self, key: str) -> tuple["FigureSource", ...]:
        """The surveys and metric sources the analysts use for "C1c" or "board.risk"."""
        return tuple(f for f in self.figure_sources if key in f.used_by)

    @property
    def level_numbers(self) -> tuple[int, ...]:
        """1..len(levels), lowest first."""
        return tuple(i for i, _ in enumerate(self.levels, start=1))

    def level_name(self, number: int | None) -> str:
        """The name of level `number` ("Intermediate"), or "-" for None."""
        if number is None:
            return "-"
        return self.levels[number - 1] if 1 <= number <= len(self.levels) else str(number)

    def level_number(self, name_or_number: object) -> int | None:
        """The number of a level given by name (any case) or number; None when it is not a level."""
        if isinstance(name_or_number, bool):
            return None
        if isinstance(name_or_number, int):
            return name_or_number if name_or_number in self.level_numbers else None
        if isinstance(name_or_number, str):
            wanted = name_or_number.strip().lower()
            return next((i for i, n in enumerate(self.levels, start=1) if n.lower() == wanted), None)
        return None

    def parameter(self, name: str) -> Parameter | None:
        """The parameter named `name`, or None."""
        return next((p for p in self.parameters if p.name == name), None)

    def previous_mapping(self, framework_id: str) -> PreviousMapping | None:
        """How this framework reads last year's `framework_id`, if it declares it."""
        return next((m for m in self.previous if m.framework_id == framework_id), None)


@dataclass(frozen=True)
class Framework:
    """A complete criteria set, assembled from the records of its plugins.

    Built by `wcc_core.framework.load_framework`, which checks that every level and
    rating a criterion names is on the framework's scales and resolves parameters.
    """

    info: FrameworkInfo
    competencies: dict[str, Competency]
    governance: dict[str, GovernanceComponent]
    outcome_metrics: dict[str, OutcomeMetric]
    outcome_rules: OutcomeRules
    providers: dict[str, str] = field(default_factory=dict)  # key -> plugin name, for messages

    @property
    def id(self) -> str:
        """The framework's id ("wcc-2009")."""
        return self.info.id

    @property
    def name(self) -> str:
        """The framework's name as reports print it."""
        return self.info.name

    @property
    def rules(self) -> FrameworkRules:
        """The framework's signposting and survey rules (framework.toml's top-level figures)."""
        return self.info.rules

    @property
    def document_types(self) -> dict[str, DocumentType]:
        """The framework's document types by key."""
        return {d.key: d for d in self.info.document_types}

    @property
    def survey_statements(self) -> tuple[SurveyStatement, ...]:
        """The stakeholder survey's statements, in order."""
        return self.info.survey_statements

    @property
    def levels(self) -> tuple[str, ...]:
        """The level names, lowest first."""
        return self.info.levels

    @property
    def ratings(self) -> tuple[str, ...]:
        """The governance rating scale, worst first."""
        return self.info.ratings

    def subcompetencies(self) -> list[SubCompetency]:
        """Every sub-competency, in competency order."""
        return [s for c in self.competencies.values() for s in c.subcompetencies]

    def subcomponents(self) -> list[SubComponent]:
        """Every governance sub-component, in component order."""
        return [s for g in self.governance.values() for s in g.subcomponents]

    def criteria_lines(self) -> list[CriterionLine]:
        """Every criterion line, competencies first."""
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
