"""What every renderer shows, worked out once from the Assessment.

The terminal, HTML, DOCX and XLSX renderers draw their figures from these helpers, so a
score, a rating, a status or a count reads the same in every format (one result, every
format). Nothing here formats for one medium: it returns plain values and strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from wcc_core.records.results import (
    CRITERION_STATUSES,
    Assessment,
    CompetencyResult,
    CriterionResult,
    GovernanceResult,
    SubComponentResult,
)
from wcc_core.records.signposts import LOW_RELEVANCE

# Signpost statuses that leave the citation checkable, and those that are problems.
VERIFIED = "verified"

# Words a panel reads for the closed vocabularies (the JSON keeps the codes).
CRITERION_STATUS_LABELS = {
    "met": "met",
    "not_met": "not met",
    "no_evidence": "no evidence",
    "needs_panel": "needs the panel",
}

# Colours of the RAG scale; a framework with another scale gets grey for unknown names.
RATING_COLOURS = {"red": "#c0392b", "amber": "#e69500", "green": "#2e8b57"}
UNKNOWN_COLOUR = "#8a8a8a"

# Peers an outcome is compared with, in the Rotherham report's column order.
OUTCOME_PEERS = (("pct", "PCT"), ("national", "National"), ("ons_cluster", "ONS cluster"),
                 ("top_decile", "Top decile"))


def score_text(value: float | None) -> str:
    """A competency score to one decimal, "-" when there is none."""
    return "-" if value is None else f"{value:.1f}"


def level_text(value: int | None) -> str:
    """A level as shown: the number, or "-" when there is none."""
    return "-" if value is None else str(value)


def level_label(assessment: Assessment, value: int | None) -> str:
    """A level as the framework names it: "3" for wcc-2009, "2 Baseline" where levels have names."""
    if value is None:
        return "-"
    name = assessment.level_names.get(value, str(value))
    return str(value) if name == str(value) else f"{value} {name}"


def rating_text(value: str | None) -> str:
    """A RAG rating as the panel writes it; None means the tool could not rate."""
    return "cannot rate" if value is None else value


def percent_text(value: float | None) -> str:
    """A percentage as shown: one decimal, or "n/a"."""
    return "n/a" if value is None else f"{value:.1f}"


def mean_text(value: float | None) -> str:
    """A survey mean as shown: two decimals, or "-"."""
    return "-" if value is None else f"{value:.2f}"


def rating_colour(value: str | None) -> str:
    """The colour a rating is drawn in (red, amber, green); the unknown colour for anything else."""
    return RATING_COLOURS.get((value or "").lower(), UNKNOWN_COLOUR)


def title(assessment: Assessment) -> str:
    """"Panel report" once the panel has decided, "Panel briefing" before."""
    return "Panel report" if is_panel_report(assessment) else "Panel briefing"


def is_panel_report(assessment: Assessment) -> bool:
    """True when the assessment is the panel's report (decisions applied), not the analyst's proposal."""
    return assessment.stage == "panel_report"


def proposal_word(assessment: Assessment) -> str:
    """What the tool's value is called: the panel's "decided" or the analysts' "proposed"."""
    return "panel" if is_panel_report(assessment) else "proposed"


def commentary(assessment: Assessment) -> dict[str, str]:
    """The panel's commentary (issue 12), keys as given; empty before the panel day."""
    found = (assessment.decisions or {}).get("commentary") or {}
    return {k: str(v) for k, v in found.items() if v} if isinstance(found, dict) else {}


def decision_note(result: Any, unit: str = "") -> str:
    """"changed from 3 by panel (J. Smith)" when a decision replaced the evidence's value, else ""."""
    decided_by = getattr(result, "decided_by", None)
    before = getattr(result, "proposed_by_evidence", None)
    if before is None:
        before = getattr(result, "proposed_status", None)
        if isinstance(before, str):
            before = CRITERION_STATUS_LABELS.get(before, before)
    if before is None and not decided_by:
        return ""
    who = f" by {decided_by}" if decided_by else ""
    if before is None:
        return f"decided{who}"
    return f"changed from {before}{unit}{who}"


