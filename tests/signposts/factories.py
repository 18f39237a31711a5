"""Small factories for signpost tests: documents, catalogues, entries and expected locators."""

from __future__ import annotations

from indexer.model import Block, ExtractedDocument, Page
from indexer.sections import section_number
from wcc_core.framework import DocumentType
from wcc_core.signposts import catalogue_for
from wcc_core.records.signposts import (
    AppendixLocator,
    PageList,
    PageLocator,
    PageRange,
    SectionLocator,
    UnknownLocator,
    WholeDocument,
)
from wcc_core.submission import SignpostEntry, SubmittedDocument

# The usual names of a few wcc-2009 document types, as the framework data lists them.
TYPES = {
    "strategic_plan": DocumentType("strategic_plan", "Strategic plan", ("Strategic plan", "Strat plan", "SP")),
    "jsna": DocumentType("jsna", "Joint strategic needs assessment", ("JSNA",)),
    "contracting_process_form": DocumentType(
        "contracting_process_form", "Contracting process form", ("CPF", "Contracting process form"), max_count=3
    ),
    "board_minutes": DocumentType("board_minutes", "Board minutes", ("Board minutes",), max_count=0),
    "od_plan": DocumentType("od_plan", "Organisational development plan", ("OD plan",)),
    "financial_plan": DocumentType("financial_plan", "Financial plan", ("Fin plan", "Financial plan")),
    "communications_strategy": DocumentType(
        "communications_strategy", "Communications strategy", ("Comms strategy", "Communications strategy")
    ),
}


def submitted(id, type="strategic_plan", title="", aliases=(), date="", file=None):
    return SubmittedDocument(id=id, type=type, file=file or f"documents/{id.lower()}.pdf", title=title,
                             aliases=tuple(aliases), date=date)


# A submission's documents as most tests use them: one of most types, three CPFs and
# two sets of board minutes so that names can be ambiguous.
DOCUMENTS = (
    submitted("SP", "strategic_plan", "Strategic Plan 2009/10 - 2013/14"),
    submitted("JSNA", "jsna", "Joint Strategic Needs Assessment 2009"),
    submitted("CPF-A", "contracting_process_form", "CPF acute"),
    submitted("CPF-P", "contracting_process_form", "CPF primary care"),
    submitted("BM-NOV", "board_minutes", "Board minutes", date="2009-11-12"),
    submitted("BM-OCT", "board_minutes", "Board minutes", date="2009-10-08"),
    submitted("OD", "od_plan", "Organisational Development Plan"),
    submitted("COMMS", "communications_strategy", "Communications Strategy 2009", aliases=("Comms",)),
)


def catalogue(documents=DOCUMENTS):
    return catalogue_for(documents, TYPES)


def page(label, *texts, physical=None, status="ok", kinds=None):
    """A Page with one block per text; sections are found as the indexer finds them."""
    blocks = tuple(
        Block(n, (kinds or {}).get(n, "heading" if section_number(t) else "paragraph"), t, section_number(t))
        for n, t in enumerate(texts, 1)
    )
    return Page(physical or 0, None if label is None else str(label), blocks, status)


def document(*pages, numbering="printed", file="doc.pdf", status="ok", reason=None):
    """An ExtractedDocument whose pages are numbered physically in the order given."""
    numbered = tuple(Page(i, p.label, p.blocks, p.status) for i, p in enumerate(pages, 1))
    return ExtractedDocument(file=file, format="pdf", status=status, reason=reason, pages=numbered, numbering=numbering)


def entry(raw, key="C1", sub=None, element="competency", index=0):
    return SignpostEntry(element, key, sub, index, raw)


# Expected locators, without spans (compare with parser.meaning).
def p(label, *paragraphs):
    return PageLocator(str(label), tuple(paragraphs))


def pp(first, last):
    return PageRange(str(first), str(last))


def pages(*items):
    return ("list", tuple(items))


def sec(number, word="section"):
    return SectionLocator(number, word)


def app(letter):
    return AppendixLocator(letter)


WHOLE = WholeDocument()


def unknown(text):
    return ("unknown", text)


__all__ = ["PageList", "UnknownLocator"]
