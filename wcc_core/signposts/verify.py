"""Stage 4: resolve parsed signposts against the extracted documents.

Page citations name printed pages (`ExtractedDocument.pages_labelled`): the page
labelled 14, or the 14th page where the document prints no numbers. Where a label
repeats (a PDF whose numbering restarts) the first page carrying it is used and the
locator's message says so. A cited page with no text layer cannot be checked and is
reported `unreadable`, like a whole unreadable document. Pages of a DOCX that Word
never rendered are approximate; every locator into one says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from indexer.model import Block, ExtractedDocument, Page, page_runs
from indexer.sections import normalise_section
from wcc_core.signposts.document_names import DocumentCatalogue
from wcc_core.signposts.document_limit import too_many_documents
from wcc_core.records.signposts import (
    AppendixLocator,
    Locator,
    LocatorResult,
    PageList,
    PageLocator,
    PageRange,
    SectionLocator,
    Signpost,
    SignpostReport,
    SignpostResult,
    UnknownLocator,
    WholeDocument,
    worst_status,
)
from indexer.running_heads import to_roman  # the one roman-numeral converter
from wcc_core.signposts.parser import parse_signpost, render_locator, roman_value

EXCERPT_CHARS = 160
# A section's text runs to the next heading of its level or above; relevance reads at
# most this many of its blocks (a section of a long document can run for pages).
SECTION_BLOCKS = 60
# A contents line ends in a leader (dots, an ellipsis, a tab or a run of spaces) and a
# page number. Checked on the line's tail only (see `_is_contents_line`), so a block of
# thousands of dots costs no more than a short one.
_CONTENTS_TAIL = 40
_APPENDIX_WORDS = ("Appendix", "Annex", "Annexe", "Schedule")
APPROXIMATE_NOTE = "page numbers are approximate: Word never saved where this document's pages break"


def _count(n: int, noun: str) -> str:
    """ "1 page", "3 pages": messages are read by people."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class VerifyRules:
    """The handbook's limits (framework.rules) that verification applies."""

    too_broad_pages: int = 5
    max_documents: int = 6  # per competency

    @classmethod
    def from_framework(cls, framework) -> "VerifyRules":
        """The rules from the framework's parameters: pages too broad, documents a competency may cite."""
        return cls(framework.rules.too_broad_pages, framework.rules.max_signposted_documents)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a block's text, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def label_runs(pages: Iterable[Page], limit: int = 6) -> str:
    """"i–iv, 1–28": the printed labels of a document as runs of consecutive numbers.

    Pages that print no number are left out (see `unnumbered_note`).
    """
    runs: list[list[str]] = []
    previous: tuple[str, int] | None = None
    for page in pages:
        label = page.label
        if label is None:
            previous = None
            continue
        kind, value = ("arabic", int(label)) if label.isdigit() else ("roman", roman_value(label.lower()) or -10)
        if runs and previous == (kind, value - 1):
            runs[-1][1] = label
        else:
            runs.append([label, label])
        previous = (kind, value)
    parts = [a if a == b else f"{a}–{b}" for a, b in runs]
    return ", ".join(parts[:limit]) + (", …" if len(parts) > limit else "")


def physical_runs(physical: Iterable[int]) -> str:
    """"1–2, 40": physical page numbers as runs."""
    return page_runs(physical)


def unnumbered_note(doc: ExtractedDocument) -> str | None:
    """"physical pages 1–2 print no page number", or None when every page has a label."""
    missing = [p.physical for p in doc.pages if p.label is None]
    if not missing:
        return None
    word = "physical page" if len(missing) == 1 else "physical pages"
    verb = "prints" if len(missing) == 1 else "print"
    return f"{word} {physical_runs(missing)} {verb} no page number"


def where_printed(page: Page) -> str:
    """How a message names a page: "page 14 (physical page 16)" or "unnumbered physical page 2"."""
    if page.label is None:
        return f"unnumbered physical page {page.physical} (it prints no page number)"
    return f"page {page.label} (physical page {page.physical})"


