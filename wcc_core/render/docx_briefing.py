"""The Word panel briefing, in the structure of a real panel report (NHS Rotherham, May 2010).

Overview, commentary, recommendations, potential for improvement, the panel scorecard,
governance tables with the rationale for each rating, the outcomes scorecard, and one
table per competency with its "rationale for scoring". It prints as sent: A4 with 2 cm
margins, a header naming the PCT and the year, "Page n of m" in the footer; tables
wider than a portrait page (finance years, outcomes) in a landscape section; every
table's header row repeats on each page and no row splits across pages. Before the panel day every level
and rating is marked as a proposal and the commentary headings hold a prompt the panel
overwrites; once the panel has decided (stage "panel_report"), the decided values are
shown and each change from the evidence's proposal says what it was and who made it.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from wcc_core.records.results import Assessment
from wcc_core.render import view
from wcc_core.render.office_zip import fixed_datetime
from wcc_core.safe_text import office_property, xml_safe as clean  # XML refuses control characters

PROMPT = "[For the panel to complete.]"
COMMENTARY_HEADINGS = (("alignment", "Alignment"), ("execution", "Execution"), ("renewal", "Renewal"))
PROPOSAL_FILL = "FFF4CC"  # the pale yellow every proposed value sits on
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
# A table with more columns than this goes in a landscape section: on portrait A4 its
# cells would be too narrow for a word like "income" (issue 21).
PORTRAIT_COLUMNS = 6
TOP_FOCUS = 10  # the key areas of focus; the rest go in the appendix


def _styled(document, text: str, style_id: str):
    """A paragraph of the template's style `style_id` ("Heading1", "ListBullet").

    Set by id: python-docx's lookup by style name costs ~5 ms a paragraph, which made
    a briefing of a few hundred paragraphs take seconds.
    """
    paragraph = document.add_paragraph(clean(text))
    paragraph._p.style = style_id
    return paragraph


def _heading(document, text: str, level: int):
    """A heading that stays on the page of what follows it."""
    paragraph = _styled(document, text, f"Heading{level}")
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _bullet(document, text: str):
    return _styled(document, text, "ListBullet")


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _row_property(row, name: str) -> None:
    """A row flag (w:tblHeader, w:cantSplit) set on."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _table(document, header: list[str], rows: list[list[str]], style: str = "TableGrid", font_size: float | None = None):
    """A table whose header repeats on every page and whose rows never split across a page break."""
    table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblPr.get_or_add_tblStyle().val = style  # by id, as _styled
    _row_property(table.rows[0], "w:tblHeader")
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        _shade(cell, "DCE3EA")
    for values in rows:
        row = table.add_row()
        _row_property(row, "w:cantSplit")
        for cell, text in zip(row.cells, values):
            cell.text = clean(text)
    if font_size:
        for row in table.rows:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.font.size = Pt(font_size)
    return table


def _page(section, landscape: bool = False) -> None:
    """A4 with 2 cm margins, portrait or landscape."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _new_section(document, landscape: bool):
    """A new page in the other orientation; header and footer carry on from the first section."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
    return section


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the page."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _header_and_footer(document, a: Assessment) -> None:
    section = document.sections[0]
    head = section.header.paragraphs[0]
    facts = [view.title(a), a.submission, a.pct.get("year_label") or ""]
    head.text = clean(" · ".join(f for f in facts if f))
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    for paragraph in (head, foot):
        for run in paragraph.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(0x55, 0x5F, 0x6B)


def _rag_cell(cell, value: str | None) -> None:
    colour = view.rating_colour(value).lstrip("#").upper()
    _shade(cell, colour)
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run.bold = True


def _value(a: Assessment, text: str, result=None, unit: str = "") -> str:
    """A proposed value as the panel reads it: "2 (proposed)", or "3 (changed from 2 by panel)"."""
    note = view.decision_note(result, unit) if result is not None else ""
    if note:
        return f"{text} ({note})"
    return text if view.is_panel_report(a) else f"{text} (proposed)"


