"""Applying the review file on every run: decided values beside the proposals, stale decisions reported.

Which decision stands on a target (a criterion line, a level, a rating, a signpost, a
commentary section) follows the process: **calibration over panel over analyst over the
proposal**; between two decisions of the same role the later stands. Levels and ratings
are recomputed from the decided criterion lines by the assessment's own aggregate path
(`aggregate.subcompetency_level`, `subcomponent_rating`, `component_rating`: the same
prior, rating rules and level names as before the decision; a decided line counts as
certain as a figure) unless a decision sets the level or rating directly, which then
stands over the arithmetic.

A decision whose target no longer exists is **stale**: reported in
`assessment.decisions["stale"]` with the reason and never applied. That is: a criterion
id, sub-competency or governance key the framework no longer has; a criterion line whose
text changed; a level or rating outside the framework's scale; a signpost that is gone
or now reads differently; a signpost whose document changed since the decision; cited
evidence that no longer verifies, or whose document changed and now reads differently
where it is cited.

The Assessment keeps its shape: `CriterionResult.status`, `SubCompetencyResult.proposed`
and the governance `proposed` hold the decided values, the `proposed_status` /
`proposed_by_evidence` fields keep wcc's proposal where a decision changed it, and
`decided_by` says who ("panel J. Chair") wherever a decision stands on the value
itself; `assessment.decisions` holds every decision side by side (see
docs/review-file.md), and the stage becomes "panel_report" once a panel or calibration
decision stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Mapping

from indexer.model import ExtractedDocument
from wcc_core.assessment import focus, rationale
from wcc_core.records.results import (
    Assessment,
    CompetencyResult,
    CriterionResult,
    GovernanceResult,
    SubComponentResult,
    SubCompetencyResult,
)
from wcc_core.assessment.arithmetic import mean_one_decimal
from wcc_core.framework.model import Framework
from wcc_core.review import targets
from wcc_core.review.evidence import EvidenceCheck, check_reference, digests, signpost_documents
from wcc_core.review.model import COMMENTARY_SECTIONS, ROLES, Decision, role_rank
from wcc_core.review.store import ReviewFile, ReviewFileError, read_review, review_path
from wcc_core.submission.model import Submission

PANEL_ROLES = ("panel", "calibration")


@dataclass
class _Checked:
    """A decision that still has its target, and what was found checking it."""

    decision: Decision
    order: int = 0  # position in the review file: the order decisions were recorded
    evidence: EvidenceCheck | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out = self.decision.to_json()
        if self.evidence is not None:
            out["evidence_check"] = self.evidence.to_json()
        if self.notes:
            out["notes"] = list(self.notes)
        return out


class _Stale(Exception):
    def __init__(self, why: str, suggestions: list[str] | None = None):
        super().__init__(why)
        self.why = why
        self.suggestions = suggestions or []


# --- entry points --------------------------------------------------------------------------


def apply_review_file(assessment: Assessment, review_file: Path | bool | None, *, submission: Submission,
                      framework: Framework, documents: Mapping[str, ExtractedDocument | None]) -> Assessment:
    """The assessment with the submission's review file applied.

    `review_file` None: the file `$WCC_REVIEW` names, else `<parent>/<folder>.review.toml`
    (no file there: the proposals alone); a path: that file, which must exist; False: no
    review at all (the briefing). Raises ReviewFileError for a file that cannot be used.
    """
    if review_file is False:
        return assessment
    path = review_path(submission.root, None if review_file in (None, True) else Path(review_file))
    if review_file not in (None, True) and not path.exists():
        raise ReviewFileError(f"{path}: no review file there (`wcc review` creates one)")
    review = read_review(path)
    if not review.exists:
        return assessment
    check_belongs(review, submission)
    return apply_review(assessment, review, submission=submission, framework=framework, documents=documents)


def stale_warnings(assessment: Assessment) -> list[str]:
    """One line per stale decision, for stderr: "review: d5 (criterion C6b.99) is stale: ..."."""
    stale = (assessment.decisions or {}).get("stale") or []
    where = (assessment.decisions or {}).get("review_file", "the review file")
    lines = [f"{where}: {s.get('id')} ({s.get('target')} {s.get('key')}) is stale, not applied: {s.get('why')}"
             + (f"; nearest: {', '.join(s['suggestions'])}" if s.get("suggestions") else "")
             for s in stale]
    return lines


def _conflicts(by_address: dict[tuple, list[_Checked]], standing: dict[tuple, _Checked]) -> list[dict]:
    """Targets on which one role has more than one decision (a hand-edited or merged file): which stands, which not.

    `wcc review` replaces a role's decision on a target, so only an edited file has
    these; the one recorded later in the file stands, whatever dates the entries claim.
    """
    out = []
    for address, items in by_address.items():
        for role in ROLES:
            mine = sorted((i for i in items if i.decision.role == role), key=lambda i: i.order)
            if len(mine) < 2:
                continue
            winner = mine[-1]
            out.append({"target": address[0], "key": address[1], "where": winner.decision.where, "role": role,
                        "stands": winner.decision.id, "overruled": [i.decision.id for i in mine[:-1]],
                        "decisions": [{"id": i.decision.id, "value": i.decision.value, "at": i.decision.at}
                                      for i in mine],
                        "stands_overall": standing[address].decision.id})
    return out


def conflict_warnings(assessment: Assessment) -> list[str]:
    """One line per target holding two decisions of one role, naming both, for stderr."""
    decisions = assessment.decisions or {}
    where = decisions.get("review_file", "the review file")
    lines = []
    for c in decisions.get("conflicts") or []:
        listed = ", ".join(f"{d['id']} ({d['value']}, dated {d['at']})" for d in c["decisions"])
        lines.append(f"{where}: {len(c['decisions'])} {c['role']} decisions on {c['target']} {c['where']}: {listed}; "
                     f"{c['stands']} stands as the one recorded last in the file, whatever the dates say "
                     "(remove the other with `wcc review SUB remove ID`)")
    return lines


def check_belongs(review: ReviewFile, submission: Submission) -> None:
    """A review file taken on another PCT is refused, never applied."""
    name, code = review.submission.get("name"), review.submission.get("code")
    if (name and name != submission.pct.name) or (code and submission.pct.code and code != submission.pct.code):
        raise ReviewFileError(f"{review.path}: this review file is for {name or code}, not {submission.pct.name}; "
                              "name the right file with --review")


def apply_review(assessment: Assessment, review: ReviewFile, *, submission: Submission, framework: Framework,
                 documents: Mapping[str, ExtractedDocument | None]) -> Assessment:
    """Apply `review`'s decisions to `assessment` (which holds proposals only)."""
    checked, stale = [], []
    for order, decision in enumerate(review.decisions):
        try:
            checked.append(replace(_check(decision, assessment, submission, framework, documents), order=order))
        except _Stale as why:
            stale.append({**decision.to_json(), "why": why.why, "suggestions": why.suggestions})
    for raw, problem in review.invalid:
        stale.append({"id": raw.get("id"), "target": raw.get("target"), "key": raw.get("key"),
                      "why": f"cannot be read: {problem}", "suggestions": []})

    by_address: dict[tuple, list[_Checked]] = {}
    for item in checked:
        by_address.setdefault(item.decision.address, []).append(item)
    # Between two decisions of one role the one recorded later stands: the file's order,
    # which `wcc review` keeps, never the date a (perhaps hand-edited) entry claims.
    standing = {address: max(items, key=lambda c: (role_rank(c.decision.role), c.order))
                for address, items in by_address.items()}

    names = assessment.level_names
    competencies = {k: _decided_competency(c, standing, framework) for k, c in assessment.competencies.items()}
    governance = {k: _decided_component(g, standing, framework) for k, g in assessment.governance.items()}
    signposts, signpost_records = _decided_signposts(assessment, standing)

    applied = [_record(address, items, standing[address], assessment, names) for address, items in by_address.items()]
    commentary = {s: "" for s in COMMENTARY_SECTIONS}
    for address, item in standing.items():
        if address[0] == "commentary":
            commentary[address[1]] = item.decision.value
    panel = any(item.decision.role in PANEL_ROLES for item in standing.values())
    decided = replace(
        assessment,
        competencies=competencies,
        governance=governance,
        signposts=signposts,
        stage="panel_report" if panel else "briefing",
        decisions={
            "review_file": str(review.path),
            "precedence": list(reversed(ROLES)) + ["proposal"],
            "applied": applied,
            "stale": stale,
            "conflicts": _conflicts(by_address, standing),
            "commentary": commentary,
            "signposts": signpost_records,
        },
    )
    return focus.with_focus_areas(decided)