# --- competencies -----------------------------------------------------------------


def competency_counts(competency: CompetencyResult) -> dict[str, int]:
    """Criterion lines of each status over the competency's sub-competencies."""
    out = {s: 0 for s in CRITERION_STATUSES}
    for sub in competency.subcompetencies:
        for status, n in sub.counts().items():
            out[status] = out.get(status, 0) + n
    return out


CHALLENGES = ("over-claim likely", "possible under-claim")  # the verdicts that challenge the self-assessment


def verdict_parts(assessment: Assessment, sub) -> tuple[str, str]:
    """("Over-claim likely:", "proposed 2, confidence 0.71 (...); lines to check: C1a.4.") for one
    sub-competency; ("", "") when it has no verdict. Every format words it the same way."""
    if not sub.verdict:
        return "", ""
    rest = f"{proposal_word(assessment)} {level_label(assessment, sub.proposed)}"
    if sub.confidence is not None:
        rest += f", confidence {sub.confidence:.2f}"
    if sub.self_level is not None:
        rest += " (the self-assessment counted as the prior)"
    if sub.lines_to_check:
        rest += f"; lines to check: {', '.join(sub.lines_to_check)}"
    return f"{sub.verdict.capitalize()}:", rest + "."


def verdict_text(assessment: Assessment, sub) -> str:
    """`verdict_parts` as one sentence."""
    head, rest = verdict_parts(assessment, sub)
    return f"{head} {rest}" if head else ""


def challenges(assessment: Assessment) -> list:
    """The sub-competencies whose verdict challenges the self-assessment, in framework order."""
    return [s for c in assessment.competencies.values() for s in c.subcompetencies if s.verdict in CHALLENGES]


def agreement(assessment: Assessment) -> tuple[int, int]:
    """(sub-competencies where the proposed level equals the self-assessment, those self-assessed)."""
    subs = [s for c in assessment.competencies.values() for s in c.subcompetencies if s.self_level is not None]
    return sum(1 for s in subs if s.proposed == s.self_level), len(subs)


def focus_for(assessment: Assessment, prefix: str):
    """Focus areas of one competency or component: "C1" takes C1, C1a, C1b (not C10); "finance" finance.*."""
    return [area for area in assessment.focus_areas if belongs(area.key, prefix)]


@dataclass(frozen=True)
class CriterionRow:
    """One criterion line with where it belongs, for the flat criteria tables."""

    element: str  # "competency" or "governance"
    group: str  # "C6" or "finance"
    subject: str  # "C6b" or "finance.base_case"
    criterion: CriterionResult


def criterion_rows(assessment: Assessment) -> Iterator[CriterionRow]:
    """Every criterion line of the assessment, competencies then governance, with where it belongs."""
    for key, competency in assessment.competencies.items():
        for sub in competency.subcompetencies:
            for c in sub.criteria:
                yield CriterionRow("competency", key, sub.full_key, c)
    for key, component in assessment.governance.items():
        for sub in component.subcomponents:
            for c in sub.criteria:
                yield CriterionRow("governance", key, sub.full_key, c)


def criterion_counts(assessment: Assessment) -> dict[str, int]:
    """Lines of each status over the whole assessment."""
    out = {s: 0 for s in CRITERION_STATUSES}
    for row in criterion_rows(assessment):
        out[row.criterion.status] = out.get(row.criterion.status, 0) + 1
    return out


# --- governance -------------------------------------------------------------------


def governance_rows(assessment: Assessment) -> Iterator[tuple[GovernanceResult, SubComponentResult | None]]:
    """Each component followed by its sub-components: (component, None), (component, sub) ..."""
    for component in assessment.governance.values():
        yield component, None
        for sub in component.subcomponents:
            yield component, sub


