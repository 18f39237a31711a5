"""Properties of the grammar over any text: it never raises, and its canonical form is stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.signposts.factories import catalogue
from wcc_core.signposts.parser import meaning, parse_signpost, render_signpost

CATALOGUE = catalogue()

# Pieces PCTs type, so that random text often looks like a real signpost.
FRAGMENTS = [
    "SP", "Strategic plan", "Stratgic plan", "JSNA", "CPF", "CPF acute", "Board minutes", "12 Nov 2009",
    "Comms", "OD plan", "Annual report", "p.", "p", "pp.", "page", "pages", "pg", "para", "paras", "section",
    "s.", "§", "appendix", "annex", "item", "agenda", "whole document", "all", "and", "to", ",", ";", "-",
    "–", "(", ")", ".", ":", "&", "14", "3", "22", "4.2", "3.2.1", "iv", "ii", "B", "0", "007", "999999999999",
    " ", "  ",
]
signpostish = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join)
any_text = st.one_of(st.text(max_size=60), signpostish, st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))


@settings(max_examples=600, deadline=None)
@given(any_text)
def test_the_parser_never_raises_on_any_text(text):
    for known in (None, CATALOGUE):
        parsed = parse_signpost(text, known)
        assert len(parsed) >= 1


@settings(max_examples=600, deadline=None)
@given(any_text)
def test_rendering_a_parsed_signpost_and_parsing_it_again_gives_the_same_result(text):
    for known in (None, CATALOGUE):
        first = parse_signpost(text, known)
        again = parse_signpost(render_signpost(first), known)
        assert meaning(again) == meaning(first), render_signpost(first)
