"""The briefing shows each sub-competency's verdict, confidence and lines to check, as the assessment gives them."""

from __future__ import annotations

import lxml.html


def test_every_subcompetency_shows_its_verdict_confidence_and_lines_to_check(assessment, rendered):
    root = lxml.html.fromstring(rendered["html"].decode("utf-8"))
    shown = root.xpath("//p[@class='verdict']")
    subs = [s for c in assessment.competencies.values() for s in c.subcompetencies]
    assert len(shown) == len(subs)
    for s, p in zip(subs, shown):
        text = p.text_content()
        assert p.get("data-verdict") == s.verdict
        assert text.startswith(f"{s.verdict.capitalize()}:")
        assert f"confidence {s.confidence:.2f}" in text
        if s.lines_to_check:
            assert text.endswith(f"lines to check: {', '.join(s.lines_to_check)}.")
        else:
            assert "lines to check" not in text
    assert {p.get("data-verdict") for p in shown} >= {"supported", "over-claim likely"}
