"""A national corpus: 152 fictional PCTs in the 10 SHAs, with panels' decisions and planted calibration effects.

The truth has the shape of the Year 2 national results (NATIONAL_SHAPE): about 61% of
boards green, 43% of finance green, competency 11 the weakest at about 1.5, market
stimulation (C7) and procurement (C9) weak, local leadership (C1) strong. Each PCT gets a
review file beside its folder holding its panel's levels and governance ratings. Panels
give the true level, except where the generator plants what national calibration must
find (`PLANTED_SHA_EFFECTS`, and a few single outliers), all recorded in `national.json`.

Same seed, same bytes, whatever the number of worker processes: each PCT draws from its
own seeded generator.
"""

from __future__ import annotations

import json
import os
import random
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from corpus.generator.generate import GeneratedSubmission, write_submission
from corpus.generator.pct_profile import COMPETENCIES, GOVERNANCE, RATINGS, SUBS, PCTProfile, make_profile

# PCTs per SHA as in 2009/10 (152 in all).
SHA_SIZES = {
    "North East": 12, "North West": 24, "Yorkshire and the Humber": 14, "East Midlands": 9,
    "West Midlands": 17, "East of England": 14, "London": 31, "South East Coast": 8,
    "South Central": 9, "South West": 14,
}
# The mean true level per competency: C11 the weakest, C7 and C9 weak, C1 strong.
COMPETENCY_MEANS = {"C1": 2.6, "C2": 2.4, "C3": 2.1, "C4": 2.2, "C5": 2.4, "C6": 2.1, "C7": 1.8,
                    "C8": 2.0, "C9": 1.8, "C10": 2.2, "C11": 1.5}
# Share of PCTs whose component is green, amber (the rest red).
COMPONENT_SHARES = {"board": (0.61, 0.31), "finance": (0.43, 0.40), "strategy": (0.50, 0.40)}
NATIONAL_SHAPE = {"board_green": 0.61, "finance_green": 0.43, "C11_mean": 1.5,
                  "weak": ["C7", "C9", "C11"], "strong": ["C1"]}
# What calibration must find: an SHA whose panels rate a competency a level above (+1) or
# below (-1) what the documents evidence.
PLANTED_SHA_EFFECTS = (("South West", "C4", 1), ("South West", "C7", 1),
                       ("North West", "C1", -1), ("North West", "C10", -1))
PLANTED_OUTLIERS = 6  # single PCTs whose panel is two levels away on one sub-competency
PANEL_AT = "2010-03-15T10:00:00Z"  # a fixed time: same seed, same bytes


@dataclass(frozen=True)
class NationalJob:
    """One PCT of the national corpus, as a worker process receives it."""

    folder: Path
    seed: int
    index: int
    name: str
    code: str
    sha: str
    pages: int
    bank: str
    outlier: tuple[str, int] | None  # (sub-competency, panel level) when planted


def sha_sizes(per_sha: int | None = None) -> dict[str, int]:
    """PCTs per SHA: the real sizes, or at most `per_sha` each (small corpora for tests)."""
    return {sha: min(size, per_sha) if per_sha else size for sha, size in SHA_SIZES.items()}


def _level(rng: random.Random, mean: float) -> int:
    """A level 1..4 whose expectation is about `mean` (a two-point draw around it, kept in range)."""
    mean = max(1.0, min(4.0, mean))
    low = int(mean)
    return min(4, low + (1 if rng.random() < mean - low else 0))


def _component_rating(rng: random.Random, component: str) -> str:
    green, amber = COMPONENT_SHARES[component]
    roll = rng.random()
    return "green" if roll < green else "amber" if roll < green + amber else "red"


def shape_profile(profile: PCTProfile, rng: random.Random) -> dict[str, str]:
    """Give `profile` the national shape in place; returns the true component ratings."""
    capability = rng.gauss(0, 0.35)
    for competency in COMPETENCIES:
        for sub in SUBS:
            key = competency + sub
            true = _level(rng, COMPETENCY_MEANS[competency] + capability)
            profile.true_levels[key] = true
            bump = 1 if profile.inflated and rng.random() < 0.6 else 0
            profile.self_levels[key] = min(4, true + bump)
            profile.last_year[key] = max(1, true - (1 if rng.random() < 0.4 else 0))
    components = {c: _component_rating(rng, c) for c in COMPONENT_SHARES}
    # Finance figures follow the finance rating, so the outturns and plans tell the same story.
    profile.finance_position = {"green": "surplus", "amber": "tight", "red": "deficit"}[components["finance"]]
    for key in GOVERNANCE:
        component = key.split(".")[0]
        true = components[component]
        profile.true_ratings[key] = true
        up = profile.inflated and rng.random() < 0.5
        profile.self_ratings[key] = RATINGS[min(2, RATINGS.index(true) + (1 if up else 0))]
        profile.last_year_ratings[key] = RATINGS[max(0, RATINGS.index(true) - (1 if rng.random() < 0.3 else 0))]
    return components


def panel_levels(profile: PCTProfile, sha: str, outlier: tuple[str, int] | None) -> dict[str, int]:
    """The panel's level per sub-competency: the truth, moved by planted SHA effects and an outlier."""
    levels = dict(profile.true_levels)
    for effect_sha, competency, shift in PLANTED_SHA_EFFECTS:
        if effect_sha == sha:
            for sub in SUBS:
                key = competency + sub
                levels[key] = max(1, min(4, levels[key] + shift))
    if outlier:
        levels[outlier[0]] = outlier[1]
    return levels


