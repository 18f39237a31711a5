"""A PCT's submission: records, reading submission.toml, validation."""

from wcc_core.submission.loader import SubmissionError, load_submission, load_submission_with_problems
from wcc_core.submission.model import (
    PCT,
    CompetencyAssessment,
    GovernanceAssessment,
    OutcomeEntry,
    SignpostEntry,
    Submission,
    SubmittedDocument,
)

__all__ = [
    "PCT",
    "CompetencyAssessment",
    "GovernanceAssessment",
    "OutcomeEntry",
    "SignpostEntry",
    "Submission",
    "SubmissionError",
    "SubmittedDocument",
    "load_submission",
    "load_submission_with_problems",
]
