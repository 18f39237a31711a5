"""Outcome metrics of wcc-2009 (appendix I) and the outcomes form rules, in metrics.toml."""

from pathlib import Path

from wcc_core.plugin_kit import OutcomesPlugin

plugin = OutcomesPlugin(__name__, Path(__file__).with_name("metrics.toml"))
