"""wcc-2008 outcomes: the Vital Signs model (five chosen plus five national measures).

The measures are data (metrics.toml); the wcc-2008 pack (plugins/frameworks/wcc2008) makes
this its outcomes plugin, whose `wcc_assess_outcomes` compares each selected measure with the UK
average and the upper quartile and shows its improvement, as slide 6 describes. It does
not rate: the slides do not say how the improvement rating is computed.
"""

from __future__ import annotations

from wcc_core import hookimpl
from wcc_core.records.results import OutcomeResult
from wcc_core.plugin_kit import OutcomesPlugin


def _cagr(first: float | None, last: float | None, years: int) -> float | None:
    """Yearly compound change in per cent, or None when it cannot be computed."""
    if first is None or last is None or years <= 0 or first <= 0 or last <= 0:
        return None
    return round(((last / first) ** (1 / years) - 1) * 100, 2)


def _compare(value: float | None, peer: float | None, higher_is_better: bool) -> str | None:
    if value is None or peer is None:
        return None
    if value == peer:
        return "same"
    return "better" if (value > peer) == higher_is_better else "worse"


class VitalSignsPlugin(OutcomesPlugin):
    """The Vital Signs measures of wcc-2008 and their comparison with peers."""

    @hookimpl
    def wcc_assess_outcomes(self, context):
        framework, _, _ = self._record
        if context.framework.id != framework:
            return None
        results = []
        for entry in context.submission.outcomes:
            metric = context.framework.outcome_metrics.get(entry.ref)
            rows = sorted((o for o in context.outcome_series if o.ref == entry.ref), key=lambda o: o.year)
            higher = metric.higher_is_better if metric else True
            findings = [] if rows else [f"no series for {entry.ref} in the outcome series file"]
            first, last = (rows[0], rows[-1]) if rows else (None, None)
            years = len(rows) - 1
            cagr = {peer: _cagr(getattr(first, peer, None), getattr(last, peer, None), years)
                    for peer in ("pct", "national", "ons_cluster", "top_decile")}
            latest = {"year": last.year, "pct": last.pct, "uk_average": last.national,
                      "upper_quartile": last.top_decile} if last else {}
            comparison = {name: verdict for name, verdict in (
                ("uk_average", _compare(last.pct if last else None, last.national if last else None, higher)),
                ("upper_quartile", _compare(last.pct if last else None, last.top_decile if last else None, higher)),
            ) if verdict}
            improving = cagr["pct"] is not None and ((cagr["pct"] > 0) == higher) and cagr["pct"] != 0
            flags = ("improving",) if improving else (("not improving",) if cagr["pct"] is not None else ())
            results.append(OutcomeResult(
                ref=entry.ref, name=metric.name if metric else entry.name, higher_is_better=higher if metric else None,
                cagr=cagr, aspiration_cagr=None, latest=latest, comparison=comparison, flags=flags,
                changed_since_last_year=entry.previous_year is False,
                rationale=(f"{metric.name if metric else entry.ref}: latest {latest.get('pct')} ({latest.get('year')}), "
                           f"UK average {latest.get('uk_average')}, upper quartile {latest.get('upper_quartile')}; "
                           f"yearly change {cagr['pct']}%") if last else "",
                findings=tuple(findings),
            ))
        return results

