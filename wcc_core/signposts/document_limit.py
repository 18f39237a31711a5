"""Findings about a competency as a whole, from all of its signposts.

The handbook: "Up to six documents can be signposted for evidence for each competency".
A document counts once however often it is cited; a name that matched no document, or
several, counts as the document the PCT meant, so seven names are seven documents.
"""

from __future__ import annotations

from collections import defaultdict

from wcc_core.signposts.document_names import name_words
from wcc_core.records.signposts import Signpost, SignpostFinding, SignpostResult


def _documents_named(results: list[tuple[SignpostResult, Signpost]]) -> list[str]:
    """Distinct documents a competency's signposts name: matched ids, else the names as typed."""
    named = []
    for result, signpost in results:
        if result.document:
            named.append(result.document)
        elif signpost.candidates:
            named.append("/".join(signpost.candidates))
        elif signpost.name:
            named.append(f"'{' '.join(name_words(signpost.name))}'")
    return sorted(set(named))


def too_many_documents(pairs: list[tuple[SignpostResult, Signpost]], max_documents: int) -> list[SignpostFinding]:
    """A finding for each competency that signposts more than `max_documents` documents."""
    by_key: dict[str, list[tuple[SignpostResult, Signpost]]] = defaultdict(list)
    for result, signpost in pairs:
        if result.element == "competency":
            by_key[result.key].append((result, signpost))
    findings = []
    for key, results in by_key.items():
        named = _documents_named(results)
        if len(named) > max_documents:
            message = (
                f"{key} signposts {len(named)} documents ({', '.join(named)}); "
                f"the handbook allows up to {max_documents} per competency"
            )
            findings.append(SignpostFinding(key, "too_many_documents", message, tuple(named)))
    return findings
