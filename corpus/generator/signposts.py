"""Signposts as PCTs typed them, and the right answer for each.

Most signposts point at a page (and paragraph, or numbered section) that really holds
text written for the competency or governance sub-component they support. A share of
them go wrong the ways real ones did: a page past the end, a paragraph past the end of
its page, a section that does not exist, a document never uploaded, a range of more
than five pages, "whole document", or text that names no place at all. The answer
for each is recorded with the status names of SUBMISSION_FORMAT.md.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from corpus.generator.builder import BuiltDocument
from corpus.generator.pct_profile import COMPETENCIES, GOVERNANCE, SUBS, PCTProfile

MAX_DOCUMENTS = 6  # per competency, handbook chapter 4
ERROR_KINDS = ("page_missing", "paragraph_missing", "section_missing", "document_missing",
               "too_broad_range", "too_broad_document", "unparseable")
NEVER_UPLOADED = ("Estates Strategy 2009", "Annual Operating Plan 2009/10", "IM&T Strategy", "Carers Strategy",
                  "Workforce Strategy 2008")
_NUMBER_START = re.compile(r"^(\d{1,2}(?:\.\d{1,3})*)\.?(?:\s|$)")


@dataclass
class Cited:
    """One place in a document a signpost can point at."""

    page: int  # 0-based physical index
    paragraph: int  # 1-based


@dataclass
class DocumentIndex:
    """What the signpost writer knows of one generated document."""

    id: str
    names: list[str]
    built: BuiltDocument
    by_topic: dict[str, list[Cited]] = field(default_factory=dict)
    sections: dict[str, Cited] = field(default_factory=dict)  # citable: carried by exactly one block

    @classmethod
    def of(cls, doc_id: str, names: list[str], built: BuiltDocument) -> "DocumentIndex":
        index = cls(doc_id, names, built)
        starts: dict[str, list[Cited]] = {}
        for p, page in enumerate(built.pages):
            if page.label is None:
                continue
            for n, block in enumerate(page.blocks, start=1):
                if block.topic and block.kind in ("paragraph", "list_item"):
                    index.by_topic.setdefault(block.topic, []).append(Cited(p, n))
                if block.kind in ("cell", "cell_head"):
                    continue  # a number in a table ("11.6", a score of "20") is no section
                match = _NUMBER_START.match(block.text)
                number = block.section or (match.group(1) if match else None)
                if number:
                    starts.setdefault(number, []).append(Cited(p, n))
                    if block.section and block.section != number:
                        starts.setdefault(block.section, []).append(Cited(p, n))
        index.sections = {s: c[0] for s, c in starts.items() if len(c) == 1}
        return index

    def label(self, page: int) -> str:
        return self.built.pages[page].label

    def cited_pages(self) -> list[int]:
        """Pages a signpost may cite by number: labelled, and arabic where the document has front matter."""
        return [i for i, p in enumerate(self.built.pages) if p.label is not None and p.label.isdigit()]


def _page_locator(index: DocumentIndex, page: int, paragraph: int | None, status: str = "verified") -> dict:
    return {"kind": "page", "page": index.label(page), "physical_page": page + 1, "paragraph": paragraph, "status": status}


class SignpostWriter:
    """Writes one PCT's signposts in its own habits, recording the right answers."""

    def __init__(self, profile: PCTProfile, documents: dict[str, DocumentIndex], rng: random.Random):
        self.profile, self.documents, self.rng = profile, documents, rng
        formats = ["p.{p} para {n}", "p{p} para {n}", "page {p}, para {n}", "{p}({n})", "p.{p}", "page {p}", "p {p} para {n}"]
        self.habits = rng.sample(formats, 3)
        self.joiner = rng.choice((" ", ", ", " - "))

    def name(self, index: DocumentIndex) -> str:
        return self.rng.choice(index.names)

    # --- verified signposts -------------------------------------------------------------
    def verified(self, index: DocumentIndex, topic: str) -> tuple[str, list[dict]]:
        rng = self.rng
        hits = [c for c in index.by_topic.get(topic, []) if index.label(c.page).isdigit()] or index.by_topic.get(topic, [])
        hit = rng.choice(hits)
        roll = rng.random()
        relevant_sections = [s for s, c in index.sections.items() if c.page == hit.page or
                             (c.page == hit.page and c.paragraph < hit.paragraph)]
        if roll < 0.15 and relevant_sections:
            section = rng.choice(sorted(relevant_sections))
            where = index.sections[section]
            if section.startswith("Appendix"):
                text = f"appendix {section.split()[1]}"
            elif section.count(".") == 2:
                text = f"para {section}"
            else:
                text = rng.choice(("section {s}", "s.{s}", "section {s}")).format(s=section)
            locator = {"kind": "section", "section": section, "physical_page": where.page + 1,
                       "paragraph": where.paragraph, "status": "verified"}
            return text, [locator]
        if roll < 0.3:
            return self._range(index, hit.page)
        label = index.label(hit.page)
        form = rng.choice(self.habits)
        text = form.format(p=label, n=hit.paragraph)
        locators = [_page_locator(index, hit.page, hit.paragraph if "{n}" in form else None)]
        others = [p for p in index.cited_pages() if p != hit.page]
        if rng.random() < 0.15 and others:
            other = rng.choice(others)
            text += f"; p.{index.label(other)}"
            locators.append(_page_locator(index, other, None))
        return text, locators

    def _range(self, index: DocumentIndex, page: int) -> tuple[str, list[dict]]:
        rng = self.rng
        arabic = index.cited_pages()
        if page not in arabic or len(arabic) < 3:
            form = "p.{p}"
            return form.format(p=index.label(page)), [_page_locator(index, page, None)]
        at = arabic.index(page)
        if rng.random() < 0.6:
            last = arabic[min(len(arabic) - 1, at + rng.randint(1, 3))]
            first = page if last > page else arabic[at - 1]
            last = max(last, page)
            text = rng.choice(("pp. {a}-{b}", "pages {a}-{b}", "pp {a}-{b}")).format(a=index.label(first), b=index.label(last))
            return text, [_page_locator(index, p, None) for p in range(first, last + 1)]
        picks = sorted(set(rng.sample(arabic, min(3, len(arabic))) + [page]))[:3]
        labels = [index.label(p) for p in picks]
        text = "pages " + ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else f"page {labels[0]}"
        return text, [_page_locator(index, p, None) for p in picks]

    # --- signposts that go wrong --------------------------------------------------------
    def wrong(self, kind: str, index: DocumentIndex) -> tuple[str, str | None, list[dict], str]:
        """(raw, document id, locators, status) for one deliberately wrong signpost."""
        rng = self.rng
        name = self.name(index)
        pages = index.built.pages
        if kind == "page_missing":
            bad = str(int(pages[-1].label) + rng.randint(3, 40)) if pages[-1].label.isdigit() else str(len(pages) + 9)
            return f"{name} p.{bad}", index.id, [{"kind": "page", "page": bad, "physical_page": None, "paragraph": None, "status": "page_missing"}], "page_missing"
        if kind == "paragraph_missing":
            page = rng.choice(index.cited_pages())
            n = len(pages[page].blocks) + rng.randint(2, 6)
            return (f"{name} p.{index.label(page)} para {n}", index.id,
                    [_page_locator(index, page, n, "paragraph_missing")], "paragraph_missing")
        if kind == "section_missing":
            chapters = [int(s) for s in index.sections if s.isdigit()] or [1]
            while True:
                section = f"{max(chapters) + rng.randint(2, 5)}.{rng.randint(6, 9)}"
                if not any(b.text.startswith(section) for p in pages for b in p.blocks):
                    break
            return (f"{name} section {section}", index.id,
                    [{"kind": "section", "section": section, "physical_page": None, "paragraph": None, "status": "section_missing"}],
                    "section_missing")
        if kind == "document_missing":
            other = rng.choice(NEVER_UPLOADED)
            return f"{other} {rng.choice(('p.12', 'section 3', 'pp. 4-5', 'p.7 para 2'))}", None, [], "document_missing"
        if kind == "too_broad_range":
            arabic = index.cited_pages()
            if len(arabic) >= 7:
                first = rng.randint(0, len(arabic) - 7)
                a, b = index.label(arabic[first]), index.label(arabic[min(len(arabic) - 1, first + rng.randint(6, 15))])
                return (f"{name} pp. {a}-{b}", index.id,
                        [{"kind": "range", "page": f"{a}-{b}", "physical_page": None, "paragraph": None, "status": "too_broad"}], "too_broad")
        if kind in ("too_broad_range", "too_broad_document"):
            text = rng.choice(("{n} - whole document", "{n} (whole document)", "{n}, whole document"))
            return (text.format(n=name), index.id,
                    [{"kind": "document", "page": None, "physical_page": None, "paragraph": None, "status": "too_broad"}], "too_broad")
        text = rng.choice(("{n} - see attached", "{n}: see attached", "{n} (as per last year's submission)", "{n} - see above"))
        return text.format(n=name), index.id, [], "unparseable"


