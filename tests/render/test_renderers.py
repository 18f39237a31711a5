"""Each renderer on its own: same bytes every time, empty results, panel decisions, the
registry of renderers, hostile text, and `wcc report` / `wcc assess` as a user runs them."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace

import docx
import lxml.html
import openpyxl
import pytest
from click.testing import CliRunner

from wcc_core import hookimpl
from wcc_core.cli.main import cli
from wcc_core.render.report_files import RECORD
from wcc_core.plugin_manager import make_plugin_manager
from wcc_core.render import Renderer
from wcc_core.render.registry import BUILTIN_RENDERERS, RendererConflict, RendererError, renderers
from wcc_core.render.terminal import terminal_summary

ALL = ("json", "html", "docx", "xlsx", "text")


def render_all(assessment, root=None, formats=ALL) -> dict[str, bytes]:
    found = renderers()
    return {name: found[name].render(assessment, {"root": root}) for name in formats}


# --- same submission, same bytes ---------------------------------------------------


def test_every_format_gives_the_same_bytes_twice(assessment, rendered, sample):
    again = render_all(assessment, sample)
    assert {k: v == rendered[k] for k, v in again.items()} == {k: True for k in ALL}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_carry_no_time_of_writing(rendered, fmt):
    with zipfile.ZipFile(io.BytesIO(rendered[fmt])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2010, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2010-01-01T00:00:00Z" in core and core.count("2010-01-01T00:00:00Z") == 2


# --- whatever the result holds ------------------------------------------------------


def test_an_assessment_with_no_governance_outcomes_survey_or_signposts_renders_in_every_format(assessment):
    bare = replace(assessment, governance={}, outcomes=(), survey=None, signposts=None, focus_areas=(),
                   documents=())
    out = render_all(bare)
    assert json.loads(out["json"])["governance"] == {}
    page = lxml.html.fromstring(out["html"])
    assert page.xpath('//section[@id="outcomes"]//p[@class="empty"]')
    assert "no governance ratings yet" in out["text"].decode()
    assert openpyxl.load_workbook(io.BytesIO(out["xlsx"]))["Signposts"].max_row == 1


def test_a_sub_competency_with_no_self_assessment_or_scores_renders_a_dash(assessment):
    c = next(iter(assessment.competencies.values()))
    subs = (replace(c.subcompetencies[0], self_level=None, last_year=None),) + c.subcompetencies[1:]
    changed = replace(c, score=None, self_score=None, last_year_score=None, subcompetencies=subs)
    bare = replace(assessment, competencies={**assessment.competencies, c.key: changed})
    out = render_all(bare, formats=("html", "text"))
    row = lxml.html.fromstring(out["html"]).xpath(f'//tr[@data-key="{c.key}"]')[0]
    assert [" ".join(td.text_content().split()) for td in row.xpath("./td")][2:6] == ["-", "-", "-", "-"]


# --- the panel's decisions (issue 12) --------------------------------------------------


@pytest.fixture(scope="module")
def decided(assessment):
    """The sample as a panel report: one level changed by the panel, and its commentary."""
    key, c = next(iter(assessment.competencies.items()))
    sub = c.subcompetencies[0]
    new_level = 4 if sub.proposed != 4 else 3
    changed_sub = replace(sub, proposed=new_level, proposed_by_evidence=sub.proposed, decided_by="panel (J. Chair)")
    competency = replace(c, subcompetencies=(changed_sub,) + c.subcompetencies[1:])
    commentary = {"overview": "A strong organisation, well positioned for success.",
                  "recommendations": "(1) Strengthen clinical relationships."}
    return replace(assessment, competencies={**assessment.competencies, key: competency}, stage="panel_report",
                   decisions={"commentary": commentary}), changed_sub


def test_a_panel_report_shows_the_decided_value_what_changed_and_who(decided):
    report, sub = decided
    out = render_all(report, formats=("html", "docx", "xlsx", "text"))
    note = f"changed from {sub.proposed_by_evidence} by panel (J. Chair)"
    page = lxml.html.fromstring(out["html"])
    assert page.xpath("//h1")[0].text_content().startswith("Panel report: ")
    cell = page.xpath(f'//tr[@id="{sub.full_key}"]/td[4]')[0].text_content()
    assert str(sub.proposed) in cell and note in cell
    assert "A strong organisation, well positioned for success." in page.xpath('//section[@id="commentary"]')[0] \
        .text_content()
    document = docx.Document(io.BytesIO(out["docx"]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "World Class Commissioning Panel report"
    assert "A strong organisation, well positioned for success." in texts
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert f"{sub.proposed} ({note})" in cells
    assert not any(c.endswith("(proposed)") for c in cells)
    sheet = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))["Competencies"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == sub.full_key)
    assert (row[5], row[6], row[7]) == (sub.proposed, sub.proposed_by_evidence, "panel (J. Chair)")
    assert "*" in out["text"].decode()


def test_a_briefing_marks_every_value_a_proposal(rendered):
    document = docx.Document(io.BytesIO(rendered["docx"]))
    assert document.paragraphs[0].text == "World Class Commissioning Panel briefing"
    [scorecard] = [t for t in document.tables if t.rows[0].cells[0].text == "Competency"]
    assert all(r.cells[3].text.endswith("(proposed)") for r in scorecard.rows[1:])


# --- hostile text from a submission --------------------------------------------------


def test_text_from_the_submission_cannot_run_in_a_spreadsheet_break_a_terminal_or_the_html(assessment):
    hostile = '=HYPERLINK("http://x","p.4")\x1b[2J<script>alert(1)</script>[bold]x\x0b'
    c = next(iter(assessment.competencies.values()))
    sub = replace(c.subcompetencies[0], title=hostile, rationale=hostile)
    bad = replace(assessment, submission=hostile,
                  competencies={**assessment.competencies, c.key: replace(c, title=hostile,
                                                                            subcompetencies=(sub,) + c.subcompetencies[1:])})
    out = render_all(bad, formats=("html", "docx", "xlsx", "text"))
    assert b"<script>alert(1)</script>" not in out["html"]
    assert "\x1b" not in out["text"].decode() and "[bold]x" in out["text"].decode()
    sheet = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))["Competencies"]
    titles = [r[2] for r in sheet.iter_rows(min_row=2, values_only=True) if r[2] and "HYPERLINK" in r[2]]
    assert titles and all(t.startswith("'=") for t in titles)
    assert any("HYPERLINK" in p.text for p in docx.Document(io.BytesIO(out["docx"])).paragraphs)


# --- the registry ------------------------------------------------------------------------


class _Plugin:
    def __init__(self, *records):
        self.records = records

    @hookimpl
    def wcc_renderers(self):
        return list(self.records)


def test_built_in_renderers_and_a_plugins_are_found_the_same_way():
    pdf = Renderer("pdf", "pdf", lambda a, o: b"%PDF", "a plugin's format")
    pm = make_plugin_manager(load_entry_points=False, plugins={"pdf-renderer": _Plugin(pdf)})
    found = renderers(pm)
    assert set(found) == {"json", "html", "docx", "xlsx", "text", "pdf"}
    assert found["pdf"] is pdf and len(BUILTIN_RENDERERS) == 8


def test_the_signpost_formats_are_in_the_same_registry_under_their_own_subject():
    """`wcc signposts` keeps no format table of its own: its text, json and csv are registry records."""
    tsv = Renderer("tsv", "csv", lambda report, options: b"", "a plugin's signpost format", subject="signposts")
    pm = make_plugin_manager(load_entry_points=False, plugins={"tsv-signposts": _Plugin(tsv)})
    assert set(renderers(pm, subject="signposts")) == {"text", "json", "csv", "tsv"}
    assert "tsv" not in renderers(pm)  # an assessment's formats are another subject's
    clash = Renderer("csv", "csv", lambda report, options: b"", subject="signposts")
    with pytest.raises(RendererConflict, match="two renderers are named 'csv'"):
        renderers(make_plugin_manager(load_entry_points=False, plugins={"clash": _Plugin(clash)}), subject="signposts")
    odd = Renderer("x", "txt", lambda report, options: b"", subject="minutes")
    with pytest.raises(RendererError, match="renders 'minutes'"):
        renderers(make_plugin_manager(load_entry_points=False, plugins={"odd": _Plugin(odd)}))


def test_two_renderers_with_one_name_are_an_error():
    pm = make_plugin_manager(load_entry_points=False,
                             plugins={"other-html": _Plugin(Renderer("html", "htm", lambda a, o: b""))})
    with pytest.raises(RendererConflict, match="two renderers are named 'html'"):
        renderers(pm)


def test_a_plugin_returning_something_other_than_a_renderer_is_named():
    pm = make_plugin_manager(load_entry_points=False, plugins={"odd": _Plugin({"name": "pdf"})})
    with pytest.raises(RendererError, match="not a Renderer record"):
        renderers(pm)


# --- the commands ------------------------------------------------------------------------


def test_wcc_report_writes_each_format_from_one_run(sample, tmp_path, assessment, index_dir):
    index = index_dir  # built by the session's assessment: warm
    result = CliRunner().invoke(cli, ["report", str(sample), "--out", str(tmp_path / "out"), "--index-dir", str(index),
                                      "--no-review", "--format", "html,xlsx,json"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != RECORD)  # RECORD: what wcc wrote
    assert written == ["exampleshire-briefing.html", "exampleshire-briefing.json", "exampleshire-briefing.xlsx"]
    assert result.output.splitlines() == [str(tmp_path / "out" / n) for n in
                                          ("exampleshire-briefing.html", "exampleshire-briefing.xlsx",
                                           "exampleshire-briefing.json")]
    data = json.loads((tmp_path / "out" / "exampleshire-briefing.json").read_text())
    assert {k: c["score"] for k, c in data["competencies"].items()} == \
        {k: c.score for k, c in assessment.competencies.items()}
    # Reports quote confidential submissions: owner-only files in an owner-only new folder.
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
    assert {(tmp_path / "out" / n).stat().st_mode & 0o777 for n in written} == {0o600}


def test_wcc_report_refuses_an_unknown_format(sample, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(sample), "--out", str(tmp_path), "--format", "html,pdf"])
    assert result.exit_code == 2 and "unknown format pdf" in result.output


def test_off_a_terminal_the_summary_is_plain_text_120_columns_wide(assessment):
    text = terminal_summary(assessment, color=False)
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 120
    assert text == terminal_summary(assessment, color=False)
    coloured = terminal_summary(assessment, color=True, width=120)
    assert "\x1b[" in coloured


def test_the_summary_fits_on_one_screen(assessment):
    lines = terminal_summary(assessment).splitlines()
    # names wrap rather than being cut (issue 21), so a long name may take two lines
    assert len(lines) <= 64 + 2 * len(assessment.outcomes)
    for key in assessment.competencies:
        assert any(line.split()[:1] == [key] for line in lines)
    for component in assessment.governance.values():
        assert any(component.title in line for line in lines)
        for sub in component.subcomponents:
            assert any(sub.title[:20] in line for line in lines)


def test_progress_shows_bars_for_indexing_and_a_step_for_assessing_on_a_terminal_only():
    from rich.console import Console

    from indexer import ProgressEvent
    from wcc_core.render.progress import WorkProgress

    screen = io.StringIO()
    with WorkProgress(enabled=True, console=Console(file=screen, force_terminal=True, width=100)) as progress:
        progress.step("Assessing")
        for done in range(4):
            progress(ProgressEvent("extract", done, 3, "SP"))
        progress(ProgressEvent("index", 10, 10))
    shown = screen.getvalue()
    assert "Assessing" in shown and "Extracting documents" in shown and "Indexing pages" in shown
    assert "10/10" in shown
    with WorkProgress(enabled=False) as quiet:
        quiet.step("Assessing")
        quiet(ProgressEvent("index", 1, 1))
    assert quiet.progress is None


def test_wcc_assess_refuses_an_unknown_format_before_any_work(sample, tmp_path):
    result = CliRunner().invoke(cli, ["assess", str(sample), "--index-dir", str(tmp_path / "never"), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.output
    assert not (tmp_path / "never").exists()
