"""Competency 8 of the Year 2 criteria set (wcc-2009); criteria in criteria.toml beside this file."""

from pathlib import Path

from wcc_core.plugin_kit import CompetencyPlugin

plugin = CompetencyPlugin(__name__, Path(__file__).with_name("criteria.toml"))
