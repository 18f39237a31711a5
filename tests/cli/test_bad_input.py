"""Bad input to the CLI: one clear line naming the file, exit code 2, never a traceback or lost data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.cli.test_index_commands import TOML
from tests.indexer.index_fixtures import write_sources
from wcc_core.cli.main import cli


@pytest.fixture
def submission(tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.build.extractor_fingerprint", lambda: "test")
    folder = tmp_path / "sub"
    write_sources(folder / "documents")
    (folder / "submission.toml").write_text(TOML)
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_input_error(result, *parts):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for part in parts:
        assert part in result.output


def add_document(folder, doc_id, file, doc_type="non_prescribed"):
    with open(folder / "submission.toml", "a") as handle:
        handle.write(f'\n[[documents]]\nid = "{doc_id}"\ntype = "{doc_type}"\nfile = "{file}"\ncomment = "x"\n')


@pytest.mark.parametrize("query", ["kind:heading", "physical:3", "n:[1 TO 2]", "label:1"])
def test_search_treats_field_names_as_words_not_as_fields(submission, query):
    result = run("search", submission, query, "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_a_symlink_out_of_the_submission_is_not_read(submission, tmp_path):
    (tmp_path / "secret.txt").write_text("The password is swordfish.")
    os.symlink(tmp_path / "secret.txt", submission / "documents" / "linked.txt")
    add_document(submission, "LINK", "documents/linked.txt")
    index = run("index", submission)
    assert index.exit_code == 0, index.output
    assert "LINK (documents/linked.txt): document path 'documents/linked.txt' escapes the submission folder" in index.output
    assert "swordfish" not in run("search", submission, "swordfish").output
    assert_input_error(run("show", submission, "LINK", "1"), "LINK", "escapes the submission folder")


def test_the_same_bytes_under_two_formats_are_two_documents(submission):
    # The cache is keyed by content: a PDF renamed .docx must not reuse the text file's extraction.
    (submission / "documents" / "plan.docx").write_bytes((submission / "documents" / "plan.txt").read_bytes())
    (submission / "documents" / "empty.pdf").write_bytes(b"")
    (submission / "documents" / "empty.txt").write_bytes(b"")
    add_document(submission, "PLANX", "documents/plan.docx")
    add_document(submission, "E1", "documents/empty.txt")
    add_document(submission, "E2", "documents/empty.pdf")
    for round in range(2):  # the second build (one file changed) takes the others from the cache
        if round:
            (submission / "documents" / "minutes.md").write_text("# Minutes\n\nA new decision.\n")
        result = run("index", submission)
        assert result.exit_code == 0, result.output
        assert "PLANX (documents/plan.docx): corrupt: not a zip archive" in result.output
        assert "E2 (documents/empty.pdf): not a PDF" in result.output
        assert "E1 (" not in result.output


def test_a_fifo_among_the_documents_does_not_hang_the_index(submission):
    os.mkfifo(submission / "documents" / "pipe.txt")
    add_document(submission, "PIPE", "documents/pipe.txt")
    # In a subprocess with a time limit: reading a FIFO would wait for a writer for ever.
    result = subprocess.run([sys.executable, "-c", "from wcc_core.cli.main import cli; cli()", "index", str(submission), "-q"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "PIPE (documents/pipe.txt): not a file" in result.stdout


def test_an_index_dir_holding_other_files_is_refused_and_left_alone(submission, tmp_path):
    mine = tmp_path / "mine"
    (mine / "cache").mkdir(parents=True)
    (mine / "cache" / "notes.json").write_text("{}")
    (mine / "gen-ideas").mkdir()
    for command in (("index",), ("signposts",), ("search", "plan"), ("show", "SP", "1")):
        result = run(command[0], submission, *command[1:], "--index-dir", mine)
        assert_input_error(result, str(mine), "not a wcc index")
    assert sorted(p.name for p in mine.rglob("*")) == ["cache", "gen-ideas", "notes.json"]


def test_an_index_dir_used_before_is_used_again(submission, tmp_path):
    where = tmp_path / "ix"
    assert run("index", submission, "--index-dir", where).exit_code == 0
    (submission / "documents" / "minutes.md").write_text("# Minutes\n\nA new decision.\n")
    again = run("index", submission, "--index-dir", where)
    assert again.exit_code == 0 and "built (1 extracted, 2 from cache)" in again.output


def _generation(submission):
    return submission / ".wcc" / (submission / ".wcc" / "CURRENT").read_text().strip()


@pytest.mark.parametrize(
    "damage",
    [
        lambda g: (g / "manifest.json").write_text("[]"),
        lambda g: (g / "manifest.json").write_text('{"version": 2, "documents": "x"}'),
        lambda g: [p.unlink() for p in (g / "documents").iterdir()],
        lambda g: (g.parent / "CURRENT").write_bytes(b"\xff\xfe"),
        lambda g: (g.parent / "CURRENT").write_text("../../.."),
    ],
    ids=["manifest-list", "manifest-shape", "documents-gone", "current-binary", "current-escapes"],
)
def test_a_damaged_index_is_rebuilt(submission, damage):
    assert run("index", submission).exit_code == 0
    damage(_generation(submission))
    result = run("index", submission)
    assert result.exit_code == 0, result.output
    assert "Index built" in result.output
    assert run("search", submission, "smoking").exit_code == 0


def test_the_full_text_index_is_written_by_the_first_search_not_by_the_build(submission):
    assert run("index", submission).exit_code == 0
    generation = _generation(submission)
    assert not (generation / "whoosh").exists()
    first = run("search", submission, "smoking")
    assert first.exit_code == 0 and "smoking" in first.output.lower()
    assert list((generation / "whoosh").glob("*.toc"))
    assert not [p for p in generation.iterdir() if p.name.startswith(".whoosh-")]  # no temporary left
    assert run("search", submission, "smoking").output == first.output


def test_a_full_text_index_without_its_table_of_contents_is_rebuilt(submission):
    assert run("index", submission).exit_code == 0
    assert run("search", submission, "smoking").exit_code == 0
    for path in (_generation(submission) / "whoosh").glob("*.toc"):
        path.unlink()
    result = run("index", submission)
    assert result.exit_code == 0 and "Index built" in result.output, result.output
    assert run("search", submission, "smoking").exit_code == 0


def test_garbled_index_files_are_named_in_an_input_error(submission):
    assert run("index", submission).exit_code == 0
    assert run("search", submission, "smoking").exit_code == 0  # writes the full text
    generation = _generation(submission)
    for path in (generation / "documents").iterdir():
        path.write_text("garbage")
    assert_input_error(run("show", submission, "SP", "1"), "the index is damaged", "documents/0000.json")
    for path in (generation / "whoosh").glob("*.seg"):
        path.write_text("garbage")
    assert_input_error(run("search", submission, "smoking"), "the index is damaged", "whoosh")


def test_show_on_an_unreadable_document_is_an_input_error(submission):
    (submission / "documents" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    add_document(submission, "BROKEN", "documents/broken.pdf")
    assert_input_error(run("show", submission, "BROKEN", "1"), "BROKEN (documents/broken.pdf) is unreadable")


def test_corpus_generate_where_it_cannot_write_is_an_input_error(tmp_path):
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "sub"
    assert_input_error(run("corpus", "generate", out, "--pages", "25"), str(out), "cannot write the corpus")


# --- issue 13: nothing silent, bounded, safe output -------------------------------------
WCC = [sys.executable, "-c", "from wcc_core.cli.main import cli; cli()"]


def wcc(*args, timeout=120, env=None):
    """The real CLI in a subprocess, with a time limit: a hang is a failure, not a stuck test run."""
    return subprocess.run(WCC + [str(a) for a in args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_duplicate_document_ids_are_refused_by_every_command_that_reads_documents(submission):
    add_document(submission, "SP", "documents/minutes.md")  # SP is already documents/plan.txt
    for command in (("index",), ("show", "SP", "1"), ("search", "plan"), ("signposts",)):
        result = run(command[0], submission, *command[1:])
        assert_input_error(result, "duplicate document id 'SP'",
                           "used by documents[0] (documents/plan.txt) and documents[3] (documents/minutes.md)")
    assert not (submission / ".wcc" / "CURRENT").exists()  # nothing was indexed under a hidden document


@pytest.mark.parametrize("breakage,message", [
    ('documents = "x"', "documents: should be an array"),
    ('pct = "x"', "pct: should be a table"),
    ('competencies = 5', "competencies: should be a table"),
])
def test_a_wrong_table_type_is_an_error_in_every_command(tmp_path, breakage, message):
    (tmp_path / "submission.toml").write_text(f'{breakage}\n')
    for command in (("index",), ("show", "SP", "1"), ("search", "plan"), ("signposts",)):
        assert_input_error(run(command[0], tmp_path, *command[1:]), "submission.toml", message)
    validate = run("validate", tmp_path)
    assert validate.exit_code == 1 and message in validate.output


def test_a_document_without_id_or_file_is_an_error_not_zero_signposts(submission):
    with open(submission / "submission.toml", "a") as handle:
        handle.write('\n[[documents]]\ntype = "od_plan"\n')
    for command in (("index",), ("signposts",)):
        assert_input_error(run(command[0], submission), "documents[3].id: is required", "documents[3].file: is required")


@pytest.mark.parametrize("make,message", [
    (lambda p: open(p, "wb").truncate(4 * 1024**3), "is 4,294,967,296 bytes; a submission.toml may be at most"),
    (lambda p: p.write_text("a = " + "[" * 500 + "]" * 500), "nested more than 32 deep"),
    (lambda p: p.write_text("a = " + "{b = " * 500 + "1" + "}" * 500), "nested more than 32 deep"),
    (lambda p: p.write_text("a" + ".b" * 400 + " = 1"), "nested 401 deep"),
], ids=["4GB-sparse", "deep-arrays", "deep-inline-tables", "deep-dotted-keys"])
def test_a_submission_toml_too_large_or_nested_too_deep_is_a_clear_error(tmp_path, make, message):
    make(tmp_path / "submission.toml")
    for command in ("validate", "index", "signposts"):
        result = run(command, tmp_path)
        assert_input_error(result, "submission.toml", message)


@pytest.mark.parametrize("make,message", [
    (lambda p: os.mkfifo(p), "is a pipe, not a regular file"),
    (lambda p: os.symlink("/dev/zero", p), "is a device, not a regular file"),
], ids=["fifo", "dev-zero"])
def test_a_submission_toml_that_is_a_fifo_or_a_device_does_not_hang(tmp_path, make, message):
    make(tmp_path / "submission.toml")
    result = wcc("signposts", tmp_path, timeout=60)  # a subprocess: a hang fails the test, not the run
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_submission_toml_is_named_as_the_file(tmp_path):
    result = run("signposts", tmp_path / "submission.toml")
    assert_input_error(result, f"{tmp_path / 'submission.toml'}: not found")


def test_extract_of_an_unreadable_file_exits_non_zero(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    for fmt in ("text", "json"):
        result = run("extract", broken, "--format", fmt)
        assert result.exit_code == 2 and "corrupt" in result.output, result.output
    good = tmp_path / "good.txt"
    good.write_text("A readable plan.")
    assert run("extract", good).exit_code == 0


def test_extract_reports_a_limit_by_name(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_bytes(b"\f" * 10_000)
    result = CliRunner().invoke(cli, ["extract", str(feeds)], env={"WCC_MAX_PAGES": "100"})
    assert result.exit_code == 2
    assert "unreadable: limit exceeded: pages per document: it has 10,000 (at most 100; set WCC_MAX_PAGES" in result.output


def test_index_reports_each_limit_and_carries_on(submission):
    (submission / "documents" / "feeds.txt").write_bytes(b"\f" * 1_000)
    add_document(submission, "FEEDS", "documents/feeds.txt")
    result = CliRunner().invoke(cli, ["index", str(submission), "-q"], env={"WCC_MAX_PAGES": "100"})
    assert result.exit_code == 0, result.output
    assert "unreadable: FEEDS (documents/feeds.txt): limit exceeded: pages per document" in result.output
    assert "4 documents" in result.output and "1 unreadable" in result.output
    again = run("index", submission, "-q")  # the default limit reads it: nothing stale was cached
    assert "0 unreadable" in again.output, again.output


def test_a_bad_limit_setting_is_an_input_error(submission):
    result = CliRunner().invoke(cli, ["index", str(submission)], env={"WCC_MAX_PAGES": "many"})
    assert_input_error(result, "WCC_MAX_PAGES='many': a limit must be a positive whole number")


HOSTILE_TEXT = "Plan \x1b]52;c;cm0gLXJmIH4=\x07clipboard \x1b[2J\x1b[31mred\x07 bell \x9b1m end"


def test_terminal_output_carries_no_control_sequences_from_documents(submission):
    (submission / "documents" / "minutes.md").write_text(f"# Board \x1b[8mhidden\n\n{HOSTILE_TEXT} smoking\n")
    outputs = [run("show", submission, "MIN", "1"), run("search", submission, "smoking"),
               run("extract", submission / "documents" / "minutes.md")]
    for result in outputs:
        assert "clipboard" in result.output and "bell" in result.output
        assert not any(c in result.output for c in "\x1b\x07\x9b"), repr(result.output)


def test_names_from_submission_toml_reach_the_terminal_without_control_sequences(submission):
    add_document(submission, "BAD\\u001b[2J", "documents/missing\\u001b]0;owned\\u0007.pdf")
    result = run("index", submission)
    assert result.exit_code == 0 and "BAD" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
