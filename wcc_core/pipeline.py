"""The assessment pipeline: submission -> index -> signposts -> plugins -> one Assessment.

Every command that needs more than the submission file goes through here (`wcc
signposts`, `wcc assess`, `wcc report`), so they read the same index the same way and
the CLI only parses options and renders. Data flows one way; nothing here prints.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

import pluggy

from indexer import (
    DocumentSource,
    ExtractedDocument,
    IndexBusyError,
    IndexFolderError,
    IndexMissingError,
    ProgressEvent,
    SubmissionIndex,
    build_index,
    default_index_dir,
)
from indexer.build import DuplicateDocumentError
from indexer.limits import Limits
from wcc_core.assessment import aggregate
from wcc_core.assessment.focus import with_focus_areas
from wcc_core.assessment.last_year import with_last_year
from wcc_core.judging.context import AssessmentContext, EvidenceSearch
from wcc_core.records.results import Assessment, DocumentSummary
from wcc_core.records import saved
from wcc_core.reuse import SavedLookup, find_saved
from wcc_core.assessment.survey import summarise_survey
from wcc_core.records.findings import Finding
from wcc_core.framework import FrameworkDataError, available_frameworks, load_framework
from wcc_core.framework.compatibility import incompatibilities, override_message
from wcc_core.assessment.last_year import LastYearError, last_year_levels, read_last_year
from wcc_core.framework.model import Framework
from wcc_core.judging import wordnet
from wcc_core.judging.steps import DEFAULT_STEPS, JudgingStepsError, Steps
from wcc_core.plugin_manager import PluginError, get_plugin_manager
from wcc_core.scoring import InMemoryScorer
from wcc_core.signposts import VerifyRules, catalogue_for, verify_signposts
from wcc_core.records.signposts import SignpostReport
from wcc_core.signposts.relevance import score_relevance
from wcc_core.submission import SubmissionError, load_submission
from wcc_core.submission.data_files import (
    read_finance,
    read_metrics,
    read_outcome_series,
    read_sha_averages,
    read_stakeholder_survey,
)
from wcc_core.submission.model import Submission
from wcc_core.submission.validate import assessment_problems
from wcc_core.errors import WccError

Progress = Callable[[ProgressEvent], None]


class PipelineInputError(WccError):
    """Input the user must fix before anything can be assessed (exit code 2)."""


class SubmissionInvalid(Exception):
    """The submission breaks the format's rules (exit code 1); `findings` says where."""

    def __init__(self, submission: Submission, findings: list[Finding]):
        self.submission = submission
        self.findings = findings
        super().__init__(f"{submission.toml_path}: {len(findings)} problem(s)")


def load(folder: Path, framework_id: str | None = None,
         parameters: dict[str, float] | None = None) -> tuple[Submission, Framework]:
    """The submission in `folder` and its framework (`framework_id` overrides the submission's).

    An override must fit the submission's data (wcc_core/framework/compatibility.py), else it is an
    input error saying what does not fit. `parameters` overrides the framework's named
    parameters (thresholds).
    """
    try:
        submission = load_submission(Path(folder))
    except SubmissionError as error:
        raise PipelineInputError(str(error)) from None
    chosen = framework_id or submission.framework_id
    if not chosen:
        raise PipelineInputError(f"{submission.toml_path}: [pct] framework is missing: name the criteria set, "
                                 "e.g. \"wcc-2009\"")
    try:
        framework = load_framework(chosen, parameters=parameters)
    except (PluginError, FrameworkDataError) as error:
        raise PipelineInputError(f"{submission.toml_path}: {error}") from None
    try:
        wordnet.check_framework(framework)
    except wordnet.WordNetUnavailable as error:
        raise PipelineInputError(str(error)) from None
    if framework_id and framework_id != submission.framework_id:
        problems = incompatibilities(submission, framework)
        if problems:
            raise PipelineInputError(f"{submission.toml_path}: "
                                     + override_message(submission, framework, problems, available_frameworks()))
    return submission, framework


def document_sources(submission: Submission) -> list[DocumentSource]:
    """What the indexer reads: each declared document, refusing paths that leave the submission folder."""
    sources = []
    for doc in submission.documents:
        path, problem = submission.locate(doc.file)
        refused = f"document path {problem}" if problem else ""  # a refused path is never opened
        sources.append(DocumentSource(id=doc.id, type=doc.type, path=path or Path(doc.file or "."), file=doc.file,
                                      refused=refused))
    return sources


