"""Competency C10 of wcc-2008 (Year 1): criteria.toml beside this file (data only; the pack registers it)."""
