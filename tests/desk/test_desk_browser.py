"""The desk as an analyst uses it: real headless Chromium against a real server on a free port.

Chromium and its driver come from Debian's packages (`.ci/run` installs them), as for the
report's browser tests; without them these tests skip and say why.
"""

from __future__ import annotations

import io
import shutil
import tomllib

import numpy
import pytest
import tomli_w
from PIL import Image, ImageStat

from wcc_core.render.view import score_text
from tests.desk.conftest import level_changing_line, serve_in_process

from tests import headless  # noqa: E402

headless.require()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def browser():
    driver = headless.start()
    yield driver
    driver.quit()


def text(driver, css: str) -> str:
    """The element's drawn text, read in one script call (the page replaces parts of itself)."""
    return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)


def current_line(driver) -> str:
    return driver.execute_script("var c = document.querySelector('.item.current'); return c && c.id;")


def press(driver, keys: str) -> None:
    body = driver.find_element(By.TAG_NAME, "body")
    for key in keys:
        body.send_keys(key)


def say_who(driver, name: str) -> None:
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "who-input").is_displayed())
    box = driver.find_element(By.ID, "who-input")
    box.send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#who-form button").click()


def line_css(line: str, inner: str = "") -> str:
    return "#line-" + line.replace(".", "\\.") + (" " + inner if inner else "")


def not_blank(png: bytes) -> None:
    image = Image.open(io.BytesIO(png)).convert("L")
    assert ImageStat.Stat(image).stddev[0] > 10, "the image is one flat colour"
    assert sum(image.histogram()[:128]) > 0.005 * image.width * image.height, "almost no ink"


def walk_to(driver, line: str) -> None:
    for _ in range(200):
        if current_line(driver) == f"line-{line}":
            return
        press(driver, "j")
    raise AssertionError(f"j never reached {line}")


def test_an_analyst_walks_the_lines_marks_one_met_with_a_reason_and_it_stays(served, browser):
    unit, line, value, level, score = level_changing_line(served.state)
    key = {"met": "m", "not_met": "n"}[value]
    browser.get(f"{served.base}/unit/{unit}?token={served.token}")
    assert text(browser, "#decided-level") == str(next(
        s.proposed for c in served.state.proposals.competencies.values() for s in c.subcompetencies
        if s.full_key == unit))
    first = current_line(browser)
    press(browser, "j")
    assert current_line(browser) != first or len(browser.find_elements(By.CSS_SELECTOR, ".item")) == 1
    press(browser, "k")
    assert current_line(browser) == first
    walk_to(browser, line)
    press(browser, "r")
    reason = browser.switch_to.active_element
    assert "because" in reason.get_attribute("class")
    reason.send_keys("the minutes on p.4 show it <b>really</b>")
    # Leave the reason box by blurring it: a click at the page's centre may land on a control.
    browser.execute_script("document.activeElement.blur()")
    walk_to(browser, line)
    press(browser, key)
    say_who(browser, "A. Analyst")
    WebDriverWait(browser, 10).until(lambda d: text(d, "#decided-level").startswith(str(level)))
    assert text(browser, "#group-score") == score_text(score)
    assert f"by analyst A. Analyst" in text(browser, line_css(line, ".decision"))
    browser.refresh()
    assert text(browser, "#decided-level").startswith(str(level))
    assert "<b>really</b>" in text(browser, line_css(line, ".decision"))  # shown as text
    stored = tomllib.loads(served.review.read_text())["decision"]
    assert [(d["key"], d["value"], d["by"], d["because"]) for d in stored] == \
        [(line, value, "A. Analyst", "the minutes on p.4 show it <b>really</b>")]


