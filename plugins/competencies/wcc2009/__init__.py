"""The competencies of wcc-2009 (Year 2): one folder each, its criteria.toml; synonyms.toml shared by them."""
