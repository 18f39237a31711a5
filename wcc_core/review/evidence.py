"""Evidence a reviewer cites, resolved and verified exactly like a signpost, and what a decision rests on.

A criterion decision may name its evidence in signpost syntax ("SP p.20 para 4"); it goes
through the signpost verifier unchanged (`verify_signposts`), so it is matched to a
document, resolved to the printed page and paragraph and given the same status vocabulary,
and shown with its excerpt. To notice later that the ground moved (the PCT re-uploaded a
document), a decision keeps the SHA-256 of each document it rests on and the excerpt it
saw (`snapshot`), and `apply.py` compares them with what is there now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from indexer.cache import file_digest
from indexer.model import ExtractedDocument, LocatedBlock
from wcc_core.records.results import EvidenceItem
from wcc_core.framework.model import Framework
from wcc_core.signposts import VerifyRules, catalogue_for, parse_signpost, verify_signposts, worst_status
from wcc_core.records.signposts import SignpostResult
from wcc_core.submission.model import SignpostEntry, Submission


@dataclass(frozen=True)
class EvidenceCheck:
    """What a cited reference turned out to be: status, message, the cited passages."""

    reference: str
    status: str  # a signpost status: "verified", "page_missing", ...
    message: str
    documents: tuple[str, ...]  # ids of the documents it names
    items: tuple[EvidenceItem, ...]  # one per cited page or paragraph that exists

    @property
    def verified(self) -> bool:
        """True when the cited reference was found where it points."""
        return self.status == "verified"

    @property
    def excerpt(self) -> str:
        """The cited passages' excerpts joined with " … "."""
        return " … ".join(i.excerpt for i in self.items if i.excerpt)

    def to_json(self) -> dict:
        """The check as JSON, beside the decision whose evidence it checked."""
        return {"reference": self.reference, "status": self.status, "message": self.message,
                "documents": list(self.documents), "excerpt": self.excerpt or None,
                "evidence": [i.to_json() for i in self.items]}


def _entry_for(criterion_id: str, reference: str) -> SignpostEntry:
    """The reference as if the PCT had signposted it for the criterion's competency or component."""
    if criterion_id[:1] == "C" and "." in criterion_id:
        head = criterion_id.split(".", 1)[0]  # "C6b"
        key, sub = head.rstrip("abcdefghijklmnopqrstuvwxyz"), head[len(head.rstrip("abcdefghijklmnopqrstuvwxyz")):]
        return SignpostEntry(element="competency", key=key, sub=sub or None, index=0, raw=reference)
    component_sub = ".".join(criterion_id.split(".")[:2])
    return SignpostEntry(element="governance", key=component_sub, sub=None, index=0, raw=reference)


def check_reference(reference: str, criterion_id: str, stance: str, submission: Submission, framework: Framework,
                    documents: Mapping[str, ExtractedDocument | None]) -> EvidenceCheck:
    """Resolve and verify `reference` against the extracted documents, as `wcc signposts` would."""
    report = verify_signposts([_entry_for(criterion_id, reference)],
                              catalogue_for(submission.documents, framework.document_types), documents,
                              VerifyRules.from_framework(framework))
    results: tuple[SignpostResult, ...] = report.results
    status = worst_status(r.status for r in results)
    message = "; ".join(r.message for r in results)
    items = tuple(
        # Only the place: a reviewer's citation is shown from its excerpt, never cropped.
        EvidenceItem(source="review", excerpt=loc.excerpt or "", fit=1.0, stance=stance,
                     place=LocatedBlock(r.document, loc.physical_page, loc.page, loc.paragraph))
        for r in results for loc in r.locators if loc.status == "verified" and loc.physical_page is not None
    )
    named = tuple(dict.fromkeys(r.document for r in results if r.document))
    return EvidenceCheck(reference, status, message, named, items)


def signpost_documents(raw: str, submission: Submission, framework: Framework) -> tuple[str, ...]:
    """The ids of the documents a signpost's text names (parsing only, no index needed)."""
    parsed = parse_signpost(raw, catalogue_for(submission.documents, framework.document_types))
    return tuple(dict.fromkeys(p.document for p in parsed if p.document))


def digests(submission: Submission, doc_ids) -> dict[str, str]:
    """SHA-256 of each named document's file as it is now ("" when it cannot be read).

    Only a file inside the submission folder is read (`Submission.locate`): a document
    whose path leaves it gets "", so no hash of a file outside reaches the review file.
    """
    out = {}
    for doc_id in doc_ids:
        doc = submission.document(doc_id)
        path = submission.locate(doc.file)[0] if doc else None
        out[doc_id] = (file_digest(path) or "") if path is not None and path.is_file() else ""
    return out
