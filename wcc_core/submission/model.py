"""A PCT's submission as typed records: what `submission.toml` says, nothing checked yet.

Checking against the format and the framework is `validate.py`'s job; reading the
file is `loader.py`'s. See SUBMISSION_FORMAT.md and docs/submission-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wcc_core.framework.model import Element  # the one definition: competency or governance
from wcc_core.submission.paths import SubmissionPaths


@dataclass(frozen=True)
class PCT:
    """The Primary Care Trust that submits: name, code, SHA, ONS cluster, year."""

    name: str
    code: str = ""
    sha: str = ""
    ons_cluster: str = ""
    year_label: str = ""


@dataclass(frozen=True)
class SubmittedDocument:
    """One uploaded document as declared in `[[documents]]`."""

    id: str
    type: str
    file: str  # relative to the submission folder
    title: str = ""
    date: str = ""
    aliases: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class SignpostEntry:
    """One signpost as the PCT typed it, and where in the self-assessment it sits."""

    element: Element
    key: str  # "C1" or "strategy.vision_and_goals"
    sub: str | None  # sub-competency "a".."c" when the PCT tied it to one
    index: int  # position in that key's signposts list
    raw: str


@dataclass(frozen=True)
class CompetencyAssessment:
    """The PCT's self-assessment of one competency: commentary, signposts, levels (numbers of the framework's scale)."""

    key: str  # "C1"
    actions: str = ""
    impact: str = ""
    signposts: tuple[SignpostEntry, ...] = ()
    self_levels: dict[str, Any] = field(default_factory=dict)  # "a" -> 3 (unchecked)
    last_year: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GovernanceAssessment:
    """The PCT's self-assessment of one governance sub-component: rating of the framework's scale, commentary, signposts."""

    key: str  # "strategy.vision_and_goals"
    self_rating: Any = None  # "red" | "amber" | "green" (unchecked)
    last_year: Any = None
    commentary: str = ""
    signposts: tuple[SignpostEntry, ...] = ()


@dataclass(frozen=True)
class OutcomeEntry:
    """One row of the outcomes form."""

    ref: str
    position: int  # 0-based position in [[outcomes]], for messages
    name: str = ""
    definition: str = ""
    dataset: str = ""
    previous_year: bool | None = None
    aspiration: tuple[Any, ...] = ()
    rationale: str = ""
    conditions: dict[str, Any] = field(default_factory=dict)

    @property
    def locally_defined(self) -> bool:
        """True for an outcome the PCT defines itself (L1..L3), not one of the framework's."""
        return self.ref.upper().startswith("L")


@dataclass(frozen=True)
class Submission:
    """Everything one PCT handed in for one year of assurance."""

    root: Path
    pct: PCT
    framework_id: str
    documents: tuple[SubmittedDocument, ...] = ()
    competencies: tuple[CompetencyAssessment, ...] = ()
    governance: tuple[GovernanceAssessment, ...] = ()
    outcomes: tuple[OutcomeEntry, ...] = ()
    data: dict[str, str] = field(default_factory=dict)  # data-file role -> relative path
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # the parsed TOML, for validation
    # Every path named here, resolved once per run (one loaded submission is one run).
    paths: SubmissionPaths = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paths", SubmissionPaths(self.root))

    @property
    def toml_path(self) -> Path:
        """The submission's submission.toml."""
        return self.root / "submission.toml"

    def locate(self, relative: str) -> tuple[Path | None, str | None]:
        """(the resolved path, None) for a path named in submission.toml, or (None, why it cannot be used).

        The one resolver, `paths.inside_submission`: given, relative, and inside the folder
        once symlinks are followed. Existence is not checked. Each path is resolved once
        for this submission (`self.paths`), however many steps of a run ask.
        """
        return self.paths.locate(relative)

    def document(self, doc_id: str) -> SubmittedDocument | None:
        """The submitted document with this id, or None."""
        return next((d for d in self.documents if d.id == doc_id), None)

    def document_named(self, name: str) -> SubmittedDocument | None:
        """The document whose id, title or one of its aliases is `name` (any case); None if none is."""
        found = self.document(name)
        if found is not None:
            return found
        wanted = name.strip().lower()
        for declared in self.documents:
            if any(n and n.lower() == wanted for n in (declared.id, declared.title, *declared.aliases)):
                return declared
        return None

    def signposts(self) -> list[SignpostEntry]:
        """Every signpost, competencies first then governance, each in file order."""
        entries = [s for c in self.competencies for s in c.signposts]
        return entries + [s for g in self.governance for s in g.signposts]
