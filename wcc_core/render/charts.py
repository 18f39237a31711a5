"""The geometry of the report's charts, drawn as inline SVG by templates/charts.svg.j2.

Python works out where every bar and tick goes (plain numbers, easy to test); the
template only draws them. No chart library and no script: an SVG in the HTML file
works offline, in an email attachment and when printed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, placed in the SVG's coordinates, with its value for the tooltip."""

    x: float
    y: float
    width: float
    height: float
    series: int  # index into Chart.series
    value: float | None
    label: str  # the value as text, shown in the tooltip


@dataclass(frozen=True)
class Group:
    """The bars drawn side by side for one label (one competency, one survey question), with an optional marker line."""

    label: str
    x: float  # centre of the group
    bars: tuple[Bar, ...]
    marker: float | None = None  # y of a marker line across the group (the aspiration)
    marker_label: str = ""


@dataclass(frozen=True)
class Tick:
    """A labelled line across the plot at height `y`."""

    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A grouped bar chart worked out to the last coordinate: what the SVG template draws."""

    id: str
    title: str
    width: float
    height: float
    series: tuple[tuple[str, str], ...]  # (name, colour)
    groups: tuple[Group, ...]
    ticks: tuple[Tick, ...]
    zero_y: float
    plot_left: float
    plot_right: float
    marker_name: str = ""
    description: str = ""
    legend: bool = True
    label_y: float = 0.0  # baseline of the group labels under the plot


@dataclass(frozen=True)
class SmallMultiples:
    """One small chart per subject, each on its own scale (outcome CAGRs differ a hundredfold)."""

    id: str
    title: str
    charts: tuple[Chart, ...]
    series: tuple[tuple[str, str], ...]
    marker_name: str = ""
    description: str = ""


LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 28.0, 46.0


def grouped_bars(chart_id: str, title: str, labels: list[str], series: list[tuple[str, str]],
                 values: list[list[float | None]], *, lo: float | None = None, hi: float | None = None,
                 markers: list[float | None] | None = None, marker_name: str = "", fmt: str = "{:.1f}",
                 height: float = 240.0, group_width: float = 56.0, description: str = "",
                 legend: bool = True) -> Chart:
    """A grouped bar chart: one group per label, one bar per series; None leaves a gap.

    `lo`/`hi` fix the value axis (levels 0..4, survey 1..6); otherwise it spans the data
    and zero. `markers` draws one line per group (an outcome's aspiration).
    """
    data = [v for row in values for v in row if v is not None] + [m for m in markers or [] if m is not None]
    low = lo if lo is not None else min([0.0] + data)
    high = hi if hi is not None else max([0.0] + data)
    if high - low < 1e-9:
        high = low + 1.0
    step = _nice_step((high - low) / 5)
    if lo is None:
        low = math.floor(low / step) * step
    if hi is None:
        high = math.ceil(high / step) * step
    margin_below = BOTTOM if legend else BOTTOM - 18
    plot_h = height - TOP - margin_below
    width = LEFT + RIGHT + group_width * max(1, len(labels))
    if legend:  # wide enough for the legend below the plot
        width = max(width, LEFT + 110 * len(series) + (200 if marker_name else 0))

    def y_of(v: float) -> float:
        return round(TOP + plot_h * (high - v) / (high - low), 2)

    base = y_of(min(max(0.0, low), high))
    bar_w = (group_width - 12) / max(1, len(series))
    groups = []
    for gi, label in enumerate(labels):
        x0 = LEFT + gi * group_width + 6
        bars = []
        for si, _ in enumerate(series):
            v = values[si][gi] if gi < len(values[si]) else None
            if v is None:
                continue
            top, bottom = sorted((y_of(v), base))
            bars.append(Bar(round(x0 + si * bar_w, 2), top, round(bar_w - 1, 2), round(max(bottom - top, 1.0), 2),
                            si, v, fmt.format(v)))
        marker = (markers or [None] * len(labels))[gi]
        groups.append(Group(label, round(x0 + (group_width - 12) / 2, 2), tuple(bars),
                            y_of(marker) if marker is not None else None,
                            fmt.format(marker) if marker is not None else ""))
    ticks = []
    v = low
    while v <= high + 1e-9:
        ticks.append(Tick(y_of(v), _tick_label(v, step)))
        v += step
    return Chart(chart_id, title, round(width, 2), height, tuple(series), tuple(groups), tuple(ticks), base,
                 LEFT, round(width - RIGHT, 2), marker_name, description, legend=legend, label_y=height - margin_below + 16)


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least `raw`."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw - 1e-12:
            return m * power
    return 10 * power


def _tick_label(v: float, step: float) -> str:
    v = 0.0 if abs(v) < step / 1000 else v  # never "-0.0"
    return f"{v:.0f}" if step >= 1 else f"{v:.1f}"
