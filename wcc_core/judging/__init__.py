"""Judging criterion lines from documents and figures, without any language model.

`steps.py` is the engine as named, ordered steps (candidates, fit, assertion, belongs,
probability, status), each replaceable by a framework pack; `criterion.py` runs them for
the lines of one sub-competency; `assertion.py` is the ConText algorithm (modifiers as
data in `context_rules.toml`) over `sentences.py`'s pysbd sentences; `line_model.py`
gives P(met); `figures.py` judges lines about a survey mean or a metric; `governance.py`
judges governance sub-components (failings worded negatively, figure lines). Data-backed
plugins (wcc_core.plugin_kit) use these; a plugin may use its own.
"""