def review_text(job: NationalJob, profile: PCTProfile, components: dict[str, str]) -> str:
    """The PCT's review file: the panel's level for every sub-competency and its rating of each component."""
    from wcc_core.review.model import Decision
    from wcc_core.review.store import ReviewFile, dumps

    chair = f"Panel chair, NHS {job.sha}"
    decisions = []
    for key, level in panel_levels(profile, job.sha, job.outlier).items():
        decisions.append(Decision(id=f"d{len(decisions) + 1}", target="level", key=key, value=level, by=chair,
                                  role="panel", at=PANEL_AT, because="panel day"))
    for component, rating in components.items():
        decisions.append(Decision(id=f"d{len(decisions) + 1}", target="rating", key=component, value=rating,
                                  by=chair, role="panel", at=PANEL_AT, because="panel day"))
    submission = {"name": profile.name, "code": profile.code, "folder": job.folder.name, "framework": "wcc-2009"}
    return dumps(ReviewFile(job.folder.parent / f"{job.folder.name}.review.toml", submission, tuple(decisions)))


def _draw(job: NationalJob) -> tuple[PCTProfile, dict[str, str], random.Random]:
    """The PCT's profile in the national shape, its true component ratings, and its generator for the documents."""
    rng = random.Random(f"wcc-national:{job.seed}:{job.index}")
    profile = make_profile(rng, name=job.name, code=job.code, sha=job.sha)
    components = shape_profile(profile, rng)
    return profile, components, rng


def _truth(job: NationalJob, profile: PCTProfile, components: dict[str, str]) -> dict:
    return {"folder": job.folder.name, "name": profile.name, "code": profile.code, "sha": job.sha,
            "components": components, "levels": dict(profile.true_levels),
            "panel": panel_levels(profile, job.sha, job.outlier)}


def _generate_one(job: NationalJob) -> tuple[GeneratedSubmission, dict]:
    """One PCT with its review file; returns what was generated and its truth for national.json."""
    profile, components, rng = _draw(job)
    generated = write_submission(job.folder, profile, rng, job.pages, bank=job.bank)
    review = job.folder.parent / f"{job.folder.name}.review.toml"
    review.write_text(review_text(job, profile, components), encoding="utf-8")
    return generated, _truth(job, profile, components)


def national_truths(seed: int, per_sha: int | None = None) -> list[dict]:
    """The truth and the panels' levels of every PCT of the corpus, without writing its documents (fast)."""
    jobs = [_with_outlier_level(job) for job in plan_jobs(Path("national"), seed, 25, "dev", per_sha)]
    return [_truth(job, *_draw(job)[:2]) for job in jobs]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan_jobs(out_dir: Path, seed: int, pages: int, bank: str, per_sha: int | None) -> list[NationalJob]:
    """Every PCT of the corpus: names, codes, SHAs, and which ones carry a planted outlier."""
    rng = random.Random(f"wcc-national-names:{seed}")
    taken: set[str] = set()
    planted_shas = {sha for sha, _, _ in PLANTED_SHA_EFFECTS}
    planted_competencies = {c for _, c, _ in PLANTED_SHA_EFFECTS}
    identities = []
    for sha, size in sha_sizes(per_sha).items():
        for _ in range(size):
            drawn = make_profile(rng, taken=taken)
            identities.append((drawn.name, drawn.code, sha))
    # Outliers sit in SHAs without a planted effect, on competencies without one, so each
    # finding has one cause.
    candidates = [i for i, (_, _, sha) in enumerate(identities) if sha not in planted_shas]
    chosen = sorted(rng.sample(candidates, min(PLANTED_OUTLIERS, len(candidates))))
    free = [c for c in COMPETENCIES if c not in planted_competencies]
    outliers = {i: rng.choice(free) + rng.choice(SUBS) for i in chosen}
    width = 3
    return [NationalJob(out_dir / f"{i + 1:0{width}d}-{_slug(name)}", seed, i + 1, name, code, sha, pages, bank,
                        (outliers[i], 0) if i in outliers else None)
            for i, (name, code, sha) in enumerate(identities)]


def _with_outlier_level(job: NationalJob) -> NationalJob:
    """Fix a planted outlier's panel level two away from the truth (known only once the profile is drawn)."""
    if not job.outlier:
        return job
    true = _draw(job)[0].true_levels[job.outlier[0]]
    panel = true + 2 if true <= 2 else true - 2
    return NationalJob(**{**job.__dict__, "outlier": (job.outlier[0], panel)})


def generate_national(out_dir: Path, seed: int, pages: int, bank: str = "dev", per_sha: int | None = None,
                      workers: int | None = None) -> list[GeneratedSubmission]:
    """The national corpus in `out_dir`: one folder and one review file per PCT, and national.json."""
    out_dir = Path(out_dir)
    jobs = [_with_outlier_level(job) for job in plan_jobs(out_dir, seed, pages, bank, per_sha)]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        done = [_generate_one(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_generate_one, jobs))
    truths = [truth for _, truth in done]
    manifest = {
        "seed": seed, "pages": pages, "bank": bank, "shape": NATIONAL_SHAPE,
        "shas": {sha: [t["code"] for t in truths if t["sha"] == sha] for sha in sha_sizes(per_sha)},
        "planted": {
            "sha_effects": [{"sha": s, "competency": c, "shift": d} for s, c, d in PLANTED_SHA_EFFECTS],
            "outliers": [{"code": t["code"], "sha": job.sha, "sub": job.outlier[0], "panel": job.outlier[1],
                          "truth": t["levels"][job.outlier[0]]}
                         for job, t in zip(jobs, truths) if job.outlier],
        },
        "submissions": truths,
    }
    (out_dir / "national.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return [generated for generated, _ in done]
