"""`wcc report` writes a whole set or nothing, never into the submission, never over the panel's edits.

The real CLI in subprocesses, on copies of the sample that reuse the shared index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import docx
import openpyxl
import pytest
import tomli_w

from wcc_core.render.report_files import RECORD

REPO = Path(__file__).resolve().parents[2]


def wcc(*args, script: str | None = None):
    """Run `wcc` (or `script`, which ends by calling the CLI) in a subprocess."""
    head = [sys.executable, "-c", script] if script else [sys.executable, "-m", "wcc_core.cli.entry"]
    return subprocess.run(head + [str(a) for a in args], capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.fixture
def sub(sample, index_dir, shared_results, tmp_path):
    """A copy of the sample and of its (already built) index."""
    folder = tmp_path / "exampleshire"
    shutil.copytree(sample, folder, ignore=shutil.ignore_patterns(".wcc"))
    shutil.copytree(index_dir, tmp_path / "index")
    return folder, tmp_path / "index"


def rename(folder: Path, name: str) -> None:
    data = tomllib.loads((folder / "submission.toml").read_text(encoding="utf-8"))
    data["pct"]["name"] = name
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


def report(folder, index, out, *more, formats="html,docx,xlsx,json"):
    return wcc("report", folder, "--out", out, "--index-dir", index, "--no-review", "--format", formats, *more)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- 6: a name at and past Word's 255-character core property -------------------------------


@pytest.mark.parametrize("length", [254, 255, 256, 314, 5_000])
def test_a_long_pct_name_gives_a_whole_report_set_within_every_formats_limits(sub, tmp_path, length):
    folder, index = sub
    rename(folder, ("NHS " + "Longshire " * 600)[:length])
    out = tmp_path / "out"
    run = report(folder, index, out)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    written = sorted(p.name for p in out.iterdir())
    assert [n.rsplit(".", 1)[-1] for n in written if n != RECORD] == ["docx", "html", "json", "xlsx"]
    document = docx.Document(next(out.glob("*.docx")))
    assert 0 < len(document.core_properties.title) <= 255
    workbook = openpyxl.load_workbook(next(out.glob("*.xlsx")))
    assert 0 < len(workbook.properties.title) <= 255
    assert all(len(sheet.title) <= 31 for sheet in workbook.worksheets)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not isinstance(cell.value, str) or len(cell.value) <= 32_767


# --- every format or none --------------------------------------------------------------------

FAILING_PLUGIN = textwrap.dedent("""
    import sys
    from wcc_core import hookimpl
    from wcc_core.cli import report_commands
    from wcc_core.cli.main import cli
    from wcc_core.plugin_manager import make_plugin_manager
    from wcc_core.render import Renderer

    def broken(assessment, options):
        raise ValueError("exceeded 255 char limit for property")

    class Plugin:
        @hookimpl
        def wcc_renderers(self):
            return [Renderer("broken", "brk", broken, "a renderer that fails")]

    report_commands.get_plugin_manager = lambda: make_plugin_manager(plugins={"broken": Plugin()})
    sys.argv[0] = "wcc"
    cli()
""")


def test_a_format_that_fails_leaves_the_previous_report_set_untouched(sub, tmp_path):
    folder, index = sub
    out = tmp_path / "out"
    assert report(folder, index, out).returncode == 0
    before = snapshot(out)
    rename(folder, "NHS Othershire")  # the next set would differ in every file
    run = wcc("report", folder, "--out", out, "--index-dir", index, "--no-review", "--format",
              "html,docx,broken,xlsx", script=FAILING_PLUGIN)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "broken report could not be made" in run.stderr and "nothing was written" in run.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no staging folder left


# --- 8: --out inside the submission ---------------------------------------------------------


@pytest.mark.parametrize("where", [".", "documents", "documents/new/deeper", "./data/../documents"])
def test_out_inside_the_submission_is_refused_and_nothing_is_written_there(sub, where):
    folder, index = sub
    before = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    run = report(folder, index, folder / where)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "inside the submission folder" in run.stderr
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == before


def test_out_through_a_symlink_into_the_submission_is_refused(sub, tmp_path):
    folder, index = sub
    (tmp_path / "reports").symlink_to(folder / "documents")
    run = report(folder, index, tmp_path / "reports")
    assert run.returncode == 2 and "inside the submission folder" in run.stderr, run.stderr


# --- also found: the panel's edit of the Word briefing is never lost silently ----------------


def _edit_word_briefing(path: Path) -> None:
    document = docx.Document(path)
    document.add_paragraph("The panel's note: strong clinical engagement, see minutes 4(8).")
    document.save(path)


def test_an_edited_word_briefing_is_not_overwritten_without_force(sub, tmp_path):
    folder, index = sub
    out = tmp_path / "out"
    assert report(folder, index, out).returncode == 0
    again = report(folder, index, out)  # wcc's own files are replaced freely
    assert again.returncode == 0, again.stderr
    briefing = next(out.glob("*.docx"))
    _edit_word_briefing(briefing)
    edited = snapshot(out)
    refused = report(folder, index, out)
    assert refused.returncode == 2 and str(briefing) in refused.stderr and "--force" in refused.stderr, refused.stderr
    assert snapshot(out) == edited  # nothing of the set was replaced
    forced = report(folder, index, out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "The panel's note" not in "\n".join(p.text for p in docx.Document(briefing).paragraphs)
    assert report(folder, index, out).returncode == 0  # and wcc's file is wcc's again


def test_a_report_file_wcc_did_not_write_is_not_overwritten_without_force(sub, tmp_path):
    folder, index = sub
    out = tmp_path / "out"
    out.mkdir()
    (out / "exampleshire-briefing.docx").write_bytes(b"the panel's own document")
    run = report(folder, index, out, formats="docx")
    assert run.returncode == 2 and "did not write" in run.stderr, run.stderr
    assert (out / "exampleshire-briefing.docx").read_bytes() == b"the panel's own document"


def test_report_files_are_owner_only(sub, tmp_path):
    folder, index = sub
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert report(folder, index, out).returncode == 0
    finally:
        os.umask(old)
    assert {oct(p.stat().st_mode & 0o777) for p in out.iterdir()} == {"0o600"}
