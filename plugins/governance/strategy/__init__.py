"""Governance component 'strategy' of wcc-2009; criteria per red/amber/green in criteria.toml beside this file."""

from pathlib import Path

from wcc_core.plugin_kit import GovernancePlugin

plugin = GovernancePlugin(__name__, Path(__file__).with_name("criteria.toml"))
