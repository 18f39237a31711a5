"""Checking a submission against the format and its framework's rules.

Every problem is reported, not only the first, each as a Finding with the file, the key
and what is wrong. The rules are the handbook's (Year 2: chapter 4, appendices I and IV)
as the framework's data states them; nothing here knows a framework by name, and level
numbers and names and the rating scale come from the framework's data.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from pathlib import Path

from indexer.page_count import count_pages_bounded_many
from wcc_core.records.findings import Finding
from wcc_core.framework.model import Framework
from wcc_core.plugin_manager import PluginError
from wcc_core.submission.data_files import READERS as DATA_READERS
from wcc_core.submission.loader import TOML_NAME, load_submission_with_problems
from wcc_core.submission.model import Submission

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def _error(key: str, message: str, file: str = TOML_NAME) -> Finding:
    return Finding(file, key, message)


def _warning(key: str, message: str, file: str = TOML_NAME) -> Finding:
    return Finding(file, key, message, severity="warning")


def check_path(submission: Submission, relative: str, key: str, what: str) -> list[Finding]:
    """A path named in submission.toml must be given, stay inside the folder and exist."""
    if not relative:
        return [_error(key, f"no {what} path given")]
    resolved, problem = submission.locate(relative)
    if problem:
        return [_error(key, f"{what} path {problem}")]
    try:
        exists = resolved.is_file()
    except OSError as error:  # a name too long for the file system
        return [_error(key, f"{what} path '{relative}' cannot be used: {error.strerror or error}")]
    if not exists:
        kind = "is a folder, not a file" if resolved.is_dir() else "is not a regular file" if resolved.exists() else "does not exist"
        return [_error(key, f"{what} file '{relative}' {kind}")]
    return []


def check_pct(submission: Submission) -> list[Finding]:
    """Findings for `[pct]`: the PCT's name and the framework are required."""
    findings = []
    if not submission.pct.name:
        findings.append(_error("pct.name", "the PCT's name is required"))
    if not submission.framework_id:
        findings.append(_error("pct.framework", 'the framework is required (e.g. framework = "wcc-2009")'))
    return findings


def check_documents(submission: Submission, framework: Framework | None) -> list[Finding]:
    """Findings for `[[documents]]`: ids, files inside the submission, types, comments, page and count limits."""
    findings: list[Finding] = []
    ids = Counter(d.id for d in submission.documents if d.id)
    pages = _page_counts(submission, framework)
    for i, doc in enumerate(submission.documents):
        key = f"documents[{i}]" + (f" ({doc.id})" if doc.id else "")
        if not doc.id:
            findings.append(_error(key, "the document has no id"))
        elif ids[doc.id] > 1:
            findings.append(_error(key, f"duplicate document id '{doc.id}'"))
        path_problems = check_path(submission, doc.file, f"{key}.file", "document")
        findings += path_problems
        if doc.file and not path_problems and Path(doc.file).suffix.lower() not in DOCUMENT_SUFFIXES:
            findings.append(_error(f"{key}.file", f"'{doc.file}' is not a PDF, DOCX, TXT or MD file"))
        if framework is None:
            continue
        doc_type = framework.document_types.get(doc.type)
        if doc_type is None:
            known = ", ".join(framework.document_types)
            findings.append(_error(f"{key}.type", f"unknown document type '{doc.type}' (known: {known})"))
            continue
        if doc_type.requires_comment and not doc.comment.strip():
            findings.append(_error(f"{key}.comment", f"a {doc_type.name.lower()} needs a comment saying why it is submitted"))
        if doc_type.max_pages and not path_problems:
            if pages.get(i) is not None and pages[i] > doc_type.max_pages:
                findings.append(
                    _error(f"{key}.file", f"{doc_type.name} has {pages[i]} pages; the handbook allows at most {doc_type.max_pages}")
                )
    if framework is not None:
        findings += check_document_counts(submission, framework)
    return findings


def _page_counts(submission: Submission, framework: Framework | None) -> dict[int, int | None]:
    """Document number -> its page count, for the documents of a type with a page limit whose
    file can be read; counted in one worker process, under the limits (indexer.page_count)."""
    if framework is None:
        return {}
    wanted = {}
    for i, doc in enumerate(submission.documents):
        doc_type = framework.document_types.get(doc.type)
        if doc_type is not None and doc_type.max_pages and not check_path(submission, doc.file, "", "document"):
            wanted[i] = submission.locate(doc.file)[0]
    return dict(zip(wanted, count_pages_bounded_many(list(wanted.values()))))


def check_document_counts(submission: Submission, framework: Framework) -> list[Finding]:
    """Findings for the number of documents of each type against the handbook's limits."""
    findings = []
    counts = Counter(d.type for d in submission.documents)
    for doc_type in framework.document_types.values():
        n = counts.get(doc_type.key, 0)
        if doc_type.max_count and n > doc_type.max_count:
            findings.append(
                _error("documents", f"{n} documents of type '{doc_type.key}'; the handbook allows at most {doc_type.max_count}")
            )
        if n < doc_type.min_count:
            findings.append(
                _warning("documents", f"{n} documents of type '{doc_type.key}'; the handbook asks for {doc_type.min_count}")
            )
    return findings


