"""What the indexer sees in a document: pages, printed labels and numbered blocks.

These records are the contract between the extractors (one per file format) and
everything downstream (the Whoosh store, the signpost verifier, `wcc show`).
The definitions of page, paragraph and section are those of SUBMISSION_FORMAT.md:
a paragraph number is the position of a block on its page, counted from the top,
with running headers, footers and printed page numbers left out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
# Why a piece of text on the page is furniture rather than a block (see `Furniture`).
FurnitureKind = Literal["running_head", "page_number", "line_number", "off_page"]
PageStatus = Literal["ok", "no_text"]
DocumentStatus = Literal["ok", "unreadable"]
# How the printed page labels were found, best first. "approximate" is a DOCX
# without rendered page breaks: its pages are only where hard breaks fall, so a
# page citation into it can only be checked approximately.
Numbering = Literal["page_labels", "printed", "rendered", "physical", "approximate"]


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item or table cell on a page."""

    n: int  # 1-based position on the page: the paragraph number a signpost uses
    kind: BlockKind
    text: str
    section: str | None = None  # "3.2.1", "4", "Appendix B" when the block carries one
    bbox: tuple[float, float, float, float] | None = None  # PDF points, top-left origin

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "kind": self.kind,
            "text": self.text,
            "section": self.section,
            "bbox": [round(v, 1) for v in self.bbox] if self.bbox else None,
        }


@dataclass(frozen=True)
class LocatedBlock:
    """A block found at a place in a document: the one record of where text is printed.

    `doc_id`, `physical` (the page's position in the file), `label` (the number printed
    on it) and `n` (the paragraph a signpost uses) say where; `block` is what the indexer
    read there. Every record that adds something to a place (a search score, an excerpt,
    a stance) holds one of these instead of its own copies of these fields: a search hit
    (`indexer.store.Hit`), a scored block (`wcc_core.scoring.ScoredBlock`, judging's
    `Passage`), a signpost suggestion and a piece of evidence (`wcc_core.records`).

    `n` is None when the place is a whole page (a reviewer citing "p.14"); `block` is None
    when only the place is known (a reviewer's citation, shown from its excerpt). When
    both are given, `n` is `block.n`.
    """

    doc_id: str
    physical: int
    label: str | None
    n: int | None = None
    doc_type: str = ""
    block: Block | None = None

    @classmethod
    def on_page(cls, doc_id: str, doc_type: str, page: "Page", block: Block, label: str | None = None) -> "LocatedBlock":
        """`block` of `page` in document `doc_id`; `label` overrides the page's printed label when given."""
        return cls(doc_id, page.physical, page.label if label is None else label, block.n, doc_type, block)

    @property
    def text(self) -> str:
        """What the block says ("" when only the place is known)."""
        return self.block.text if self.block is not None else ""

    @property
    def kind(self) -> str:
        """heading, paragraph, list_item or table_cell ("" when only the place is known)."""
        return self.block.kind if self.block is not None else ""

    @property
    def section(self) -> str | None:
        """The section number the block carries, if any."""
        return self.block.section if self.block is not None else None

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """The block's box on the page (PDF points, top-left origin), when the extractor knows it."""
        return self.block.bbox if self.block is not None else None

    @property
    def address(self) -> tuple[str, int, int | None]:
        """The block's address: (document id, physical page, block number)."""
        return (self.doc_id, self.physical, self.n)

    @property
    def where(self) -> str:
        """Where the block is printed, as a reader cites it: "jsna p.14 para 3" ("jsna p.14" for a page)."""
        para = f" para {self.n}" if self.n else ""
        return f"{self.doc_id} p.{self.label}{para}"


@dataclass(frozen=True)
class Furniture:
    """Text printed on a page that is not one of its paragraphs, kept so nothing is lost.

    Running headers and footers, printed page numbers, margin line numbers, and text
    outside the crop box (printers' slugs, crop-mark captions) are left out of the
    paragraph count a signpost uses; they are kept here, in reading order of the page.
    """

    text: str
    kind: FurnitureKind
    bbox: tuple[float, float, float, float] | None = None  # PDF points, top-left origin

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "bbox": [round(v, 1) for v in self.bbox] if self.bbox else None,
        }


