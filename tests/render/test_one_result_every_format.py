"""One result, every format: the scores, ratings, statuses and counts read back from the
JSON, HTML, DOCX, XLSX and terminal renderings of ONE assessment all agree with it."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import docx
import lxml.html
import openpyxl
import pytest

from wcc_core.render import view


@pytest.fixture(scope="module")
def data(rendered):
    return json.loads(rendered["json"])


@pytest.fixture(scope="module")
def page(rendered):
    return lxml.html.fromstring(rendered["html"])


@pytest.fixture(scope="module")
def workbook(rendered):
    return openpyxl.load_workbook(io.BytesIO(rendered["xlsx"]))


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(io.BytesIO(rendered["docx"]))


def sheet_rows(workbook, name):
    rows = list(workbook[name].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:] if any(v is not None for v in r)]


def cell_texts(row):
    return [" ".join(td.text_content().split()) for td in row.xpath("./td")]


def docx_table(document, first_header):
    return [t for t in document.tables if t.rows[0].cells[0].text == first_header]


def test_the_sample_has_something_in_every_element(assessment):
    assert len(assessment.competencies) == 11
    assert assessment.signposts is not None and assessment.signposts.results
    assert assessment.survey is not None and assessment.survey.questions


def test_competency_scores_agree_in_json_html_docx_xlsx_and_terminal(assessment, data, page, workbook, document,
                                                                      rendered):
    xlsx = {r["competency"]: r for r in sheet_rows(workbook, "Competencies") if not r["sub-competency"]}
    [docx_scores] = docx_table(document, "Competency")
    docx_rows = {r.cells[0].text.split()[0]: [c.text for c in r.cells] for r in docx_scores.rows[1:]}
    text = rendered["text"].decode()
    for key, c in assessment.competencies.items():
        expected = [view.score_text(v) for v in (c.last_year_score, c.self_score, c.score)]
        assert [data["competencies"][key][k] for k in ("last_year_score", "self_score", "score")] == \
            [c.last_year_score, c.self_score, c.score]
        [row] = page.xpath(f'//table[@id="scorecard-table"]//tr[@data-key="{key}"]')
        assert cell_texts(row)[2:5] == expected
        assert [xlsx[key][k] for k in ("last year", "self-assessed", "proposed")] == \
            [c.last_year_score, c.self_score, c.score]
        assert docx_rows[key][1:3] == expected[:2]
        assert docx_rows[key][3] == f"{expected[2]} (proposed)"
        line = next(line for line in text.splitlines() if line.split()[:1] == [key])
        # the competency table is on the left: key, title, last, self, proposed, met/lines
        found = re.match(rf"\s*{key}\s.*?\s(\S+)\s+(\S+)\s+(\S+)\s+\d+/\d+", line)
        assert found and list(found.groups()) == expected


def test_sub_competency_levels_agree(assessment, data, page, workbook):
    xlsx = {r["sub-competency"]: r for r in sheet_rows(workbook, "Competencies") if r["sub-competency"]}
    for key, c in assessment.competencies.items():
        for s in c.subcompetencies:
            assert data["competencies"][key]["subcompetencies"][s.key]["proposed"] == s.proposed
            [row] = page.xpath(f'//tr[@id="{s.full_key}"]')
            assert cell_texts(row)[1:4] == [view.level_label(assessment, s.last_year),
                                            view.level_label(assessment, s.self_level),
                                            view.level_label(assessment, s.proposed)]
            assert (xlsx[s.full_key]["self-assessed"], xlsx[s.full_key]["proposed"]) == (s.self_level, s.proposed)
            assert [xlsx[s.full_key][view.CRITERION_STATUS_LABELS[k]] for k in s.counts()] == list(s.counts().values())


def test_governance_ratings_agree(assessment, data, page, workbook, document):
    xlsx = {(r["sub-component"] or r["component"]): r
            for r in sheet_rows(workbook, "Governance")}
    docx_text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for key, g in assessment.governance.items():
        assert data["governance"][key]["proposed"] == g.proposed
        assert xlsx[key]["proposed"] == view.rating_text(g.proposed)
        for s in g.subcomponents:
            assert data["governance"][key]["subcomponents"][s.key]["proposed"] == s.proposed
            [row] = page.xpath(f'//table[contains(@class, "rag-table")]//tr[@id="{s.full_key}"]')
            assert cell_texts(row)[1:4] == [view.rating_text(v) for v in (s.last_year, s.self_rating, s.proposed)]
            assert [xlsx[s.full_key][k] for k in ("last year", "self-assessed", "proposed")] == \
                [s.last_year, s.self_rating, view.rating_text(s.proposed)]
        assert f"Governance – Proposed assessment on {g.title}" in [p.text for p in document.paragraphs]
    for g in assessment.governance.values():
        for i, s in enumerate(g.subcomponents, start=1):
            assert f"{i}. {s.title}" in docx_text


def test_criterion_statuses_agree_line_by_line(assessment, data, page, workbook):
    expected = {row.criterion.id: row.criterion.status for row in view.criterion_rows(assessment)}
    in_json = {c["id"]: c["status"]
               for comp in data["competencies"].values() for sub in comp["subcompetencies"].values()
               for c in sub["criteria"]}
    in_json.update({c["id"]: c["status"] for g in data["governance"].values()
                    for sub in g["subcomponents"].values() for c in sub["criteria"]})
    in_html = {div.get("id"): div.get("data-status") for div in page.xpath('//div[@data-filter="criterion"]')}
    in_xlsx = {r["id"]: r["status"] for r in sheet_rows(workbook, "Criteria")}
    assert expected and in_json == expected and in_html == expected and in_xlsx == expected
    assert Counter(expected.values()) == Counter({k: v for k, v in view.criterion_counts(assessment).items() if v})


def test_criterion_ids_like_c6b_3_are_shown(page):
    shown = page.xpath('//div[@id="C6b.3"]//code[@class="crit-id"]/text()')
    assert shown == ["C6b.3"]


def test_signpost_statuses_and_counts_agree(assessment, data, page, workbook, rendered):
    summary = assessment.signpost_counts()
    assert data["signposts"]["summary"] == summary
    html_counts = Counter(tr.get("data-status") for tr in page.xpath('//tr[@data-filter="signpost"]'))
    xlsx_counts = Counter(r["status"] for r in sheet_rows(workbook, "Signposts"))
    expected = Counter({k: v for k, v in summary.items() if k != "total"})
    assert html_counts == expected == xlsx_counts
    assert sum(html_counts.values()) == summary["total"]
    text = rendered["text"].decode()
    assert f"{summary['total']} total, {summary.get('verified', 0)} verified" in text
    for status, n in view.signpost_problem_counts(assessment).items():
        assert f"{n} {status.replace('_', ' ')}" in " ".join(text.split())


def test_survey_means_agree(assessment, page, workbook, rendered):
    xlsx = {r["question"]: r for r in sheet_rows(workbook, "Survey") if r["question"] and r["question"].startswith("q")}
    text = rendered["text"].decode()
    for q in assessment.survey.questions:
        [row] = page.xpath(f'//table[@id="survey-table"]//tr[@data-key="{q.question}"]')
        assert cell_texts(row)[4:6] == [view.mean_text(q.mean), view.mean_text(q.sha_average)]
        assert (xlsx[q.question]["PCT mean"], xlsx[q.question]["SHA average"]) == (q.mean, q.sha_average)
        assert view.mean_text(q.mean) in text


def test_outcomes_agree(assessment, page, workbook):
    xlsx = {r["ref"]: r for r in sheet_rows(workbook, "Outcomes")}
    assert len(xlsx) == len(assessment.outcomes)
    for o in assessment.outcomes:
        [row] = page.xpath(f'//table[@id="outcomes-table"]//tr[@data-key="{o.ref}"]')
        assert cell_texts(row)[1:6] == [view.percent_text(o.cagr.get(k)) for k, _ in view.OUTCOME_PEERS] + \
            [view.percent_text(o.aspiration_cagr)]
        assert xlsx[o.ref]["aspiration CAGR %"] == o.aspiration_cagr


def test_focus_areas_are_in_every_briefing(assessment, page, document, rendered):
    top = assessment.focus_areas[0]
    # Shown by its title in words (the key stays on the element for the filters).
    assert page.xpath(f'//section[@id="focus"]//li/b[@data-key="{top.key}"][text()="{view.focus_title(top)}"]')
    assert f"{view.focus_title(top)}: {top.why}" in [p.text for p in document.paragraphs]
    assert " ".join(view.focus_title(top).split()[:3]) in rendered["text"].decode()


def test_the_appendix_v_figures_of_each_sub_competency_appear_in_html_docx_and_xlsx(data, page, workbook, document,
                                                                                    assessment):
    """Staff survey key findings, public perception, media evaluation ... as the JSON's `figures`
    (the JSON keeps the metric keys; the briefings show them in the framework's words)."""
    labels = view.key_labels(assessment)
    figures = [(key, sub_key, view.words(f["excerpt"], labels)) for key, c in data["competencies"].items()
               for sub_key, s in c["subcompetencies"].items() for f in s["figures"]]
    assert any(f["excerpt"] != excerpt for (_, _, excerpt), f in zip(figures, (
        f for c in data["competencies"].values() for s in c["subcompetencies"].values() for f in s["figures"])))
    assert figures, "the bundled sample has metrics.csv figures"
    html = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='figures']/li")]
    xlsx = [(r["sub-competency"], r["figure"]) for r in sheet_rows(workbook, "Figures")]
    paragraphs = [p.text for p in document.paragraphs]
    for key, sub_key, excerpt in figures:
        assert f"{sub_key.upper()}: {excerpt}" in html
        assert (f"{key}{sub_key}", excerpt) in xlsx
        assert f"{sub_key.upper()}: {excerpt}" in paragraphs
    assert len(xlsx) == len(figures) == len(html)
