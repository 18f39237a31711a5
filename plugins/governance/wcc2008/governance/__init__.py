"""wcc-2008 governance: the four questions of the Year 1 slides in criteria.toml (data only)."""
