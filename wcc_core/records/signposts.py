"""The signpost records: what a PCT wrote (parsed) and what the verifier found.

Parsed records (`Signpost` and its locators) keep the character span of each part in
the cleaned text, so a report can underline exactly what could not be read. Results
(`LocatorResult`, `SignpostResult`, `SignpostFinding`, `SignpostReport`) are the one
model every renderer draws from; `SignpostReport.to_json()` is the contract of
SUBMISSION_FORMAT.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from indexer.model import LocatedBlock

# Below this relevance the cited text carries less than about a third of the criteria-word
# weight that the submission's best passage carries: it may mention the topic, but another
# passage is much more about it. A judgement, not a calibration: revisit it once the
# corpus has signposts an analyst has marked as relevant or not. Kept with the record (not
# in signposts/relevance.py, which scores with numpy) so a renderer can read it cheaply.
LOW_RELEVANCE = 0.35

Span = tuple[int, int]

# Every status of SUBMISSION_FORMAT.md, best first. A signpost takes the worst of its
# locators. The order says how much of the citation an analyst can still use: a too
# broad range still points at real text; a missing paragraph still points at a real
# page; an unparseable locator points nowhere; an unreadable or missing document means
# nothing at all could be checked.
STATUSES = (
    "verified",
    "too_broad",
    "paragraph_missing",
    "section_missing",
    "page_missing",
    "unparseable",
    "unreadable",
    "document_missing",
)
Status = Literal[
    "verified",
    "too_broad",
    "paragraph_missing",
    "section_missing",
    "page_missing",
    "unparseable",
    "unreadable",
    "document_missing",
]
_SEVERITY = {status: rank for rank, status in enumerate(STATUSES)}


def worst_status(statuses) -> str:
    """The worst of `statuses` in the order of STATUSES ("verified" when there are none)."""
    return max(statuses, key=_SEVERITY.__getitem__, default="verified")


# --- parsed locators -------------------------------------------------------------------


@dataclass(frozen=True)
class PageLocator:
    """One printed page, optionally narrowed to paragraphs: "p.14", "p 14 paras 2-4", "14(3)"."""

    page: str  # the printed label as cited: "14", "iv"
    paragraphs: tuple[int, ...] = ()
    span: Span = (0, 0)


@dataclass(frozen=True)
class PageRange:
    """A run of printed pages: "pp. 22-23", "pp 22–3" (the end is expanded to 23)."""

    first: str
    last: str
    span: Span = (0, 0)


@dataclass(frozen=True)
class PageList:
    """Several pages after one page word: "pages 4, 7 and 9", "pp. 4-5, 9"."""

    items: tuple[Union[PageLocator, PageRange], ...]
    span: Span = (0, 0)


@dataclass(frozen=True)
class SectionLocator:
    """A numbered heading or paragraph wherever it is: "section 4.2", "para 3.2.1", "item 7",
    "JSNA 1.1" (a bare dotted number); or a numbered table or figure ("table 2"), checked
    as the block whose caption starts so."""

    section: str  # normalised: "4.2"
    word: Literal["section", "para", "item", "table", "figure"] = "section"
    span: Span = (0, 0)


@dataclass(frozen=True)
class AppendixLocator:
    """"appendix B", "annex 2": checked as the section the indexer calls "Appendix B"."""

    appendix: str  # "B", "2", "IV"
    span: Span = (0, 0)


@dataclass(frozen=True)
class WholeDocument:
    """"whole document", "entire document", "all": never precise enough."""

    span: Span = (0, 0)


@dataclass(frozen=True)
class UnknownLocator:
    """What follows the document name but cannot be read as a locator."""

    text: str
    reason: str
    span: Span = (0, 0)


Locator = Union[PageLocator, PageRange, PageList, SectionLocator, AppendixLocator, WholeDocument, UnknownLocator]


@dataclass(frozen=True)
class Signpost:
    """One reference to one document, as parsed from (part of) what the PCT typed.

    A typed string may hold several, separated by ";": each part is one Signpost, and
    `part` is its position. A part made only of locators ("SP p.4; p.7") names the
    document of the part before it, and says so with `inherited`.
    """

    text: str  # the cleaned text of this part
    name: str | None  # the document name as written, None when the part has none
    document: str | None  # the matched document id
    locators: tuple[Locator, ...] = ()
    candidates: tuple[str, ...] = ()  # ids the name fits equally well when ambiguous
    part: int = 0
    inherited: bool = False
    name_span: Span | None = None


# --- verification results --------------------------------------------------------------


@dataclass(frozen=True)
class LocatorResult:
    """What one cited page, paragraph or section turned out to be."""

    kind: Literal["page", "section", "range", "document", "unknown"]
    status: Status
    cited: str  # the locator as written
    page: str | None = None  # printed label
    physical_page: int | None = None
    paragraph: int | None = None
    section: str | None = None
    excerpt: str | None = None
    message: str | None = None  # a one-line note; always present unless verified
    blocks: tuple[tuple[int, int], ...] = ()  # (physical, n) of the cited blocks, for relevance

    def to_json(self) -> dict:
        """The locator's verification as the signpost report's JSON writes it (a section first for a section)."""
        data = {
            "kind": self.kind,
            "page": self.page,
            "physical_page": self.physical_page,
            "paragraph": self.paragraph,
            "status": self.status,
            "excerpt": self.excerpt,
        }
        if self.kind == "section":
            data = {"kind": "section", "section": self.section, **{k: v for k, v in data.items() if k != "kind"}}
        data["cited"] = self.cited
        if self.message:
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class Suggestion:
    """A block elsewhere in the submission that fits the criteria better than the cited text.

    Where it is printed is its `place` (label None: the page prints no number).
    """

    place: LocatedBlock
    excerpt: str
    relevance: float  # as a signpost's: its best BM25 score over the best any block has; "score" in the JSON

    def to_json(self) -> dict:
        """The suggested passage as the signpost report's JSON writes it."""
        return {
            "document": self.place.doc_id,
            "page": self.place.label,
            "physical_page": self.place.physical,
            "paragraph": self.place.n,
            "excerpt": self.excerpt,
            "score": self.relevance,
        }


