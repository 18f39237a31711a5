"""Decisions people take on a submission, kept in a review file apart from the PCT's files.

`store.py` reads and writes the file (atomically, under a lock); `targets.py` checks ids,
levels, ratings and roles against the framework; `evidence.py` verifies a cited
reference like a signpost; `apply.py` applies the decisions on every run. The format is
documented in docs/review-file.md.
"""

from wcc_core.review.apply import apply_review, apply_review_file
from wcc_core.review.model import COMMENTARY_SECTIONS, ROLES, TARGETS, Decision
from wcc_core.review.store import ReviewFile, ReviewFileError, read_review, review_path, update_review

__all__ = [
    "COMMENTARY_SECTIONS",
    "ROLES",
    "TARGETS",
    "Decision",
    "ReviewFile",
    "ReviewFileError",
    "apply_review",
    "apply_review_file",
    "read_review",
    "review_path",
    "update_review",
]
