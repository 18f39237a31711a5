"""What the panel should look at: "key areas of questioning or points of enquiry" (handbook chapter 4).

Focus areas come from the result alone, ranked by what the panel must not miss, so that
the same submission gives the same briefing. Every reason is first found on its own;
then the reasons of one subject (a sub-competency, a governance sub-component, a
competency's signposting, an outcome) are merged into ONE focus area, whose place is its
most serious reason's. The tiers (`priority`), most serious first:

1. a governance sub-component proposed at the worst rating (red), above all against a
   self-assessed best rating (green);
2. over-claims with high confidence: a self-assessment above the evidence where the
   documents say a deciding line is not done, or the gap is two levels or more; a
   governance self-assessment above the evidence;
3. outcome flags: performance worsening, an aspiration slower than the PCT's own trend or
   peers;
4. signposting too poor to check;
5. the rest: over-claims resting only on evidence not found, limited progress, ratings
   that cannot be given, changes since last year, ambitious aspirations, data problems.

Within a tier the bigger gap comes first, then the order of the framework.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wcc_core.records.results import Assessment, FocusArea
from wcc_core.records.text import shorten
from wcc_core.assessment.outcome_rules import AMBITIOUS, MORE_AGGRESSIVE, WORSENING

# Signposts that could not be checked: share of a competency's signposts above which
# "the signposting was too poor to check" becomes a focus area.
POOR_SIGNPOSTING_SHARE = 0.34

RED_GOVERNANCE, OVERCLAIM, OUTCOME_FLAG, POOR_SIGNPOSTING, REST = 1, 2, 3, 4, 5
TIERS = {RED_GOVERNANCE: "red governance", OVERCLAIM: "over-claim the evidence contradicts",
         OUTCOME_FLAG: "outcome flag", POOR_SIGNPOSTING: "poor signposting", REST: "other"}

# An over-claim of this many levels or more is serious even when the evidence is only missing.
LARGE_GAP = 2
# How many questions one merged focus area carries: enough to prepare, few enough to read.
MAX_ENQUIRIES = 4


@dataclass(frozen=True)
class Reason:
    """One reason to look at a subject, before the reasons of one subject are merged."""

    key: str
    label: str
    kind: str
    why: str
    enquiries: tuple[str, ...]
    tier: int
    weight: float = 0.0  # within a tier, larger first (a bigger gap)


def _lower_first(text: str) -> str:
    text = shorten(text, 140)
    return text[:1].lower() + text[1:] if text[:2] != "PC" else text


def _deciding_lines(sub) -> list:
    """The lines that stop the self-assessed level: above the proposal, up to the claim."""
    if sub.self_level is None:
        return []
    return [c for c in sub.criteria if c.level is not None and sub.proposed < c.level <= sub.self_level]


def _enquiries_for_gap(sub) -> tuple[str, ...]:
    """Points of enquiry: the lines that stop the self-assessed level, as questions."""
    questions = []
    for c in _deciding_lines(sub):
        if c.status == "no_evidence":
            questions.append(f"{c.id}: what evidence shows that {_lower_first(c.text)}?")
        elif c.status == "not_met":
            against = next((e for e in c.evidence if e.stance == "against"), None)
            if against is not None and against.place is None:  # a figure, not a passage
                what = "the survey" if against.source == "survey" else "the figure"
                questions.append(f"{c.id}: {what} falls short of this line ({shorten(against.excerpt, 90)}); "
                                 "what has changed since?")
            else:
                where = against.where if against is not None else "the documents"
                questions.append(f"{c.id}: {where} says this is not yet done; what has changed since?")
        if len(questions) == 3:
            break
    return tuple(questions)


def _competency_reasons(assessment: Assessment) -> list[Reason]:
    names = assessment.level_names
    out = []
    for competency in assessment.competencies.values():
        for sub in competency.subcompetencies:
            label = f"{sub.full_key} {sub.title}".strip()
            if sub.self_level is not None and sub.self_level > sub.proposed:
                gap = sub.self_level - sub.proposed
                contradicted = sum(1 for c in _deciding_lines(sub) if c.status == "not_met")
                confident = contradicted > 0 or gap >= LARGE_GAP
                why = (f"self-assessed {names.get(sub.self_level, sub.self_level)}, evidence supports "
                       f"{names.get(sub.proposed, sub.proposed)}")
                if contradicted:
                    why += f" (documents: {contradicted} deciding {'line' if contradicted == 1 else 'lines'} not yet done)"
                out.append(Reason(sub.full_key, label, "self_above_evidence", why, _enquiries_for_gap(sub),
                                  OVERCLAIM if confident else REST, gap + contradicted / 10 + (1 if confident else 0)))
            if sub.last_year is None:
                continue
            if sub.proposed > sub.last_year:
                out.append(Reason(sub.full_key, label, "improved",
                                  f"improved since last year: {names.get(sub.last_year, sub.last_year)} -> "
                                  f"{names.get(sub.proposed, sub.proposed)}",
                                  (f"What changed in {sub.full_key}, and is the improvement embedded?",), REST, -1))
            elif (sub.self_level or 0) > sub.last_year:
                out.append(Reason(sub.full_key, label, "limited_progress",
                                  # always beside the over-claim (self > last year >= proposed), which
                                  # already says the self-assessed and supported levels
                                  f"limited progress: last year {names.get(sub.last_year, sub.last_year)}, "
                                  f"no higher now",
                                  (f"What has been done on {sub.full_key} since last year's panel?",), REST, 0.5))
    return out


def _competency_label(assessment: Assessment, key: str) -> str:
    competency = assessment.competencies.get(key)
    return f"{key} {competency.title}" if competency is not None else key


def _signpost_reasons(assessment: Assessment) -> list[Reason]:
    if assessment.signposts is None:
        return []
    labels = _governance_labels(assessment)
    out = []
    by_key: dict[str, list] = {}
    for result in assessment.signposts.results:
        by_key.setdefault(result.key, []).append(result)
    for key in sorted(by_key, key=lambda k: (len(k), k)):
        results = by_key[key]
        problems = [r for r in results if not r.verified]
        if results and len(problems) / len(results) > POOR_SIGNPOSTING_SHARE:
            statuses = sorted({r.status.replace("_", " ") for r in problems})
            out.append(Reason(key, labels.get(key) or _competency_label(assessment, key), "poor_signposting",
                              f"{len(problems)} of {len(results)} signposts could not be checked "
                              f"({', '.join(statuses)})",
                              ("Ask the PCT to give page and paragraph references for its evidence.",),
                              POOR_SIGNPOSTING, len(problems) / len(results)))
    for finding in assessment.signposts.findings:
        out.append(Reason(finding.key, labels.get(finding.key) or _competency_label(assessment, finding.key),
                          "poor_signposting", finding.message, (), POOR_SIGNPOSTING, 0))
    return out


def _governance_enquiries(sub, limit: int = 3) -> tuple[str, ...]:
    """Questions for the panel: failings found, figures that decided, good practice not shown."""
    questions = [c.enquiry for c in sub.criteria if c.status == "met" and c.enquiry]
    questions += [c.enquiry for c in sub.criteria if c.status in ("not_met", "no_evidence") and c.enquiry
                  and c.enquiry not in questions]
    return tuple(questions[:limit])


def _governance_labels(assessment: Assessment) -> dict[str, str]:
    """"finance.scenarios" -> "Finance: Sustainable financial position under scenarios"."""
    out = {}
    for component in assessment.governance.values():
        out[component.key] = component.title
        for sub in component.subcomponents:
            out[sub.full_key] = f"{component.title}: {sub.title}"
    return out


def _governance_reasons(assessment: Assessment) -> list[Reason]:
    """Governance ratings the panel should question.

    * proposed at the worst rating: tier 1, a self-assessment far above it first;
    * self-assessed above the proposal (tier 2) or below it (rest), with the rule's
      questions;
    * cannot rate: a data problem for a figure-rated sub-component (the warnings say
      which file and row), otherwise nothing in the documents either way;
    * a change since last year: worse or better (rest).
    Colours are compared by their place on the framework's scale (`assessment.ratings`).
    """
    out = []
    ratings = assessment.ratings
    worst = ratings[0] if ratings else None
    labels = _governance_labels(assessment)
    for component in assessment.governance.values():
        for sub in component.subcomponents:
            label = labels[sub.full_key]
            if sub.proposed is None:
                if sub.arithmetic:
                    out.append(Reason(sub.full_key, label, "data_problem", "cannot rate from the figures",
                                      tuple(sub.warnings[:3]), REST, 0.4))
                else:
                    out.append(Reason(sub.full_key, label, "governance_deviation",
                                      "cannot rate from the documents"
                                      + (f" (self-assessed {sub.self_rating})" if sub.self_rating else ""),
                                      _governance_enquiries(sub), REST, 0.3))
                continue
            out += _rated_governance_reasons(sub, label, ratings, worst)
    return out


def _rated_governance_reasons(sub, label: str, ratings: tuple[str, ...], worst: str | None) -> list[Reason]:
    out = []
    steps = (ratings.index(sub.self_rating) - ratings.index(sub.proposed)
             if sub.self_rating in ratings and sub.proposed in ratings else 0)
    self_part = f"self-assessed {sub.self_rating}, evidence supports {sub.proposed}" if sub.self_rating else ""
    if sub.proposed == worst:
        why = f"proposed {sub.proposed}" + (f" against a self-assessed {sub.self_rating}" if sub.self_rating else "")
        out.append(Reason(sub.full_key, label, "governance_deviation", why, _governance_enquiries(sub),
                          RED_GOVERNANCE, steps))
    elif steps > 0:
        out.append(Reason(sub.full_key, label, "governance_deviation", self_part + " (self-assessment above the evidence)",
                          _governance_enquiries(sub), OVERCLAIM, steps))
    elif steps < 0:
        out.append(Reason(sub.full_key, label, "governance_deviation", self_part + " (self-assessment below the evidence)",
                          _governance_enquiries(sub), REST, 0))
    change = sub.deviation(ratings)["last_year"]
    if change in ("better", "worse"):
        worse = change == "worse"
        out.append(Reason(sub.full_key, label, "governance_deviation",
                          f"last year {sub.last_year}, now {sub.proposed}" + (" (worse)" if worse else " (better)"),
                          (f"What has changed in {label} since last year's panel?",) if worse else (),
                          REST, 0.6 if worse else -1))
    return out


def _outcome_reasons(assessment: Assessment) -> list[Reason]:
    """Outcomes the panel should question: ambition, direction, changes since last year, data."""
    out = []
    for o in assessment.outcomes:
        label = f"{o.ref}. {o.name}" if o.name else o.ref
        rates = (f"aspiration {o.aspiration_cagr:+.2f}% a year; historic PCT {o.cagr.get('pct'):+.2f}%"
                 if o.aspiration_cagr is not None and o.cagr.get("pct") is not None else "")

        def add(kind, why, enquiries=(), tier=OUTCOME_FLAG, weight=0.0, o=o, label=label):
            out.append(Reason(o.ref, label, kind, why, enquiries, tier, weight))

        for flag in o.flags:
            if flag == WORSENING:
                add("outcome_ambition", "performance is worsening",
                    ("What explains the historic trend, and what will reverse it?",), weight=2)
            elif flag == MORE_AGGRESSIVE:
                add("outcome_ambition", f"aspiration might be more aggressive ({rates})",
                    ("Why does the PCT plan to improve more slowly than it has, and than England has?",), weight=1)
            elif flag == AMBITIOUS:
                add("outcome_ambition", f"ambitious aspiration ({rates})",
                    ("Which initiatives of the strategic plan deliver this rate, and is it credible?",), REST, -0.5)
            else:
                add("outcome_ambition", flag, weight=0)
        if o.changed_since_last_year:
            add("outcome_change", f"new since last year; rationale: {o.rationale or 'none given'}",
                ("How does the change reflect the strategic plan's priorities?",), REST, 0)
        for _key, met, message in o.conditions:
            if not met:
                add("data_problem", f"locally defined outcome condition not met: {message}", (), REST, 0.2)
        for problem in o.findings:
            add("data_problem", problem, (), REST, -0.2)
    return out


def _merge(reasons: list[Reason]) -> FocusArea:
    """One focus area from every reason of one subject, the most serious reason first."""
    reasons = sorted(reasons, key=lambda r: (r.tier, -r.weight))
    whys = []
    for r in reasons:
        if r.why not in whys:
            whys.append(r.why)
    enquiries = []
    for r in reasons:
        enquiries += [q for q in r.enquiries if q not in enquiries]
    kinds = []
    for r in reasons:
        if r.kind not in kinds:
            kinds.append(r.kind)
    first = reasons[0]
    return FocusArea(first.key, first.kind, "; ".join(whys), tuple(enquiries[:MAX_ENQUIRIES]), priority=first.tier,
                     label=first.label, kinds=tuple(kinds), reasons=tuple(whys))


def focus_areas(assessment: Assessment) -> tuple[FocusArea, ...]:
    """Every subject the panel should look at, once each, the most serious first."""
    reasons = (_governance_reasons(assessment) + _competency_reasons(assessment) + _outcome_reasons(assessment)
               + _signpost_reasons(assessment))
    by_key: dict[str, list[Reason]] = {}
    for reason in reasons:
        by_key.setdefault(reason.key, []).append(reason)
    order = {key: i for i, key in enumerate(by_key)}  # the framework's order, for ties

    def rank(key: str):
        best = min(by_key[key], key=lambda r: (r.tier, -r.weight))
        return best.tier, -best.weight, order[key]

    return tuple(_merge(by_key[key]) for key in sorted(by_key, key=rank))


def with_focus_areas(assessment: Assessment) -> Assessment:
    """The assessment with its focus areas worked out from everything else in it."""
    return replace(assessment, focus_areas=focus_areas(assessment))