@dataclass(frozen=True)
class SignpostResult:
    """One signpost (or one ";" part of one) and its verdict."""

    element: Literal["competency", "governance"]
    key: str
    sub: str | None
    index: int
    raw: str
    document: str | None
    status: Status
    message: str
    locators: tuple[LocatorResult, ...] = ()
    part: int = 0
    parts: int = 1
    relevance: float | None = None
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def verified(self) -> bool:
        """True when the verdict is "verified"."""
        return self.status == "verified"

    def to_json(self) -> dict:
        """The signpost's verification as the signpost report's JSON writes it."""
        data = {
            "element": self.element,
            "key": self.key,
            "sub": self.sub,
            "index": self.index,
            "raw": self.raw,
            "document": self.document,
            "status": self.status,
            "locators": [loc.to_json() for loc in self.locators],
        }
        if self.relevance is not None:
            data["relevance"] = self.relevance
        data["message"] = self.message
        if self.parts > 1:
            data["part"] = self.part
        if self.suggestions:
            data["suggestions"] = [s.to_json() for s in self.suggestions]
        return data


@dataclass(frozen=True)
class SignpostFinding:
    """A finding about a competency as a whole, e.g. too_many_documents."""

    key: str
    status: Literal["too_many_documents"]
    message: str
    documents: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The finding about a signpost as the signpost report's JSON writes it."""
        return {"key": self.key, "status": self.status, "message": self.message, "documents": list(self.documents)}


@dataclass(frozen=True)
class SignpostReport:
    """Every signpost of a submission, verified, and the competency findings."""

    submission: str
    framework: str
    results: tuple[SignpostResult, ...]
    findings: tuple[SignpostFinding, ...] = ()
    notes: tuple[str, ...] = field(default=())  # caveats about the documents (approximate pages ...)

    @property
    def all_verified(self) -> bool:
        """True when every signpost of the submission is verified."""
        return all(r.verified for r in self.results)

    def summary(self) -> dict[str, int]:
        """{"total": n, <status>: count} with statuses in the order of STATUSES, zeros left out."""
        counts = {"total": len(self.results)}
        for status in STATUSES:
            n = sum(1 for r in self.results if r.status == status)
            if n:
                counts[status] = n
        return counts

    def to_json(self) -> dict:
        """The signpost report as its JSON writes it: results, findings and the summary counts."""
        return {
            "submission": self.submission,
            "framework": self.framework,
            "signposts": [r.to_json() for r in self.results],
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary(),
        }
