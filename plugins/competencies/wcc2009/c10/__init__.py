"""Competency C10 of wcc-2009 (Year 2): criteria.toml beside this file (data only; the pack registers it)."""
