"""Signposts as PCTs really write them, built from how NHS documents cite each other.

A table of (text, expected references) in the style of eyecite's tests: section signs,
"para." with and without a page, "Appendix 3 table 2", "pages 12 & 13", "p12-13",
"pg. 4 para 2", "(p. 14)", a trailing full stop, bare section numbers ("JSNA 4.2.2"),
and two documents' signposts in one string joined by "and", "&", "/" or ",".

What a bare number after a document name means is decided here and documented in
docs/signposts.md: a dotted number ("SP 3.2.1") is a section, as a reader of a numbered
plan takes it; a whole number ("SP 14") is a page, as the submission format reads the
"14" of "14(3)"; a year ("JSNA 2009") belongs to the name.
"""

from __future__ import annotations

import pytest

from tests.signposts.factories import WHOLE, app, catalogue, document, entry, p, page, pages, pp, sec, unknown
from wcc_core.signposts import VerifyRules, verify_signposts
from wcc_core.signposts.parser import meaning, parse_signpost, render_signpost

CATALOGUE = catalogue()


def sp(name, document, *locators, candidates=(), inherited=False):
    return (name, document, tuple(candidates), inherited, tuple(locators))


def parsed(raw):
    return meaning(parse_signpost(raw, CATALOGUE))


REAL_WORLD = [
    # bare numbers after a name
    ("JSNA 1.1", [sp("JSNA", "JSNA", sec("1.1"))]),
    ("JSNA 4.2.2", [sp("JSNA", "JSNA", sec("4.2.2"))]),
    ("SP 3.2.1", [sp("SP", "SP", sec("3.2.1"))]),
    ("SP 3.2.1 p.14", [sp("SP", "SP", sec("3.2.1"), p(14))]),
    ("SP 4.2 and 5.1", [sp("SP", "SP", sec("4.2"), sec("5.1"))]),
    ("SP 14", [sp("SP", "SP", p(14))]),
    ("SP 14, 15", [sp("SP", "SP", pages(p(14), p(15)))]),
    ("JSNA 2009 1.3", [sp("JSNA 2009", "JSNA", sec("1.3"))]),
    ("SP 12.11.2009", [sp("SP", "SP", unknown("12.11.2009"))]),  # a date, not a section
    # section signs and section words
    ("SP §3.2", [sp("SP", "SP", sec("3.2"))]),
    ("SP § 3.2", [sp("SP", "SP", sec("3.2"))]),
    ("SP §§ 3.2", [sp("SP", "SP", sec("3.2"))]),
    ("SP s3.2", [sp("SP", "SP", sec("3.2"))]),
    ("SP sec. 3", [sp("SP", "SP", sec("3"))]),
    ("SP Section 3 (p.12)", [sp("SP", "SP", sec("3"), p(12))]),
    ("SP sections 4.2 & 5.1", [sp("SP", "SP", sec("4.2"), sec("5.1"))]),
    ("SP chapter 4 p.12", [sp("SP", "SP", sec("4"), p(12))]),
    # paragraphs with and without a page
    ("SP para. 4", [sp("SP", "SP", sec("4", "para"))]),
    ("SP para 4.2.1.", [sp("SP", "SP", sec("4.2.1", "para"))]),
    ("SP p.4 para. 2", [sp("SP", "SP", p(4, 2))]),
    ("SP pg. 4 para 2", [sp("SP", "SP", p(4, 2))]),
    ("SP p 4 (para 2)", [sp("SP", "SP", p(4, 2))]),
    ("SP p.14 paras. 2, 3", [sp("SP", "SP", p(14, 2, 3))]),
    ("Strategic Plan page 14 paragraph 3", [sp("Strategic Plan", "SP", p(14, 3))]),
    ("SP, p. 14, para. 3.", [sp("SP", "SP", p(14, 3))]),
    ("SP p.14 para 3 and p.15 para 1", [sp("SP", "SP", p(14, 3), p(15, 1))]),
    # pages
    ("SP pages 12 & 13", [sp("SP", "SP", pages(p(12), p(13)))]),
    ("SP page 14 & 15", [sp("SP", "SP", pages(p(14), p(15)))]),
    ("SP p12-13", [sp("SP", "SP", pp(12, 13))]),
    ("SP pp5-7", [sp("SP", "SP", pp(5, 7))]),
    ("SP p. 5 – 7", [sp("SP", "SP", pp(5, 7))]),
    ("SP pp.4/5", [sp("SP", "SP", pages(p(4), p(5)))]),
    ("SP (p. 14)", [sp("SP", "SP", p(14))]),
    ("SP p.14.", [sp("SP", "SP", p(14))]),
    ("SP 14.", [sp("SP", "SP", p(14))]),
    ("SP p. 12 para 4.", [sp("SP", "SP", p(12, 4))]),
    ("SP p.14 onwards", [sp("SP", "SP", p(14))]),
    ("SP p14ff", [sp("SP", "SP", p(14))]),
    ("SP p.14 et seq.", [sp("SP", "SP", p(14))]),
    ("SP p.ii", [sp("SP", "SP", p("ii"))]),
    # appendices, tables and figures
    ("SP Appendix 3 table 2", [sp("SP", "SP", app("3"), sec("2", "table"))]),
    ("SP Appendix B p.3", [sp("SP", "SP", app("B"), p(3))]),
    ("SP annex C, p. 2", [sp("SP", "SP", app("C"), p(2))]),
    ("SP App. B", [sp("SP", "SP", app("B"))]),
    ("SP table 2", [sp("SP", "SP", sec("2", "table"))]),
    ("SP fig. 3", [sp("SP", "SP", sec("3", "figure"))]),
    ("SP p.12 table 4", [sp("SP", "SP", p(12), sec("4", "table"))]),
    # two signposts in one string
    ("SP p.14 and JSNA p.3", [sp("SP", "SP", p(14)), sp("JSNA", "JSNA", p(3))]),
    ("SP p.14 & JSNA p.3", [sp("SP", "SP", p(14)), sp("JSNA", "JSNA", p(3))]),
    ("SP p.14 / JSNA p.3", [sp("SP", "SP", p(14)), sp("JSNA", "JSNA", p(3))]),
    ("SP p.14, JSNA s.2", [sp("SP", "SP", p(14)), sp("JSNA", "JSNA", sec("2"))]),
    ("SP p.12 para 4; JSNA 1.1", [sp("SP", "SP", p(12, 4)), sp("JSNA", "JSNA", sec("1.1"))]),
    ("Strategic plan section 2 and OD plan p.4 para 1",
     [sp("Strategic plan", "SP", sec("2")), sp("OD plan", "OD", p(4, 1))]),
    ("SP p.4 and JSNA 4.2.2 and Comms p.1",
     [sp("SP", "SP", p(4)), sp("JSNA", "JSNA", sec("4.2.2")), sp("Comms", "COMMS", p(1))]),
    ("SP p.4 and CPF p.2", [sp("SP", "SP", p(4)), sp("CPF", None, p(2), candidates=("CPF-A", "CPF-P"))]),
    ("SP p.4 and the bit about money", [sp("SP", "SP", p(4), unknown("the bit about money"))]),
    ("SP whole document and JSNA p.2", [sp("SP", "SP", WHOLE), sp("JSNA", "JSNA", p(2))]),
]


