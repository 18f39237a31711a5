"""The Year 2 (2009/10) framework: document types, survey statements, signposting rules."""

from pathlib import Path

from wcc_core.plugin_kit import FrameworkPlugin

plugin = FrameworkPlugin(__name__, Path(__file__).with_name("framework.toml"))