def open_index(submission: Submission, index_dir: Path | None = None, *, progress: Progress | None = None,
               workers: int | None = None, writer: bool = False) -> SubmissionIndex:
    """Build or refresh the submission's index (cached by content) and return it, unopened.

    Limits come from the environment (indexer.limits). A reader (every command but
    `wcc index`, the `writer`) that finds another process building gets the last complete
    index, with `build_stats.busy` set, instead of failing. Two documents with one id are
    refused: one would hide the other.
    """
    where = index_dir or default_index_dir(submission.root)
    try:
        limits = Limits.from_env()
    except ValueError as error:
        raise PipelineInputError(str(error)) from None
    try:
        return build_index(document_sources(submission), where, progress=progress, workers=workers, limits=limits,
                           if_busy="raise" if writer else "use_last")
    except DuplicateDocumentError as error:
        raise PipelineInputError(f"{submission.toml_path}: {error}") from None
    except (IndexBusyError, IndexFolderError) as error:
        raise PipelineInputError(str(error)) from None
    except OSError as error:
        raise PipelineInputError(f"{where}: cannot write the index ({error})") from None


@contextmanager
def reading(index: SubmissionIndex) -> Iterator[SubmissionIndex]:
    """Use `index`, then close it; a damaged index is an input error naming the file."""
    try:
        with index:
            yield index
    except IndexMissingError as error:
        raise PipelineInputError(str(error)) from None


def extracted_documents(submission: Submission, index: SubmissionIndex) -> dict[str, ExtractedDocument | None]:
    """Each submitted document's extraction from the index, by id (None for a document the index lacks)."""
    return {doc.id: index.document(doc.id) for doc in submission.documents}


def check_signposts(submission: Submission, framework: Framework,
                    documents: dict[str, ExtractedDocument | None], scorer: InMemoryScorer | None = None) -> SignpostReport:
    """Every signpost parsed, verified against the extracted documents and scored for relevance."""
    report = verify_signposts(
        submission.signposts(),
        catalogue_for(submission.documents, framework.document_types),
        documents,
        VerifyRules.from_framework(framework),
        submission=submission.pct.name,
        framework=framework.id,
    )
    scorer = scorer or InMemoryScorer({d.id: (d.type, documents.get(d.id)) for d in submission.documents})
    return score_relevance(report, framework, scorer)


@dataclass
class _DataFiles:
    survey: list
    sha_averages: dict
    metrics: dict
    finance: list
    outcome_series: list
    findings: list[Finding]


def _read_data(submission: Submission) -> _DataFiles:
    """The CSV files of [data], read leniently: bad cells become findings, never exceptions."""
    found = _DataFiles([], {}, {}, [], [], [])

    def read(role, reader):
        relative = submission.data.get(role)
        path = submission.locate(relative)[0] if relative else None
        if path is None or not path.is_file():
            return None
        values, findings = reader(submission.paths, relative)
        found.findings.extend(findings)
        return values

    found.survey = read("stakeholder_survey", read_stakeholder_survey) or []
    found.sha_averages = read("sha_averages", read_sha_averages) or {}
    found.metrics = {m.key: m for m in (read("metrics", read_metrics) or [])}
    found.finance = read("finance", read_finance) or []
    found.outcome_series = read("outcome_series", read_outcome_series) or []
    return found


def judging_steps(pm: pluggy.PluginManager, framework_id: str) -> Steps:
    """The judging steps for `framework_id`: the defaults with every plugin's replacements, in registration order."""
    steps = DEFAULT_STEPS
    for answer in reversed(pm.hook.wcc_judging_steps(framework_id=framework_id)):
        if answer:
            try:
                steps = steps.with_replacements(answer, by=f"framework {framework_id}")
            except JudgingStepsError as error:
                raise PluginError(str(error)) from None
    return steps


def build_context(submission: Submission, framework: Framework, documents: dict[str, ExtractedDocument | None],
                  signposts: SignpostReport | None = None, pm: pluggy.PluginManager | None = None) -> AssessmentContext:
    """The context every rating plugin reads; verifies the signposts when not given."""
    evidence = EvidenceSearch({d.id: (d.type, documents.get(d.id)) for d in submission.documents})
    if signposts is None:
        signposts = check_signposts(submission, framework, documents, evidence.scorer)
    data = _read_data(submission)
    survey_file = submission.data.get("stakeholder_survey")
    survey_path = submission.locate(survey_file)[0] if survey_file else None
    has_survey = survey_path is not None and survey_path.is_file()
    survey = summarise_survey(data.survey, data.sha_averages, framework, survey_file if has_survey else None)
    return AssessmentContext(
        submission=submission,
        framework=framework,
        signposts=signposts,
        evidence=evidence,
        survey=survey,
        survey_responses=tuple(data.survey),
        metrics=data.metrics,
        finance=tuple(data.finance),
        outcome_series=tuple(data.outcome_series),
        data_files=dict(submission.data),
        findings=list(data.findings),
        judging_steps=judging_steps(pm or get_plugin_manager(), framework.id),
    )


