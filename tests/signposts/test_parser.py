"""The signpost grammar: what PCTs write, and what it means. Tables of (text, expected)."""

from __future__ import annotations

import pytest

from tests.signposts.factories import WHOLE, app, catalogue, p, pages, pp, sec, unknown
from wcc_core.signposts.parser import meaning, parse_signpost, render_signpost

CATALOGUE = catalogue()


def sp(name, document, *locators, candidates=(), inherited=False):
    return (name, document, tuple(candidates), inherited, tuple(locators))


def parsed(raw):
    return meaning(parse_signpost(raw, CATALOGUE))


LOCATOR_FORMS = [
    ("SP p.14", [sp("SP", "SP", p(14))]),
    ("SP p14", [sp("SP", "SP", p(14))]),
    ("SP page 14", [sp("SP", "SP", p(14))]),
    ("SP pg 14", [sp("SP", "SP", p(14))]),
    ("SP pp. 22-23", [sp("SP", "SP", pp(22, 23))]),
    ("SP pp 22–3", [sp("SP", "SP", pp(22, 23))]),
    ("SP pp. 122-9", [sp("SP", "SP", pp(122, 129))]),
    ("SP pages 4 to 6", [sp("SP", "SP", pp(4, 6))]),
    ("SP pages 4, 7 and 9", [sp("SP", "SP", pages(p(4), p(7), p(9)))]),
    ("SP pp. 4-5, 9", [sp("SP", "SP", pages(pp(4, 5), p(9)))]),
    ("SP p.14 para 3", [sp("SP", "SP", p(14, 3))]),
    ("SP p.14, para. 3", [sp("SP", "SP", p(14, 3))]),
    ("SP p 14 paras 2-4", [sp("SP", "SP", p(14, 2, 3, 4))]),
    ("SP p 14 paras 2 and 5", [sp("SP", "SP", p(14, 2, 5))]),
    ("SP 14(3)", [sp("SP", "SP", p(14, 3))]),
    ("SP p.14(3)", [sp("SP", "SP", p(14, 3))]),
    ("SP 14", [sp("SP", "SP", p(14))]),
    ("SP section 4.2", [sp("SP", "SP", sec("4.2"))]),
    ("SP s.4.2", [sp("SP", "SP", sec("4.2"))]),
    ("SP §4.2", [sp("SP", "SP", sec("4.2"))]),
    ("SP sect. 4.02", [sp("SP", "SP", sec("4.2"))]),
    ("SP para 3.2.1", [sp("SP", "SP", sec("3.2.1", "para"))]),
    ("SP para 3", [sp("SP", "SP", sec("3", "para"))]),
    ("SP p.4 para 3.2.1", [sp("SP", "SP", p(4), sec("3.2.1", "para"))]),
    ("SP appendix B", [sp("SP", "SP", app("B"))]),
    ("SP annex 2", [sp("SP", "SP", app("2"))]),
    ("SP whole document", [sp("SP", "SP", WHOLE)]),
    ("SP entire document", [sp("SP", "SP", WHOLE)]),
    ("SP all", [sp("SP", "SP", WHOLE)]),
    ("SP p. iv", [sp("SP", "SP", p("iv"))]),
    ("SP pvi para 4", [sp("SP", "SP", p("vi", 4))]),
    ("SP pp. ii-iv", [sp("SP", "SP", pp("ii", "iv"))]),
    ("SP p.3 and section 2.1", [sp("SP", "SP", p(3), sec("2.1"))]),
    ("SP", [sp("SP", "SP")]),
    ("SP - 14(3); p.4", [sp("SP", "SP", p(14, 3)), sp(None, "SP", p(4), inherited=True)]),
    ("- SP: p.4", [sp("SP", "SP", p(4))]),
    ("(SP p.4)", [sp("SP", "SP", p(4))]),
    ("SP item 7", [sp("SP", "SP", sec("7", "item"))]),
    ("SP agenda item 7", [sp("SP", "SP", sec("7", "item"))]),
]


@pytest.mark.parametrize("raw, expected", LOCATOR_FORMS, ids=[r for r, _ in LOCATOR_FORMS])
def test_every_locator_form_pcts_write_is_read(raw, expected):
    assert parsed(raw) == tuple(expected)


