"""The national corpus: 152 PCTs in the 10 SHAs, the Year 2 national shape, panels with planted effects
that `wcc calibrate` must find, and nothing else."""

from __future__ import annotations

import json
import random
from statistics import fmean

import pytest

from corpus.generator.national import PLANTED_OUTLIERS, PLANTED_SHA_EFFECTS, national_truths
from tests.batch.conftest import wcc
from tests.calibration.factory import pct_rows, write_database
from wcc_core.review.store import read_review

SEED = 2026
LEVEL_ACCURACY = 0.86  # the share of sub-competencies judging reads right (README, holdout): the rest off by one


@pytest.fixture(scope="module")
def truths():
    return national_truths(SEED)


def test_152_pcts_in_the_10_shas_at_their_real_sizes(truths):
    sizes = {}
    for t in truths:
        sizes[t["sha"]] = sizes.get(t["sha"], 0) + 1
    assert len(truths) == 152 and len(sizes) == 10
    assert min(sizes.values()) == 8 and max(sizes.values()) == 31 and sizes["London"] == 31
    assert len({t["code"] for t in truths}) == 152


def test_the_truth_has_the_year_2_national_shape(truths):
    def green(component):
        return sum(t["components"][component] == "green" for t in truths) / len(truths)

    assert 0.55 <= green("board") <= 0.67 and 0.37 <= green("finance") <= 0.49
    means = {f"C{k}": fmean(t["levels"][f"C{k}{s}"] for t in truths for s in "abc") for k in range(1, 12)}
    assert min(means, key=means.get) == "C11" and 1.4 <= means["C11"] <= 1.65
    assert max(means, key=means.get) == "C1"
    national = fmean(means.values())
    assert means["C7"] < national - 0.2 and means["C9"] < national - 0.2


def test_panels_give_the_truth_except_where_planted(truths):
    planted = {(sha, competency) for sha, competency, _ in PLANTED_SHA_EFFECTS}
    moved = [(t["code"], key) for t in truths for key, level in t["panel"].items()
             if level != t["levels"][key] and (t["sha"], key[:-1]) not in planted]
    assert len(moved) == PLANTED_OUTLIERS
    for code, key in moved:
        t = next(t for t in truths if t["code"] == code)
        assert abs(t["panel"][key] - t["levels"][key]) == 2


def test_generate_national_writes_review_files_holding_the_panels_levels(tmp_path):
    out = tmp_path / "national"
    run = wcc("corpus", "generate", out, "--national", "--per-sha", "1", "--pages", "25", "--seed", "4")
    assert run.returncode == 0, run.stderr
    manifest = json.loads((out / "national.json").read_text(encoding="utf-8"))
    assert len(manifest["submissions"]) == 10 and len(manifest["planted"]["outliers"]) == PLANTED_OUTLIERS
    for truth in manifest["submissions"]:
        review = read_review(out / f"{truth['folder']}.review.toml")
        levels = {d.key: d.value for d in review.decisions if d.target == "level" and d.role == "panel"}
        assert levels == truth["panel"]
        assert f'sha = "{truth["sha"]}"' in (out / truth["folder"] / "submission.toml").read_text(encoding="utf-8")
    assert wcc("corpus", "generate", tmp_path / "x", "--per-sha", "2").returncode == 2


def test_calibrate_finds_exactly_the_planted_sha_effects_and_outliers(truths, tmp_path):
    """Evidence read as judging reads it (right for 86% of sub-competencies, else one level off), panels from
    the corpus: the pack flags the planted SHA effects and outliers and nothing else above its thresholds."""
    rng = random.Random(SEED)
    rows, evidence_of = [], {}
    for t in truths:
        evidence = {k: v if rng.random() < LEVEL_ACCURACY else max(1, min(4, v + rng.choice((-1, 1))))
                    for k, v in sorted(t["levels"].items())}
        evidence_of[t["code"]] = evidence
        rows.append(pct_rows(t["code"], t["sha"], evidence, t["panel"]))
    db = write_database(tmp_path / "national.sqlite", rows)
    run = wcc("calibrate", db, "--out", tmp_path / "pack")
    assert run.returncode == 0, run.stderr
    pack = json.loads((tmp_path / "pack" / "calibration.json").read_text(encoding="utf-8"))
    flagged = {(e["sha"], e["competency"], e["flagged"]) for e in pack["flagged"]}
    assert flagged == {(sha, c, "lenient" if shift > 0 else "harsh") for sha, c, shift in PLANTED_SHA_EFFECTS}
    planted = [(t["code"], k) for t in truths for k in t["panel"]
               if abs(t["panel"][k] - t["levels"][k]) == 2]
    # A planted outlier stays one only where the evidence's misreading has not moved it within a level.
    expected = {(code, k) for code, k in planted
                if abs(next(t for t in truths if t["code"] == code)["panel"][k] - evidence_of[code][k]) >= 2}
    assert len(expected) >= PLANTED_OUTLIERS - 1
    assert {(o["code"], o["sub"]) for o in pack["outliers"]} == expected
