"""How much of a criterion line a sentence says: the line's words, its synonyms and phrases."""

from __future__ import annotations

from wcc_core.framework.model import CriterionLine, SearchTerms
from wcc_core.judging.criterion import LineTerms
from wcc_core.scoring import terms

LINE = "The PCT monitors patient experience levels"


def fit(sentence: str, synonyms=()) -> float:
    line = CriterionLine(text=LINE, level=2, search=SearchTerms(synonyms=tuple(synonyms)))
    return LineTerms(line, idf={}, default_idf=1.0).fit(frozenset(terms(sentence)))


def test_a_sentence_in_the_lines_own_words_fits_it_fully():
    assert fit("We monitor patient experience levels every quarter.") == 1.0


def test_a_word_synonym_counts_as_the_word():
    assert fit("We track patient experience levels.") < 1.0
    assert fit("We track patient experience levels.", [("monitors", ("tracks",))]) == 1.0


def test_an_alternative_to_a_phrase_stands_for_each_of_its_words():
    plain = "We track how patients rate their care."
    phrase = [("monitors", ("tracks",)), ("patient experience", ("how patients rate their care",))]
    assert fit(plain, phrase[:1]) < 0.6
    # "monitor" + "patient" + "experience" covered; "levels" is not.
    assert fit(plain, phrase) == 0.75


def test_an_alternative_counts_only_when_all_its_words_are_there():
    phrase = [("patient experience", ("how patients rate their care",))]
    assert fit("We monitor how patients rate.", phrase) == fit("We monitor how patients rate.")


def test_a_synonym_of_a_phrase_the_line_does_not_have_is_ignored():
    assert fit("We monitor staff morale.", [("staff satisfaction", ("staff morale",))]) == fit("We monitor staff morale.")
