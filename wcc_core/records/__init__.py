"""The ground floor: the records every layer above reads and writes.

`results` is the assessment result model (the JSON contract's shape); `findings` the one
record for a problem found in a submission. Nothing here imports anything of wcc above it.
"""