def _is_level(value: object, framework: Framework) -> bool:
    """A level number of the framework's scale (1..n); its names are for outputs."""
    return isinstance(value, int) and not isinstance(value, bool) and value in framework.info.level_numbers


def _scale(framework: Framework) -> str:
    """"1, 2, 3, 4" or "1..4 (Below baseline, Baseline, Intermediate, World class)"."""
    numbers = ", ".join(map(str, framework.info.level_numbers))
    named = [n for i, n in enumerate(framework.info.levels, start=1) if n != str(i)]
    return f"{numbers} ({', '.join(framework.info.levels)})" if named else numbers


def _ratings(framework: Framework) -> str:
    names = list(framework.info.ratings)
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else (names[0] if names else "(none)")


def check_competencies(submission: Submission, framework: Framework) -> list[Finding]:
    """Findings for `[competencies]`: known keys, levels on the framework's scale, a self-assessment for each one."""
    findings = []
    seen = {c.key for c in submission.competencies}
    for assessment in submission.competencies:
        where = f"competencies.{assessment.key}"
        competency = framework.competencies.get(assessment.key)
        if competency is None:
            findings.append(_error(where, f"unknown competency '{assessment.key}' (framework {framework.id} has {', '.join(framework.competencies)})"))
            continue
        sub_keys = [s.key for s in competency.subcompetencies]
        for table_name, levels in (("self", assessment.self_levels), ("last_year", assessment.last_year)):
            for sub, level in levels.items():
                if sub not in sub_keys:
                    findings.append(_error(f"{where}.{table_name}.{sub}", f"unknown sub-competency '{sub}' of {assessment.key} (has {', '.join(sub_keys)})"))
                elif not _is_level(level, framework):
                    findings.append(_error(f"{where}.{table_name}.{sub}", f"level {level!r} is not one of {_scale(framework)}"))
        for sub in sub_keys:
            if sub not in assessment.self_levels:
                findings.append(_error(f"{where}.self.{sub}", f"no self-assessed level for {assessment.key}{sub}"))
        for signpost in assessment.signposts:
            if signpost.sub is not None and signpost.sub not in sub_keys:
                findings.append(_error(f"{where}.signposts[{signpost.index}].sub", f"unknown sub-competency '{signpost.sub}' of {assessment.key}"))
    for key in framework.competencies:
        if key not in seen:
            findings.append(_error(f"competencies.{key}", f"no self-assessment for {key}"))
    return findings


def check_governance(submission: Submission, framework: Framework) -> list[Finding]:
    """Findings for `[governance]`: known sub-components, ratings on the framework's scale, a self-rating for each."""
    findings = []
    seen = set()
    for assessment in submission.governance:
        where = f"governance.{assessment.key}"
        if framework.governance_sub(assessment.key) is None:
            findings.append(_error(where, f"unknown governance sub-component '{assessment.key}'"))
            continue
        seen.add(assessment.key)
        ratings = framework.info.ratings
        if assessment.self_rating not in ratings:
            findings.append(_error(f"{where}.self", f"rating {assessment.self_rating!r} is not {_ratings(framework)}"))
        if assessment.last_year is not None and assessment.last_year not in ratings:
            findings.append(_error(f"{where}.last_year", f"rating {assessment.last_year!r} is not {_ratings(framework)}"))
    for sub in framework.subcomponents():
        if sub.full_key not in seen:
            findings.append(_error(f"governance.{sub.full_key}", f"no self-assessment for governance sub-component {sub.full_key}"))
    return findings


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_outcomes(submission: Submission, framework: Framework) -> list[Finding]:
    """Findings for `[[outcomes]]`: how many, the national ones present, known refs, aspirations, local definitions."""
    rules = framework.outcome_rules
    findings = []
    outcomes = submission.outcomes
    if len(outcomes) > rules.max_outcomes:
        findings.append(_error("outcomes", f"{len(outcomes)} outcomes; at most {rules.max_outcomes} may be chosen"))
    refs = Counter(o.ref for o in outcomes)
    local = [o for o in outcomes if o.locally_defined]
    if len(local) > rules.max_local_defined:
        findings.append(_error("outcomes", f"{len(local)} locally defined outcomes; at most {rules.max_local_defined} are allowed"))
    for ref in rules.national:
        if ref not in refs:
            name = framework.outcome_metrics.get(ref)
            findings.append(_error("outcomes", f"the national outcome {ref}{f' ({name.name})' if name else ''} is missing"))
    condition_keys = [c.key for c in rules.local_defined_conditions]
    for outcome in outcomes:
        where = f"outcomes[{outcome.position}] ({outcome.ref or 'no ref'})"
        if refs[outcome.ref] > 1:
            findings.append(_error(where, f"outcome {outcome.ref} is listed more than once"))
        if not outcome.locally_defined and outcome.ref not in framework.outcome_metrics:
            findings.append(_error(f"{where}.ref", f"'{outcome.ref}' is not an outcome metric of {framework.id} (nor a locally defined L1..L{rules.max_local_defined})"))
        if len(outcome.aspiration) != rules.aspiration_years or not all(_is_number(v) for v in outcome.aspiration):
            findings.append(_error(f"{where}.aspiration", f"aspirations must be {rules.aspiration_years} numbers, one per year; found {list(outcome.aspiration)!r}"))
        if outcome.locally_defined:
            findings += _check_local_outcome(submission, outcome, where, condition_keys)
    return findings


