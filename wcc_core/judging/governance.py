"""Judging governance sub-components: criteria lines from documents, figure lines from the data files.

Text lines are judged exactly as competency lines are (wcc_core.judging.criterion:
signposted blocks and index search over the document types appendix VI lists for the
sub-component, fit, stance, `met` / `not_met` / `no_evidence` / `needs_panel`), with two
additions, because the red, amber and green lines of a sub-component grade one statement
and the worst ones describe failings, often worded negatively ("The vision is not
underpinned by analytical research"):

* a line whose own wording is negated or deferred by the ConText rules (assertion.py,
  context_rules.toml) states a failing. It is
  `met` (the failing holds) when a passage fits it and repeats its negation ("... is not
  underpinned ...", "are not" for "is not") or puts the thing off ("not yet", "will be");
  a passage that also denies something else is evidence neither way. When no such passage exists but a passage fits its words without
  the negation (the good practice: "... is underpinned ..."), it is `not_met` and that
  passage is shown as evidence against; otherwise `no_evidence`. Nobody is asked to show
  that a failing holds, so a red line that is not met carries no enquiry.
* a positively worded line must be matched by a passage containing one of the words that
  set it apart from the other ratings' lines ("only a few" / "some" / "all" board
  meetings; "unclear"), so one passage does not meet the red, amber and green lines alike.

Figure lines (finance.csv, metrics.csv) are rated by the handbook's arithmetic in
wcc_core.assessment.governance_figures, which calls this module for the text lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from wcc_core.framework.model import CriterionLine, SubComponent
from wcc_core.judging.assertion import assert_status, triggers_in
from wcc_core.judging.criterion import JudgingThresholds, SubCompetencyJudge
from wcc_core.records.results import CriterionResult, EvidenceItem
from wcc_core.records.text import shorten
from wcc_core.scoring import stem, terms

_WORDS = re.compile(r"[a-z][a-z'-]+")


def states_failing(line: CriterionLine) -> bool:
    """True when the line is worded as a failing ("is not", "lacks", "does not")."""
    return assert_status(line.text, {}, stem).stance == "against"


def negation_words(line: CriterionLine) -> tuple[str, ...]:
    """The negation cues the line's own wording carries ("is not", "lacks"), as required words."""
    return tuple(phrase for phrase in triggers_in(line.text, "negated") if terms(phrase))


def with_distinctive_words(lines: Sequence[CriterionLine]) -> tuple[CriterionLine, ...]:
    """Each positively worded line, requiring a passage to contain a word no other rating's line has.

    Negatively worded lines are left alone here (see `failing_variant`), as are lines whose
    data already name required words, panel lines and figure lines.
    """
    out = []
    for line in lines:
        if line.panel or line.quantitative is not None or line.search.required or states_failing(line):
            out.append(line)
            continue
        others = {t for other in lines if other.rating != line.rating for t in terms(other.text)}
        chosen = [w for w in dict.fromkeys(_WORDS.findall(line.text.lower())) if terms(w) and terms(w)[0] not in others]
        out.append(replace(line, search=replace(line.search, required=tuple(chosen))) if chosen else line)
    return tuple(out)


def _restates(item: EvidenceItem, line: CriterionLine) -> bool:
    """Does a passage restate the line's failing rather than deny something else?

    It does when its cue is the line's own negation in another form ("are not" for "is
    not": the same negation words) or it puts the thing off (intended, in progress,
    "not yet").
    """
    if not item.cue:
        return False
    own = {t for phrase in negation_words(line) for t in terms(phrase)}
    return (set(terms(item.cue)) <= own or item.assertion in ("intended", "in_progress")
            or item.cue in ("not yet", "yet to", "still to"))


def failing_variant(line: CriterionLine) -> CriterionLine:
    """A negatively worded line that only a passage repeating its negation can fit."""
    if line.panel or line.quantitative is not None or line.search.required or not states_failing(line):
        return line
    return replace(line, search=replace(line.search, required=negation_words(line)))


class GovernanceJudge:
    """Judges the text lines of one governance sub-component (see the module docstring)."""

    def __init__(self, sub: SubComponent, context, thresholds: JudgingThresholds | None = None):
        self.sub, self.context = sub, context
        self.thresholds = thresholds or JudgingThresholds.from_framework(context.framework)
        self.worst = context.framework.info.ratings[0]
        graded = with_distinctive_words(sub.criteria)
        self.strict = {line.id: failing_variant(line) for line in graded}
        self.loose = {line.id: line for line in graded}
        self.judge = self._judge_over(self.strict.values())
        self._loose_judge: SubCompetencyJudge | None = None  # built when a failing needs it

    def _judge_over(self, lines) -> SubCompetencyJudge:
        return SubCompetencyJudge(self.context, "governance", self.sub.full_key, None,
                                  self.sub.evidence.documents, tuple(lines), self.thresholds)

    def __call__(self, line: CriterionLine) -> CriterionResult:
        strict = self.strict.get(line.id, line)
        result = self.judge.judge(strict)
        if strict is not self.loose.get(line.id, line):  # a failing: read it the right way round
            result = self._failing(line, result)
        if line.rating == self.worst and result.status in ("no_evidence", "not_met"):
            result = replace(result, enquiry="")  # nobody need show that a failing holds
        return result

    def _failing(self, line: CriterionLine, result: CriterionResult) -> CriterionResult:
        deferred = result.status == "not_met" and result.evidence and _restates(result.evidence[0], line)
        if result.status == "not_met" and not deferred:
            # The passage repeats the negation but denies something else as well ("no longer",
            # "cannot"): neither the failing nor its opposite is plainly stated.
            return replace(result, status="no_evidence", enquiry="",
                           reason=f"no evidence: {result.evidence[0].where if result.evidence else 'a passage'} fits "
                                  f"but also says '{result.evidence[0].cue if result.evidence else ''}'")
        if result.status == "met" or deferred:
            # Every passage that fits repeats the line's negation: each states the failing
            # (a further "not yet" or "will be" only says it is not put right yet).
            evidence = tuple(replace(e, stance="for") for e in result.evidence)
            best = evidence[0] if evidence else None
            where = best.where if best else "the documents"
            cue = f" ('{result.evidence[0].cue}')" if result.evidence and result.evidence[0].cue else ""
            return replace(result, status="met", evidence=evidence,
                           reason=f"met (the failing holds): {where} states it{cue}",
                           enquiry=f"{where} says that {shorten(line.text[:1].lower() + line.text[1:], 120)}: "
                                   "what is being done about it?")
        if result.status != "no_evidence":
            return result
        if self._loose_judge is None:
            self._loose_judge = self._judge_over(self.loose.values())
        loose = self._loose_judge.judge(self.loose[line.id])
        if loose.status != "met":
            return result
        # The line's words fit, its negation does not: the passage states the good practice.
        evidence = tuple(replace(e, stance="against") for e in loose.evidence)
        where = evidence[0].where if evidence else "the documents"
        return replace(loose, status="not_met", evidence=evidence, enquiry="",
                       reason=f"not met: {where} states the opposite of this failing")
