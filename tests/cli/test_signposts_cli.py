"""`wcc signposts`: the table, the JSON contract, CSV, --only-problems and the exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tests.signposts.submissions import pdf, write
from wcc_core.cli.main import cli

PAGES = [[f"{n} Chapter {n}", f"Our commissioning plan for chapter {n}.", "A second paragraph."] for n in range(1, 4)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    pdf(root / "documents" / "sp.pdf", PAGES, footers=["1", "2", "3"])
    documents = [{"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf", "title": "Strategic Plan"}]
    write(root, documents, {"C1": ["SP p.1 para 2", "SP p.9"], "C2": ["Strategic plan section 2"]},
          governance={"strategy": {"vision_and_goals": {"self": "green", "signposts": ["SP pp. 1-3"]}}})
    return root


@pytest.fixture(scope="module")
def all_good(tmp_path_factory):
    root = tmp_path_factory.mktemp("good")
    pdf(root / "documents" / "sp.pdf", PAGES, footers=["1", "2", "3"])
    write(root, [{"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf"}], {"C1": ["SP p.2 para 1"]})
    return root


def run(*args, color=False):
    return CliRunner().invoke(cli, ["signposts", *map(str, args)], color=color)


def test_json_prints_exactly_the_contract_and_exits_1_when_a_signpost_is_not_verified(folder):
    result = run(folder, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # nothing but the JSON object on stdout
    assert list(data) == ["submission", "framework", "signposts", "findings", "summary"]
    assert (data["submission"], data["framework"]) == ("NHS Testshire", "wcc-2009")
    assert [(s["key"], s["index"], s["status"]) for s in data["signposts"]] == [
        ("C1", 0, "verified"), ("C1", 1, "page_missing"), ("C2", 0, "verified"), ("strategy.vision_and_goals", 0, "verified"),
    ]
    assert data["summary"] == {"total": 4, "verified": 3, "page_missing": 1}
    first = data["signposts"][0]
    assert first["locators"] == [
        {"kind": "page", "page": "1", "physical_page": 1, "paragraph": 2, "status": "verified",
         "excerpt": "Our commissioning plan for chapter 1.", "cited": "p. 1 para 2"}
    ]
    assert 0.0 <= first["relevance"] <= 1.0
    assert data["signposts"][3]["element"] == "governance" and data["signposts"][3]["sub"] is None


def test_the_same_submission_gives_the_same_bytes(folder):
    assert run(folder, "--format", "json").stdout == run(folder, "--format", "json").stdout


def test_exit_code_is_0_when_every_signpost_is_verified(all_good):
    result = run(all_good)
    assert result.exit_code == 0, result.output
    assert "1 signposts: 1 verified" in result.stdout


def test_the_table_is_grouped_by_key_with_a_summary_line_and_no_colour_off_a_terminal(folder):
    result = run(folder)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("NHS Testshire")
    assert lines.index("C1") < lines.index("C2") < lines.index("strategy.vision_and_goals")
    assert lines[-1] == "4 signposts: 3 verified, 1 page_missing"
    assert "\x1b[" not in result.stdout
    assert "page 9 is not in SP (Strategic Plan): its printed pages run 1–3" in result.stdout


def test_statuses_are_coloured_on_a_terminal(folder):
    result = run(folder, color=True)
    assert "\x1b[32mverified" in result.stdout and "\x1b[31mpage_missing" in result.stdout


def test_only_problems_leaves_out_verified_signposts_but_counts_them(folder):
    text = run(folder, "--only-problems").stdout
    assert "SP p.9" in text and "SP p.1 para 2" not in text
    data = json.loads(run(folder, "--only-problems", "--format", "json").stdout)
    assert [s["raw"] for s in data["signposts"]] == ["SP p.9"]
    assert data["summary"]["total"] == 4


def test_csv_has_one_row_per_cited_page(folder):
    result = run(folder, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["key"], r["page"], r["locator_status"]) for r in rows] == [
        ("C1", "1", "verified"), ("C1", "9", "page_missing"), ("C2", "2", "verified"),
        ("strategy.vision_and_goals", "1", "verified"), ("strategy.vision_and_goals", "2", "verified"),
        ("strategy.vision_and_goals", "3", "verified"),
    ]


def test_a_missing_submission_is_an_input_error_with_exit_code_2(tmp_path):
    result = run(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such submission folder" in result.output and "Traceback" not in result.output


def test_a_broken_submission_toml_is_an_input_error_with_exit_code_2(tmp_path):
    (tmp_path / "submission.toml").write_text("[pct\nname = ", encoding="utf-8")
    result = run(tmp_path)
    assert result.exit_code == 2 and "not valid TOML" in result.output


def test_an_unknown_framework_is_an_input_error_with_exit_code_2(tmp_path):
    (tmp_path / "submission.toml").write_text('[pct]\nname = "X"\nframework = "wcc-1999"\n', encoding="utf-8")
    result = run(tmp_path)
    assert result.exit_code == 2 and "wcc-1999" in result.output


def test_a_bad_format_is_a_usage_error_with_exit_code_2(folder):
    assert run(folder, "--format", "xml").exit_code == 2
