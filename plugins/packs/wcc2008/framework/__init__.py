"""The wcc-2008 framework record: levels, document types, 360 statements, parameters."""

from pathlib import Path

from wcc_core.plugin_kit import FrameworkPlugin

plugin = FrameworkPlugin(__name__, Path(__file__).with_name("framework.toml"))