# --- checking each decision against what is there now --------------------------------------


def _check(decision: Decision, assessment: Assessment, submission: Submission, framework: Framework,
           documents: Mapping[str, ExtractedDocument | None]) -> _Checked:
    """The decision with its evidence checked, or _Stale saying why its target is gone."""
    kind = decision.target
    try:
        if kind == "criterion":
            return _check_criterion(decision, submission, framework, documents)
        if kind == "level":
            targets.subcompetency(framework, decision.key)
            if not 1 <= decision.value <= len(framework.info.levels):
                raise _Stale(f"level {decision.value} is not a level of {framework.id} "
                             f"({', '.join(framework.info.levels)})")
        elif kind == "rating":
            targets.rated(framework, decision.key)
            if decision.value not in framework.info.ratings:
                raise _Stale(f"'{decision.value}' is not a rating of {framework.id} ({', '.join(framework.info.ratings)})")
        elif kind == "signpost":
            return _check_signpost(decision, assessment, submission, framework)
    except targets.DecisionError as error:
        raise _Stale(f"{error} (the criteria set changed since the decision?)",
                     targets.nearest(decision.key, _keys_of(kind, framework))) from None
    return _Checked(decision)


def _keys_of(kind: str, framework: Framework) -> list[str]:
    if kind == "criterion":
        return list(targets.criterion_ids(framework))
    if kind == "level":
        return targets.subcompetency_keys(framework)
    return targets.rating_keys(framework)


