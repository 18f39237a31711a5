"""What the panel should look at: "key areas of questioning or points of enquiry" (handbook chapter 4).

Focus areas come from the result alone, in a fixed order so that the same submission
gives the same briefing:

1. self-assessment above what the evidence supports (the panel's main question);
2. signposting too poor to check (problem signposts, too many documents);
3. governance ratings that differ from the self-assessment or from last year;
4. limited progress since last year, and improvement since last year;
5. outcome aspirations flagged against peer performance; data problems.
"""

from __future__ import annotations

from dataclasses import replace

from wcc_core.assessment.model import Assessment, FocusArea
from wcc_core.assessment.outcome_rules import AMBITIOUS, MORE_AGGRESSIVE, WORSENING

# Signposts that could not be checked: share of a competency's signposts above which
# "the signposting was too poor to check" becomes a focus area.
POOR_SIGNPOSTING_SHARE = 0.34


def _enquiries_for_gap(sub) -> tuple[str, ...]:
    """Points of enquiry: the lines that stop the self-assessed level, as questions."""
    questions = []
    for c in sub.criteria:
        if c.level is None or sub.self_level is None or not (sub.proposed < c.level <= sub.self_level):
            continue
        if c.status == "no_evidence":
            questions.append(f"{c.id}: what evidence shows that {_lower_first(c.text)}?")
        elif c.status == "not_met":
            where = next((e.where for e in c.evidence if e.stance == "against"), "the documents")
            questions.append(f"{c.id}: {where} says this is not yet done; what has changed since?")
        if len(questions) == 3:
            break
    return tuple(questions)


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 140:
        text = text[:139].rsplit(" ", 1)[0] + " …"
    return text[:1].lower() + text[1:] if text[:2] != "PC" else text


def _competency_areas(assessment: Assessment) -> list[FocusArea]:
    names = assessment.level_names
    above, progress = [], []
    for competency in assessment.competencies.values():
        for sub in competency.subcompetencies:
            if sub.self_level is not None and sub.self_level > sub.proposed:
                above.append(FocusArea(
                    sub.full_key, "self_above_evidence",
                    f"self-assessed {names.get(sub.self_level, sub.self_level)}, evidence supports "
                    f"{names.get(sub.proposed, sub.proposed)}",
                    _enquiries_for_gap(sub), priority=1))
            if sub.last_year is not None:
                if sub.proposed > sub.last_year:
                    progress.append(FocusArea(
                        sub.full_key, "improved",
                        f"improved since last year: {names.get(sub.last_year, sub.last_year)} -> "
                        f"{names.get(sub.proposed, sub.proposed)}",
                        ("What changed, and is the improvement embedded?",), priority=3))
                elif sub.proposed <= sub.last_year and (sub.self_level or 0) > sub.last_year:
                    progress.append(FocusArea(
                        sub.full_key, "limited_progress",
                        f"limited progress: last year {names.get(sub.last_year, sub.last_year)}, evidence "
                        f"supports {names.get(sub.proposed, sub.proposed)} although the PCT claims "
                        f"{names.get(sub.self_level, sub.self_level)}",
                        ("What has been done since last year's panel on this sub-competency?",), priority=2))
    return above + progress


def _signpost_areas(assessment: Assessment) -> list[FocusArea]:
    if assessment.signposts is None:
        return []
    out = []
    by_key: dict[str, list] = {}
    for result in assessment.signposts.results:
        by_key.setdefault(result.key, []).append(result)
    for key in sorted(by_key, key=lambda k: (len(k), k)):
        results = by_key[key]
        problems = [r for r in results if not r.verified]
        if results and len(problems) / len(results) > POOR_SIGNPOSTING_SHARE:
            statuses = sorted({r.status for r in problems})
            out.append(FocusArea(
                key, "poor_signposting",
                f"{len(problems)} of {len(results)} signposts could not be checked ({', '.join(statuses)})",
                ("Ask the PCT to give page and paragraph references for its evidence.",), priority=2))
    for finding in assessment.signposts.findings:
        out.append(FocusArea(finding.key, "poor_signposting", finding.message, (), priority=2))
    return out


def _governance_enquiries(sub, limit: int = 3) -> tuple[str, ...]:
    """Questions for the panel: failings found, figures that decided, good practice not shown."""
    questions = [c.enquiry for c in sub.criteria if c.status == "met" and c.enquiry]
    questions += [c.enquiry for c in sub.criteria if c.status in ("not_met", "no_evidence") and c.enquiry
                  and c.enquiry not in questions]
    return tuple(questions[:limit])


