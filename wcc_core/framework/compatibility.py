"""Does a submission written for one framework fit another? (`wcc assess --framework ID`)

A submission names its framework; an analyst may assess it against another installed
one where the submission's data allow: the same competency, sub-competency and
governance keys, its document types known, its levels and ratings on the other's
scales. `incompatibilities` lists what does not fit, so the error can say exactly why.
"""

from __future__ import annotations

from wcc_core.framework.model import Framework


def _is_level(value: object, framework: Framework) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in framework.info.level_numbers


def incompatibilities(submission, framework: Framework, limit: int = 6) -> list[str]:
    """What in `submission` has no place in `framework` (empty when it fits), at most `limit` items."""
    out: list[str] = []
    for entry in submission.competencies:
        competency = framework.competencies.get(entry.key)
        if competency is None:
            out.append(f"competency {entry.key} is not in {framework.id}")
            continue
        subs = {s.key for s in competency.subcompetencies}
        for table in (entry.self_levels, entry.last_year):
            out += [f"sub-competency {entry.key}{k} is not in {framework.id}" for k in table if k not in subs]
            out += [f"level {v!r} of {entry.key}{k} is not on its scale" for k, v in table.items()
                    if k in subs and not _is_level(v, framework)]
    missing = [k for k in framework.competencies if k not in {e.key for e in submission.competencies}]
    out += [f"{k} has no self-assessment" for k in missing]
    for entry in submission.governance:
        if framework.governance_sub(entry.key) is None:
            out.append(f"governance sub-component {entry.key} is not in {framework.id}")
        elif entry.self_rating not in framework.info.ratings:
            out.append(f"rating {entry.self_rating!r} of {entry.key} is not on its scale")
    out += [f"document type {d.type} is not in {framework.id}" for d in submission.documents
            if d.type not in framework.document_types]
    unique = list(dict.fromkeys(out))
    return unique[:limit] + ([f"and {len(unique) - limit} more"] if len(unique) > limit else [])


def override_message(submission, framework: Framework, problems: list[str], installed) -> str:
    """The error for `wcc assess --framework ID` when the submission does not fit ID."""
    fits = ", ".join(installed) or "none"
    return (f"cannot assess this {submission.framework_id or 'unnamed'} submission against {framework.id}: "
            f"{'; '.join(problems)} (installed frameworks: {fits}). "
            f"Assess it against {submission.framework_id or 'its own framework'}, or map its keys first")