class _DocumentResolver:
    """Answers for one readable document: which page, paragraph or section a locator names."""

    def __init__(self, doc_id: str, label: str, doc: ExtractedDocument, rules: VerifyRules):
        self.doc_id = doc_id
        self.label = label
        self.doc = doc
        self.rules = rules
        self.note = APPROXIMATE_NOTE if doc.numbering == "approximate" else None
        self._sections: dict[str, list[tuple[Page, Block]]] | None = None

    def with_note(self, message: str | None) -> str | None:
        if not self.note:
            return message
        return f"{message}; {self.note}" if message else self.note

    # -- pages ----------------------------------------------------------------------------
    def page_missing(self, cited: str, label: str) -> LocatorResult:
        if self.doc.numbering in ("physical", "approximate"):
            printed = "prints no page numbers and " if self.doc.numbering == "physical" else ""
            message = f"page {label} is not in {self.label}: it {printed}has {_count(len(self.doc.pages), 'page')}"
            return LocatorResult("page", "page_missing", cited, page=label, message=self.with_note(message))
        message = f"page {label} is not in {self.label}: its printed pages run {label_runs(self.doc.pages)}"
        unnumbered = unnumbered_note(self.doc)
        if unnumbered:
            message += f"; {unnumbered}"
        if label.isdigit():
            same_physical = self.doc.page(int(label))
            if same_physical is not None and same_physical.label != label:
                printed = "prints no page number" if same_physical.label is None else f"is printed {same_physical.label}"
                message += f"; physical page {label} {printed}"
        return LocatorResult("page", "page_missing", cited, page=label, message=self.with_note(message))

    def page(self, cited: str, label: str, paragraphs: tuple[int, ...]) -> list[LocatorResult]:
        pages = self.doc.pages_labelled(label)
        if not pages:
            return [self.page_missing(cited, label)]
        page = self.pick(pages)
        repeat = None
        if len(pages) > 1:
            where = ", ".join(str(p.physical) for p in pages)
            repeat = f"page {label} is printed on physical pages {where}; physical page {page.physical} is used"
        base = dict(kind="page", cited=cited, page=page.label, physical_page=page.physical)
        if page.status == "no_text":
            # A scanned page inside a readable document exists, so a page citation is
            # verified; its paragraphs cannot be counted (SUBMISSION_FORMAT.md, "Paragraph").
            if not paragraphs:
                message = (f"page {label} of {self.label} (physical page {page.physical}) exists but has no text "
                           "layer (a scanned page): read it by eye")
                return [LocatorResult(status="verified", excerpt="", message=self.with_note(message), **base)]
            message = (f"page {label} of {self.label} (physical page {page.physical}) has no text layer, so its "
                       "paragraphs cannot be counted")
            return [LocatorResult(status="unreadable", paragraph=n, message=self.with_note(message), **base)
                    for n in paragraphs]
        if not paragraphs:
            first = page.blocks[0].text if page.blocks else ""
            blocks = tuple((page.physical, b.n) for b in page.blocks)
            return [LocatorResult(status="verified", excerpt=excerpt(first), message=self.with_note(repeat), blocks=blocks, **base)]
        results = []
        for n in paragraphs:
            block = page.block(n)
            if block is None:
                message = f"page {label} of {self.label} has {_count(len(page.blocks), 'paragraph')}; there is no paragraph {n}"
                if repeat:
                    message += f" ({repeat})"
                results.append(LocatorResult(status="paragraph_missing", paragraph=n, message=self.with_note(message), **base))
            else:
                results.append(
                    LocatorResult(
                        status="verified", paragraph=n, excerpt=excerpt(block.text),
                        message=self.with_note(repeat), blocks=((page.physical, n),), **base,
                    )
                )
        return results

    def pick(self, pages: list[Page]) -> Page:
        """Of the pages carrying one label, the first that sits in a run of consecutive labels.

        A label can repeat where numbering restarts (iii, iv, 1, 2, 1) or where an
        unnumbered cover was given the label of the page after it (1, 1, 2, 3): the page
        in the middle of a run is the one a reader would find by that number.
        """
        if len(pages) == 1:
            return pages[0]
        for page in pages:
            before, after = self.doc.page(page.physical - 1), self.doc.page(page.physical + 1)
            if (after is not None and _follows(page.label, after.label)) or (
                before is not None and _follows(before.label, page.label)
            ):
                return page
        return pages[0]

    def page_range(self, cited: str, first: str, last: str) -> list[LocatorResult]:
        roman = not first.isdigit()
        start = roman_value(first) if roman else int(first)
        end = roman_value(last) if roman else int(last)
        count = end - start + 1
        if count > self.rules.too_broad_pages:
            message = (
                f"pages {first}–{last} of {self.label} are {count} pages: cite the pages and paragraphs "
                f"that hold the evidence (at most {self.rules.too_broad_pages} pages)"
            )
            return [LocatorResult("range", "too_broad", cited, page=f"{first}-{last}", message=self.with_note(message))]
        results = []
        for value in range(start, end + 1):
            results.extend(self.page(cited, to_roman(value) if roman else str(value), ()))
        return results

    # -- sections ---------------------------------------------------------------------------
    def sections(self) -> dict[str, list[tuple[Page, Block]]]:
        if self._sections is None:
            found: dict[str, list[tuple[Page, Block]]] = defaultdict(list)
            for page in self.doc.pages:
                for block in page.blocks:
                    if block.section:
                        found[_section_key(block.section)].append((page, block))
            self._sections = dict(found)
        return self._sections

    def find_section(self, section: str, word: str) -> tuple[Page, Block] | None:
        places = list(self.sections().get(_section_key(section), ()))
        if word in ("item", "table", "figure"):
            # "Item 7", "Table 2: Activity", "Figure 3 - ..." captions start a block.
            words = {"item": r"(?:agenda\s+)?item", "table": r"table", "figure": r"(?:figure|fig\.?|chart|graph)"}[word]
            pattern = re.compile(rf"\s*{words}\s+{re.escape(section)}(?!\.?\d)", re.IGNORECASE)
            if word != "item":
                places = []  # a table is found by its caption, never by a section number
            places += [(p, b) for p in self.doc.pages for b in p.blocks if pattern.match(b.text)]
        if not places:
            return None
        # A table of contents lists "4.2 Markets ..... 12" before the section itself.
        def rank(place: tuple[Page, Block]) -> tuple:
            page, block = place
            return (_is_contents_line(block.text), block.kind != "heading", page.physical, block.n)

        return min(places, key=rank)

    def section_blocks(self, page: Page, block: Block) -> tuple[tuple[int, int], ...]:
        """The section a cited heading opens: the heading and its body, the blocks after it
        up to the next heading of the same or a higher level.

        Levels come from section numbers: 4.2 runs on over 4.2.1 and 4.2.2 and stops at
        4.3, 5 or an appendix. A cited block without a number of its own (an unnumbered
        heading) runs to the next heading or numbered block. At most SECTION_BLOCKS.
        """
        level = _section_level(block.section)
        keys = [(page.physical, block.n)]
        for later in self.doc.pages[page.physical - 1 :]:
            for other in later.blocks:
                if later.physical == page.physical and other.n <= block.n:
                    continue
                if len(keys) >= SECTION_BLOCKS or _ends_section(other, level):
                    return tuple(keys)
                keys.append((later.physical, other.n))
        return tuple(keys)

    def section(self, cited: str, section: str, word: str, shown: str) -> list[LocatorResult]:
        place = self.find_section(section, word)
        if place is None:
            what = {"item": "agenda item", "table": "table caption", "figure": "figure caption"}.get(
                word, "heading or paragraph"
            )
            message = f"no {what} of {self.label} is numbered {shown}"
            return [LocatorResult("section", "section_missing", cited, section=shown, message=self.with_note(message))]
        page, block = place
        note = None
        if page.label is None:
            note = f"{shown} is on {where_printed(page)}"
        return [
            LocatorResult(
                "section", "verified", cited, page=page.label, physical_page=page.physical, paragraph=block.n,
                section=shown, excerpt=excerpt(block.text), message=self.with_note(note),
                blocks=self.section_blocks(page, block),
            )
        ]

    # -- dispatch --------------------------------------------------------------------------
    def locator(self, locator: Locator) -> list[LocatorResult]:
        cited = render_locator(locator)
        if isinstance(locator, PageLocator):
            return self.page(cited, locator.page, locator.paragraphs)
        if isinstance(locator, PageRange):
            return self.page_range(cited, locator.first, locator.last)
        if isinstance(locator, PageList):
            results = []
            for item in locator.items:
                results.extend(self.locator(item))
            return results
        if isinstance(locator, SectionLocator):
            return self.section(cited, locator.section, locator.word, locator.section)
        if isinstance(locator, AppendixLocator):
            return self.section(cited, f"Appendix {locator.appendix}", "section", f"Appendix {locator.appendix}")
        if isinstance(locator, WholeDocument):
            message = f"the whole of {self.label} is cited: give the page and paragraph that hold the evidence"
            return [LocatorResult("document", "too_broad", cited, message=self.with_note(message))]
        return [_unparseable(locator)]