def _check_criterion(decision: Decision, submission: Submission, framework: Framework,
                     documents: Mapping[str, ExtractedDocument | None]) -> _Checked:
    texts = targets.criterion_ids(framework)
    if decision.key not in texts:
        raise targets.DecisionError(f"'{decision.key}' is not a criterion line of {framework.id}")
    then = decision.snapshot.get("text")
    if then and " ".join(then.split()) != " ".join(texts[decision.key].split()):
        raise _Stale(f"the criterion line {decision.key} changed since the decision: it read '{then}' "
                     f"and now reads '{texts[decision.key]}'")
    item = _Checked(decision)
    if not decision.evidence:
        return item
    stance = "for" if decision.value == "met" else "against"
    check = check_reference(decision.evidence, decision.key, stance, submission, framework, documents)
    item.evidence = check
    was_status = decision.snapshot.get("status")
    then_hashes = decision.snapshot.get("documents", {})
    now_hashes = digests(submission, then_hashes) if isinstance(then_hashes, dict) else {}
    changed = sorted(d for d, h in now_hashes.items() if h != then_hashes.get(d))
    if not check.verified and (was_status in (None, "verified") or changed):
        raise _Stale(f"its evidence '{decision.evidence}' no longer verifies: {check.message}")
    if changed:
        then_excerpt = decision.snapshot.get("excerpt", "")
        if " ".join(then_excerpt.split()) != " ".join(check.excerpt.split()):
            raise _Stale(f"{', '.join(changed)} changed since the decision and '{decision.evidence}' now reads "
                         f"'{check.excerpt[:120]}' (it read '{then_excerpt[:120]}')")
        item.notes.append(f"{', '.join(changed)} changed since the decision; the cited passage reads the same")
    return item


def _check_signpost(decision: Decision, assessment: Assessment, submission: Submission,
                    framework: Framework) -> _Checked:
    entry = next((e for e in submission.signposts() if e.key == decision.key and e.index == decision.index), None)
    if entry is None:
        raise _Stale(f"the submission has no signpost {decision.where} any more")
    then = decision.snapshot.get("raw")
    if then is not None and then != entry.raw:
        raise _Stale(f"signpost {decision.where} now reads '{entry.raw}' (it read '{then}' when decided)")
    if decision.part is not None and assessment.signposts is not None and not any(
            r.key == decision.key and r.index == decision.index and r.part == decision.part
            for r in assessment.signposts.results):
        raise _Stale(f"signpost {decision.key} #{decision.index} has no part {decision.part} any more")
    then_hashes = decision.snapshot.get("documents", {})
    if isinstance(then_hashes, dict) and then_hashes:
        now = digests(submission, signpost_documents(entry.raw, submission, framework))
        changed = sorted(d for d in set(now) | set(then_hashes) if now.get(d) != then_hashes.get(d))
        if changed:
            raise _Stale(f"{', '.join(changed)} changed since signpost {decision.where} was "
                         f"{decision.value}ed: check it again")
    return _Checked(decision)


# --- the decided result ---------------------------------------------------------------------


def _stands(standing: dict, target: str, key: str) -> _Checked | None:
    return standing.get((target, key, None, None))


