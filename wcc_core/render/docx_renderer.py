"""The Word panel briefing, in the structure of a real panel report (NHS Rotherham, May 2010).

Overview, commentary, recommendations, potential for improvement, the panel scorecard,
governance tables with the rationale for each rating, the outcomes scorecard, and one
table per competency with its "rationale for scoring". Before the panel day every level
and rating is marked as a proposal and the commentary headings hold a prompt the panel
overwrites; once the panel has decided (stage "panel_report"), the decided values are
shown and each change from the evidence's proposal says what it was and who made it.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from wcc_core.assessment.model import Assessment
from wcc_core.render import Renderer, view
from wcc_core.render.office_zip import deterministic_zip, fixed_datetime
from wcc_core.safe_text import office_property, xml_safe as clean  # XML refuses control characters

PROMPT = "[For the panel to complete.]"
COMMENTARY_HEADINGS = (("alignment", "Alignment"), ("execution", "Execution"), ("renewal", "Renewal"))
PROPOSAL_FILL = "FFF4CC"  # the pale yellow every proposed value sits on


def _styled(document, text: str, style_id: str):
    """A paragraph of the template's style `style_id` ("Heading1", "ListBullet").

    Set by id: python-docx's lookup by style name costs ~5 ms a paragraph, which made
    a briefing of a few hundred paragraphs take seconds.
    """
    paragraph = document.add_paragraph(clean(text))
    paragraph._p.style = style_id
    return paragraph


def _heading(document, text: str, level: int):
    return _styled(document, text, f"Heading{level}")


def _bullet(document, text: str):
    return _styled(document, text, "ListBullet")


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _table(document, header: list[str], rows: list[list[str]], style: str = "TableGrid"):
    table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblPr.get_or_add_tblStyle().val = style  # by id, as _styled
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        _shade(cell, "DCE3EA")
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = clean(text)
    return table


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
    facts = [a.pct.get("year_label") or "", a.framework_name]
    document.add_paragraph(clean(" · ".join(f for f in facts if f))).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not view.is_panel_report(a):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run("DRAFT for the panel: every level and rating marked (proposed) is worked out from the "
                        "evidence and is for the panel to confirm or change.")
        run.italic = True


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
    areas = [f for f in a.focus_areas if f.priority == 1] or list(a.focus_areas)
    for area in areas[:15]:
        _bullet(document, f"{area.key}: {area.why}")
    if not areas:
        document.add_paragraph("None: the evidence supports every self-assessed level.")
    _heading(document, "Recommendations", 2)
    _commentary_or_prompt(document, commentary.get("recommendations"))


def _potential(document, a: Assessment, commentary: dict) -> None:
    _heading(document, "Potential for improvement", 1)
    _commentary_or_prompt(document, commentary.get("potential"),
                          "[For the panel: the direction of travel and longer-term developmental feedback.]")
    travel = [f for f in a.focus_areas if f.kind in ("improved", "limited_progress")]
    if travel:
        document.add_paragraph("Direction of travel since last year, from the evidence:")
        for area in travel[:12]:
            _bullet(document, f"{area.key}: {area.why}")


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


def _governance(document, a: Assessment) -> None:
    word = view.proposal_word(a).capitalize()
    for g in a.governance.values():
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
        for i, s in enumerate(g.subcomponents, start=1):
            _bullet(document, f"{i}: {s.rationale or s.rule or PROMPT}")
            if s.table:
                columns = [c for c, _ in s.table[0].cells]
                _table(document, columns + ["rating"],
                       [[("-" if v is None else str(v)) for _, v in r.cells] + [view.rating_text(r.rating)]
                        for r in s.table])


def _outcomes(document, a: Assessment, commentary: dict) -> None:
    _heading(document, "Outcomes", 1)
    if a.outcomes:
        rows = [[view.outcome_label(o)] + [view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS]
                + [view.percent_text(o.aspiration_cagr), "; ".join(o.flags + o.findings)] for o in a.outcomes]
        _table(document, ["Strategic priority"] + [f"{label} CAGR %" for _, label in view.OUTCOME_PEERS]
               + ["PCT aspiration (CAGR %)", "Flags"], rows)
        document.add_paragraph("3-year historic rate of improvement (CAGR, % a year) where available.")
    else:
        document.add_paragraph("No outcome comparisons in this result.")
    _heading(document, "Observations", 2)
    _commentary_or_prompt(document, commentary.get("outcomes"))


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
            _bullet(document, f"{s.key.upper()}: {s.rationale or PROMPT}")
        figures = [(s, f) for s in c.subcompetencies for f in s.figures]
        if figures:
            _heading(document, "Supporting figures", 3)
            for s, f in figures:
                _bullet(document, f"{s.key.upper()}: {f.excerpt}")
        questions = [q for f in view.focus_for(a, key) for q in f.enquiries]
        if questions:
            _heading(document, "Points of enquiry for the panel day", 3)
            for q in questions[:8]:
                _bullet(document, q)
        _heading(document, "Recommendations going forward", 3)
        _commentary_or_prompt(document, None)


def build_document(a: Assessment) -> Document:
    document = Document()
    props = document.core_properties
    props.title = office_property(f"{view.title(a)}: {a.submission}")
    props.author = "wcc"
    props.last_modified_by = "wcc"
    props.created = props.modified = fixed_datetime()
    props.revision = 1
    commentary = view.commentary(a)
    _title_page(document, a)
    _overview(document, a, commentary)
    _commentary(document, a, commentary)
    _potential(document, a, commentary)
    _scorecard(document, a)
    _governance(document, a)
    _outcomes(document, a, commentary)
    _competencies(document, a)
    guard_document(document)
    return document


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


def render(assessment: Assessment, options: dict) -> bytes:
    buffer = io.BytesIO()
    build_document(assessment).save(buffer)
    return deterministic_zip(buffer.getvalue())


RENDERER = Renderer("docx", "docx", render, "the Word panel briefing, ready for the panel to edit")