def _check_local_outcome(submission: Submission, outcome, where: str, condition_keys: list[str]) -> list[Finding]:
    findings = []
    if not outcome.name:
        findings.append(_error(f"{where}.name", "a locally defined outcome needs a name"))
    if not outcome.definition:
        findings.append(_error(f"{where}.definition", "a locally defined outcome needs a definition"))
    findings += check_path(submission, outcome.dataset, f"{where}.dataset", "national dataset")
    for key in condition_keys:
        value = outcome.conditions.get(key)
        met = value.strip() != "" if isinstance(value, str) else value is True
        if not met:
            findings.append(_error(f"{where}.conditions.{key}", "this condition for a locally defined outcome is not met"))
    return findings


def check_data_files(submission: Submission) -> list[Finding]:
    """Each data file named in [data] exists inside the folder and, for a known role, reads cleanly."""
    findings = []
    for role, relative in submission.data.items():
        path_problems = check_path(submission, relative, f"data.{role}", "data")
        findings += path_problems
        reader = DATA_READERS.get(role)
        if reader is None:
            nearest = nearest_role(role)
            hint = f"did you mean `{nearest}`? " if nearest else ""
            findings.append(_warning(f"data.{role}", f"unknown data role '{role}', so the file is not read: "
                                                     f"{hint}(known: {', '.join(DATA_READERS)})"))
        elif not path_problems:
            findings += reader(submission.paths, relative)[1]
    return findings


def nearest_role(role: str) -> str | None:
    """The known data role `role` most likely meant, or None.

    A known role that ends the key wins ("stakeholder_survey_sha_averages" means
    `sha_averages`: the last words name what the file holds, the first its context), then
    one that starts it, then the closest spelling.
    """
    words = role.strip().lower().replace("-", "_").replace(" ", "_")
    for test in (lambda known: words.endswith("_" + known), lambda known: words.startswith(known + "_")):
        hits = sorted((known for known in DATA_READERS if test(known)), key=lambda known: (-len(known), known))
        if hits:
            return hits[0]
    close = difflib.get_close_matches(words, list(DATA_READERS), n=1, cutoff=0.6)
    return close[0] if close else None


def goes_on_past(finding: Finding) -> bool:
    """Whether the assessment can go on past `finding`, reporting it in the briefing.

    What only makes the submission untidy does not stop it: too many documents of a type or
    too many pages, a missing comment, a document file that is missing or unreadable (it is
    assessed as unreadable), a data file's problems or an unknown data role, too many
    outcomes or a missing national one, and every warning. What leaves the levels,
    ratings or documents themselves undefined (an unknown competency, level, rating or
    document type, a document without an id) does.
    """
    if finding.severity != "error" or finding.file != TOML_NAME:
        return True
    key = finding.key
    return (key in ("documents", "outcomes") or key.startswith("data.")
            or (key.startswith("documents[") and key.endswith((".file", ".comment"))))


def assessment_problems(submission: Submission, framework: Framework) -> tuple[list[Finding], list[Finding]]:
    """(the problems that stop the assessment, the ones the briefing reports), both in validation order."""
    everything = validate_submission(submission, framework)
    return ([f for f in everything if not goes_on_past(f)], [f for f in everything if goes_on_past(f)])


def validate_submission(submission: Submission, framework: Framework | None) -> list[Finding]:
    """Every problem of `submission` against `framework` (None: format checks only)."""
    findings = check_pct(submission) + check_documents(submission, framework) + check_data_files(submission)
    if framework is not None:
        findings += check_competencies(submission, framework)
        findings += check_governance(submission, framework)
        findings += check_outcomes(submission, framework)
    return findings


def validate_folder(folder: Path, load_framework) -> tuple[Submission, list[Finding]]:
    """Load and validate the submission in `folder`; SubmissionError if it cannot be read."""
    submission, findings = load_submission_with_problems(folder)
    framework = None
    if submission.framework_id:
        try:
            framework = load_framework(submission.framework_id)
        except PluginError as error:
            findings.append(_error("pct.framework", str(error)))
    return submission, findings + validate_submission(submission, framework)