def _decided_criteria(criteria: tuple[CriterionResult, ...], standing: dict) -> tuple[tuple[CriterionResult, ...], list[_Checked]]:
    out, used = [], []
    for c in criteria:
        item = _stands(standing, "criterion", c.id)
        if item is None:
            out.append(c)
            continue
        d = item.decision
        evidence = tuple(item.evidence.items) if item.evidence else ()
        reason = f"{d.value.replace('_', ' ')} ({d.who}): {d.because}" if d.because else f"{d.value} ({d.who})"
        if d.evidence:
            reason += f" — evidence {d.evidence}"
        # A decided line counts as certain as a figure (probability None: uncertainty.line_probability).
        out.append(replace(c, status=d.value, reason=reason, evidence=evidence + c.evidence, probability=None,
                           proposed_status=c.status if c.status != d.value else None, decided_by=d.who))
        used.append(item)
    return tuple(out), used


def _who(items: list[_Checked]) -> str:
    return "; ".join(dict.fromkeys(i.decision.who for i in items))


def _decided_sub(sub: SubCompetencyResult, standing: dict, framework: Framework) -> SubCompetencyResult:
    criteria, used = _decided_criteria(sub.criteria, standing)
    direct = _stands(standing, "level", sub.full_key)
    if not used and direct is None:
        return sub
    names = {i: n for i, n in enumerate(framework.info.levels, start=1)}
    # The one aggregate path: the same arithmetic as the assessment, on the decided lines.
    from wcc_core.assessment import aggregate  # judging's: imported when a decision is applied
    evidence_level, steps, decision = aggregate.subcompetency_level(criteria, framework, sub.self_level)
    by_criteria = decision.proposed
    context = SimpleNamespace(framework=framework)
    evidence_view = rationale.with_rationale(replace(
        sub, criteria=criteria, steps=steps, proposed=by_criteria, evidence_level=evidence_level,
        distribution=decision.distribution, confidence=decision.confidence, verdict=decision.verdict,
        lines_to_check=decision.lines_to_check), context)
    if direct is not None:
        d = direct.decision
        level, who = d.value, d.who
        lead = f"Level {names.get(level, level)} set by {d.who}" + (f": {d.because}." if d.because else ".")
    else:
        level, who = by_criteria, _who(used)
        if by_criteria != sub.proposed:
            lead = (f"Level {names.get(level, level)} once the decisions on {', '.join(i.decision.key for i in used)} "
                    f"({who}) are applied; wcc proposed {names.get(sub.proposed, sub.proposed)}.")
        else:
            lead = f"Decisions on {', '.join(i.decision.key for i in used)} ({who}) leave the level unchanged."
    return replace(evidence_view, proposed=level, rationale=f"{lead} {evidence_view.rationale}",
                   **_marks(sub.proposed, level, who, direct is not None))


def _marks(proposal, decided, who: str, direct: bool) -> dict:
    """`proposed_by_evidence` when a decision changed the value; `decided_by` then, or when set directly."""
    if decided != proposal:
        return {"proposed_by_evidence": proposal, "decided_by": who}
    return {"decided_by": who} if direct else {}


def _decided_competency(competency: CompetencyResult, standing: dict, framework: Framework) -> CompetencyResult:
    subs = tuple(_decided_sub(s, standing, framework) for s in competency.subcompetencies)
    if subs == competency.subcompetencies:
        return competency
    return replace(competency, subcompetencies=subs, score=mean_one_decimal(s.proposed for s in subs))


def _decided_subcomponent(sub: SubComponentResult, standing: dict, framework: Framework) -> SubComponentResult:
    criteria, used = _decided_criteria(sub.criteria, standing)
    direct = _stands(standing, "rating", sub.full_key)
    if not used and direct is None:
        return sub
    ratings = framework.info.ratings
    from wcc_core.assessment import aggregate  # judging's: imported when a decision is applied
    rating, rule = aggregate.subcomponent_rating(criteria, ratings, sub.rating_rule,
                                                 (sub.proposed, sub.rule) if sub.arithmetic else None)
    evidence_view = rationale.with_governance_rationale(replace(sub, criteria=criteria, proposed=rating, rule=rule))
    if direct is not None:
        d = direct.decision
        rating, who = d.value, d.who
        lead = f"{d.value.capitalize()} set by {d.who}" + (f": {d.because}." if d.because else ".")
    else:
        who = _who(used)
        lead = f"After the decisions on {', '.join(i.decision.key for i in used)} ({who})."
    return replace(evidence_view, proposed=rating, rationale=f"{lead} {evidence_view.rationale}",
                   **_marks(sub.proposed, rating, who, direct is not None))


