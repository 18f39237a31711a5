"""National league tables as the HSJ and the NHS Confederation published them, and each PCT's scorecard.

Governance points: red 0, amber 1, green 2 for each of strategy, finance and board (0 to
6); competency points: the sum of the 11 competency scores (each the mean of its three
levels, one decimal). Both use the ratings and levels that stand (calibration over panel
over the evidence). Ranks are shared on ties ("=3"), as the published tables did.
"""

from __future__ import annotations

from wcc_core.calibration.load import PCT

POINTS = {"red": 0, "amber": 1, "green": 2}
COMPONENTS = ("strategy", "finance", "board")


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


def governance_points(pct: PCT) -> int | None:
    ratings = [pct.governance.get(c, {}).get("final") for c in COMPONENTS]
    if any(r not in POINTS for r in ratings):
        return None
    return sum(POINTS[r] for r in ratings)


def competency_points(pct: PCT) -> float | None:
    scores = [c["final"] for c in pct.competencies.values()]
    if not scores or any(s is None for s in scores):
        return None
    return round(sum(scores), 1)


def league_tables(pcts: list[PCT]) -> dict[str, list[dict]]:
    """{"governance": [...], "competencies": [...]}: every PCT with its points and rank, best first."""
    gov = [(p.code, governance_points(p)) for p in pcts]
    comp = [(p.code, competency_points(p)) for p in pcts]
    gov_ranks = _ranks([(c, v) for c, v in gov if v is not None])
    comp_ranks = _ranks([(c, v) for c, v in comp if v is not None])
    by_code = {p.code: p for p in pcts}

    def table(values, ranks, extra):
        rows = [{"rank": ranks.get(code, "-"), "code": code, "name": by_code[code].name, "sha": by_code[code].sha,
                 "points": value, **extra(by_code[code])} for code, value in values]
        return sorted(rows, key=lambda r: (r["points"] is None, -(r["points"] or 0), r["code"]))

    return {
        "governance": table(gov, gov_ranks, lambda p: {c: p.governance.get(c, {}).get("final") for c in COMPONENTS}),
        "competencies": table(comp, comp_ranks,
                              lambda p: {k: v["final"] for k, v in sorted(p.competencies.items(),
                                                                          key=lambda kv: int(kv[0][1:]))}),
    }


def scorecard(pct: PCT) -> dict:
    """The panel scorecard's layout (Rotherham, May 2010): outcomes; governance previous/current; competencies previous/current."""
    return {
        "code": pct.code, "name": pct.name, "sha": pct.sha,
        "outcomes": [{"ref": o["ref"], "name": o["name"], "cagr": o["cagr"], "national": o["national"],
                      "aspiration": o["aspiration"], "flags": o["flags"]} for o in pct.outcomes],
        "governance": [{"component": c, "previous": pct.governance.get(c, {}).get("last_year"),
                        "self": pct.governance.get(c, {}).get("self"),
                        "current": pct.governance.get(c, {}).get("final")} for c in COMPONENTS],
        "competencies": [{"competency": k, "title": v["title"], "previous": v["last_year"], "self": v["self"],
                          "current": v["final"]}
                         for k, v in sorted(pct.competencies.items(), key=lambda kv: int(kv[0][1:]))],
    }
