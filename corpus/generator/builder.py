"""From a document's outline (phrases/documents.toml) to laid-out pages.

The builder writes chapters, numbered sections, paragraphs, lists and tables until
the document reaches its page budget, paginates them, and gives every page the label
a signpost would cite.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus.generator import tables
from corpus.generator.layout import (BODY_HEIGHT, BODY_WIDTH, COLUMN_GAP, Block, Item, Page, PageBreak,
                                     Paginator, Table, TwoColumns, column_height)
from corpus.generator.pct_profile import PCTProfile
from corpus.generator.prose import Prose

# A submission asked for more pages than this is a stress test, not a realistic sample: its
# documents may repeat their topics' sentences once they are used up. Below it no document
# repeats a sentence, and a document whose sentences run out simply ends short of its target.
REPEATS_ABOVE_PAGES = 300
FILL = 1.0  # pages of text the builder writes per page of budget (page ends and headings use up the rest)


@dataclass
class Context:
    """What every document of one submission draws on."""

    profile: PCTProfile
    prose: Prose
    rng: random.Random
    finance: dict  # (kind, scenario, year) -> (income, surplus, sha_expected)
    outcomes: list[dict]
    metrics: dict  # key -> (value, benchmark)
    repeats: bool = False  # may a document repeat sentences once its topics' are used up (REPEATS_ABOVE_PAGES)


@dataclass
class BuiltDocument:
    spec: dict
    title: str
    pages: list[Page]
    roman_pages: int = 0  # leading pages labelled i, ii, ... (pagination "labels")
    numbered_styles: dict = field(default_factory=dict)

    @property
    def labels(self) -> list[str | None]:
        return [p.label for p in self.pages]


def to_roman(number: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, text in numerals:
        while number >= value:
            out += text
            number -= value
    return out


def _table(kind: str, ctx: Context, number: int) -> Table:
    rng, profile = ctx.rng, ctx.profile
    if kind == "finance_scenarios":
        return tables.finance_scenarios(profile, ctx.finance, rng, number)
    if kind == "outturn":
        return tables.outturn(profile, ctx.finance, rng, number)
    if kind == "outcome_aspirations":
        return tables.outcome_aspirations(profile, ctx.outcomes, rng, number)
    if kind == "staff_survey":
        return tables.staff_survey(profile, ctx.metrics, rng, number)
    return getattr(tables, kind)(profile, rng, number)


class _Writer:
    """Accumulates items for one document and tracks the height written so far."""

    def __init__(self, spec: dict, ctx: Context, title: str, plants: list | None = None, total: float = 1.0):
        self.spec, self.ctx, self.title = spec, ctx, title
        self.items: list[Item] = []
        self.height = 0.0
        self.plants = list(plants or [])  # planted criterion paragraphs (truth.Plant), spread by height written
        self.planted = 0
        self.total = max(total, 1.0)
        self.tables = 0
        rng = ctx.rng
        self.dot = rng.choice((".", ""))  # "3. Strategy" or "3 Strategy"

    def add(self, item: Item) -> None:
        self.items.append(item)
        if isinstance(item, Block):
            self.height += item.height(BODY_WIDTH) + 12
        elif isinstance(item, Table):
            self.height += item.height() + 9

    def front_matter(self) -> None:
        ctx, spec = self.ctx, self.spec
        names = ctx.profile.names
        pagination = spec["pagination"]
        self.add(Block("title", self.title))
        self.add(Block("subtitle", ctx.profile.name))
        if pagination in ("labels", "printed"):
            self.add(Block("subtitle", f"Approved by the PCT board, {ctx.rng.choice(('October', 'November', 'December'))} 2009"))
            self.add(Block("subtitle", f"Chair: {names['chair']}    Chief Executive: {names['chief_executive']}"))
            self.add(PageBreak())
        if spec.get("front_matter"):
            self.add(Block("h1", "Contents"))
            number = spec.get("first_chapter", 1)
            for chapter in spec["chapters"]:
                if chapter.get("unnumbered"):
                    self.add(Block("body", chapter["heading"]))
                else:
                    self.add(Block("body", f"Chapter {number}: {chapter['heading']}"))
                    number += 1
            self.add(PageBreak())
            self.add(Block("h1", "Foreword"))
            for _ in range(2):
                body = ctx.prose.paragraph("intro")
                if body:
                    self.add(Block("body", body, topic="intro"))
            self.add(PageBreak())

    def chapter(self, chapter: dict, number: int | None, budget: float, first_numbered: bool) -> None:
        spec, prose, rng = self.spec, self.ctx.prose, self.ctx.rng
        if spec["pagination"] == "labels":
            self.add(PageBreak())
        start = self.height
        if spec.get("minutes"):
            text, section = f"09/{110 + (number or 0)} {chapter['heading']}", None
        elif chapter.get("appendix"):
            text, section = f"Appendix {chapter['appendix']}: {chapter['heading']}", f"Appendix {chapter['appendix']}"
        elif number is None:
            text, section = chapter["heading"], None
        else:
            text, section = f"{number}{self.dot} {chapter['heading']}", str(number)
        self.add(Block("h1", text, section=section, topic=chapter["topics"][0]))
        pending = list(chapter.get("tables", []))
        topics = chapter["topics"]
        s = 0
        turn = 0
        while s == 0 or self.height - start < budget:
            # each section is on one topic, in turn, while that topic has sentences the document has not used
            live = [t for t in topics if prose.left(t)]
            if not live:
                break
            topic = next(topics[(turn + i) % len(topics)] for i in range(len(topics))
                         if topics[(turn + i) % len(topics)] in live)
            turn = topics.index(topic) + 1
            s += 1
            numbered = section is not None and not section.startswith("Appendix") and not spec.get("minutes")
            if not spec.get("minutes"):
                heading = prose.heading(topic)
                if numbered:
                    self.add(Block("h2", f"{number}.{s} {heading}", section=f"{number}.{s}", topic=topic))
                else:
                    self.add(Block("h2", heading, topic=topic))
            count = rng.randint(2, 4)
            k = 1
            for _ in range(1, count):
                body = prose.paragraph(topic)
                if not body:
                    break
                if numbered and spec.get("numbered_paragraphs"):
                    self.add(Block("body", f"{number}.{s}.{k} {body}", section=f"{number}.{s}.{k}", topic=topic))
                else:
                    self.add(Block("body", body, topic=topic))
                k += 1
            self.plant(numbered and spec.get("numbered_paragraphs"), number, s, k)
            if rng.random() < 0.3 and prose.left(topic) >= 3:
                lead = prose.once(("In summary:", "Key points:", "In brief:", "For reference:", "At a glance:",
                                   "The essentials:", "Points to note:"))
                if lead:
                    self.add(Block("body", lead, topic=topic))
                    for item in prose.list_items(topic):
                        self.add(Block("list", item, topic=topic))
            if pending:
                self.tables += 1
                self.add(_table(pending.pop(0), self.ctx, self.tables))
            if spec.get("minutes") and s == 1:
                verb = rng.choice(("noted the report", "approved the recommendations", "agreed the actions set out above"))
                self.add(Block("body", f"Resolved ({text.split()[0]}): the board {verb}.", topic=topic))
            if spec.get("two_column") and first_numbered and s == 1:
                self.two_column_page(number, topics)
                s += 1
        while pending:  # a chapter whose prose ran out still carries its tables
            self.tables += 1
            self.add(_table(pending.pop(0), self.ctx, self.tables))

    def plant(self, numbered: bool, number, s: int, k: int, flush: bool = False) -> None:
        """Add the planted paragraphs due by now: spread evenly over the document by height."""
        due = len(self.plants) if flush else int(len(self.plants) * min(1.0, self.height / self.total) + 0.5)
        while self.planted < due:
            plant = self.plants[self.planted]
            self.planted += 1
            topic = plant.line.sub if plant.status == "met" else None
            text = self.ctx.prose.unrepeated(plant.text)
            if numbered:
                self.add(Block("body", f"{number}.{s}.{k} {text}", section=f"{number}.{s}.{k}",
                               topic=topic, plant=plant.line.id))
                k += 1
            else:
                self.add(Block("body", text, topic=topic, plant=plant.line.id))

    def two_column_page(self, number: int, topics: list[str]) -> None:
        prose, rng = self.ctx.prose, self.ctx.rng
        topic = topics[0]
        heading = Block("h2", f"{number}.2 At a glance: {self.ctx.profile.area} compared", section=f"{number}.2", topic=topic)
        width = (BODY_WIDTH - COLUMN_GAP) / 2
        room = BODY_HEIGHT - heading.height(BODY_WIDTH) - 30
        columns = []
        for _ in range(2):
            column: list[Block] = []
            while True:
                text = " ".join(prose.sentences(rng.choice(topics), 2))
                if not text:
                    break
                candidate = Block("body", text, topic=topic)
                if column_height(column + [candidate], width) > room:
                    break
                column.append(candidate)
            columns.append(column)
        self.items.append(TwoColumns(heading, columns[0], columns[1]))
        self.height += BODY_HEIGHT


def _assign_labels(spec: dict, pages: list[Page]) -> int:
    """Set each page's label and printed footer; return how many pages are roman."""
    pagination = spec["pagination"]
    roman = 0
    if pagination == "labels":
        roman = next((i for i, page in enumerate(pages)
                      if any(b.style == "h1" and b.section and b.section[0].isdigit() for b in page.blocks)), 0)
    for i, page in enumerate(pages):
        if pagination == "labels":
            page.label = to_roman(i + 1) if i < roman else str(i - roman + 1)
            page.footer = page.label if i > 0 else None
        elif pagination == "printed":
            page.label = None if i == 0 else str(i)
            page.footer = None if i == 0 else f"Page {i} of {len(pages) - 1}"
        elif pagination == "offset":
            page.label = str(spec["first_page"] + i)
            page.footer = page.label
        else:
            page.label = str(i + 1)
            page.footer = f"Page {i + 1}" if pagination == "docx" else None
    return roman


