"""What the desk shows: the submission's proposals, assessed once, with the review file applied as it is now.

The proposals come from the pipeline (`run_assessment`, without the review file) once, at
start; every page and every decision then applies the review file as it is on disk
through `review.apply` (which recomputes levels and scores through the assessment's one
aggregate path), so a decision recorded by another tab, another analyst or `wcc review`
shows on the next request. Applying is cached by the file's identity (inode, size,
modification time), so reading pages costs nothing while nobody decides.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from indexer import default_index_dir
from wcc_core.records.results import Assessment
from wcc_core.pipeline import extracted_documents, load, open_index, reading, run_assessment
from wcc_core.render.evidence_images import pdf_files
from wcc_core.review.apply import apply_review
from wcc_core.review.service import ReviewService
from wcc_core.review.store import ReviewFile, review_path
from wcc_core.desk.images import PageImages


@dataclass(frozen=True)
class Snapshot:
    """The review file as read, and the assessment with it applied."""

    review: ReviewFile
    assessment: Assessment


class DeskState:
    """One submission on the desk: proposals, documents, the review service, page images."""

    def __init__(self, folder: Path, review_file: Path | None = None, index_dir: Path | None = None):
        self.submission, self.framework = load(Path(folder))
        self.review_path = review_path(self.submission.root, review_file)
        self.index_dir = Path(index_dir) if index_dir else default_index_dir(self.submission.root)
        # The proposals alone (the briefing); decisions are applied on every read below.
        self.proposals = run_assessment(Path(folder), index_dir=self.index_dir, review_file=False)
        with reading(open_index(self.submission, self.index_dir)) as index:
            self.documents = extracted_documents(self.submission, index)
        self.service = ReviewService(self.submission, self.framework, self.review_path)
        self.images = PageImages(pdf_files(self.proposals, self.submission.root), self.index_dir)
        self._lock = threading.Lock()
        self._cached: tuple[tuple | None, Snapshot] | None = None

    def _identity(self) -> tuple | None:
        try:
            info = os.stat(self.review_path)
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def now(self) -> Snapshot:
        """The assessment with the review file as it is on disk now."""
        with self._lock:
            identity = self._identity()
            if self._cached is not None and self._cached[0] == identity:
                return self._cached[1]
            review = self.service.read()
            decided = self.proposals
            if review.exists:
                decided = apply_review(self.proposals, review, submission=self.submission, framework=self.framework,
                                       documents=self.documents)
            snapshot = Snapshot(review, decided)
            # A write within the same clock tick as the read could look unchanged: only
            # remember the snapshot when the file did not change while it was being read.
            if self._identity() == identity:
                self._cached = (identity, snapshot)
            return snapshot
