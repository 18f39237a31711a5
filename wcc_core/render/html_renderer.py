"""The HTML briefing: one self-contained file the panel can open from a USB stick or an email.

Everything is inline: the CSS and the filter script are included from templates/, the
charts are SVG drawn by templates/charts.svg.j2, and each cited PDF paragraph is a PNG
cropped from the rendered page (evidence_images.py), embedded once as an SVG symbol and
shown wherever it is cited. Nothing is fetched from the network, and the same assessment
gives the same bytes.
"""

from __future__ import annotations

import base64
import functools
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from wcc_core.records.results import CRITERION_STATUSES, Assessment
from wcc_core.render import Renderer, view
from wcc_core.render.charts import SmallMultiples, grouped_bars
from wcc_core.render.evidence_images import SCALE, crop_key, pdf_files, render_crops
from wcc_core.safe_text import html_safe

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"

SERIES_COLOURS = ("#9aa5b1", "#4a78b5", "#1f3b63", "#c0862b")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates' environment, built once per process so each template compiles once."""
    import jinja2  # here, not at the top: every command looks the renderers up, only HTML needs Jinja

    from wcc_core.render.template_cache import with_template_cache

    # finalize: every value a template prints goes through the HTML guard (no control
    # characters, no bidi formatting) before autoescaping, whatever the template does.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             finalize=html_safe)
    env.filters.update(score=view.score_text, level=view.level_text, rating=view.rating_text,
                       pct=view.percent_text, mean=view.mean_text, colour=view.rating_colour,
                       status_label=lambda s: view.CRITERION_STATUS_LABELS.get(s, s))
    env.globals.update(view=view, decision_note=view.decision_note)
    return with_template_cache(env)  # compiled once per template source, across runs


def competency_chart(assessment: Assessment):
    """The HTML report's chart of competency scores: last year, self-assessed and proposed, side by side."""
    keys = list(assessment.competencies)
    cs = list(assessment.competencies.values())
    return grouped_bars(
        "chart-competencies", "Competency scores: last year, self-assessed and proposed", keys,
        [("last year", SERIES_COLOURS[0]), ("self-assessed", SERIES_COLOURS[1]),
         (view.proposal_word(assessment), SERIES_COLOURS[2])],
        [[c.last_year_score for c in cs], [c.self_score for c in cs], [c.score for c in cs]],
        lo=0, hi=max(4, len(assessment.levels)), group_width=52,
        description="Mean level of each competency's sub-competencies, one decimal.")


def outcome_chart(assessment: Assessment):
    """One small chart per outcome, each on its own scale: the CAGRs of PCT and peers, the aspiration as a line."""
    if not assessment.outcomes:
        return None
    peers = view.OUTCOME_PEERS
    series = tuple((label, SERIES_COLOURS[i]) for i, (_, label) in enumerate(peers))
    charts = tuple(
        grouped_bars(f"chart-outcome-{i}", view.outcome_label(o)
                     + (f" ({view.direction_text(o)})" if view.direction_text(o) else ""), [o.ref], list(series),
                     [[o.cagr.get(key)] for key, _ in peers], markers=[o.aspiration_cagr],
                     marker_name="PCT aspiration", group_width=96, height=150, legend=False)
        for i, o in enumerate(assessment.outcomes))
    return SmallMultiples("chart-outcomes", "Outcomes: 3-year rate of change (CAGR, % a year) against peers",
                          charts, series, "PCT aspiration (CAGR)",
                          "Each outcome on its own scale; bars: historic CAGR, line: the PCT's aspiration. "
                          "Whether a rise or a fall is better depends on the metric: each title says which.")


def survey_chart(assessment: Assessment):
    """The HTML report's survey chart: the PCT's mean against the SHA average per question; None without a survey."""
    survey = assessment.survey
    if survey is None or not survey.questions:
        return None
    return grouped_bars(
        "chart-survey", "Stakeholder survey: PCT mean against SHA average (1-6)",
        [q.question for q in survey.questions],
        [("PCT mean", SERIES_COLOURS[1]), ("SHA average", SERIES_COLOURS[0])],
        [[q.mean for q in survey.questions], [q.sha_average for q in survey.questions]],
        lo=0, hi=6, fmt="{:.2f}", group_width=56,
        description="1 strongly disagree ... 6 strongly agree.")


def evidence_images(assessment: Assessment, root: Path | None) -> dict:
    """Crop key -> {"id", "uri", "w", "h"} for every cited block of a readable PDF."""
    keys = sorted({k for row in view.criterion_rows(assessment) for e in row.criterion.evidence
                   if (k := crop_key(e)) is not None})
    crops = render_crops(keys, pdf_files(assessment, root))
    out = {}
    for i, key in enumerate(sorted(crops)):
        png = crops[key]
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        out[key] = {"id": f"ev{i}", "uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
                    "w": width, "h": height,
                    # shown at print size: points x 96/72 CSS pixels
                    "css_w": round(width / SCALE * 96 / 72), "css_h": round(height / SCALE * 96 / 72)}
    return out


def render_html(assessment: Assessment, options: dict | None = None) -> str:
    """The self-contained HTML report; `options["root"]` is the submission folder the evidence images are read from."""
    options = options or {}
    root = options.get("root")
    images = evidence_images(assessment, Path(root) if root else None)
    template = environment().get_template("report.html.j2")
    signposts = view.signpost_results(assessment)
    groups = list(assessment.competencies) + list(assessment.governance)
    return in_words(template.render(
        a=assessment,
        title=view.title(assessment),
        panel_report=view.is_panel_report(assessment),
        proposed=view.proposal_word(assessment),
        commentary=view.commentary(assessment),
        problems_heading=view.problems_heading(assessment),
        agreement=view.agreement(assessment),
        charts=[c for c in (competency_chart(assessment), survey_chart(assessment), outcome_chart(assessment)) if c],
        images=images,
        image_for=lambda item: images.get(crop_key(item)) if crop_key(item) else None,
        statuses=CRITERION_STATUSES,
        criterion_counts=view.criterion_counts(assessment),
        signposts=signposts,
        signpost_counts=assessment.signpost_counts(),
        signpost_problems=view.signpost_problem_counts(assessment),
        groups=groups,
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        js=(TEMPLATES / "report.js").read_text(encoding="utf-8"),
    ), view.key_labels(assessment))


_TAG = re.compile(r"(<[^>]*>)")
# Inside these, a key is code, an id or drawing data: left as it is.
_VERBATIM = ("code", "script", "style", "svg", "textarea")


def in_words(page: str, labels: dict[str, str]) -> str:
    """The page with every framework key in its text (not in tags, attributes or code) in words.

    One pass over the finished page rather than a filter on each of the template's many
    texts, so no message a plugin writes can slip a raw key past the reader.
    """
    if not labels:
        return page
    escaped = {k: html.escape(v) for k, v in labels.items()}  # the page's text is escaped already
    out, verbatim = [], 0
    for piece in _TAG.split(page):
        if piece.startswith("<"):
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(piece) > 2 else ""
            if name in _VERBATIM and not piece.endswith("/>"):
                verbatim = max(0, verbatim + (-1 if piece.startswith("</") else 1))
            out.append(piece)
        elif verbatim or "." not in piece:
            out.append(piece)
        else:
            out.append(view.words(piece, escaped))
    return "".join(out)


def render(assessment: Assessment, options: dict) -> bytes:
    """The HTML renderer: `render_html` as UTF-8 bytes."""
    return render_html(assessment, options).encode("utf-8")


RENDERER = Renderer("html", "html", render, "one self-contained HTML briefing with charts and cropped evidence")
