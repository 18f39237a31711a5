"""Showing last year's levels against this year's sub-competencies (`wcc assess --last-year`).

The pipeline reads a last-year record (wcc_core.framework.previous) and calls
`with_last_year`; the record's levels replace the `last_year` the submission typed, and
each competency's last-year score is the mean again (the handbook's rule, rules.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from wcc_core.assessment.model import Assessment
from wcc_core.assessment.rules import mean_one_decimal


def with_last_year(assessment: Assessment, levels: Mapping[str, int]) -> Assessment:
    """`assessment` with SubCompetencyResult.last_year from `levels` (full key -> level number)."""
    competencies = {}
    for key, competency in assessment.competencies.items():
        subs = tuple(replace(s, last_year=levels.get(s.full_key)) for s in competency.subcompetencies)
        competencies[key] = replace(competency, subcompetencies=subs,
                                    last_year_score=mean_one_decimal(s.last_year for s in subs))
    return replace(assessment, competencies=competencies)
