"""The assessment: rating plugins' judgements turned into one result by the handbook's rules.

`pipeline.run_assessment` is the entry point; `model.Assessment` is the one result every
renderer reads; `context.AssessmentContext` is what plugins are given; `rules.py` holds
the handbook's arithmetic.
"""