def _is_contents_line(text: str) -> bool:
    """"4.2 Markets ..... 12": a contents entry, which names a section but is not it."""
    tail = text[-_CONTENTS_TAIL:].rstrip()
    number = tail.rstrip("0123456789")
    if number == tail or not number:
        return False
    return number.endswith(("..", "…", "\t", "  ")) or number.rstrip(" ").endswith(("..", "…"))


def _section_level(section: str | None) -> int | None:
    """4 -> 1, 4.2 -> 2, 3.2.1 -> 3; appendices are at the top level; None without a number."""
    if not section:
        return None
    if not section[:1].isdigit():
        return 1
    return section.count(".") + 1


def _ends_section(block: Block, level: int | None) -> bool:
    """Whether `block` opens a section at `level` or above (ending the one before)."""
    other = _section_level(block.section)
    if level is None:
        return other is not None or block.kind == "heading"
    return other is not None and other <= level


def _label_value(label: str | None) -> tuple[str, int] | None:
    if label is None:
        return None
    if label.isdigit():
        return "arabic", int(label)
    value = roman_value(label.lower())
    return ("roman", value) if value else None


def _follows(first: str | None, second: str | None) -> bool:
    """Whether printed label `second` is the one after `first` ("iv" then "v", "1" then "2")."""
    a, b = _label_value(first), _label_value(second)
    return a is not None and b is not None and a[0] == b[0] and b[1] == a[1] + 1


