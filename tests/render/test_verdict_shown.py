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


def _subs(assessment):
    return [s for c in assessment.competencies.values() for s in c.subcompetencies]


def test_the_terminal_counts_the_challenges_and_names_the_most_confident(assessment, rendered):
    from wcc_core.render import view

    flat = " ".join(rendered["text"].decode("utf-8").split())
    challenged = [s for s in _subs(assessment) if s.verdict in view.CHALLENGES]
    assert challenged, "the sample has over-claims to challenge"
    over = sum(1 for s in challenged if s.verdict == "over-claim likely")
    assert f"Challenges to the self-assessment: {over} over-claim likely" in flat
    surest = sorted(challenged, key=lambda s: (-s.confidence, s.full_key))[:3]
    shown = ", ".join(f"{s.full_key} {s.self_level} -> {s.proposed} ({s.confidence:.2f})" for s in surest)
    assert f"most confident: {shown}" in flat


def test_the_word_briefing_gives_each_verdict_in_the_rationale(assessment, rendered):
    import io

    import docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO(rendered["docx"])).paragraphs]
    for s in _subs(assessment):
        mine = [p for p in paragraphs if p.startswith(f"{s.key.upper()}: {s.verdict.capitalize()}:")]
        assert mine, s.full_key
        assert any(f"confidence {s.confidence:.2f}" in p for p in mine)


def test_the_workbook_has_verdict_confidence_and_lines_to_check_columns(assessment, rendered):
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(rendered["xlsx"]))["Competencies"]
    header = [c.value for c in sheet[1]]
    at = {name: header.index(name) for name in ("sub-competency", "verdict", "confidence", "lines to check")}
    rows = {r[at["sub-competency"]]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[at["sub-competency"]]}
    for s in _subs(assessment):
        row = rows[s.full_key]
        assert (row[at["verdict"]], row[at["confidence"]]) == (s.verdict, s.confidence)
        assert (row[at["lines to check"]] or "") == ", ".join(s.lines_to_check)