DOCUMENT_NAMES = [
    ("Strategic plan p.3", [sp("Strategic plan", "SP", p(3))]),
    ("strategic PLAN, p.3", [sp("strategic PLAN", "SP", p(3))]),
    ("Stratgic plan p.3", [sp("Stratgic plan", "SP", p(3))]),
    ("Strat. plan p.3", [sp("Strat. plan", "SP", p(3))]),
    ("The strategic plan p.3", [sp("The strategic plan", "SP", p(3))]),
    ("Strategic Plan 2009/10 p.3", [sp("Strategic Plan 2009/10", "SP", p(3))]),
    ("Strategic Plan 2009/10 - 2013/14 p.3", [sp("Strategic Plan 2009/10 - 2013/14", "SP", p(3))]),
    ("JSNA s.2", [sp("JSNA", "JSNA", sec("2"))]),
    ("Comms p.1", [sp("Comms", "COMMS", p(1))]),
    ("Comms strategy p.1", [sp("Comms strategy", "COMMS", p(1))]),
    ("OD plan p.2", [sp("OD plan", "OD", p(2))]),
    ("CPF acute p.2", [sp("CPF acute", "CPF-A", p(2))]),
    ("CPF primary care p.2", [sp("CPF primary care", "CPF-P", p(2))]),
    ("CPF p.2", [sp("CPF", None, p(2), candidates=("CPF-A", "CPF-P"))]),
    ("Board minutes 12 Nov 2009 item 7", [sp("Board minutes 12 Nov 2009", "BM-NOV", sec("7", "item"))]),
    ("Board minutes 8 October 2009 p.2", [sp("Board minutes 8 October 2009", "BM-OCT", p(2))]),
    ("Board minutes p.2", [sp("Board minutes", None, p(2), candidates=("BM-NOV", "BM-OCT"))]),
    ("Annual report 2009 p.4", [sp("Annual report 2009", None, p(4))]),
    ("JSNA 2009 p.4", [sp("JSNA 2009", "JSNA", p(4))]),
    ("JSNA (whole document)", [sp("JSNA", "JSNA", WHOLE)]),
    ("p.4", [sp(None, None, p(4))]),
]


@pytest.mark.parametrize("raw, expected", DOCUMENT_NAMES, ids=[r for r, _ in DOCUMENT_NAMES])
def test_documents_are_matched_by_id_title_alias_and_usual_name_but_never_guessed(raw, expected):
    assert parsed(raw) == tuple(expected)


SEVERAL = [
    ("SP p.4; JSNA p.7", [sp("SP", "SP", p(4)), sp("JSNA", "JSNA", p(7))]),
    ("SP p.4; p.7", [sp("SP", "SP", p(4)), sp(None, "SP", p(7), inherited=True)]),
    ("SP p.4;; section 2", [sp("SP", "SP", p(4)), sp(None, "SP", sec("2"), inherited=True)]),
]


@pytest.mark.parametrize("raw, expected", SEVERAL, ids=[r for r, _ in SEVERAL])
def test_a_semicolon_starts_a_new_reference_that_inherits_the_document_when_it_names_none(raw, expected):
    assert parsed(raw) == tuple(expected)


UNREADABLE = [
    ("SP page fourteen", [sp("SP", "SP", unknown("page fourteen"))]),
    ("SP pp. 23-20", [sp("SP", "SP", unknown("pp. 23-20"))]),
    ("SP p.4 and the bit about money", [sp("SP", "SP", p(4), unknown("the bit about money"))]),
    ("SP p.", [sp("SP", "SP", unknown("p."))]),
    ("SP pc", [sp("SP", "SP", unknown("pc"))]),  # "PC" is primary care, not page c
    ("SP p.3 paras 1-500", [sp("SP", "SP", unknown("p.3 paras 1-500"))]),
    ("SP pp 22-23 para 2", [sp("SP", "SP", unknown("pp 22-23 para 2"))]),
    ("SP pp 22-23 and para 2.1", [sp("SP", "SP", pp(22, 23), sec("2.1", "para"))]),
]


@pytest.mark.parametrize("raw, expected", UNREADABLE, ids=[r for r, _ in UNREADABLE])
def test_what_cannot_be_read_becomes_an_explicit_unknown_locator(raw, expected):
    assert parsed(raw) == tuple(expected)


def test_an_empty_signpost_is_one_reference_with_no_name_and_no_locators():
    assert parsed("   ") == (sp(None, None),)


def test_spans_point_back_into_the_text():
    (signpost,) = parse_signpost("Strategic plan, pp. 22-23 and section 2", CATALOGUE)
    assert signpost.text[slice(*signpost.name_span)] == "Strategic plan"
    assert [signpost.text[slice(*loc.span)] for loc in signpost.locators] == ["pp. 22-23", "section 2"]


@pytest.mark.parametrize("raw", [r for r, _ in LOCATOR_FORMS + DOCUMENT_NAMES + SEVERAL + UNREADABLE])
def test_the_canonical_form_reads_back_to_the_same_meaning(raw):
    first = parse_signpost(raw, CATALOGUE)
    assert meaning(parse_signpost(render_signpost(first), CATALOGUE)) == meaning(first)
