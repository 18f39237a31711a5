"""Renderers of one SignpostReport: a terminal table, the JSON contract, CSV for spreadsheets."""

from wcc_core.render.signposts.csv_report import render_csv
from wcc_core.render.signposts.json_report import render_json
from wcc_core.render.signposts.text_report import render_text

RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}

__all__ = ["RENDERERS", "render_csv", "render_json", "render_text"]