RULE_SEPARATOR = "; rule: "  # a sub-component's `rule`: "what decided it; rule: how any is rated"


def sub_component_rules(component: GovernanceResult) -> list[str]:
    """The rules that rate the component's sub-components, each once, in their order."""
    rules = []
    for sub in component.subcomponents:
        general = sub.rule.split(RULE_SEPARATOR, 1)[1] if RULE_SEPARATOR in sub.rule else ""
        if general and general not in rules:
            rules.append(general)
    return rules


def short_rationale(sub: SubComponentResult) -> str:
    """The rationale without the general rule it repeats (stated once per component instead)."""
    text = sub.rationale or sub.rule
    if RULE_SEPARATOR in sub.rule:
        general = sub.rule.split(RULE_SEPARATOR, 1)[1]
        text = text.replace(RULE_SEPARATOR + general, "")
    if sub.table and any(row.decides for row in sub.table):
        # the table beside it shows the deciding row (marked), with its columns in words
        text = DECIDING_ROW.sub("", text)
    return text


DECIDING_ROW = re.compile(r" Deciding row: .*?\.(?= [A-Z]|$)")


# --- signposts --------------------------------------------------------------------


def signpost_results(assessment: Assessment):
    """The assessment's signpost results; empty when signposts were not checked."""
    return assessment.signposts.results if assessment.signposts is not None else ()


def signpost_problem_counts(assessment: Assessment) -> dict[str, int]:
    """{status: n} of signposts that are not verified, in the verifier's order of severity."""
    return {k: v for k, v in assessment.signpost_counts().items() if k not in ("total", VERIFIED)}


def verified_without_relevance(result) -> bool:
    """A signpost that resolves (verified) to text that does not fit its sub-competency's criteria.

    Below LOW_RELEVANCE, the verifier's own threshold for suggesting better blocks.
    """
    return result.status == VERIFIED and result.relevance is not None and result.relevance < LOW_RELEVANCE


def signpost_group(result) -> str:
    """The competency or governance component a signpost belongs to ("C4", "finance")."""
    return result.key.split(".", 1)[0]


def signpost_subject(result) -> str:
    """What a signpost is for: the sub-competency ("C4a") or the governance key."""
    if result.element == "competency":
        return f"{result.key}{result.sub or ''}"
    return result.key


# --- figures behind a rating --------------------------------------------------------

# Column headings of the tables behind arithmetic ratings (finance.csv years, Vital Signs
# figures), in words; a column not listed shows its name with underscores as spaces.
COLUMN_LABELS = {
    "year": "Year", "scenario": "Scenario", "income": "Income", "surplus": "Surplus",
    "expectation": "Expected surplus", "surplus_pct": "Surplus % of income", "expected_pct": "Expected %",
    "difference": "Difference (points)", "why": "Why", "row": "finance.csv line", "figure": "Figure",
    "key": "Metric", "value": "Value", "unit": "Unit", "period": "Period", "rating": "Rating",
}


def column_label(name: str) -> str:
    """A table column as a reader says it: "surplus_pct" -> "Surplus % of income"."""
    return COLUMN_LABELS.get(name, name.replace("_", " ").capitalize())


# Columns of rating tables that hold a metrics.csv key rather than a figure.
KEY_COLUMNS = ("figure", "key")
METRIC_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z0-9_]+")


def key_words(key: str) -> str:
    """A metrics.csv key as words until the framework names it: "vital_signs.tier1_off_trajectory" ->
    "Vital signs: tier1 off trajectory" (a raw key breaks mid-word in a narrow cell and reads as code)."""
    if not METRIC_KEY.fullmatch(key):
        return key
    source, name = key.split(".", 1)
    return f"{source.replace('_', ' ').capitalize()}: {name.replace('_', ' ')}"


