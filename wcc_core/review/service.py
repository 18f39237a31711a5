"""Recording and withdrawing decisions on one submission: the one service `wcc review` and `wcc serve` call.

One job: put a decision (who, when, why, in which role) on a target in the review file,
or take one back, under the store's lock (`store.update_review`: re-read inside the
lock, atomic write, the same TOML), with the target checked against the framework and
the submission, and the snapshot `apply.py` later compares with (the criterion's text,
the cited evidence's excerpt and document hashes, the signpost's text and documents).

A writer that read the file a while ago (a browser tab, a second analyst on the LAN)
says which version of the target it saw (`version_of`); if another decision was recorded
on that target since, `ConcurrentDecision` names it and nothing is written, so the
writer can show it and ask before overwriting. Nothing here prints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from wcc_core.errors import WccError
from wcc_core.framework.model import Framework
from wcc_core.review import targets
from wcc_core.review.apply import check_belongs
from wcc_core.review.evidence import EvidenceCheck, digests, signpost_documents
from wcc_core.review.model import Decision, now_utc
from wcc_core.review.store import ReviewFile, ReviewFileError, read_review, update_review
from wcc_core.signposts import catalogue_for, parse_signpost
from wcc_core.submission.model import Submission

# `expected` left out: the caller does not care what was there (the CLI, as before).
ANY = object()


class ConcurrentDecision(WccError):
    """Someone recorded on this target since the writer looked: `current` is what is there now (None: withdrawn)."""

    def __init__(self, where: str, current: Decision | None):
        self.current = current
        self.where = where
        now = f"{current.value} by {current.who} at {current.at}" if current else "no decision"
        super().__init__(f"{where} changed since you looked: it now holds {now}")


@dataclass(frozen=True)
class Recorded:
    """What recording a decision did: the decision as stored (with its id) and those it replaced."""

    decision: Decision
    replaced: tuple[Decision, ...]
    path: Path


def version_of(review: ReviewFile, address: tuple, role: str) -> str:
    """A short fingerprint of `role`'s decisions on `address` ("" when there is none).

    A writer sends back the version it saw; any change by anyone since (a new value, a
    new reason, a withdrawal) gives another fingerprint.
    """
    mine = [d.to_toml() for d in review.decisions if d.address == address and d.role == role]
    if not mine:
        return ""
    return hashlib.sha256(json.dumps(mine, sort_keys=True, default=str).encode()).hexdigest()[:16]


def signpost_parts(submission: Submission, framework: Framework, raw: str) -> int:
    """How many ';' parts a signpost has, counted as `wcc signposts` numbers them (at least 1)."""
    parsed = parse_signpost(raw, catalogue_for(submission.documents, framework.document_types))
    return max(1, sum(1 for i, p in enumerate(parsed) if not p.inherited or i == 0))


class ReviewService:
    """Decisions on one submission's review file at `path`, checked against its framework."""

    def __init__(self, submission: Submission, framework: Framework, path: Path):
        self.submission = submission
        self.framework = framework
        self.path = Path(path)

    # --- building decisions (targets checked, snapshots taken) ---------------------------

    def header(self) -> dict[str, str]:
        """The [submission] table a new review file starts with: which PCT it is about."""
        pct = self.submission.pct
        out = {"name": pct.name}
        if pct.code:
            out["code"] = pct.code
        out["folder"] = self.submission.root.resolve().name
        out["framework"] = self.framework.id
        return out

    def criterion_decision(self, criterion: str, value: str, *, by: str, role: str, because: str = "",
                           evidence: str = "", check: EvidenceCheck | None = None) -> Decision:
        """A decision on a criterion line; `check` is the verified `evidence` (its excerpt and documents are kept)."""
        key = targets.criterion(self.framework, criterion)
        snapshot = {"text": targets.criterion_ids(self.framework)[key]}
        if check is not None:
            snapshot.update({"status": check.status, "excerpt": check.excerpt,
                             "documents": digests(self.submission, check.documents)})
        return self._decision("criterion", key, targets.criterion_value(value), by, role, because,
                              evidence=" ".join(evidence.split()), snapshot=snapshot)

    def signpost_decision(self, key: str, index: int, value: str, *, by: str, role: str, because: str = "",
                          part: int | None = None) -> Decision:
        """A decision accepting or rejecting the PCT's signpost `index` of `key` (or one ';' part of it)."""
        entry = targets.signpost_entry(self.submission, key, index)
        decided = targets.signpost_value(value)
        parts = signpost_parts(self.submission, self.framework, entry.raw)
        if part is not None and not 0 <= part < parts:
            raise targets.DecisionError(f"signpost {entry.key} #{index} ('{entry.raw}') has {parts} part(s), "
                                        "numbered from 0")
        snapshot = {"raw": entry.raw,
                    "documents": digests(self.submission, signpost_documents(entry.raw, self.submission, self.framework))}
        return self._decision("signpost", entry.key, decided, by, role, because, index=index, part=part,
                              snapshot=snapshot)

    def level_decision(self, subcompetency: str, level: str, *, by: str, role: str, because: str) -> Decision:

        """A panel or analyst decision on a sub-competency's level, checked against the framework."""
        return self._decision("level", targets.subcompetency(self.framework, subcompetency),
                              targets.level(self.framework, str(level)), by, role, because)

    def rating_decision(self, key: str, rating: str, *, by: str, role: str, because: str) -> Decision:

        """A decision on a governance rating, checked against the framework's scale."""
        return self._decision("rating", targets.rated(self.framework, key), targets.rating(self.framework, rating),
                              by, role, because)

    def commentary_decision(self, section: str, text: str, *, by: str, role: str) -> Decision:

        """A section of the panel's commentary; an empty text is refused."""
        key = targets.section(section)
        if not text.strip():
            raise targets.DecisionError("the commentary is empty; to take a comment back use `wcc review SUB remove ID`")
        return self._decision("commentary", key, text.strip(), by, role, "")

    @staticmethod
    def _decision(target: str, key: str, value, by: str, role: str, because: str, **more) -> Decision:
        who = " ".join(str(by or "").split())
        if not who:
            raise targets.DecisionError("say who decides")
        return Decision(id="", target=target, key=key, value=value, by=who, role=targets.role(role), at=now_utc(),
                        because=because.strip(), **more)

    # --- reading and writing ---------------------------------------------------------------

    def read(self) -> ReviewFile:
        """The review file as it is now (refused if it was taken on another PCT)."""
        review = read_review(self.path)
        if review.exists:
            check_belongs(review, self.submission)
        return review

    def record(self, decision: Decision, *, expected: str | object = ANY) -> Recorded:
        """Add `decision` under the lock, replacing the same role's decision on the same target.

        `expected`: the `version_of` the target the writer saw; a different one now raises
        ConcurrentDecision and writes nothing.
        """
        stored: list[Recorded] = []

        def change(review: ReviewFile) -> ReviewFile:
            check_belongs(review, self.submission)
            self._check_expected(review, decision.address, decision.role, expected, decision.where)
            numbered = replace(decision, id=review.next_id())
            replaced = review.replaced_by(numbered)
            updated = review.with_decision(numbered)
            if not updated.submission:
                updated = replace(updated, submission=self.header())
            kept = next(d for d in updated.decisions if d.address == numbered.address and d.role == numbered.role)
            stored.append(Recorded(kept, replaced, self.path))
            return updated

        self._update(change)
        return stored[0]

    def withdraw(self, decision_id: str, role: str | None = None, *, expected: str | object = ANY) -> Decision:
        """Remove a decision by its id ("d3"), or by its target key when only one decision (of `role`) is on it."""
        removed: list[Decision] = []

        def change(review: ReviewFile) -> ReviewFile:
            found = self._find(review, decision_id, role)
            self._check_expected(review, found.address, found.role, expected, found.where)
            removed.append(found)
            return review.without(found.id)

        if not self.path.exists():
            raise ReviewFileError(f"{self.path}: no review file, so no decision {decision_id}")
        self._update(change)
        return removed[0]

    def _find(self, review: ReviewFile, decision_id: str, role: str | None) -> Decision:
        found = review.get(decision_id)
        if found is not None:
            return found
        matches = [d for d in review.decisions if d.key.lower() == decision_id.lower() and (role is None or d.role == role)]
        if len(matches) > 1:
            raise targets.DecisionError(f"{len(matches)} decisions are on {decision_id}: "
                                        f"{', '.join(f'{d.id} ({d.who})' for d in matches)}; remove one by its id")
        if matches:
            return matches[0]
        ids = [d.id for d in review.decisions] + [d.key for d in review.decisions]
        close = targets.nearest(decision_id, ids)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise targets.DecisionError(f"{self.path}: no decision {decision_id}{hint} (see `wcc review SUB list`)")

    @staticmethod
    def _check_expected(review: ReviewFile, address: tuple, role: str, expected, where: str) -> None:
        if expected is ANY or version_of(review, address, role) == expected:
            return
        current = [d for d in review.decisions if d.address == address and d.role == role]
        raise ConcurrentDecision(where, current[-1] if current else None)

    def _update(self, change) -> None:
        try:
            update_review(self.path, change)
        except OSError as error:
            raise ReviewFileError(f"{self.path}: cannot write the review file ({error.strerror or error})") from None
