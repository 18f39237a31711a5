"""One meaning each: a signpost's *relevance* (is the cited text about its sub-competency's
criteria?) and an evidence item's *fit* (does one passage state one line?) have different
names in every briefing, the page says how they differ, and a verified signpost whose
text does not fit its criteria is marked, in HTML, XLSX and on the terminal."""

from __future__ import annotations

import io
from dataclasses import replace

import lxml.html
import openpyxl
import pytest

from wcc_core.render import view
from wcc_core.render.registry import renderers
from wcc_core.render.terminal import terminal_summary


@pytest.fixture(scope="module")
def constructed(assessment):
    """The sample with its verified signposts set to known relevances: the first unfitting, the rest fitting."""
    verified = [i for i, s in enumerate(assessment.signposts.results) if s.status == "verified"]
    assert len(verified) >= 2
    results = list(assessment.signposts.results)
    for n, i in enumerate(verified):
        results[i] = replace(results[i], relevance=0.0 if n == 0 else 1.0)
    signposts = replace(assessment.signposts, results=tuple(results))
    return replace(assessment, signposts=signposts), results[verified[0]]


def test_the_html_names_relevance_apart_from_fit_and_marks_the_one_unfitting_signpost(constructed):
    a, unfit = constructed
    page = lxml.html.fromstring(renderers()["html"].render(a, {}).decode("utf-8"))
    note = " ".join(page.xpath('//section[@id="signposts"]//p[@class="note"]')[0].text_content().split())
    assert "Relevance" in note and "Fit" in note and "does not fit its criteria" in note
    headers = [th.text_content() for th in page.xpath('//section[@id="signposts"]//table//th')]
    assert "fit" not in [h.strip().lower() for h in headers] and any("relevance" in h.lower() for h in headers)
    marked = page.xpath('//section[@id="signposts"]//tr[.//span[contains(@class, "unfit")]]')
    assert len(marked) == 1 and unfit.raw in marked[0].text_content()


def test_the_xlsx_and_the_terminal_say_so_too(constructed):
    a, unfit = constructed
    sheet = openpyxl.load_workbook(io.BytesIO(renderers()["xlsx"].render(a, {})))["Signposts"]
    headers = [c.value for c in sheet[1]]
    assert "relevance" in headers and "fit" not in headers
    messages = [row[headers.index("message")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(1 for m in messages if m.startswith("does not fit its criteria")) == 1
    text = terminal_summary(a, width=120)
    assert f"1 verified but does not fit its criteria (relevance below {view.LOW_RELEVANCE:.2f})" in " ".join(text.split())


def test_nothing_is_marked_when_every_verified_signpost_fits(constructed):
    a, _ = constructed
    fitting = replace(a.signposts, results=tuple(replace(s, relevance=1.0) if s.status == "verified" else s
                                                  for s in a.signposts.results))
    a = replace(a, signposts=fitting)
    assert "unfit" not in renderers()["html"].render(a, {}).decode("utf-8").split('id="signposts"')[1]
    assert "does not fit" not in terminal_summary(a, width=120)
