"""`wcc corpus generate` through click's runner."""

from __future__ import annotations

from click.testing import CliRunner

from wcc_core.cli.main import cli


def test_generate_writes_one_folder_per_pct(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["corpus", "generate", str(out), "--seed", "4", "--pcts", "2", "--pages", "30"])
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(folders) == 2 and all((out / f / "submission.toml").is_file() for f in folders)
    assert "2 submissions" in result.output


def test_generate_refuses_to_overwrite_a_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["corpus", "generate", str(tmp_path), "--pages", "30"])
    assert result.exit_code == 2
    assert "not empty" in result.output and "--force" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_force_writes_into_a_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["corpus", "generate", str(tmp_path), "--pages", "30", "--force"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "corpus.json").is_file() and (tmp_path / "keep.txt").is_file()


def test_generate_refuses_a_file_as_out(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["corpus", "generate", str(target)])
    assert result.exit_code == 2 and "is a file" in result.output