def _document_summaries(submission: Submission, documents: dict[str, ExtractedDocument | None]) -> tuple[DocumentSummary, ...]:
    out = []
    for doc in submission.documents:
        extracted = documents.get(doc.id)
        out.append(DocumentSummary(
            id=doc.id, type=doc.type, file=doc.file,
            pages=len(extracted.pages) if extracted else 0,
            readable=bool(extracted and extracted.readable),
            reason=(extracted.reason or "") if extracted and not extracted.readable else ("" if extracted else "not indexed"),
            numbering=extracted.numbering if extracted else "",
        ))
    return tuple(out)


def assess_documents(submission: Submission, framework: Framework, documents: dict[str, ExtractedDocument | None],
                     pm: pluggy.PluginManager | None = None, signposts: SignpostReport | None = None) -> Assessment:
    """Run the rating plugins over already-extracted documents and aggregate one Assessment."""
    pm = pm or get_plugin_manager()
    context = build_context(submission, framework, documents, signposts, pm)
    assessment = aggregate.assemble(context, pm)
    return replace(assessment, documents=_document_summaries(submission, documents))


def carry_last_year(assessment: Assessment, path: Path, framework: Framework) -> Assessment:
    """`assessment` with last year's levels from the record at `path`, and focus areas recomputed."""

    def levels_of(framework_id: str):
        return load_framework(framework_id).info.levels

    try:
        levels = last_year_levels(read_last_year(path, levels_of), framework)
    except (LastYearError, PluginError) as error:
        raise PipelineInputError(str(error)) from None
    return with_focus_areas(with_last_year(assessment, levels))


def run_assessment(folder: Path, *, index_dir: Path | None = None, framework_id: str | None = None,
                   progress: Progress | None = None, workers: int | None = None,
                   pm: pluggy.PluginManager | None = None, validate: bool = True,
                   review_file: Path | bool | None = None, parameters: dict[str, float] | None = None,
                   last_year: Path | None = None, reuse: bool | SavedLookup = False) -> Assessment:
    """load -> validate -> index (reusing the cache) -> verify signposts -> plugins -> aggregate -> review.

    `review_file`: None applies the submission's review file if it has one ($WCC_REVIEW,
    else `<parent>/<folder>.review.toml`), a path applies that file, False applies none
    (proposals only: the briefing); see wcc_core/review/apply.py.

    `parameters` overrides the framework's named parameters; `last_year` is a last-year
    record (wcc_core/assessment/last_year.py) whose levels are shown against this year's
    sub-competencies, through the framework's [previous.*] mapping when last year's
    framework was another.

    A problem the assessment can go on past (wcc_core/submission/validate.py
    `goes_on_past`: too many documents of a type, an unknown data role...) becomes one of
    the Assessment's `findings`. Raises PipelineInputError for input that cannot be read,
    including a submission none of whose documents can be read (exit 2), and
    SubmissionInvalid when validation finds problems that leave the submission undefined (exit 1).

    `reuse`: return the assessment saved in the index folder when every input it depends
    on is unchanged, and save the result otherwise (`wcc_core.records.saved`; `wcc
    assess` then `wcc report` judge once). Not with a plugin manager of the caller's.
    A `SavedLookup` (`wcc_core.reuse.find_saved`, made by a caller that looked before
    importing this module) stands for True without looking again.
    """
    where = inputs = None  # where a saved assessment lives and its inputs key (records/saved.py)
    if reuse is not False and pm is None:
        if not isinstance(reuse, SavedLookup):
            reuse = find_saved(folder, index_dir, framework_id=framework_id, parameters=parameters,
                               review_file=review_file, last_year=last_year, validate=validate)
        if reuse.assessment is not None:
            return reuse.assessment
        where, inputs = reuse.where, reuse.key
    submission, framework = load(folder, framework_id, parameters)
    reported: list[Finding] = []
    if validate:
        stopping, reported = assessment_problems(submission, framework)
        if stopping:
            raise SubmissionInvalid(submission, stopping)
    with reading(open_index(submission, index_dir, progress=progress, workers=workers)) as index:
        if index.build_stats is not None and index.build_stats.busy:
            inputs = None  # another process is building: this is the last index, not the files' contents
        documents = extracted_documents(submission, index)
    if submission.documents and not any(d is not None and d.readable for d in documents.values()):
        raise PipelineInputError(f"{submission.toml_path}: none of the {len(submission.documents)} documents "
                                 "can be read, so there is nothing to assess (see `wcc index` for why)")
    assessment = assess_documents(submission, framework, documents, pm)
    if reported:  # the briefing is written and says what is wrong; the exit code says so too
        assessment = replace(assessment, findings=tuple(sorted(set(assessment.findings) | set(reported))))
    if last_year is not None:
        assessment = carry_last_year(assessment, last_year, framework)
    from wcc_core.review import ReviewFileError, apply_review_file  # the review builds on this module's result
    try:
        assessment = apply_review_file(assessment, review_file, submission=submission, framework=framework,
                                       documents=documents)
    except ReviewFileError as error:
        raise PipelineInputError(str(error)) from None
    if inputs:
        saved.save(where, inputs, assessment)
    return assessment
