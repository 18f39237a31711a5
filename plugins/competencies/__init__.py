"""Competencies, one folder per year (`wcc2009/`, `wcc2008/`), one folder per competency inside."""
