"""`wcc signposts --format json`: exactly the contract of SUBMISSION_FORMAT.md."""

from __future__ import annotations

import json
from dataclasses import replace

from wcc_core.records.signposts import SignpostReport
from wcc_core.render import Renderer


def shown(report: SignpostReport, only_problems: bool) -> SignpostReport:
    """The report with verified signposts left out when only problems are wanted.

    The summary still counts every signpost, so it agrees with the exit code.
    """
    if not only_problems:
        return report
    return replace(report, results=tuple(r for r in report.results if not r.verified))


def render_json(report: SignpostReport, only_problems: bool = False) -> str:
    """The signpost report as JSON; the summary counts every signpost even when only problems are shown."""
    data = shown(report, only_problems).to_json()
    data["summary"] = report.summary()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _render(report: SignpostReport, options: dict) -> bytes:
    return render_json(report, bool(options.get("only_problems"))).encode("utf-8")


RENDERER = Renderer("json", "json", _render, "the signpost report as the JSON contract", subject="signposts")
