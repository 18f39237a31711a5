"""The HTML briefing as a panel member sees it: opened in real headless Chromium.

Chromium and its driver come from Debian's packages (`.ci/run` installs them); the page
is opened from a file:// URL with no network, and the test checks what is drawn: the
scorecard, a chart, a cropped evidence image that is not blank, filters that hide rows,
and a screenshot of the whole.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageStat

from wcc_core.render import view

from tests import headless  # noqa: E402

headless.require()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    driver = headless.start()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def opened(browser, report_files):
    browser.get(report_files["html"].as_uri())
    return browser


def visible(driver, css: str) -> list[dict]:
    """The elements matching `css` that are drawn (one script call, not one round trip each)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(e => e.getClientRects().length > 0)"
        ".map(e => ({group: e.getAttribute('data-group'), problem: e.getAttribute('data-problem'),"
        " text: e.innerText}))", css)


def not_blank(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    stat = ImageStat.Stat(image)
    assert stat.stddev[0] > 10, "the image is one flat colour"
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height, "almost no dark (ink) pixels"
    return image


def test_the_html_fetches_nothing_from_the_network(rendered, opened):
    html = rendered["html"].decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "url(http" not in html and "@import" not in html
    resources = opened.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert [r for r in resources if not r.startswith("data:")] == []


def test_the_scorecard_is_drawn_with_every_competency(assessment, opened):
    rows = visible(opened, "#scorecard-table tbody tr")
    assert len(rows) == len(assessment.competencies)
    first_key, first = next(iter(assessment.competencies.items()))
    cells = opened.find_elements(By.CSS_SELECTOR, "#scorecard-table tbody tr:first-child td")
    assert cells[0].text == first_key and cells[4].text == view.score_text(first.score)
    assert opened.find_element(By.TAG_NAME, "h1").text.startswith("Panel briefing: ")


def test_the_competency_chart_has_bars_of_the_scores(assessment, opened):
    chart = opened.find_element(By.ID, "chart-competencies")
    assert chart.is_displayed() and chart.size["width"] > 300
    bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
    proposed = [b for b in bars if b.get_attribute("data-series") == "proposed"]
    assert [b.get_attribute("data-value") for b in proposed] == \
        [view.score_text(c.score) for c in assessment.competencies.values() if c.score is not None]
    assert all(b.size["height"] > 0 for b in proposed)
    not_blank(chart.screenshot_as_png)


def test_a_cropped_evidence_image_is_shown_and_not_blank(opened):
    images = opened.find_elements(By.CSS_SELECTOR, "#competencies svg.evidence-image")
    assert images, "no cropped evidence image in the page"
    image = images[0]
    opened.execute_script("arguments[0].scrollIntoView({block: 'center'})", image)
    assert image.is_displayed() and image.size["width"] > 50 and image.size["height"] > 8
    not_blank(image.screenshot_as_png)


def test_hide_verified_hides_verified_signposts_and_met_criteria(opened):
    verified = "tr[data-filter='signpost'][data-status='verified']"
    met = "div[data-filter='criterion'][data-status='met']"
    problems = "tr[data-filter='signpost'][data-problem='1']"
    opened.execute_script("document.getElementById('signposts').scrollIntoView()")
    # met lines are folded away under "N met lines"; opened, the filter still hides them
    opened.execute_script("document.querySelectorAll('details.met-lines').forEach(d => d.open = true)")
    before = len(visible(opened, verified))
    assert before > 0 and len(visible(opened, met)) > 0
    opened.find_element(By.ID, "filter-hide-verified").click()
    try:
        assert visible(opened, verified) == [] and visible(opened, met) == []
        assert len(visible(opened, problems)) == len(opened.find_elements(By.CSS_SELECTOR, problems)) > 0
        assert "showing" in opened.find_element(By.ID, "filter-count").text
    finally:
        opened.find_element(By.ID, "filter-hide-verified").click()
    assert len(visible(opened, verified)) == before


def test_only_problems_and_one_competency(assessment, opened):
    opened.find_element(By.ID, "filter-only-problems").click()
    Select(opened.find_element(By.ID, "filter-group")).select_by_value("C2")
    try:
        rows = visible(opened, "[data-filter]")
        assert rows and all(r["group"] == "C2" and r["problem"] == "1" for r in rows)
        assert opened.find_element(By.ID, "C2").is_displayed()
        assert not opened.find_element(By.ID, "C1").is_displayed()
    finally:
        opened.find_element(By.ID, "filter-only-problems").click()
        Select(opened.find_element(By.ID, "filter-group")).select_by_value("")
    assert opened.find_element(By.ID, "C1").is_displayed()


def test_criteria_open_on_the_lines_to_check_with_met_lines_one_click_away(opened):
    opened.execute_script("document.querySelectorAll('details.met-lines').forEach(d => d.open = false)")
    drawn = [r for r in visible(opened, "div[data-filter='criterion'][data-status='met']") if r["text"]]
    assert drawn == []  # a closed <details> draws nothing of its content
    assert visible(opened, "#competencies div[data-filter='criterion'][data-status='not_met']")
    folded = opened.find_element(By.CSS_SELECTOR, "#competencies details.met-lines summary")
    opened.execute_script("arguments[0].scrollIntoView({block: 'center'})", folded)
    folded.click()
    assert [r for r in visible(opened, "#competencies details[open] div[data-filter='criterion'][data-status='met']")
            if r["text"]]


def test_one_competency_leaves_no_empty_governance_heading_and_counts_the_appendix_true(opened):
    total = int(opened.find_element(By.CSS_SELECTOR, ".more-count").get_attribute("data-total"))
    group = opened.find_element(By.ID, "filter-group")
    Select(group).select_by_value("C2")
    try:
        assert not opened.find_element(By.ID, "governance").is_displayed()
        left = opened.execute_script(
            "return document.querySelectorAll('#focus-appendix li[data-filter=\"focus\"]:not([hidden])').length")
        shown = opened.execute_script("return document.querySelector('.more-count').textContent")
        assert shown == str(left) and left < total
    finally:
        Select(group).select_by_value("")
    assert opened.find_element(By.ID, "governance").is_displayed()
    assert opened.execute_script("return document.querySelector('.more-count').textContent") == str(total)


def test_the_briefing_asks_for_a4_and_prints_each_competency_on_its_own_pages(opened, assessment):
    import base64

    import pdfplumber
    from selenium.webdriver.common.print_page_options import PrintOptions

    size = opened.execute_script(
        "for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)"
        " if (rule.type === CSSRule.PAGE_RULE) return rule.style.getPropertyValue('size'); return null;")
    assert size.lower() == "a4"
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    with pdfplumber.open(io.BytesIO(base64.b64decode(opened.print_page(options)))) as printed:
        firsts = [p.extract_text().split("\n", 1)[0] for p in printed.pages]
        pages = len(printed.pages)
    # each competency's heading starts a page
    for key, competency in assessment.competencies.items():
        assert any(line.startswith(f"{key} — ") for line in firsts), key
    print(f"HTML briefing printed: {pages} A4 pages")


def test_a_screenshot_of_the_report(opened, tmp_path):
    opened.execute_script("window.scrollTo(0, 0)")
    path = tmp_path / "report.png"
    assert opened.save_screenshot(str(path))
    image = not_blank(path.read_bytes())
    assert image.size[0] >= 1000
