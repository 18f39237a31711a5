"""The terminal summary of an Assessment: one screen, plain text off a terminal.

(The issue-10 renderer replaces this with rich tables; this one keeps `wcc assess`
readable meanwhile.)
"""

from __future__ import annotations


def terminal_summary(assessment, color: bool = False) -> str:
    lines = [f"{assessment.submission} — {assessment.framework_name}", ""]
    lines.append(f"{'':6}{'self':>6}{'proposed':>10}{'last yr':>9}  met/lines")
    for key, c in assessment.competencies.items():
        def f(v):
            return "-" if v is None else f"{v:.1f}"
        met = sum(s.counts()["met"] for s in c.subcompetencies)
        total = sum(len(s.criteria) for s in c.subcompetencies)
        lines.append(f"{key:<6}{f(c.self_score):>6}{f(c.score):>10}{f(c.last_year_score):>9}  {met}/{total}  {c.title}")
        for s in c.subcompetencies:
            lines.append(f"  {s.full_key:<4}{s.self_level if s.self_level is not None else '-':>6}{s.proposed:>10}"
                         f"{s.last_year if s.last_year is not None else '-':>9}  {s.counts()['met']}/{len(s.criteria)}")
    if assessment.focus_areas:
        lines += ["", "Focus areas:"]
        for area in assessment.focus_areas[:10]:
            lines.append(f"  {area.key}: {area.why}")
    return "\n".join(lines) + "\n"