def _section_key(section: str) -> str:
    """"Annex B" and "Appendix B" are the same place; "4.02" and "4.2" too."""
    normal = normalise_section(section)
    word, _, rest = normal.partition(" ")
    if word in _APPENDIX_WORDS and rest:
        return f"appendix {rest.upper()}"
    return normal.lower()


# Unreadable text is quoted in messages up to this many characters.
QUOTE_CHARS = 80


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _unparseable(locator: UnknownLocator) -> LocatorResult:
    if locator.reason.startswith("cannot read"):
        message = f"cannot read '{_quote(locator.text)}' as a page, paragraph or section"
    else:
        message = f"cannot read '{_quote(locator.text)}': {locator.reason}"
    return LocatorResult("unknown", "unparseable", locator.text, message=message)


def _unchecked(locator: Locator, message: str, rules: VerifyRules) -> list[LocatorResult]:
    """The locators of a document that cannot be read, one per cited page and paragraph, all `unreadable`."""
    cited = render_locator(locator)
    # What the locator's form alone decides (unreadable text, too many pages) stands.
    if isinstance(locator, UnknownLocator):
        return [_unparseable(locator)]
    if isinstance(locator, PageList):
        return [r for item in locator.items for r in _unchecked(item, message, rules)]
    if isinstance(locator, WholeDocument):
        return [LocatorResult("document", "too_broad", cited, message="the whole document is cited: give the page and paragraph")]
    if isinstance(locator, PageRange):
        roman = not locator.first.isdigit()
        start = roman_value(locator.first) if roman else int(locator.first)
        end = roman_value(locator.last) if roman else int(locator.last)
        if end - start + 1 > rules.too_broad_pages:
            count = end - start + 1
            return [LocatorResult("range", "too_broad", cited, page=f"{locator.first}-{locator.last}",
                                  message=f"pages {locator.first}–{locator.last} are {count} pages (at most {rules.too_broad_pages})")]
        labels = [to_roman(v) if roman else str(v) for v in range(start, end + 1)]
        return [LocatorResult("page", "unreadable", cited, page=label, message=message) for label in labels]
    if isinstance(locator, PageLocator):
        return [
            LocatorResult("page", "unreadable", cited, page=locator.page, paragraph=n, message=message)
            for n in (locator.paragraphs or (None,))
        ]
    if isinstance(locator, SectionLocator):
        return [LocatorResult("section", "unreadable", cited, section=locator.section, message=message)]
    if isinstance(locator, AppendixLocator):
        return [LocatorResult("section", "unreadable", cited, section=f"Appendix {locator.appendix}", message=message)]
    return [LocatorResult("document", "unreadable", cited, message=message)]


def _missing_document_message(signpost: Signpost, catalogue: DocumentCatalogue) -> str:
    if signpost.candidates:
        names = " or ".join(catalogue.label(c) for c in signpost.candidates)
        return f"'{signpost.name}' is ambiguous: it could be {names}; name one by its id or title"
    if signpost.inherited:
        return "names no document, and the document of the part before it is not in the submission"
    if signpost.name is None:
        if not signpost.locators:
            return "empty signpost"
        return "names no document: start the signpost with the document's id or title"
    known = ", ".join(sorted(catalogue.entries)) or "none"
    return f"no document of the submission is called '{signpost.name}' (documents: {known})"


