"""wcc-2008: the WCC assurance Year 1 criteria set as one plugin pack (see README.md)."""
