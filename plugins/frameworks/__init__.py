"""Each year's framework record and its pack: `frameworks/<year>/__init__.py` registers the whole criteria set."""
