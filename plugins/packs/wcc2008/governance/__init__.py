"""wcc-2008 governance: the four questions of the Year 1 slides, data in criteria.toml."""

from pathlib import Path

from plugins.packs.wcc2008.kit import Wcc2008GovernancePlugin

plugin = Wcc2008GovernancePlugin(__name__, Path(__file__).with_name("criteria.toml"))
