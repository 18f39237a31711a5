"""After the PCT re-uploads a document: decisions resting on it are re-checked, and stale ones reported.

Each test alters a document in its own copy of the sample (the bundled sample is never
touched) and reads the copy again; the index cache copied along means only the altered
document is extracted again.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from tests.review.conftest import copy_sample, index_copy
from wcc_core.cli.review_commands import review
from wcc_core.review.apply import apply_review_file


@pytest.fixture
def copy(base, tmp_path):
    folder = copy_sample(tmp_path / "exampleshire", base.index_dir, tmp_path / "index")
    return index_copy(folder, tmp_path / "index")


def cited(base, suffix: str):
    """A verified signpost locator with a paragraph into a document of this format, as 'ID p.N para M'."""
    for result in base.assessment.signposts.results:
        doc = base.submission.document(result.document) if result.document else None
        if not result.verified or doc is None or not doc.file.endswith(suffix):
            continue
        for loc in result.locators:
            if loc.kind == "page" and loc.paragraph and loc.excerpt and len(loc.excerpt) > 40:
                return doc, f"{doc.id} p.{loc.page} para {loc.paragraph}", loc.excerpt
    pytest.skip(f"no verified paragraph citation into a {suffix} document in the sample")


def decide(copy, *args):
    path = copy.folder.parent / "exampleshire.review.toml"
    result = CliRunner().invoke(review, [str(copy.folder), *args, "--by", "A. Analyst", "--review", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def decisions_after(base, copy, path):
    again = copy.reindexed()
    result = apply_review_file(base.assessment, path, submission=again.submission, framework=again.framework,
                               documents=again.documents)
    return result.decisions


def test_evidence_is_verified_like_a_signpost_and_shown_with_its_excerpt(base, copy):
    doc, reference, excerpt = cited(base, ".pdf")
    path = decide(copy, "set", "C6b.3", "met", "--because", "seen", "--evidence", reference,
                  "--index-dir", str(copy.index_dir))
    decisions = decisions_after(base, copy, path)
    check = decisions["applied"][0]["analyst"]["evidence_check"]
    assert check["status"] == "verified" and check["excerpt"] == excerpt
    assert check["evidence"][0]["source"] == "review" and check["evidence"][0]["document"] == doc.id


def test_a_cited_page_gone_after_a_re_upload_makes_the_decision_stale(base, copy):
    doc, reference, _ = cited(base, ".pdf")
    path = decide(copy, "set", "C6b.3", "met", "--because", "seen", "--evidence", reference,
                  "--index-dir", str(copy.index_dir))
    # The PCT re-uploads a much shorter document under the same name.
    shorter = min((d for d in copy.submission.documents if d.file.endswith(".pdf") and d.id != doc.id),
                  key=lambda d: len(copy.documents[d.id].pages) if copy.documents[d.id] else 10**6)
    shutil.copyfile(copy.folder / shorter.file, copy.folder / doc.file)
    decisions = decisions_after(base, copy, path)
    assert decisions["applied"] == []
    [stale] = decisions["stale"]
    assert stale["key"] == "C6b.3" and "no longer verifies" in stale["why"]


def test_a_re_saved_document_whose_cited_passage_reads_the_same_still_applies_with_a_note(base, copy):
    doc, reference, _ = cited(base, ".pdf")
    path = decide(copy, "set", "C6b.3", "met", "--because", "seen", "--evidence", reference,
                  "--index-dir", str(copy.index_dir))
    with open(copy.folder / doc.file, "ab") as handle:  # same text, different bytes
        handle.write(b"\n% re-saved by the PCT\n")
    decisions = decisions_after(base, copy, path)
    assert decisions["stale"] == []
    [record] = decisions["applied"]
    assert "the cited passage reads the same" in record["analyst"]["notes"][0]


def test_a_cited_passage_that_now_reads_differently_makes_the_decision_stale(base, copy):
    doc, reference, excerpt = cited(base, ".docx")
    path = decide(copy, "set", "C6b.3", "met", "--because", "seen", "--evidence", reference,
                  "--index-dir", str(copy.index_dir))
    words = [w for w in re.findall(r"[A-Za-z]{7,}", excerpt)]
    target = copy.folder / doc.file
    with zipfile.ZipFile(target) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    word = next((w for w in words if f">{w} " in xml or f" {w} " in xml), None)
    assert word, "a word of the cited passage is found in the document's XML"
    parts["word/document.xml"] = xml.replace(f" {word} ", " REWORDED ").replace(f">{word} ", ">REWORDED ").encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    decisions = decisions_after(base, copy, path)
    [stale] = decisions["stale"]
    assert "now reads" in stale["why"] and doc.id in stale["why"]


def test_a_signpost_decision_is_stale_once_its_document_changes_or_the_pct_rewrites_it(base, copy):
    result = next(r for r in base.assessment.signposts.results
                  if r.document and base.submission.document(r.document).file.endswith(".pdf"))
    path = decide(copy, "signpost", result.key, str(result.index), "reject", "--because", "not evidence of this")
    assert decisions_after(base, copy, path)["signposts"][0]["decision"] == "reject"
    with open(copy.folder / copy.submission.document(result.document).file, "ab") as handle:
        handle.write(b"\n% re-uploaded\n")
    decisions = decisions_after(base, copy, path)
    assert decisions["signposts"] == [] and "changed since signpost" in decisions["stale"][0]["why"]
    # The PCT rewrites the signpost in its self-assessment: the decision is stale too.
    toml = copy.folder / "submission.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(result.raw, result.raw + " para 1", 1), encoding="utf-8")
    decisions = decisions_after(base, copy, path)
    assert "now reads" in decisions["stale"][0]["why"]