# A dotted key in running text: "public_perception.improving_services", "finance.scenarios"
# or a governance line id "finance.scenarios.2". Not a page ("p.12"), "e.g." or a file name
# ("finance.csv"): those are not framework keys, so they never match a label.
DOTTED_KEY = re.compile(r"(?<![\w./-])([a-z][a-z0-9_]*\.[a-z0-9_]+)(?:\.(\d+))?(?![\w/-]|\.[a-z])")
# "(key uor_kloe.1_3)" tells the PCT which metrics.csv key to add: that one stays a key.
_NAMED_AS_KEY = ("key ", "key: ")


def key_labels(assessment: Assessment) -> dict[str, str]:
    """Every dotted key a reader may meet, with its words: metrics from the framework's
    [metric_labels], governance sub-components by their titles."""
    labels = {sub.full_key: sub.title for g in assessment.governance.values() for sub in g.subcomponents}
    labels.update(assessment.labels)
    return labels


def words(text: str, labels: dict[str, str]) -> str:
    """`text` with each framework key in words: "finance.scenarios.2" -> "Sustainable ... line 2",
    "staff_survey.kf11" -> "NHS staff survey key finding 11". Unknown keys stay as they are."""
    if "." not in text or not labels:
        return text

    def spell(match: re.Match) -> str:
        key, line = match.group(1), match.group(2)
        label = labels.get(key)
        if label is None or text[:match.start()].endswith(_NAMED_AS_KEY):
            return match.group(0)
        return f"{label}, line {line}" if line else label

    return DOTTED_KEY.sub(spell, text)


def cell_text(value, column: str = "", labels: dict[str, str] | None = None) -> str:
    """A figure in a rating table: "-" for none, whole numbers without ".0", metric keys in
    the framework's words (`labels`), else spelt out."""
    if value is None:
        return "-"
    if column in KEY_COLUMNS and isinstance(value, str):
        return (labels or {}).get(value) or key_words(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def focus_top(assessment: Assessment, n: int = 10):
    """(the first `n` focus areas, the rest): the briefing shows the first, the rest go in an appendix."""
    return assessment.focus_areas[:n], assessment.focus_areas[n:]


def focus_title(area) -> str:
    """"C1a Reputation as ..." or "Finance: Sustainable ...": the subject in words."""
    return area.label or area.key


def labelled_enquiry(area, question: str) -> str:
    """A point of enquiry that says which sub-competency it is about."""
    return question if question.startswith(area.key) else f"{area.key}: {question}"


# --- outcomes ---------------------------------------------------------------------


def direction_text(outcome) -> str:
    """Which way is better for this metric, in words ("" when the framework does not say)."""
    if outcome.higher_is_better is None:
        return ""
    return "higher is better" if outcome.higher_is_better else "lower is better"


def outcome_label(outcome) -> str:
    """An outcome as shown: "ref. name", or the ref alone."""
    return f"{outcome.ref}. {outcome.name}" if outcome.name else outcome.ref


def focus_group(assessment: Assessment, key: str) -> str:
    """The competency or component a focus area belongs to ("C1a" -> "C1"), else "outcomes"."""
    for group in list(assessment.competencies) + list(assessment.governance):
        if belongs(key, group):
            return group
    return "outcomes"


def belongs(key: str, prefix: str) -> bool:
    """"C1a" belongs to "C1" (not "C10"); "finance.base_case" to "finance"."""
    rest = key[len(prefix):] if key.startswith(prefix) else None
    return rest is not None and (rest == "" or rest[0] == "." or rest[0].isalpha())


def problems_heading(assessment: Assessment) -> str:
    """The heading over the submission's problems the assessment went on past (its `findings`)."""
    n = len(assessment.findings)
    return (f"{n} problem{'s' if n != 1 else ''} in the submission: assessed anyway, so check what "
            f"{'they touch' if n != 1 else 'it touches'} before relying on it")