def _governance_areas(assessment: Assessment) -> list[FocusArea]:
    """Governance ratings the panel should question.

    * cannot rate: a data problem for a figure-rated sub-component (the warnings say which
      file and row), otherwise nothing in the documents either way;
    * self-assessed above the proposal (priority 1) or below it (2), with the rule and the
      questions the criteria suggest;
    * a change since last year: worse (2) or better (3).
    Colours are compared by their place on the framework's scale (`assessment.ratings`).
    """
    out = []
    ratings = assessment.ratings
    for component in assessment.governance.values():
        for sub in component.subcomponents:
            if sub.proposed is None:
                if sub.arithmetic:
                    out.append(FocusArea(sub.full_key, "data_problem", f"cannot rate: {sub.rule}",
                                         tuple(sub.warnings[:3]), priority=1))
                else:
                    out.append(FocusArea(sub.full_key, "governance_deviation",
                                         f"cannot rate from the documents: {sub.rule}"
                                         + (f" (self-assessed {sub.self_rating})" if sub.self_rating else ""),
                                         _governance_enquiries(sub), priority=2))
                continue
            deviation = sub.deviation(ratings)
            if deviation["self"] in ("above", "below"):
                above = deviation["self"] == "above"
                out.append(FocusArea(
                    sub.full_key, "governance_deviation",
                    f"self-assessed {sub.self_rating}, evidence supports {sub.proposed}"
                    f"{' (self-assessment above the evidence)' if above else ' (self-assessment below the evidence)'}"
                    f": {sub.rule}",
                    _governance_enquiries(sub), priority=1 if above else 2))
            if deviation["last_year"] in ("better", "worse"):
                worse = deviation["last_year"] == "worse"
                out.append(FocusArea(
                    sub.full_key, "governance_deviation",
                    f"last year {sub.last_year}, now {sub.proposed}" + (" (worse)" if worse else " (better)"),
                    ("What has changed since last year's panel?",) if worse else (), priority=2 if worse else 3))
    return out


def _outcome_areas(assessment: Assessment) -> list[FocusArea]:
    """Outcomes the panel should question: ambition, direction, changes since last year, data."""
    out = []
    for o in assessment.outcomes:
        label = f"{o.ref} {o.name}".strip()
        rates = (f"aspiration {o.aspiration_cagr:+.2f}% a year; historic PCT {o.cagr.get('pct'):+.2f}%"
                 if o.aspiration_cagr is not None and o.cagr.get("pct") is not None else "")
        for flag in o.flags:
            if flag == MORE_AGGRESSIVE:
                out.append(FocusArea(o.ref, "outcome_ambition", f"{label}: aspiration might be more aggressive ({rates})",
                                     ("Why does the PCT plan to improve more slowly than it has, and than England has?",),
                                     priority=2))
            elif flag == AMBITIOUS:
                out.append(FocusArea(o.ref, "outcome_ambition", f"{label}: ambitious aspiration ({rates})",
                                     ("Which initiatives of the strategic plan deliver this rate, and is it credible?",),
                                     priority=3))
            elif flag == WORSENING:
                out.append(FocusArea(o.ref, "outcome_ambition", f"{label}: performance is worsening",
                                     ("What explains the historic trend, and what will reverse it?",), priority=2))
            else:
                out.append(FocusArea(o.ref, "outcome_ambition", f"{label}: {flag}", (), priority=3))
        if o.changed_since_last_year:
            out.append(FocusArea(o.ref, "outcome_change",
                                 f"{label}: new since last year; rationale: {o.rationale or 'none given'}",
                                 ("How does the change reflect the strategic plan's priorities?",), priority=2))
        for key, met, message in o.conditions:
            if not met:
                out.append(FocusArea(o.ref, "data_problem", f"{label}: locally defined outcome condition not met: "
                                                            f"{message}", (), priority=2))
        for problem in o.findings:
            out.append(FocusArea(o.ref, "data_problem", problem, (), priority=3))
    return out


def focus_areas(assessment: Assessment) -> tuple[FocusArea, ...]:
    areas = (_competency_areas(assessment) + _signpost_areas(assessment) + _governance_areas(assessment)
             + _outcome_areas(assessment))
    # Stable: priority first, then the order the sections above produced.
    return tuple(sorted(areas, key=lambda a: a.priority))


def with_focus_areas(assessment: Assessment) -> Assessment:
    return replace(assessment, focus_areas=focus_areas(assessment))
