"""wcc-2009, the WCC assurance Year 2 (2009/10) criteria set, as one pack.

framework.toml beside this file is the framework record; the competencies are
plugins/competencies/wcc2009/c1..c11, the governance components
plugins/governance/wcc2009/{strategy,finance,board}, the outcomes plugins/outcomes/wcc2009.
Every line is judged by the kit's default judging (wcc_core.judging).
"""

from pathlib import Path

from wcc_core.plugin_kit import CriteriaSet

pack = CriteriaSet(__name__, Path(__file__).parent)
