"""How an assessment compares with the truth of an independently written PCT (`truth.json`).

The independent banks (`corpus/independent/*/`) are written by authors who saw only the
criterion texts and a style brief, in the format of `../shared/assess-dev/README.md`:
`planted` statements (a line stated as done), `negative_evidence` (a line plainly not
done or only planned), `distractors` (topical text that states nothing as done), and the
truth and self-assessed level of every sub-competency. `score` counts, for one PCT, every
figure the judging issue sets a target for; `figures` turns summed counts into ratios.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

# (name, numerator, denominator, target, "min" when the figure must reach the target, "max" when it must stay under)
FIGURES = (
    ("level equal to truth", "level_equal", "subs", 0.85, "min"),
    ("baseline: propose = self", "baseline_equal", "subs", None, ""),
    ("planted in the line's top 5 evidence", "planted_top5", "planted", 0.92, "min"),
    ("planted -> line met", "planted_met", "planted", 0.92, "min"),
    ("planted -> line not_met", "planted_not_met", "planted", 0.03, "max"),
    ("not yet / only planned -> not_met", "negative_not_met", "negative", 0.85, "min"),
    ("distractor -> line met", "distractor_met", "distractors", 0.10, "max"),
    ("over-claims proposed below self", "overclaim_caught", "overclaims", 0.85, "min"),
    ("proposed below self and truth below self", "challenge_right", "challenges", 0.80, "min"),
)


def _prefix(text: str) -> str:
    """The first 40 characters the way truth.json records `paragraph_prefix`."""
    text = " ".join(text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
                    .replace("\u2018", "'").split())
    return text[:40]


def _found(item: dict, evidence) -> bool:
    """Is the truth's passage among `evidence` (by document, physical page and paragraph, or its prefix)?"""
    for e in evidence:
        if e.place is None or e.place.doc_id != item["document"] or e.place.physical != item["physical_page"]:
            continue
        if e.place.n == item["paragraph"] or _prefix(e.excerpt).startswith(item["paragraph_prefix"][:30]):
            return True
    return False


def load_truth(folder: Path) -> dict:
    """The PCT's truth.json."""
    return json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8"))


def score(truth: dict, assessment) -> Counter:
    """Counts for one PCT: the numerators and denominators of `FIGURES`."""
    lines = {c.id: c for comp in assessment.competencies.values() for s in comp.subcompetencies for c in s.criteria}
    counts: Counter = Counter()
    for item in truth["planted"]:
        line = lines.get(item["criterion_key"])
        if line is None:
            continue
        counts["planted"] += 1
        counts["planted_top5"] += _found(item, [e for e in line.evidence if e.place][:5])
        counts["planted_met"] += line.status == "met"
        counts["planted_not_met"] += line.status == "not_met"
    for item in truth["negative_evidence"]:
        line = lines.get(item["criterion_key"])
        if line is not None:
            counts["negative"] += 1
            counts["negative_not_met"] += line.status == "not_met"
    for item in truth["distractors"]:
        line = lines.get(item["criterion_key"])
        if line is not None:
            counts["distractors"] += 1
            counts["distractor_met"] += line.status == "met"
    for comp_key, subs in truth["levels"].items():
        competency = assessment.competencies.get(comp_key)
        if competency is None:
            continue
        for sub_key, level in subs.items():
            proposed = competency.sub(sub_key).proposed
            claimed = truth["self"][comp_key][sub_key]
            counts["subs"] += 1
            counts["level_equal"] += proposed == level
            counts["baseline_equal"] += claimed == level
            if level < claimed:
                counts["overclaims"] += 1
                counts["overclaim_caught"] += proposed < claimed
            if proposed < claimed:
                counts["challenges"] += 1
                counts["challenge_right"] += level < claimed
    return counts


def figures(counts: Counter) -> dict[str, dict]:
    """Each figure as {value, n, target, ok}; value None when its denominator is 0."""
    out = {}
    for name, num, den, target, sense in FIGURES:
        value = round(counts[num] / counts[den], 3) if counts[den] else None
        ok = None
        if target is not None and value is not None:
            ok = value >= target if sense == "min" else value <= target
        out[name] = {"value": value, "of": f"{counts[num]}/{counts[den]}", "target": target, "sense": sense, "ok": ok}
    return out
