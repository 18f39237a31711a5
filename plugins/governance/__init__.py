"""Governance components, one folder per year, one folder per component inside."""
