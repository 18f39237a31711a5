"""Outcome measures, one folder per year (its metrics.toml)."""