def _commentary_or_prompt(document, text: str | None, prompt: str = PROMPT) -> None:
    if text:
        for para in text.split("\n\n"):
            document.add_paragraph(clean(para))
    else:
        p = document.add_paragraph()
        run = p.add_run(clean(prompt))
        run.italic = True
        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def _title_page(document, a: Assessment) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(clean("World Class Commissioning " + view.title(a)))
    run.bold = True
    run.font.size = Pt(22)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(clean(a.submission))
    run.font.size = Pt(18)
    year = a.pct.get("year_label") or ""
    # The framework's name often carries the year already ("... Year 2 (2009/10)"): say it once.
    facts = [a.framework_name] if year and year in a.framework_name else [year, a.framework_name]
    document.add_paragraph(clean(" · ".join(f for f in facts if f))).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not view.is_panel_report(a):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run("DRAFT for the panel: every level and rating marked (proposed) is worked out from the "
                        "evidence and is for the panel to confirm or change.")
        run.italic = True


def _problems(document, a: Assessment) -> None:
    """The submission's problems the assessment went on past, first, so no one relies on what they touch unawares."""
    if not a.findings:
        return
    _heading(document, "Problems in the submission", 1)
    document.add_paragraph(clean(view.problems_heading(a) + "."))
    for finding in a.findings:
        _bullet(document, clean(str(finding)))


def _overview(document, a: Assessment, commentary: dict) -> None:
    _heading(document, "Overview", 1)
    _commentary_or_prompt(document, commentary.get("overview"))
    rows = [["PCT", a.submission]]
    for key, label in (("code", "Code"), ("sha", "SHA"), ("ons_cluster", "ONS cluster"), ("year_label", "Year")):
        if a.pct.get(key):
            rows.append([label, a.pct[key]])
    agreed, total = view.agreement(a)
    counts = a.signpost_counts()
    rows += [["Documents", f"{len(a.documents)} ({sum(1 for d in a.documents if d.readable)} readable)"],
             ["Signposts", f"{counts.get('total', 0)} ({counts.get('verified', 0)} verified)"],
             ["Agreement with self-assessment", f"{agreed} of {total} sub-competencies"]]
    if a.survey is not None:
        rows.append(["Stakeholder survey", f"{a.survey.completed} completed (minimum {a.survey.minimum})"])
    _table(document, ["Background", ""], rows)


def _commentary(document, a: Assessment, commentary: dict) -> None:
    _heading(document, "Commentary", 1)
    for key, label in COMMENTARY_HEADINGS:
        _heading(document, label, 2)
        _commentary_or_prompt(document, commentary.get(key))
    _heading(document, "Key areas of focus for the panel", 2)
    top, rest = view.focus_top(a, TOP_FOCUS)
    for area in top:
        _focus_bullet(document, area)
    if rest:
        document.add_paragraph(f"{len(rest)} further focus {'area is' if len(rest) == 1 else 'areas are'} listed "
                               "in the appendix.")
    if not top:
        document.add_paragraph("None: the evidence supports every self-assessed level.")
    _heading(document, "Recommendations", 2)
    _commentary_or_prompt(document, commentary.get("recommendations"))


def _focus_bullet(document, area) -> None:
    """One focus area: the subject in words, then every reason, most serious first."""
    paragraph = _bullet(document, "")
    paragraph.add_run(clean(view.focus_title(area))).bold = True
    paragraph.add_run(clean(f": {area.why}"))


def _appendix(document, a: Assessment) -> None:
    _, rest = view.focus_top(a, TOP_FOCUS)
    if not rest:
        return
    _heading(document, "Appendix: further focus areas", 1)
    document.add_paragraph("Less serious than the key areas of focus, in the same order of severity.")
    for area in rest:
        _focus_bullet(document, area)


def _potential(document, a: Assessment, commentary: dict) -> None:
    _heading(document, "Potential for improvement", 1)
    _commentary_or_prompt(document, commentary.get("potential"),
                          "[For the panel: the direction of travel and longer-term developmental feedback.]")
    travel = [f for f in a.focus_areas if f.kind in ("improved", "limited_progress")]
    if travel:
        document.add_paragraph("Direction of travel since last year, from the evidence:")
        for area in travel[:12]:
            _focus_bullet(document, area)


