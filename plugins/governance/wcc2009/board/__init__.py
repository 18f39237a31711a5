"""Governance component 'board' of wcc-2009: criteria per red/amber/green and its rating rule in criteria.toml (data only)."""
