"""One resolver for every path a submission names (documents, data files, outcome datasets,
the documents a review decision hashes): inside the folder, or refused. A grep proves no
module resolves such a path itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from wcc_core.submission.paths import inside_submission

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path) -> Path:
    folder = tmp_path / "sub"
    (folder / "documents" / "deeper").mkdir(parents=True)
    (folder / "documents" / "plan.pdf").write_bytes(b"%PDF")
    (tmp_path / "secret.txt").write_text("hunter2")
    (folder / "documents" / "out.pdf").symlink_to(tmp_path / "secret.txt")
    (folder / "documents" / "dir-out").symlink_to(tmp_path)
    (folder / "documents" / "in.pdf").symlink_to(folder / "documents" / "plan.pdf")
    (folder / "documents" / "loop").symlink_to(folder / "documents" / "loop")
    return folder


@pytest.mark.parametrize("relative,inside", [
    ("documents/plan.pdf", "documents/plan.pdf"),
    ("documents/./deeper/../plan.pdf", "documents/plan.pdf"),
    ("documents/in.pdf", "documents/plan.pdf"),  # a symlink that stays inside is followed
    ("documents/missing.pdf", "documents/missing.pdf"),  # existence is the caller's question
])
def test_a_path_inside_the_submission_resolves_to_the_file(root, relative, inside):
    assert inside_submission(root, relative) == ((root / inside).resolve(), None)


@pytest.mark.parametrize("relative,why", [
    ("../secret.txt", "escapes the submission folder"),
    ("documents/../../secret.txt", "escapes the submission folder"),
    ("documents/out.pdf", "escapes the submission folder"),  # a symlink out of the folder
    ("documents/dir-out/secret.txt", "escapes the submission folder"),  # through a symlinked folder
    ("/etc/passwd", "is absolute"),
    ("//etc/passwd", "is absolute"),
    (".", "is the submission folder itself"),
    ("documents/..", "is the submission folder itself"),
    ("documents/loop", "cannot be used"),
    ("documents/a\x00b.pdf", "cannot be used"),
    ("", "not given"),
    (None, "not given"),
    (5, "is not text"),
    (["documents/plan.pdf"], "is not text"),
])
def test_a_path_leaving_the_submission_or_unusable_is_refused_with_why(root, relative, why):
    path, problem = inside_submission(root, relative)
    assert path is None and why in problem


def test_a_name_at_the_systems_length_limits_is_refused_or_resolved_never_raised(root):
    for relative in ("documents/" + "a" * 255, "documents/" + "a" * 256, "/".join(["d"] * 3000), "x" * 5000):
        path, problem = inside_submission(root, relative)
        assert (path is None) != (problem is None)


# --- grep: nobody else resolves a submission's path ------------------------------------------

SOURCES = [p for top in ("wcc_core", "indexer", "plugins", "benchmarks") for p in (REPO / top).rglob("*.py")]
ALLOWED = {REPO / "wcc_core" / "submission" / "paths.py"}
# Joining a submission's root with a name it gives (`submission.root / doc.file`), the old
# helper, or os.path.join on a root: each would bypass the resolver.
BYPASS = re.compile(r"""\.root\s*/(?!\s*["']submission\.toml["'])|\broot\)\s*/|\bpath_of\(|os\.path\.join\([^)]*root"""
                    r"""|Path\([^)]*\.(?:file|dataset)\)(?!\.(?:suffix|name|stem))|\b(?:doc|document|entry)\.(?:file|dataset)\s*\)?\s*\.(?:open|read_)""")


def test_no_module_but_the_resolver_joins_a_submissions_root_with_a_path_it_names():
    offenders = []
    for path in SOURCES:
        if path in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BYPASS.search(line.split("#", 1)[0]):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_grep_finds_the_bypasses_it_is_for():
    for line in ("data = (submission.root / doc.file).read_bytes()", "p = Path(sub.root) / relative",
                 "digest = file_digest(submission.path_of(doc))", "open(os.path.join(root, doc.file))",
                 "Path(doc.file).read_bytes()", "Path(root, entry.dataset)"):
        assert BYPASS.search(line), line
    assert not BYPASS.search('return self.root / "submission.toml"')
    assert not BYPASS.search("if Path(doc.file).suffix.lower() not in DOCUMENT_SUFFIXES:")  # the name, no file


def test_every_module_that_reads_a_file_a_submission_names_goes_through_the_resolver():
    users = sorted(str(p.relative_to(REPO)) for p in SOURCES
                   if re.search(r"\binside_submission\(|\.locate\(", p.read_text(encoding="utf-8")))
    assert set(users) >= {"wcc_core/submission/model.py", "wcc_core/submission/data_files.py",
                          "wcc_core/submission/validate.py", "wcc_core/pipeline.py",
                          "wcc_core/assessment/outcome_compare.py", "wcc_core/review/evidence.py",
                          "wcc_core/render/evidence_images.py"}, users
    assert os.sep.join(("wcc_core", "submission", "paths.py")) in users
