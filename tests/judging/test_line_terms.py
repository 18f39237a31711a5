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


def test_pooled_synonyms_written_for_one_line_serve_another_line_with_the_word():
    from wcc_core.judging.criterion import Thesaurus

    other = CriterionLine(text="The PCT monitors the quality of its providers", level=3,
                          search=SearchTerms(synonyms=(("monitors", ("keeps an eye on",)),)))
    line = CriterionLine(text=LINE, level=2)
    sentence = frozenset(terms("We keep an eye on patient experience levels."))
    alone = LineTerms(line, idf={}, default_idf=1.0)
    pooled = LineTerms(line, idf={}, default_idf=1.0, thesaurus=Thesaurus([other, line]))
    assert alone.fit(sentence) == 0.75
    assert pooled.fit(sentence) == 1.0


def test_pooled_synonyms_of_words_a_line_lacks_change_nothing():
    from wcc_core.judging.criterion import Thesaurus

    other = CriterionLine(text="Providers are held to account", level=2,
                          search=SearchTerms(synonyms=(("providers", ("trusts",)),)))
    line = CriterionLine(text=LINE, level=2)
    sentence = frozenset(terms("Trusts track patient experience levels."))
    assert LineTerms(line, {}, 1.0, Thesaurus([other])).fit(sentence) == LineTerms(line, {}, 1.0).fit(sentence)


def test_covered_weight_is_not_divided_by_the_lines_length():
    short = LineTerms(CriterionLine(text="The PCT monitors patient experience", level=2), {}, 1.0)
    long = LineTerms(CriterionLine(text="The PCT monitors patient experience and publishes complaints data",
                                   level=2), {}, 1.0)
    sentence = frozenset(terms("We monitor patient experience and publish complaints data."))
    assert short.fit(sentence) == long.fit(sentence) == 1.0
    assert long.covered(sentence) > short.covered(sentence)
