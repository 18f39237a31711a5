"""The scorecard as a workbook for analysts who work in spreadsheets.

One sheet per element (Competencies, Governance, Outcomes, Survey), then every criterion
line and every signpost, one row each, with filters on the header row. Text from the
submission is escaped against formula injection: a cell the PCT typed that begins with
= + - @ gets a leading apostrophe (wcc_core.safe_text), so Excel shows it and never runs it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from wcc_core.records.results import CRITERION_STATUSES, Assessment
from wcc_core.render import Renderer, view
from wcc_core.render.office_zip import deterministic_zip, fixed_datetime

from wcc_core.safe_text import office_property, sheet_name, spreadsheet_safe  # one guard per kind of output

if TYPE_CHECKING:
    from openpyxl import Workbook

# openpyxl is imported by the functions that write cells, not here: every command looks
# the renderers up (the registry imports this module), and only a workbook needs openpyxl.
HEADER_FILL = "DCE3EA"
PROPOSAL_FILL = "FFF4CC"


def _cell(value):
    """Numbers stay numbers; text is escaped; None stays empty."""
    return spreadsheet_safe(value if value is None or isinstance(value, (int, float)) else str(value))


def _sheet(workbook, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None):
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(sheet_name(title))
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _rag_fill(value: str | None):
    from openpyxl.styles import PatternFill

    colour = view.rating_colour(value).lstrip("#").upper()
    return PatternFill("solid", fgColor=colour)


def competencies_sheet(workbook, a: Assessment) -> None:
    """The workbook's Competencies sheet: a row per competency and per sub-competency."""
    from openpyxl.styles import Font, PatternFill

    word = view.proposal_word(a)
    rows = []
    for key, c in a.competencies.items():
        counts = view.competency_counts(c)
        rows.append([key, "", c.title, c.last_year_score, c.self_score, c.score, "", ""]
                    + [counts[s] for s in CRITERION_STATUSES] + ["", "", "", ""])
        for s in c.subcompetencies:
            sc = s.counts()
            rows.append([key, s.full_key, s.title, s.last_year, s.self_level, s.proposed,
                         s.proposed_by_evidence, s.decided_by or ""] + [sc[x] for x in CRITERION_STATUSES]
                        + [s.rationale, s.verdict, s.confidence, ", ".join(s.lines_to_check)])
    sheet = _sheet(workbook, "Competencies",
                   ["competency", "sub-competency", "title", "last year", "self-assessed", word,
                    "evidence proposed (before decision)", "decided by"]
                   + [view.CRITERION_STATUS_LABELS[s] for s in CRITERION_STATUSES]
                   + ["rationale", "verdict", "confidence", "lines to check"], rows,
                   {3: 44, 7: 14, 8: 16, 13: 90, 14: 20, 16: 24})
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "":
            for cell in row:
                cell.font = Font(bold=True)
        row[5].fill = PatternFill("solid", fgColor=PROPOSAL_FILL)


def governance_sheet(workbook, a: Assessment) -> None:
    """The workbook's Governance sheet: a row per component and per sub-component."""
    from openpyxl.styles import Font

    word = view.proposal_word(a)
    rows = []
    for component, sub in view.governance_rows(a):
        subject = sub or component
        rows.append([component.key, sub.full_key if sub else "", subject.title, subject.last_year,
                     subject.self_rating, view.rating_text(subject.proposed), subject.proposed_by_evidence,
                     subject.decided_by or "", subject.rule, (sub.rationale if sub else "")])
    sheet = _sheet(workbook, "Governance",
                   ["component", "sub-component", "title", "last year", "self-assessed", word,
                    "evidence proposed (before decision)", "decided by", "rule", "rationale"], rows,
                   {3: 44, 9: 50, 10: 80})
    for row in sheet.iter_rows(min_row=2):
        for cell in row[3:6]:
            if cell.value:
                cell.fill = _rag_fill(None if cell.value == "cannot rate" else cell.value)
        if row[1].value == "":
            for cell in row[:3]:
                cell.font = Font(bold=True)


def outcomes_sheet(workbook, a: Assessment) -> None:
    """The workbook's Outcomes sheet: a row per outcome."""
    rows = [[o.ref, o.name, *[o.cagr.get(k) for k, _ in view.OUTCOME_PEERS], o.aspiration_cagr,
             "; ".join(o.flags), "; ".join(o.findings), "yes" if o.locally_defined else "",
             "yes" if o.changed_since_last_year else "", o.rationale] for o in a.outcomes]
    _sheet(workbook, "Outcomes",
           ["ref", "outcome", *[f"{label} CAGR %" for _, label in view.OUTCOME_PEERS], "aspiration CAGR %",
            "flags", "data problems", "locally defined", "new this year", "rationale"], rows, {2: 40, 8: 40, 12: 60})


