"""Generating whole submissions: one PCT, or a corpus of distinct PCTs.

Same seed, same bytes: every random choice comes from a random.Random seeded from
the seed (and the PCT's position in a corpus), PDFs are written with reportlab's
invariant mode and DOCX files with fixed dates and zip timestamps.
"""

from __future__ import annotations

import json
import os
import random
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from corpus.generator import data_files
from corpus.generator.banks import document_specs
from corpus.generator.builder import REPEATS_ABOVE_PAGES, BuiltDocument, Context, build_document
from corpus.generator.documents_docx import docx_bytes
from corpus.generator.documents_pdf import pdf_bytes
from corpus.generator.pct_profile import PCTProfile, make_profile
from corpus.generator.paraphrase import criterion_bank
from corpus.generator.prose import Prose
from corpus.generator.signposts import DocumentIndex, write_signposts
from corpus.generator.submission_toml import DATA_FILES, LOCAL_DATASET, submission_dict, toml_text
from corpus.generator.truth import assessment_json, metric_bands, plan_plants, plan_statuses, survey_bands

DEFAULT_PAGES = 180


@dataclass(frozen=True)
class GeneratedSubmission:
    folder: Path
    name: str
    code: str
    pages: int
    documents: int


def page_budget(specs: list[dict], pages: int) -> dict[str, int]:
    """Pages per document for a submission of about `pages` pages.

    Fixed-size documents (weight 0) and capped ones (pathways, at most five pages)
    take what they take; the rest share what is left by weight.
    """
    budget = {s["id"]: s["min_pages"] for s in specs if not s["weight"]}
    flexible = [s for s in specs if s["weight"]]
    while True:
        spare = max(0, pages - sum(budget.values()))
        weight = sum(s["weight"] for s in flexible) or 1.0
        capped = [s for s in flexible if s.get("max_pages") and spare * s["weight"] / weight >= s["max_pages"]]
        if not capped:
            break
        for spec in capped:
            budget[spec["id"]] = spec["max_pages"]
            flexible.remove(spec)
    for spec in flexible:
        budget[spec["id"]] = min(spec.get("max_pages") or 10**6, max(spec["min_pages"], round(spare * spec["weight"] / weight)))
    return {s["id"]: budget[s["id"]] for s in specs}


def _fill_spec(spec: dict, prose: Prose) -> dict:
    return {**spec, "title": prose.fill(spec["title"])}


def _layout_json(built: BuiltDocument) -> dict:
    return {"title": built.title, "pages": [
        {"physical": i + 1, "label": page.label,
         "blocks": [{"n": n, "kind": b.kind, "text": b.text, "section": b.section}
                    for n, b in enumerate(page.blocks, start=1)]}
        for i, page in enumerate(built.pages)]}


