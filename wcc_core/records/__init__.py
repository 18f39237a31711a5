"""The ground floor: the records every layer above reads and writes.

`results` is the assessment result model (the JSON contract's shape); `findings` the one
record for a problem found in a submission; `text.shorten` the one helper that cuts a
quoted line for a message. Evidence and signpost suggestions locate their block with the
indexer's `LocatedBlock` (the floor below). Nothing here imports anything of wcc above it.
"""