def _summarise(status: str, locators: list[LocatorResult], label: str) -> str:
    if status == "verified":
        pieces = []
        for loc in locators:
            where = f"section {loc.section}" if loc.kind == "section" else f"page {loc.page}"
            if loc.paragraph is not None and loc.kind == "page":
                where += f" para {loc.paragraph}"
            printed = "physical page" if loc.page is not None else "unnumbered physical page"
            pieces.append(f"{where} ({printed} {loc.physical_page})")
        notes = sorted({loc.message for loc in locators if loc.message})
        return f"verified in {label}: " + ", ".join(pieces) + "".join(f"; {n}" for n in notes)
    worst = [loc for loc in locators if loc.status == status]
    others = sum(1 for loc in locators if loc.status != "verified") - 1
    message = worst[0].message or status
    if others > 0:
        message += f" (and {others} more problem{'s' if others > 1 else ''})"
    return message


def verify_one(
    signpost: Signpost,
    catalogue: DocumentCatalogue,
    documents: Mapping[str, ExtractedDocument | None],
    rules: VerifyRules,
) -> tuple[str, str, list[LocatorResult]]:
    """(status, message, locator results) of one parsed signpost."""
    if signpost.document is None:
        message = _missing_document_message(signpost, catalogue)
        if message == "empty signpost":
            return "unparseable", message, []
        # Nothing to check: the locators stay in `raw`, the message says why.
        unreadable_rest = [_unparseable(loc) for loc in signpost.locators if isinstance(loc, UnknownLocator)]
        return "document_missing", message, unreadable_rest
    label = catalogue.label(signpost.document)
    doc = documents.get(signpost.document)
    if doc is None or not doc.readable:
        reason = doc.reason if doc is not None and doc.reason else "its text was not extracted"
        message = f"{label} cannot be read ({reason}), so nothing in it can be checked"
        results = [r for loc in signpost.locators for r in _unchecked(loc, message, rules)]
        results = results or [LocatorResult("document", "unreadable", "", message=message)]
        status = worst_status(loc.status for loc in results)
        return status, _summarise(status, results, label) if status != "unreadable" else message, results
    resolver = _DocumentResolver(signpost.document, label, doc, rules)
    if not signpost.locators:
        message = resolver.with_note(f"no page, paragraph or section of {label} is given: the whole document is cited")
        return "too_broad", message, [LocatorResult("document", "too_broad", "", message=message)]
    results: list[LocatorResult] = []
    for locator in signpost.locators:
        results.extend(resolver.locator(locator))
    status = worst_status(loc.status for loc in results)
    return status, _summarise(status, results, label), results


def _by_document(parsed: tuple[Signpost, ...]) -> list[Signpost]:
    """The parts of one typed signpost, those that inherit a document merged into its part.

    "SP p.4; p.7" is one reference to SP with two locators; "SP p.4; JSNA p.7" is two.
    """
    merged: list[Signpost] = []
    for signpost in parsed:
        if signpost.inherited and merged:
            merged[-1] = replace(merged[-1], locators=merged[-1].locators + signpost.locators)
        else:
            merged.append(replace(signpost, part=len(merged)))
    return merged


def verify_signposts(
    entries: Iterable,
    catalogue: DocumentCatalogue,
    documents: Mapping[str, ExtractedDocument | None],
    rules: VerifyRules = VerifyRules(),
    *,
    submission: str = "",
    framework: str = "",
) -> SignpostReport:
    """Parse and verify every signpost entry (records with element, key, sub, index, raw).

    `documents` maps a submitted document's id to what the indexer extracted from it
    (None when nothing was). Results keep the entries' order, one per ";" part.
    """
    pairs: list[tuple[SignpostResult, Signpost]] = []
    for entry in entries:
        parsed = _by_document(parse_signpost(entry.raw, catalogue))
        for signpost in parsed:
            status, message, locators = verify_one(signpost, catalogue, documents, rules)
            result = SignpostResult(
                element=entry.element, key=entry.key, sub=entry.sub, index=entry.index, raw=entry.raw,
                document=signpost.document, status=status, message=message, locators=tuple(locators),
                part=signpost.part, parts=len(parsed),
            )
            pairs.append((result, signpost))
    notes = tuple(
        sorted(f"{catalogue.label(i)}: {APPROXIMATE_NOTE}" for i, d in documents.items() if d is not None and d.numbering == "approximate")
    )
    return SignpostReport(
        submission=submission,
        framework=framework,
        results=tuple(r for r, _ in pairs),
        findings=tuple(too_many_documents(pairs, rules.max_documents)),
        notes=notes,
    )