def _documents_for(writer: SignpostWriter, topics: list[str]) -> list[tuple[DocumentIndex, str]]:
    """Documents holding text on any of these topics, each with one such topic."""
    found = []
    for index in writer.documents.values():
        mine = [t for t in topics if index.by_topic.get(t)]
        if mine:
            found.append((index, writer.rng.choice(mine)))
    return found


def write_signposts(profile: PCTProfile, documents: dict[str, DocumentIndex], rng: random.Random) -> tuple[dict, dict, dict]:
    """(competency signposts, governance signposts, expected answers) for one submission."""
    writer = SignpostWriter(profile, documents, rng)
    plan: list[dict] = []  # one dict per signpost, in (element, key) order
    candidates = {c: _documents_for(writer, [c + s for s in SUBS]) for c in COMPETENCIES}
    over = max(COMPETENCIES, key=lambda c: (len(candidates[c]), c))
    for competency in COMPETENCIES:
        found = candidates[competency]
        rng.shuffle(found)
        count = min(len(found), MAX_DOCUMENTS + 1) if competency == over else min(len(found), rng.randint(2, 5))
        for index, topic in found[:count]:
            plan.append({"element": "competency", "key": competency, "topic": topic, "doc": index})
    for key in GOVERNANCE:
        found = _documents_for(writer, [key])
        rng.shuffle(found)
        for index, topic in found[:rng.randint(1, 3)]:
            plan.append({"element": "governance", "key": key, "topic": topic, "doc": index})
    # choose which signposts go wrong: every kind at least once, more for a sloppy PCT
    wrong_at: dict[int, str] = {}
    positions = [i for i, p in enumerate(plan) if p["key"] != over]
    extra = round(len(plan) * profile.sloppiness)
    kinds = list(ERROR_KINDS) + [rng.choice(ERROR_KINDS) for _ in range(extra)]
    for kind, position in zip(kinds, rng.sample(positions, min(len(kinds), len(positions)))):
        wrong_at[position] = kind
    competencies: dict[str, list] = {}
    governance: dict[str, list] = {}
    expected = []
    for i, item in enumerate(plan):
        index = item["doc"]
        target = competencies if item["element"] == "competency" else governance
        entries = target.setdefault(item["key"], [])
        sub = item["topic"][-1] if item["element"] == "competency" and rng.random() < 0.4 else None
        if i in wrong_at:
            raw, document, locators, status = writer.wrong(wrong_at[i], index)
            if wrong_at[i] == "section_missing" and not index.sections:
                raw, document, locators, status = writer.wrong("page_missing", index)
        else:
            locator_text, locators = writer.verified(index, item["topic"])
            raw, document, status = f"{writer.name(index)}{writer.joiner}{locator_text}", index.id, "verified"
        entries.append({"ref": raw, "sub": sub} if sub else raw)
        expected.append({"element": item["element"], "key": item["key"], "sub": sub, "index": len(entries) - 1,
                         "raw": raw, "status": status, "document": document, "locators": locators})
    findings = [{"key": over, "status": "too_many_documents",
                 "message": f"{MAX_DOCUMENTS + 1} documents signposted for {over}; at most {MAX_DOCUMENTS} may be"}]
    return competencies, governance, {"signposts": expected, "findings": findings}
