"""Signposts: a PCT's free-text references to its evidence, parsed and checked.

The pipeline reads like eyecite's: tokenize (`tokens.py`) -> recognise the document
name (`document_names.py`) -> recognise the locators (`parser.py`) -> resolve them
against the extracted documents (`verify.py`) -> score how well the cited text fits
the criteria (`relevance.py`). One result model (`model.py`) feeds every renderer
(`render/`).
"""

from wcc_core.signposts.document_names import DocumentCatalogue, catalogue_for
from wcc_core.records.signposts import (
    STATUSES,
    AppendixLocator,
    LocatorResult,
    PageList,
    PageLocator,
    PageRange,
    SectionLocator,
    Signpost,
    SignpostFinding,
    SignpostReport,
    SignpostResult,
    Suggestion,
    UnknownLocator,
    WholeDocument,
    worst_status,
)
from wcc_core.signposts.parser import parse_signpost, render_signpost
from wcc_core.signposts.verify import VerifyRules, verify_signposts

__all__ = [
    "STATUSES",
    "AppendixLocator",
    "DocumentCatalogue",
    "LocatorResult",
    "PageList",
    "PageLocator",
    "PageRange",
    "SectionLocator",
    "Signpost",
    "SignpostFinding",
    "SignpostReport",
    "SignpostResult",
    "Suggestion",
    "UnknownLocator",
    "VerifyRules",
    "WholeDocument",
    "catalogue_for",
    "parse_signpost",
    "render_signpost",
    "verify_signposts",
    "worst_status",
]
