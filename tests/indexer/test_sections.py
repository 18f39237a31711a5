"""Section numbers a block carries at its start (what "section 4.2" or "para 3.2.1" names)."""

from __future__ import annotations

import pytest

from indexer.sections import normalise_section, section_number


@pytest.mark.parametrize(
    "text, section",
    [
        ("2.1 Needs", "2.1"),
        ("3.2.1 Market analysis shows three providers", "3.2.1"),
        ("1.1.1 General", "1.1.1"),
        ("4. Delivery", "4"),
        ("1 Background", "1"),
        ("3) Governance", "3"),
        ("Appendix b - Finance", "Appendix B"),
        ("Section 4.2 Commissioning", "4.2"),
        ("12 months of data", None),
        ("2009 saw the first plan", None),
        ("1.2m for smoking services", None),
        ("22 on page 1.", None),  # the tail of "... see line" broken across lines
        ("5Stall warning indication", None),  # a footnote mark, not a section
        ("4. delivery starts in April", "4"),  # "4." is a number however the words run
        ("Strategic Plan", None),
    ],
)
def test_section_number(text, section):
    assert section_number(text) == section


@pytest.mark.parametrize("ref, canonical", [("4.2.", "4.2"), ("4.02", "4.2"), ("appendix b", "Appendix B")])
def test_cited_sections_are_normalised(ref, canonical):
    assert normalise_section(ref) == canonical
