"""The decisions people take on a submission: one record per decision, who, when, why, in which role.

`wcc` proposes; analysts and the panel decide (handbook chapter 3: "the panel will take
the overall decision on the rating"), and regional and national calibration may re-score
(chapter 4, "Calibration"). A `Decision` is what one person decided about one target:

* ``criterion``  a criterion line ("C6b.3", "board.risk.2") is met, not met, or needs evidence;
* ``level``      a sub-competency's level ("C6b") set directly;
* ``rating``     a governance sub-component's ("finance.base_case") or component's
                 ("finance") rating set directly;
* ``signpost``   a signpost (key, index[, part] as in `wcc signposts --format json`) is
                 accepted as verified or rejected;
* ``commentary`` the panel's text for a section of the report (`COMMENTARY_SECTIONS`).

Which decision stands on one target follows the order of the process: calibration over
panel over analyst over the proposal (`ROLES`, lowest first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

# Lowest first: a later role's decision stands over an earlier one's.
ROLES = ("analyst", "panel", "calibration")
TARGETS = ("criterion", "level", "rating", "signpost", "commentary")
# no_evidence: "needs evidence", the line cannot be met on what the PCT sent (the desk's "e").
CRITERION_VALUES = ("met", "not_met", "no_evidence")
SIGNPOST_VALUES = ("accept", "reject")
# The panel report's commentary (handbook chapter 4 "Panel report"): the summary, the
# three dimensions of potential for improvement, the outcomes commentary, recommendations,
# and `potential`: the direction of travel and longer-term developmental feedback (ch. 3).
COMMENTARY_SECTIONS = ("overview", "alignment", "execution", "renewal", "outcomes", "recommendations", "potential")


def now_utc() -> str:
    """The current time as an ISO 8601 timestamp to the second, UTC: "2026-12-01T03:10:00Z"."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def role_rank(role: str) -> int:
    """How much a role's decision weighs (analyst < panel < calibration); -1 for an unknown role."""
    return ROLES.index(role) if role in ROLES else -1


@dataclass(frozen=True)
class Decision:
    """One decision on one target, as kept in the review file."""

    id: str  # "d3": unique in its file, used by `wcc review SUB remove d3`
    target: str  # one of TARGETS
    key: str  # "C6b.3", "C6b", "finance.base_case", "finance", "C4", "alignment"
    value: Any  # "met" | "not_met"; a level number; a rating; "accept" | "reject"; commentary text
    by: str  # who decided: "A. Analyst"
    role: str  # one of ROLES
    at: str  # ISO 8601 timestamp
    because: str = ""  # the reason or the panel's rationale
    evidence: str = ""  # criterion decisions: a reference in signpost syntax, "SP p.20 para 4"
    index: int | None = None  # signpost decisions: position in the key's signposts list (0-based)
    part: int | None = None  # signpost decisions: the ";" part, None for every part
    snapshot: dict = field(default_factory=dict)  # the target as it was when decided (see apply.py)

    @property
    def address(self) -> tuple:
        """What the decision is about: one decision per address and role stands in a file."""
        return (self.target, self.key, self.index, self.part)

    @property
    def where(self) -> str:
        """"C6b.3", "C4 #2", "C4 #2 part 1": the target as people write it."""
        if self.target != "signpost":
            return self.key
        part = f" part {self.part}" if self.part is not None else ""
        return f"{self.key} #{self.index}{part}"

    @property
    def who(self) -> str:
        """"panel J. Chair": the role and the person, as reports mark a change."""
        return f"{self.role} {self.by}"

    def to_toml(self) -> dict:
        """The decision as one `[[decision]]` table, keys in a fixed order, empty fields left out."""
        out: dict[str, Any] = {"id": self.id, "target": self.target, "key": self.key}
        if self.index is not None:
            out["index"] = self.index
        if self.part is not None:
            out["part"] = self.part
        out["value"] = self.value
        if self.because:
            out["because"] = self.because
        if self.evidence:
            out["evidence"] = self.evidence
        out.update({"by": self.by, "role": self.role, "at": self.at})
        if self.snapshot:
            out["snapshot"] = self.snapshot
        return out

    def to_json(self) -> dict:
        """The decision as JSON (`wcc review list --format json`, an assessment's decisions); empty fields null."""
        return {"id": self.id, "target": self.target, "key": self.key, "index": self.index, "part": self.part,
                "value": self.value, "because": self.because, "evidence": self.evidence or None,
                "by": self.by, "role": self.role, "at": self.at, "snapshot": self.snapshot}