def survey_sheet(workbook, a: Assessment) -> None:
    """The workbook's Survey sheet: a row per question, then the completed and minimum counts."""
    survey = a.survey
    rows = [[q.question, q.text, ", ".join(q.competencies), q.answered, q.mean, q.sha_average]
            for q in (survey.questions if survey else ())]
    sheet = _sheet(workbook, "Survey", ["question", "statement", "competencies", "answers", "PCT mean", "SHA average"],
                   rows, {2: 90})
    if survey is not None:
        sheet.append([])
        sheet.append(["completed", survey.completed])
        sheet.append(["minimum", survey.minimum])


def criteria_sheet(workbook, a: Assessment) -> None:
    """The workbook's Criteria sheet: a row per criterion line with its status, decision and first evidence."""
    from openpyxl.styles import Alignment

    rows = []
    for row in view.criterion_rows(a):
        c = row.criterion
        first = c.evidence[0] if c.evidence else None
        rows.append([row.element, row.group, row.subject, c.id, c.level, c.rating, c.text, c.status,
                     c.proposed_status, c.decided_by or "", c.reason, len(c.evidence),
                     first.where if first else "", first.excerpt if first else "", c.enquiry])
    sheet = _sheet(workbook, "Criteria",
                   ["element", "group", "subject", "id", "level", "rating", "criterion", "status",
                    "status before decision", "decided by", "reason", "evidence items", "first evidence",
                    "first excerpt", "point of enquiry"], rows, {7: 60, 11: 50, 13: 18, 14: 60, 15: 50})
    for row in sheet.iter_rows(min_row=2):
        row[6].alignment = Alignment(wrap_text=False)


def figures_sheet(workbook, a: Assessment) -> None:
    """The surveys and metrics appendix V names for each sub-competency, as the JSON's `figures`."""
    rows = [[c.key, s.full_key, f.source, f.excerpt] for c in a.competencies.values() for s in c.subcompetencies
            for f in s.figures]
    _sheet(workbook, "Figures", ["competency", "sub-competency", "source", "figure"], rows, {4: 100})


def signposts_sheet(workbook, a: Assessment) -> None:
    """The workbook's Signposts sheet: a row per signpost with its verdict and relevance."""
    rows = [[s.element, view.signpost_group(s), view.signpost_subject(s), s.index, s.raw, s.document, s.status,
             s.relevance, ("does not fit its criteria; " if view.verified_without_relevance(s) else "") + s.message]
            for s in view.signpost_results(a)]
    _sheet(workbook, "Signposts", ["element", "group", "for", "index", "signpost as written", "document", "status",
                                   "relevance", "message"], rows, {5: 40, 9: 90})


# Columns that hold ids and keys analysts filter on, or the PCT's own words: left as written.
ID_COLUMNS = {"competency", "sub-competency", "component", "sub-component", "ref", "question", "element", "group",
              "subject", "id", "for", "index", "signpost as written", "document"}


def _in_words(workbook, labels: dict[str, str]) -> None:
    """Every framework key in the text columns in words (the id columns keep their keys)."""
    if not labels:
        return
    for sheet in workbook:
        headers = [cell.value for cell in sheet[1]]
        for column, header in enumerate(headers, start=1):
            if header in ID_COLUMNS:
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                if isinstance(cell.value, str) and "." in cell.value:
                    cell.value = view.words(cell.value, labels)


def build_workbook(a: Assessment) -> Workbook:
    """The XLSX workbook of the assessment, one sheet per part (core properties dated for reproducible bytes)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    props = workbook.properties
    props.creator = props.lastModifiedBy = "wcc"
    props.title = office_property(f"{view.title(a)}: {a.submission}")
    props.created = props.modified = fixed_datetime()
    competencies_sheet(workbook, a)
    governance_sheet(workbook, a)
    outcomes_sheet(workbook, a)
    survey_sheet(workbook, a)
    criteria_sheet(workbook, a)
    figures_sheet(workbook, a)
    signposts_sheet(workbook, a)
    _in_words(workbook, view.key_labels(a))
    guard_workbook(workbook)  # last: every cell checked as written
    return workbook


def guard_workbook(workbook: Workbook) -> None:
    """Every text cell of every sheet through the spreadsheet guard, as it will be written.

    The sheets escape each value as they add it; this pass checks the cells themselves,
    so a value added some other way (a header, a plugin's sheet, a later change) cannot
    become a live formula, a control character XML refuses, or a cell over Excel's limit.
    """
    for sheet in workbook.worksheets:
        if sheet.title != sheet_name(sheet.title):
            sheet.title = sheet_name(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) or cell.data_type == "f":
                    cell.value = spreadsheet_safe(str(cell.value))


def render(assessment: Assessment, options: dict) -> bytes:
    """The XLSX renderer: the workbook as bytes, the same bytes for the same assessment."""
    buffer = io.BytesIO()
    build_workbook(assessment).save(buffer)
    return deterministic_zip(buffer.getvalue())


RENDERER = Renderer("xlsx", "xlsx", render, "the scorecard workbook: one sheet per element, criteria, signposts")