def test_the_table_has_at_least_forty_real_world_forms():
    assert len(REAL_WORLD) >= 40


@pytest.mark.parametrize("raw, expected", REAL_WORLD, ids=[r for r, _ in REAL_WORLD])
def test_signposts_as_nhs_documents_write_them(raw, expected):
    assert parsed(raw) == tuple(expected)


@pytest.mark.parametrize("raw", [r for r, _ in REAL_WORLD])
def test_their_canonical_form_reads_back_to_the_same_meaning(raw):
    first = parse_signpost(raw, CATALOGUE)
    assert meaning(parse_signpost(render_signpost(first), CATALOGUE)) == meaning(first)


@pytest.mark.parametrize("digits", [7, 400, 5000, 20000])
@pytest.mark.parametrize("form", ["SP p.{n}", "SP {n}", "SP p.4 para {n}", "SP section {n}", "SP appendix {n}",
                                  "SP 1.{n}", "SP pp. 4-{n}", "SP table {n}", "SP p.4; {n}"])
def test_a_signpost_of_thousands_of_digits_is_unparseable_not_an_error(form, digits):
    raw = form.format(n="9" * digits)
    entries = [entry(raw)]
    report = verify_signposts(entries, CATALOGUE, {"SP": document(page("1", "Text."))}, VerifyRules())
    assert [r.status for r in report.results] == ["unparseable"], raw
    assert "too long" in report.results[0].message or "not a section number" in report.results[0].message


def test_digits_in_a_document_name_do_not_overflow():
    (signpost,) = parse_signpost("Annual report " + "7" * 5000 + " p.4", CATALOGUE)
    assert signpost.document is None and meaning([signpost])[0][4] == (p(4),)
