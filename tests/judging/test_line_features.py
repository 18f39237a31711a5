"""The line model's features that are not fits: a denial beside the best statement, and the line's level."""

from __future__ import annotations

from tests.assessment.builders import write_submission
from tests.assessment.test_competency_levels import FILLER
from wcc_core.pipeline import run_assessment

# C3a.1: "effective strategies for communicating with the public and patients (including
# seldom heard groups) that are informed by Equality Impact Assessments".
AFFIRMED = ("Our strategy for communicating with the public and patients, including seldom heard groups, "
            "is informed by an Equality Impact Assessment completed in 2009.")
MIXED = ("Our effective strategies for communicating with the public and patients include seldom heard groups, "
         "reached through community champions in every locality. No Equality Impact Assessment has informed "
         "them yet.")


def line(tmp_path, name, paragraphs, line_id):
    folder = write_submission(tmp_path / name, {"SP": ("strategic_plan", FILLER + paragraphs)})
    assessment = run_assessment(folder, validate=False)
    return {c.id: c for comp in assessment.competencies.values() for s in comp.subcompetencies
            for c in s.criteria}[line_id]


def test_a_passage_that_denies_the_line_in_another_sentence_is_marked_mixed_and_less_likely_met(tmp_path):
    plain = line(tmp_path, "plain", [AFFIRMED], "C3a.1")
    mixed = line(tmp_path, "mixed", [MIXED], "C3a.1")
    assert dict(plain.signals)["mixed"] == 0.0
    assert dict(mixed.signals)["mixed"] == 1.0
    # The denial beside the best sentence lowers P(met) by the fitted coefficient.
    assert mixed.probability < plain.probability


def test_the_line_level_is_a_feature_so_a_stronger_line_needs_more_evidence(tmp_path):
    folder = write_submission(tmp_path / "levels", {"SP": ("strategic_plan", FILLER + [AFFIRMED])})
    assessment = run_assessment(folder, validate=False)
    judged = [c for comp in assessment.competencies.values() for s in comp.subcompetencies for c in s.criteria
              if c.signals]
    assert {c.level for c in judged} >= {2, 3, 4}
    for c in judged:
        signals = dict(c.signals)
        assert (signals["level_3"], signals["level_4"]) == (float(c.level == 3), float(c.level == 4)), c.id