@dataclass(frozen=True)
class Page:
    """One physical page and the blocks a reader sees on it.

    `label` is the number printed on the page ("iv", "14"). It is None for a page that
    prints no number in a document that numbers its other pages (a cover, a contents
    page before "Page 1 of 18"): such a page is reached by its physical number only.
    A document that prints no numbers at all labels every page with its position.
    """

    physical: int  # 1-based index in the file
    label: str | None
    blocks: tuple[Block, ...] = ()
    status: PageStatus = "ok"
    furniture: tuple[Furniture, ...] = ()

    @property
    def shown_label(self) -> str:
        """How messages name the page: "14", or "unnumbered (physical page 2)"."""
        return self.label if self.label is not None else f"unnumbered (physical page {self.physical})"

    def block(self, n: int) -> Block | None:
        """Paragraph n of this page (1-based), or None when the page has fewer."""
        return self.blocks[n - 1] if 1 <= n <= len(self.blocks) else None

    def to_json(self) -> dict:
        return {
            "physical": self.physical,
            "label": self.label,
            "status": self.status,
            "blocks": [b.to_json() for b in self.blocks],
            "furniture": [f.to_json() for f in self.furniture],
        }


@dataclass(frozen=True)
class ExtractedDocument:
    """A whole document as extracted, or the reason it could not be read."""

    file: str  # file name as given (no directories), for messages and JSON
    format: Literal["pdf", "docx", "txt", "md"]
    status: DocumentStatus = "ok"
    reason: str | None = None  # why unreadable: "encrypted", "corrupt: ...", "no text layer"
    pages: tuple[Page, ...] = ()
    numbering: Numbering = "physical"
    notes: tuple[str, ...] = field(default=())  # caveats an analyst should see

    @property
    def readable(self) -> bool:
        return self.status == "ok"

    def pages_labelled(self, label: str) -> list[Page]:
        """Every page whose printed label is `label` (labels can repeat)."""
        # NFKC folds full-width and other compatibility digits ("１４") to plain ones.
        wanted = unicodedata.normalize("NFKC", label).strip().lower()
        return [p for p in self.pages if p.label is not None and p.label.lower() == wanted]

    def page(self, physical: int) -> Page | None:
        return self.pages[physical - 1] if 1 <= physical <= len(self.pages) else None

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "numbering": self.numbering,
            "notes": list(self.notes),
            "pages": [p.to_json() for p in self.pages],
        }

    @classmethod
    def from_json(cls, data: dict, format: str) -> "ExtractedDocument":
        pages = tuple(
            Page(
                physical=p["physical"],
                label=p["label"],
                status=p.get("status", "ok"),
                blocks=tuple(
                    Block(
                        n=b["n"],
                        kind=b["kind"],
                        text=b["text"],
                        section=b.get("section"),
                        bbox=tuple(b["bbox"]) if b.get("bbox") else None,
                    )
                    for b in p["blocks"]
                ),
                furniture=tuple(
                    Furniture(text=f["text"], kind=f["kind"], bbox=tuple(f["bbox"]) if f.get("bbox") else None)
                    for f in p.get("furniture", ())
                ),
            )
            for p in data["pages"]
        )
        return cls(
            file=data["file"],
            format=format,
            status=data["status"],
            reason=data.get("reason"),
            pages=pages,
            numbering=data.get("numbering", "physical"),
            notes=tuple(data.get("notes", ())),
        )


def unreadable(file: str, format: str, reason: str) -> ExtractedDocument:
    """The record of a document whose text cannot be extracted at all."""
    return ExtractedDocument(file=file, format=format, status="unreadable", reason=reason)


def page_runs(physical: Iterable[int], dash: str = "–") -> str:
    """"1–2, 40": page numbers written as runs (the one helper for it; notes and messages use it)."""
    runs: list[list[int]] = []
    for p in physical:
        if runs and runs[-1][1] == p - 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(str(a) if a == b else f"{a}{dash}{b}" for a, b in runs)