def _scorecard(document, a: Assessment) -> None:
    _heading(document, "Panel scorecard", 1)
    word = view.proposal_word(a).capitalize()
    rows = [[f"{k} {c.title}", view.score_text(c.last_year_score), view.score_text(c.self_score),
             _value(a, view.score_text(c.score))] for k, c in a.competencies.items()]
    _table(document, ["Competency", "Last year", "Self-assessed", word], rows)
    if a.governance:
        document.add_paragraph()
        table = _table(document, ["Governance", "Last year", "Self-assessed", word],
                       [[g.title, view.rating_text(g.last_year), view.rating_text(g.self_rating),
                         _value(a, view.rating_text(g.proposed), g)] for g in a.governance.values()])
        for row, g in zip(table.rows[1:], a.governance.values()):
            for cell, value in zip(row.cells[1:], (g.last_year, g.self_rating, g.proposed)):
                _rag_cell(cell, value)


def _governance(document, a: Assessment) -> bool:
    """The governance components; True when the document is left in a landscape section."""
    word = view.proposal_word(a).capitalize()
    landscape = False
    for g in a.governance.values():
        wide = any(s.table and len(s.table[0].cells) + 1 > PORTRAIT_COLUMNS for s in g.subcomponents)
        if wide != landscape:
            _new_section(document, wide)
            landscape = wide
        _heading(document, f"Governance – {word} assessment on {g.title}", 1)
        if g.rule:
            document.add_paragraph(clean(g.rule)).runs[0].italic = True
        rows = [[f"{i}. {s.title}", view.rating_text(s.last_year), view.rating_text(s.self_rating),
                 _value(a, view.rating_text(s.proposed), s)] for i, s in enumerate(g.subcomponents, start=1)]
        table = _table(document, ["Measure", "Last year", "Self-assessed", word], rows)
        for row, s in zip(table.rows[1:], g.subcomponents):
            for cell, value in zip(row.cells[1:], (s.last_year, s.self_rating, s.proposed)):
                _rag_cell(cell, value)
        _heading(document, "Rationale", 3)
        # The rule that rates every sub-component, stated once rather than in each rationale.
        for rule in view.sub_component_rules(g):
            paragraph = document.add_paragraph()
            paragraph.add_run("How a sub-component is rated: ").bold = True
            paragraph.add_run(clean(rule)).italic = True
        for i, s in enumerate(g.subcomponents, start=1):
            _bullet(document, f"{i}. {s.title}: {view.short_rationale(s) or PROMPT}")
            if s.table:
                columns = [c for c, _ in s.table[0].cells]
                table = _table(document, [view.column_label(c) for c in columns] + ["Rating"],
                               [[view.cell_text(v, c, a.labels) for c, v in r.cells] + [view.rating_text(r.rating)]
                                for r in s.table], font_size=8)
                for row, r in zip(table.rows[1:], s.table):
                    if r.decides:  # the row that decided the rating, in bold on the proposal's yellow
                        for cell in row.cells:
                            _shade(cell, PROPOSAL_FILL)
                            for run in (run for p in cell.paragraphs for run in p.runs):
                                run.bold = True
    return landscape


def _outcomes(document, a: Assessment, commentary: dict, landscape: bool) -> None:
    if a.outcomes and not landscape:  # seven columns: landscape, like the finance tables
        _new_section(document, True)
        landscape = True
    _heading(document, "Outcomes", 1)
    if a.outcomes:
        rows = [[view.outcome_label(o) + (f" ({view.direction_text(o)})" if view.direction_text(o) else "")]
                + [view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS]
                + [view.percent_text(o.aspiration_cagr), "; ".join(o.flags + o.findings)] for o in a.outcomes]
        _table(document, ["Strategic priority"] + [f"{label} CAGR %" for _, label in view.OUTCOME_PEERS]
               + ["PCT aspiration (CAGR %)", "Flags"], rows, font_size=9)
        document.add_paragraph("3-year historic change (CAGR, % a year) where available; whether a rise or a fall "
                               "is the improvement depends on the metric, as each row says.")
    else:
        document.add_paragraph("No outcome comparisons in this result.")
    _heading(document, "Observations", 2)
    _commentary_or_prompt(document, commentary.get("outcomes"))
    if landscape:
        _new_section(document, False)


