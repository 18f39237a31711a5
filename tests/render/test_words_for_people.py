"""Words for people: no framework key reaches a reader in any briefing, and counts agree
with their nouns. Scans every rendered text of the sample (terminal at 80 and 120
columns, HTML, DOCX, XLSX) as a reader sees it: outside code, ids and the PCT's own words."""

from __future__ import annotations

import io
import re

import docx
import lxml.html
import openpyxl
import pytest

from wcc_core.render import view
from wcc_core.render.terminal import terminal_summary
from wcc_core.render.xlsx_renderer import ID_COLUMNS

RAW_KEY = re.compile(r"\b[a-z_]+\.[a-z_0-9]+\b")
# Not keys: page citations (p.12, p.iv), abbreviations, file names; and a key the PCT is
# told to add to its metrics.csv ("not in data/metrics.csv (key uor_kloe.1_3)").
NOT_A_KEY = re.compile(r"p\.(\d+|[ivxlc]+)|e\.g|i\.e|[a-z_-]+\.(csv|pdf|docx|md|txt|toml)")
MISCOUNTED = re.compile(r"(?<!of )\b1 (criteria|lines|problems|documents|pages|signposts|areas)\b|\w\(s\)")


def raw_keys(text: str) -> list[str]:
    found = []
    for match in RAW_KEY.finditer(text):
        if NOT_A_KEY.fullmatch(match.group(0)) or text[:match.start()].endswith("key "):
            continue
        found.append(match.group(0))
    return sorted(set(found))


def html_text(data: bytes) -> str:
    root = lxml.html.fromstring(data.decode("utf-8"))
    for element in root.xpath("//code|//script|//style|//svg|//*[@class='as-written']"):
        element.drop_tree()
    # A block ends a line on the screen: "Every line met." then "6 met lines" are two texts.
    for element in root.xpath("//p|//li|//div|//summary|//h1|//h2|//h3|//h4|//h5|//td|//th"):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    parts = []
    for sheet in workbook:
        headers = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            parts += [str(c.value) for c, h in zip(row, headers) if c.value is not None and h not in ID_COLUMNS]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def texts(assessment, rendered):
    return {
        "terminal at 80": terminal_summary(assessment, width=80),
        "terminal at 120": rendered["text"].decode("utf-8"),
        "html": html_text(rendered["html"]),
        "docx": docx_text(rendered["docx"]),
        "xlsx": xlsx_text(rendered["xlsx"]),
    }


@pytest.mark.parametrize("name", ["terminal at 80", "terminal at 120", "html", "docx", "xlsx"])
def test_no_raw_key_and_no_miscount_reaches_a_reader(texts, name):
    text = texts[name]
    assert raw_keys(text) == [], f"raw keys in the {name}"
    assert MISCOUNTED.findall(text) == [], f"a count that disagrees with its noun in the {name}"


def test_the_sample_really_meets_the_keys_it_names(assessment, texts):
    """The scan is not empty-handed by luck: the sample's messages name metrics, and they are shown in words."""
    labels = view.key_labels(assessment)
    assert "staff_survey.kf11" in labels and "finance.scenarios" in labels
    for name in ("html", "docx", "xlsx"):
        assert labels["staff_survey.kf11"] in texts[name], name


def test_the_scan_finds_a_raw_key_and_a_miscount_when_there_is_one():
    assert raw_keys("mean of public_perception.improving_services is 26.7 (SP p.12, e.g. finance.csv)") == [
        "public_perception.improving_services"]
    assert raw_keys("not in data/metrics.csv (key uor_kloe.1_3)") == []
    assert MISCOUNTED.findall("all 1 criteria met; 2 line(s)")


@pytest.mark.parametrize("text,expected", [
    ("plan evidence finance.scenarios.2 (red): no evidence", "plan evidence Scenarios, line 2 (red): no evidence"),
    ("NHS Staff Survey: staff_survey.kf11 = 46.8% (2008)", "NHS Staff Survey: Key finding 11 = 46.8% (2008)"),
    ("not in data/metrics.csv (key staff_survey.kf11)", "not in data/metrics.csv (key staff_survey.kf11)"),
    ("see finance.csv and SP p.12, e.g. p.iv", "see finance.csv and SP p.12, e.g. p.iv"),
    ("unknown.key stays", "unknown.key stays"),
])
def test_words_spells_each_known_key_and_leaves_the_rest(text, expected):
    labels = {"finance.scenarios": "Scenarios", "staff_survey.kf11": "Key finding 11"}
    assert view.words(text, labels) == expected
