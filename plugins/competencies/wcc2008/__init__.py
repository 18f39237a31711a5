"""The competencies of wcc-2008 (Year 1): one folder each, its criteria.toml; survey_share.py judges 360-feedback shares."""
