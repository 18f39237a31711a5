"""Renderers of one SignpostReport: a terminal table, the JSON contract, CSV for spreadsheets.

Each module's `RENDERER` record (subject "signposts") is listed in the one registry,
`wcc_core.render.registry`, beside the assessment's renderers.
"""

from wcc_core.render.signposts.csv_report import render_csv
from wcc_core.render.signposts.json_report import render_json
from wcc_core.render.signposts.text_report import render_text

__all__ = ["render_csv", "render_json", "render_text"]
