"""National league tables as the HSJ and the NHS Confederation published them, and each PCT's scorecard.

Governance points: each rating's place on the framework's scale, worst first (for
wcc-2009: red 0, amber 1, green 2) for each component (strategy, finance and board: 0 to
6); competency points: the sum of the competency scores (each the mean of its levels, one
decimal). Both use the ratings and levels that stand (calibration over panel over the
evidence). Ranks are shared on ties ("=3"), as the published tables did. The scale and the
components come from the framework (`Scale`), never from code.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcc_core.calibration.load import PCT


@dataclass(frozen=True)
class Scale:
    """The framework's scales as calibration uses them: level numbers, ratings worst first, keys."""

    levels: tuple[int, ...]
    ratings: tuple[str, ...]
    components: tuple[str, ...]
    competencies: tuple[str, ...]

    def points(self, rating: str | None) -> int | None:
        """A rating's league points: its place on the scale, worst 0; None off the scale."""
        return self.ratings.index(rating) if rating in self.ratings else None


def _ranks(values: list[tuple[str, float]]) -> dict[str, str]:
    """Code -> rank, best first, ties sharing a rank written "=n"."""
    ordered = sorted(values, key=lambda kv: (-kv[1], kv[0]))
    ranks, counts = {}, {}
    for code, value in ordered:
        counts[value] = counts.get(value, 0) + 1
    position = 0
    seen: dict[float, int] = {}
    for code, value in ordered:
        position += 1
        first = seen.setdefault(value, position)
        ranks[code] = f"={first}" if counts[value] > 1 else str(first)
    return ranks


def governance_points(pct: PCT, scale: Scale) -> int | None:
    """The PCT's governance points; None when a component has no rating on the scale."""
    points = [scale.points(pct.governance.get(c, {}).get("final")) for c in scale.components]
    return None if any(p is None for p in points) else sum(points)


def competency_points(pct: PCT) -> float | None:
    """The sum of the PCT's competency scores; None when one is missing."""
    scores = [c["final"] for c in pct.competencies.values()]
    if not scores or any(s is None for s in scores):
        return None
    return round(sum(scores), 1)


def league_tables(pcts: list[PCT], scale: Scale) -> dict[str, list[dict]]:
    """{"governance": [...], "competencies": [...]}: every PCT with its points and rank, best first."""
    gov = [(p.code, governance_points(p, scale)) for p in pcts]
    comp = [(p.code, competency_points(p)) for p in pcts]
    gov_ranks = _ranks([(c, v) for c, v in gov if v is not None])
    comp_ranks = _ranks([(c, v) for c, v in comp if v is not None])
    by_code = {p.code: p for p in pcts}

    def table(values, ranks, extra):
        rows = [{"rank": ranks.get(code, "-"), "code": code, "name": by_code[code].name, "sha": by_code[code].sha,
                 "points": value, **extra(by_code[code])} for code, value in values]
        return sorted(rows, key=lambda r: (r["points"] is None, -(r["points"] or 0), r["code"]))

    return {
        "governance": table(gov, gov_ranks,
                            lambda p: {c: p.governance.get(c, {}).get("final") for c in scale.components}),
        "competencies": table(comp, comp_ranks,
                              lambda p: {k: p.competencies.get(k, {}).get("final") for k in scale.competencies}),
    }


def scorecard(pct: PCT, scale: Scale) -> dict:
    """The panel scorecard's layout (Rotherham, May 2010): outcomes; governance previous/current; competencies previous/current."""
    return {
        "code": pct.code, "name": pct.name, "sha": pct.sha,
        "outcomes": [{"ref": o["ref"], "name": o["name"], "cagr": o["cagr"], "national": o["national"],
                      "aspiration": o["aspiration"], "flags": o["flags"]} for o in pct.outcomes],
        "governance": [{"component": c, "previous": pct.governance.get(c, {}).get("last_year"),
                        "self": pct.governance.get(c, {}).get("self"),
                        "current": pct.governance.get(c, {}).get("final")} for c in scale.components],
        "competencies": [{"competency": k, "title": v["title"], "previous": v["last_year"], "self": v["self"],
                          "current": v["final"]}
                         for k, v in ((k, pct.competencies[k]) for k in scale.competencies if k in pct.competencies)],
    }
