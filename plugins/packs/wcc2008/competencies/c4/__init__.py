"""wcc-2008 competency C4: Clinical leadership. Criteria in criteria.toml beside this file."""

from pathlib import Path

from plugins.packs.wcc2008.kit import Wcc2008CompetencyPlugin

plugin = Wcc2008CompetencyPlugin(__name__, Path(__file__).with_name("criteria.toml"))