def _competencies(document, a: Assessment) -> None:
    _heading(document, "Overview – Competencies", 1)
    agreed, total = view.agreement(a)
    _bullet(document, f"The {view.proposal_word(a)} level agrees with the PCT's self-assessment in "
                      f"{agreed} out of {total} sub-competencies.")
    word = view.proposal_word(a).capitalize()
    for key, c in a.competencies.items():
        _heading(document, f"Competency {key[1:] if key[:1] == 'C' else key} – {c.title}", 2)
        rows = [[f"{s.key.upper()}. {s.title}", view.level_label(a, s.last_year), view.level_label(a, s.self_level),
                 _value(a, view.level_label(a, s.proposed), s)] for s in c.subcompetencies]
        rows.append(["Score (mean)", view.score_text(c.last_year_score), view.score_text(c.self_score),
                     _value(a, view.score_text(c.score))])
        table = _table(document, ["Measure", "Last year", "Self-assessed", f"{word} level"], rows)
        for row, s in zip(table.rows[1:], c.subcompetencies):
            if s.self_level is not None and s.proposed != s.self_level:
                _shade(row.cells[3], PROPOSAL_FILL)
        _heading(document, "Rationale for scoring", 3)
        for s in c.subcompetencies:
            verdict = view.verdict_text(a, s)
            _bullet(document, f"{s.key.upper()}: " + (f"{verdict} " if verdict else "") + (s.rationale or PROMPT))
        figures = [(s, f) for s in c.subcompetencies for f in s.figures]
        if figures:
            _heading(document, "Supporting figures", 3)
            for s, f in figures:
                _bullet(document, f"{s.key.upper()}: {f.excerpt}")
        questions = [view.labelled_enquiry(f, q) for f in view.focus_for(a, key) for q in f.enquiries]
        if questions:
            _heading(document, "Points of enquiry for the panel day", 3)
            for q in questions[:8]:
                _bullet(document, q)
        _heading(document, "Recommendations going forward", 3)
        _commentary_or_prompt(document, None)


def build_document(a: Assessment) -> Document:
    """The Word report of the assessment, as a python-docx Document (core properties dated for reproducible bytes)."""
    document = Document()
    props = document.core_properties
    props.title = office_property(f"{view.title(a)}: {a.submission}")
    props.author = "wcc"
    props.last_modified_by = "wcc"
    props.created = props.modified = fixed_datetime()
    props.revision = 1
    commentary = view.commentary(a)
    _page(document.sections[0])
    _header_and_footer(document, a)
    _title_page(document, a)
    _problems(document, a)
    _overview(document, a, commentary)
    _commentary(document, a, commentary)
    _potential(document, a, commentary)
    _scorecard(document, a)
    landscape = _governance(document, a)
    _outcomes(document, a, commentary, landscape)
    _competencies(document, a)
    _appendix(document, a)
    _in_words(document, view.key_labels(a))
    guard_document(document)  # last: whatever got in, the file is checked as written
    return document


def _in_words(document, labels: dict[str, str]) -> None:
    """Every framework key in the document's text in words, whichever section or plugin message it came in by."""
    if not labels:
        return
    for text in document.element.body.iter(qn("w:t")):
        if text.text and "." in text.text:
            text.text = view.words(text.text, labels)


def guard_document(document) -> None:
    """Every piece of text and every core property through the Word guard, as it will be written.

    Each value is cleaned as it is added (lxml refuses control characters); this pass
    checks the document itself, so bidi formatting or a property over Word's 255
    characters cannot reach the file however the text got in.
    """
    for element in document.element.body.iter(qn("w:t"), qn("w:instrText")):
        if element.text and clean(element.text) != element.text:
            element.text = clean(element.text)
    props = document.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "category", "last_modified_by"):
        value = getattr(props, name)
        if value and office_property(value) != value:
            setattr(props, name, office_property(value))
