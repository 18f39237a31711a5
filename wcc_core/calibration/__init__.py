"""`wcc calibrate`: the calibration pack for regional and national calibration panels.

`load.py` reads and merges results databases, `stats.py` holds the small statistics,
`consistency.py` compares SHAs, `outliers.py` finds PCTs for re-scoring, `pairs.py`
like-for-like pairs, `league.py` the league tables and scorecards, `pack.py` builds the
one result that `render_html.py`, `render_xlsx.py` and JSON write (docs/calibration.md).
"""
