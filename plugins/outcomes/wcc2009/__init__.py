"""Outcome metrics of wcc-2009 (appendix I) and the outcomes form rules, in metrics.toml (data only)."""