def _write(path: Path, content: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def _json(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def _document_bytes(spec: dict, document: BuiltDocument, pct_name: str, breakage: str | None) -> bytes:
    """The file for one document, broken the way `breakage` says (see problems.py)."""
    if spec["file"].endswith(".docx"):
        if breakage == "not_zip":
            # an old binary Word file renamed .docx: an OLE header, then text
            return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 24 + document.title.encode() * 20
        return docx_bytes(document, pct_name)
    if breakage == "encrypted":
        return pdf_bytes(document, pct_name, password="panel2009")
    if breakage == "scanned":
        return pdf_bytes(document, pct_name, scanned_pages=frozenset(range(len(document.pages))))
    if breakage and breakage.startswith("scanned_page:"):
        return pdf_bytes(document, pct_name, scanned_pages=frozenset({int(breakage.split(":")[1]) - 1}))
    data = pdf_bytes(document, pct_name)
    if breakage == "truncated":
        return data[: len(data) * 3 // 5]
    return data


NEEDS_TEXT = ("verified", "page_missing", "paragraph_missing", "section_missing")


def _mark_unreadable(expected: dict, breakage: dict[str, str]) -> None:
    """Signposts into a broken document cannot be checked: their answer is `unreadable`.

    Only answers that need the text change: a range of more than five pages is too
    broad, and "see attached" unparseable, whether or not the file can be read. In a
    document with one scanned page, only locators on that page are unreadable.
    """
    for signpost in expected["signposts"]:
        kind = breakage.get(signpost["document"] or "")
        if not kind:
            continue
        only = int(kind.split(":")[1]) if kind.startswith("scanned_page:") else None
        for locator in signpost["locators"]:
            if locator["status"] not in NEEDS_TEXT:
                continue
            if only is None:
                locator["status"], locator["physical_page"] = "unreadable", None
                if locator["kind"] == "section":  # where the section is cannot be known either
                    locator["paragraph"] = None
            elif locator.get("physical_page") == only:
                locator["status"] = "unreadable"
        if signpost["status"] in NEEDS_TEXT and any(l["status"] == "unreadable" for l in signpost["locators"]):
            signpost["status"] = "unreadable"


def write_submission(out_dir: Path, profile: PCTProfile, rng: random.Random, pages: int,
                     breakage: dict[str, str] | None = None, extra=None, bank: str = "dev") -> GeneratedSubmission:
    """Write one PCT's whole submission into `out_dir`.

    `breakage` maps document ids to a way of breaking the file (problems.py);
    `extra(indexes, competencies, governance, expected)` may add signposts; `bank` is the
    paraphrase bank the criteria lines are planted in ("dev", "dev2" or "holdout", paraphrase.py).
    """
    breakage = breakage or {}
    out_dir = Path(out_dir)
    prose = Prose(profile, rng)
    finance = data_files.plan_finance(profile, rng)
    prose.use_finance(finance)
    outcomes = data_files.plan_outcomes(profile, rng)
    statuses = plan_statuses(profile, rng)
    metrics = data_files.plan_metrics(profile, rng, metric_bands(statuses))
    ctx = Context(profile, prose, rng, finance, outcomes, {k: (v[0], v[3]) for k, v in metrics.items()},
                  repeats=pages > REPEATS_ABOVE_PAGES)
    specs = [_fill_spec(s, prose) for s in document_specs()]
    budget = page_budget(specs, pages)
    plants = plan_plants(profile, statuses, specs, budget, set(breakage), bank, prose.slots, rng)
    built: dict[str, BuiltDocument] = {}
    layout = {}
    for spec in specs:
        document = build_document(spec, ctx, budget[spec["id"]], plants.get(spec["id"]))
        built[spec["id"]] = document
        _write(out_dir / spec["file"], _document_bytes(spec, document, profile.name, breakage.get(spec["id"])))
        layout[spec["id"]] = {"file": spec["file"], **_layout_json(document)}
        if spec["id"] in breakage:
            layout[spec["id"]]["unreadable"] = breakage[spec["id"]]
    indexes = {doc_id: DocumentIndex.of(doc_id, [doc_id, *spec["aliases"]], built[doc_id])
               for doc_id, spec in ((s["id"], s) for s in specs)}
    competencies, governance, expected = write_signposts(profile, indexes, rng)
    if extra:
        extra(indexes, competencies, governance, expected)
    _mark_unreadable(expected, breakage)
    data = submission_dict(profile, specs, competencies, governance, outcomes, prose, rng)
    _write(out_dir / "submission.toml", toml_text(data))
    survey, sha = data_files.write_survey(profile, rng, survey_bands(statuses))
    _write(out_dir / DATA_FILES["stakeholder_survey"], survey)
    _write(out_dir / DATA_FILES["sha_averages"], sha)
    _write(out_dir / DATA_FILES["outcome_series"], data_files.write_outcomes(outcomes))
    _write(out_dir / DATA_FILES["finance"], data_files.write_finance(finance))
    _write(out_dir / DATA_FILES["metrics"], data_files.write_metrics(metrics))
    _write(out_dir / LOCAL_DATASET, data_files.write_local_dataset(outcomes, profile, rng))
    _write(out_dir / "expected" / "signposts.json",
           _json({"submission": profile.name, "framework": "wcc-2009", **expected}))
    _write(out_dir / "expected" / "layout.json", _json(layout))
    _write(out_dir / "expected" / "profile.json", _json(_profile_json(profile)))
    _write(out_dir / "expected" / "assessment.json",
           json.dumps(assessment_json(profile.name, bank, profile, statuses, built), indent=1, ensure_ascii=False,
                      sort_keys=True) + "\n")
    total = sum(len(d.pages) for d in built.values())
    return GeneratedSubmission(out_dir, profile.name, profile.code, total, len(built))


def _profile_json(profile: PCTProfile) -> dict:
    """The truth behind the documents, for tests of the assessment."""
    return {"name": profile.name, "code": profile.code, "inflated_self_assessment": profile.inflated,
            "finance_position": profile.finance_position, "evidenced_levels": profile.true_levels,
            "evidenced_ratings": profile.true_ratings, "tier1_off_trajectory": profile.tier1_off}


def generate_submission(out_dir: Path, seed: int, pages: int | None = None, name: str | None = None,
                        code: str | None = None, sha: str | None = None,
                        ons_cluster: str | None = None, bank: str = "dev") -> GeneratedSubmission:
    """One PCT's submission in `out_dir`, the same bytes for the same arguments."""
    criterion_bank(bank)  # an unknown bank fails here, before anything is written
    rng = random.Random(f"wcc-corpus:{seed}")
    profile = make_profile(rng, name=name, code=code, sha=sha, ons_cluster=ons_cluster)
    return write_submission(Path(out_dir), profile, rng, pages or DEFAULT_PAGES, bank=bank)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _generate_one(job: tuple[Path, int, int, str, str, int, str]) -> GeneratedSubmission:
    """One PCT of a corpus; a function of its own so worker processes can run it."""
    folder, seed, i, name, code, pages, bank = job
    rng = random.Random(f"wcc-corpus:{seed}:{i}")
    profile = make_profile(rng, name=name, code=code)
    return write_submission(folder, profile, rng, pages, bank=bank)


def generate_corpus(
    out_dir: Path, seed: int, pcts: int, pages: int | None = None, workers: int | None = None, bank: str = "dev"
) -> list[GeneratedSubmission]:
    """`pcts` distinct PCTs, each in its own folder `NNN-name` under `out_dir`.

    Each PCT draws from its own seeded generator, so the bytes do not depend on how many
    worker processes (default: one per core) share the work.
    """
    criterion_bank(bank)
    out_dir = Path(out_dir)
    names_rng = random.Random(f"wcc-corpus-names:{seed}")
    taken: set[str] = set()
    identities = []
    for _ in range(pcts):
        drawn = make_profile(names_rng, taken=taken)  # only its name and code are kept
        identities.append((drawn.name, drawn.code))
    width = max(3, len(str(pcts)))
    jobs = [
        (out_dir / f"{i:0{width}d}-{_slug(name)}", seed, i, name, code, pages or DEFAULT_PAGES, bank)
        for i, (name, code) in enumerate(identities, start=1)
    ]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        results = [_generate_one(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_generate_one, jobs))
    manifest = {"seed": seed, "pcts": pcts, "pages": pages or DEFAULT_PAGES, "bank": bank,
                "submissions": [{"folder": r.folder.name, "name": r.name, "code": r.code, "pages": r.pages}
                                for r in results]}
    _write(out_dir / "corpus.json", _json(manifest))
    return results