def build_document(spec: dict, ctx: Context, target_pages: int, plants: list | None = None) -> BuiltDocument:
    """Lay out one document of about `target_pages` pages (never more than its max_pages).

    `plants` (truth.Plant) are paragraphs stating criteria lines as met or not met; each
    becomes a body paragraph of its own, spread through the chapters.
    """
    title = ctx.prose.fill(spec["title"])
    target = min(target_pages, spec.get("max_pages") or target_pages)
    while True:
        ctx.prose.begin_document(ctx.repeats)
        writer = _Writer(spec, ctx, title)
        writer.front_matter()
        front = sum(isinstance(i, PageBreak) for i in writer.items)
        body_pages = max(1, target - front)
        chapters = spec["chapters"]
        budget = body_pages * BODY_HEIGHT * FILL / len(chapters) - 40
        writer.plants, writer.total = list(plants or []), writer.height + budget * len(chapters)
        number = spec.get("first_chapter", 1)
        first = True
        for chapter in chapters:
            numbered = not chapter.get("unnumbered") and not chapter.get("appendix")
            writer.chapter(chapter, number if numbered else None, budget, first and numbered)
            if numbered:
                number += 1
                first = False
        writer.plant(False, None, 0, 0, flush=True)
        pages = Paginator().run(writer.items)
        limit = spec.get("max_pages")
        if limit is None or len(pages) <= limit or target <= 1:
            break
        target -= 1
    roman = _assign_labels(spec, pages)
    return BuiltDocument(spec, title, pages, roman)
