"""wcc-2008, the WCC assurance Year 1 (2008/09) criteria set, as one pack (see README.md).

Laid out as Year 2 is: framework.toml here, plugins/competencies/wcc2008/c1..c10,
plugins/governance/wcc2008/governance, plugins/outcomes/wcc2008. Two things Year 1 judges
its own way: the share of 360 respondents agreeing (competencies/wcc2008/survey_share.py)
and the Vital Signs outcomes (outcomes/wcc2008/__init__.py).
"""

from pathlib import Path

from plugins.competencies.wcc2008.survey_share import judge_survey_share
from plugins.outcomes.wcc2008 import VitalSignsPlugin
from wcc_core.plugin_kit import CriteriaSet

pack = CriteriaSet(__name__, Path(__file__).parent, outcomes_plugin=VitalSignsPlugin,
                   figure_judges={"survey_share": judge_survey_share})