def _decided_component(component: GovernanceResult, standing: dict, framework: Framework) -> GovernanceResult:
    subs = tuple(_decided_subcomponent(s, standing, framework) for s in component.subcomponents)
    direct = _stands(standing, "rating", component.key)
    if subs == component.subcomponents and direct is None:
        return component
    if direct is not None:
        d = direct.decision
        rule = f"set by {d.who}" + (f": {d.because}" if d.because else "")
        return replace(component, subcomponents=subs, proposed=d.value, rule=rule,
                       **_marks(component.proposed, d.value, d.who, True))
    from wcc_core.assessment import aggregate  # judging's: imported when a decision is applied
    rating, rule = aggregate.component_rating(subs, framework.info.ratings)
    if rating == component.proposed:
        return replace(component, subcomponents=subs)
    who = "; ".join(dict.fromkeys(s.decided_by for s in subs if s.decided_by))
    return replace(component, subcomponents=subs, proposed=rating, rule=rule,
                   proposed_by_evidence=component.proposed, decided_by=who)


def _decided_signposts(assessment: Assessment, standing: dict):
    """The signpost report with accepted signposts verified, and one record per decided signpost part."""
    report = assessment.signposts
    if report is None:
        return report, []
    results, records = [], []
    for r in report.results:
        item = standing.get(("signpost", r.key, r.index, r.part)) or standing.get(("signpost", r.key, r.index, None))
        if item is None:
            results.append(r)
            continue
        d = item.decision
        note = f": {d.because}" if d.because else ""
        if d.value == "accept":
            decided = replace(r, status="verified", message=f"accepted as verified by {d.who}{note} (wcc found: {r.message})")
        else:
            decided = replace(r, message=f"rejected by {d.who}{note} (wcc found: {r.message})")
        results.append(decided)
        records.append({"id": d.id, "key": r.key, "index": r.index, "part": r.part, "raw": r.raw,
                        "decision": d.value, "proposed_status": r.status, "status": decided.status,
                        "note": d.because, "by": d.by, "role": d.role, "at": d.at, "decided_by": d.who})
    return replace(report, results=tuple(results)), records


# --- the side-by-side record ------------------------------------------------------------------


def _proposal(address: tuple, assessment: Assessment) -> Any:
    """What wcc proposed for a target, before any decision."""
    target, key, index, part = address
    if target == "criterion":
        for c in _all_criteria(assessment):
            if c.id == key:
                return c.status
    if target == "level":
        for competency in assessment.competencies.values():
            for s in competency.subcompetencies:
                if s.full_key == key:
                    return s.proposed
    if target == "rating":
        for component in assessment.governance.values():
            if component.key == key:
                return component.proposed
            for s in component.subcomponents:
                if s.full_key == key:
                    return s.proposed
    if target == "signpost" and assessment.signposts is not None:
        found = [r.status for r in assessment.signposts.results if r.key == key and r.index == index
                 and (part is None or r.part == part)]
        return found[0] if len(found) == 1 else (found or None)
    return None


def _all_criteria(assessment: Assessment):
    for competency in assessment.competencies.values():
        for s in competency.subcompetencies:
            yield from s.criteria
    for component in assessment.governance.values():
        for s in component.subcomponents:
            yield from s.criteria


def _changes(d: Decision, proposal: Any) -> bool:
    """Whether the decision changes what wcc proposed (commentary is new text, never a change)."""
    if d.target == "commentary":
        return False
    if d.target == "signpost":
        statuses = proposal if isinstance(proposal, list) else [proposal]
        return any((s == "verified") != (d.value == "accept") for s in statuses)
    return d.value != proposal


def _record(address: tuple, items: list[_Checked], standing: _Checked, assessment: Assessment,
            names: dict[int, str]) -> dict:
    """One target: wcc's proposal, each role's decision side by side, and which stands."""
    proposal = _proposal(address, assessment)
    d = standing.decision
    out = {"target": address[0], "key": address[1], "index": address[2], "part": address[3], "where": d.where,
           "proposal": proposal, "decided": d.value, "stands": d.role, "decided_by": d.who,
           "changed": _changes(d, proposal)}
    if d.target == "level":
        out["decided_name"] = names.get(d.value, str(d.value))
    for role in ROLES:
        mine = [i for i in items if i.decision.role == role]
        out[role] = max(mine, key=lambda i: i.order).to_json() if mine else None
    return out
