"""`wcc batch`: many submissions assessed in parallel into one results database.

`discover.py` finds submission folders, `fingerprint.py` hashes what a result depends on
(so unchanged PCTs are skipped), `worker.py` assesses one PCT in a worker process,
`rows.py` turns its Assessment into table rows, `schema.py` and `store.py` own the SQLite
results database (docs/results-database.md), and `runner.py` ties them together.
"""
