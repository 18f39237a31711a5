"""Judging criterion lines from documents and figures, without any language model.

`stance.py` reads whether a passage states a thing as done or as not done / intended
(cues as data in `cues.toml`); `criterion.py` finds and weighs the passages for one
line and gives it one status with a one-line reason; `figures.py` judges lines that are
about a survey mean or a metric. Data-backed plugins (wcc_core.plugin_kit) use these;
a plugin may use its own.
"""
