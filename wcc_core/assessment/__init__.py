"""The assessment: the handbook's arithmetic over judged lines, turned into one result.

`wcc_core.pipeline.run_assessment` is the entry point; `aggregate.py` calls the plugins'
hooks and builds the one result every renderer reads (`wcc_core.records.results.Assessment`);
`arithmetic.py` holds the additive levels and the means, the `*_rules.py` modules the
ratings. Plugins are given `wcc_core.judging.context.AssessmentContext`.
"""