def test_two_browsers_at_once_never_lose_a_decision(served, browser):
    unit, line, value, _, _ = level_changing_line(served.state)
    other = headless.start()
    try:
        for driver, name in ((browser, "A. Analyst"), (other, "B. Other")):
            driver.get(f"{served.base}/unit/{unit}?token={served.token}")
            driver.find_element(By.ID, "who-change").click()
            say_who(driver, name)
            WebDriverWait(driver, 10).until(lambda d: text(d, "#who-name") == name)
            walk_to(driver, line)
        press(browser, {"met": "m", "not_met": "n"}[value])
        WebDriverWait(browser, 10).until(lambda d: "A. Analyst" in text(d, line_css(line)))
        press(other, "e")  # the second tab still shows the line undecided
        alert = WebDriverWait(other, 10).until(expected_conditions.alert_is_present())
        assert "A. Analyst" in alert.text
        alert.dismiss()  # keep the first analyst's decision
        stored = tomllib.loads(served.review.read_text())["decision"]
        assert [(d["by"], d["value"]) for d in stored] == [("A. Analyst", value)]
        assert "A. Analyst" in text(other, line_css(line, ".decision"))  # now shown there too
    finally:
        other.quit()


def test_filters_show_only_the_lines_they_name(served, browser):
    browser.get(f"{served.base}/?token={served.token}")
    browser.find_element(By.ID, "filter-check").click()
    shown = browser.execute_script("return Array.from(document.querySelectorAll('main .item'))"
                                   ".filter(e => e.getClientRects().length > 0).map(e => e.dataset.toCheck)")
    assert shown and set(shown) == {"1"}
    browser.find_element(By.ID, "filter-check").click()
    browser.find_element(By.ID, "filter-undecided").click()
    assert len(browser.execute_script("return Array.from(document.querySelectorAll('main .item'))"
                                      ".filter(e => e.getClientRects().length > 0)")) > 0


def test_the_evidence_images_are_drawn_and_not_blank_and_nothing_comes_from_elsewhere(served, browser):
    units = [s.full_key for c in served.state.proposals.competencies.values() for s in c.subcompetencies]
    browser.get(f"{served.base}/?token={served.token}")
    for unit in units:
        browser.get(f"{served.base}/unit/{unit}")
        images = browser.find_elements(By.CSS_SELECTOR, "img.evidence-image")
        if images:
            break
    assert images, "no evidence image on any unit"
    image = images[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", image)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image))
    assert image.size["width"] > 50 and image.size["height"] > 8
    not_blank(image.screenshot_as_png)
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert resources and all(r.startswith(served.base) for r in resources)
    link = image.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "a.page-link")
    browser.get(link.get_attribute("href"))
    page = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    pixels = numpy.asarray(page).reshape(-1, 3).astype(int)
    red = (pixels[:, 0] > 150) & (pixels[:, 1] < 80) & (pixels[:, 2] < 80)
    assert red.sum() > 100, "the paragraph is not outlined"


def test_an_injected_script_in_a_submission_is_shown_as_text(sample_copy, tmp_path, browser):
    from wcc_core.desk.state import DeskState

    markup = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    folder = tmp_path / "hostile"
    shutil.copytree(sample_copy[0], folder)
    data = tomllib.loads((folder / "submission.toml").read_text())
    data["pct"]["name"] = "NHS " + markup
    first = next(iter(data["competencies"]))
    data["competencies"][first]["signposts"] = [
        (f"{s} {markup}" if isinstance(s, str) else {**s, "ref": f"{s['ref']} {markup}"})
        for s in data["competencies"][first]["signposts"]]
    (folder / "submission.toml").write_text(tomli_w.dumps(data))
    index = tmp_path / "index"
    shutil.copytree(sample_copy[1], index)
    state = DeskState(folder, tmp_path / "hostile.review.toml", index)
    unit = next(iter(state.proposals.competencies.values())).subcompetencies[0].full_key
    base, token, server = serve_in_process(state)
    try:
        browser.get(f"{base}/unit/{unit}?token={token}")
        assert browser.execute_script("return window.pwned === undefined")
        assert "<script>window.pwned = 1</script>" in browser.find_element(By.TAG_NAME, "h1").text
        assert "<script>window.pwned = 1</script>" in browser.find_element(By.ID, "signposts").text
        assert browser.find_elements(By.CSS_SELECTOR, "body script, img[src='x']") == []
    finally:
        server.stop()
