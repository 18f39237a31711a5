"""Judging the criterion lines of one sub-competency from the documents.

`SubCompetencyJudge` runs the named steps of steps.py for each line (candidates, fit,
assertion, belongs, probability, status) and returns one `CriterionResult` with the
passages behind it, best first, its P(met), and a reason that names the passage that
decided, so an analyst can check it on the printed page. Panel lines need the panel;
figure lines are decided by their survey or metric figure (figures.py).

This module holds what the steps read: the thresholds and line-model coefficients
(`JudgingThresholds`, read strictly from the framework's `[judging]` table) and each line's
distinctive words with their weights and synonyms (`LineTerms`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from wcc_core.records.results import CriterionResult, EvidenceItem
from wcc_core.judging import wordnet
from wcc_core.judging.figures import judge_figure
from wcc_core.judging.steps import DEFAULT_STEPS, Found, Steps, most_like_evidence, stems_of
from wcc_core.records.text import shorten
from wcc_core.scoring import terms
from wcc_core.scoring.rm3 import interpolate, relevance_model
from wcc_core.signposts.verify import excerpt
from wcc_core.framework.model import CriterionLine, SubCompetency
from wcc_core.errors import WccError


class JudgingThresholdsError(WccError, ValueError):
    """The framework's [judging] table names a threshold the engine does not have."""


@dataclass(frozen=True)
class JudgingThresholds:
    """The engine's thresholds and the line model's coefficients, read strictly from the framework's [judging]."""

    met_fit: float = 0.3  # least fit of a passage for it to count as a statement of the line
    against_fit: float = 0.35  # least fit of an "against" passage for `not_met`
    margin: float = 0.1  # how far below its best line a passage may fit and still count
    candidates: int = 25  # BM25 hits looked at per line
    evidence: int = 5  # evidence items kept per line
    pool_synonyms: bool = False  # every line's synonyms of the same framework serve every line that has the word
    # The line model: P(met) = 1 / (1 + exp(-(p_bias + sum of p_<feature> * feature))),
    # fitted offline on the development banks (benchmarks/fit_line_model.py).
    p_bias: float = -4.0
    p_for: float = 8.0  # fit of the best passage stating the line as done
    p_against: float = -3.0  # fit of the best passage denying or deferring it
    p_neutral: float = -1.0  # fit of the best passage that is conditional, hypothetical or about others
    p_signpost: float = 0.5  # 1 when the best "for" passage was signposted by the PCT
    p_agree: float = 1.0  # passages stating it as done with fit >= met_fit, up to 3, over 3
    p_precision: float = 1.0  # share of the best "for" sentence's words that belong to the line
    p_mixed: float = 0.0  # 1 when the best statement's passage also denies or defers the line in another sentence
    p_level_3: float = 0.0  # 1 for a level-3 line: the model's prior for its level
    p_level_4: float = 0.0  # 1 for a level-4 line
    p_not_done: float = 0.0  # P(the best statement's passage says "not yet") by the statement model (statements.py)
    p_topical: float = 0.0  # P(it is topical text that states nothing as done)
    p_exemplar: float = 0.0  # the most a passage stating it as done reads like other PCTs' evidence for it (exemplars.py)
    # The plain line model: the same features but `exemplar`, for a line without exemplars (line_model.PLAIN).
    plain_bias: float = 0.0
    plain_for: float = 0.0
    plain_against: float = 0.0
    plain_neutral: float = 0.0
    plain_signpost: float = 0.0
    plain_agree: float = 0.0
    plain_precision: float = 0.0
    plain_mixed: float = 0.0
    plain_level_3: float = 0.0
    plain_level_4: float = 0.0
    plain_not_done: float = 0.0
    plain_topical: float = 0.0
    not_done_status: float = 0.0  # a line not likely met whose best statement the statement model reads "not done" at least this sure of is not_met (0: off)
    not_done_reading: float = 0.0  # a passage ConText affirms but the statement model reads "not done" at least this sure of is read as unfinished (0: off)
    met_p: float = 0.5  # least P(met) for `met`
    self_prior: float = 0.0  # P(self-assessed level) before the evidence (assessment/uncertainty.py); 0: none
    prior_below: float = 0.0  # P(one level below the self-assessed level) before the evidence
    prior_above: float = 0.0  # P(one level above it)
    evidence_weight: float = 1.0  # the power the evidence's distribution over levels is raised to (1: plain Bayes)
    challenge_to_status_level: bool = False  # a challenge names the level the line statuses reach (Year 1's rule)
    # The level-step model (assessment/uncertainty.py LevelSteps): P(the step to a level is
    # taken) from the log-odds of its lines' P(met); off: the product of the lines' P(met).
    level_steps: bool = False
    s_bias: float = 0.0
    s_mean: float = 0.0  # mean log-odds of the level's lines
    s_lowest: float = 0.0  # the lowest
    s_highest: float = 0.0  # the highest
    s_level_3: float = 0.0  # 1 for the step to level 3
    s_level_4: float = 0.0  # 1 for the step to level 4
    deny_margin: float = 0.0  # how much better a denial must fit than the best statement as done to decide
    # Matching beyond the line's own words (docs/accuracy.md, "What did not help"); each off at 0 / false.
    rm3_candidates: bool = False  # search with the line's query expanded by RM3 feedback (scoring/rm3.py)
    rm3_fit: float = 0.0  # weight of an RM3 expansion term in the fit step, times its idf (0: off)
    rm3_docs: int = 10  # feedback passages (Anserini's fbDocs)
    rm3_terms: int = 10  # feedback terms (fbTerms)
    rm3_weight: float = 0.5  # the original query's weight in the expanded one (originalQueryWeight)
    wordnet_weight: float = 0.0  # a WordNet synonym counts for a line word at this share of its weight (0: off)
    wordnet_senses: int = 2  # the most frequent senses per part of speech whose lemmas count

    @property
    def feedback(self) -> bool:
        """Is RM3 feedback asked for, by the candidates step or the fit step?"""
        return self.rm3_candidates or self.rm3_fit > 0

    @classmethod
    def from_framework(cls, framework) -> "JudgingThresholds":
        """The framework's `[judging]` thresholds and coefficients, read strictly: every key known, none missing."""
        values = dict(getattr(framework.info, "judging", ()) or ())
        unknown = sorted(k for k in values if k not in cls.__dataclass_fields__)
        if unknown:
            raise JudgingThresholdsError(f"framework {framework.id}: [judging] {', '.join(unknown)}: unknown key "
                                    f"(known: {', '.join(cls.__dataclass_fields__)})")
        missing = [k for k in cls.__dataclass_fields__ if k not in values]
        if missing:
            raise JudgingThresholdsError(f"framework {framework.id}: [judging] lacks {', '.join(missing)} "
                                    "(a framework states every threshold and coefficient it is judged by)")
        return cls(**{k: type(getattr(cls, k))(v) for k, v in values.items()})


class LineTerms:
    """A line's distinctive words with their weights and the alternatives that count for each."""

    def __init__(self, line: CriterionLine, idf: dict[str, float], default_idf: float,
                 thesaurus: "Thesaurus | None" = None, wordnet: Sequence[tuple[str, Sequence[str]]] = (),
                 wordnet_weight: float = 0.0):
        """`wordnet`: (line word, its WordNet lemmas), which count for the word at `wordnet_weight` of its weight."""
        own = list(dict.fromkeys(terms(line.text) + [t for extra in line.search.terms for t in terms(extra)]))
        wanted = set(own)
        synonyms: dict[str, list[tuple[str, ...]]] = {}
        words = []
        entries = [(stems_of(word), [(stems_of(o), o) for o in others]) for word, others in line.search.synonyms]
        own_entries = len(entries)
        entries += thesaurus.entries(wanted) if thesaurus else []
        for i, (key, others) in enumerate(entries):
            if not key or not wanted.issuperset(key):
                continue  # only synonyms of words (or phrases) this line has
            for alternative, other in others:
                if alternative and alternative not in synonyms.get(key[0], ()):
                    # A phrase's alternative stands for each of the phrase's words:
                    # "how patients rate their care" for "patient experience".
                    for stem in dict.fromkeys(key):
                        synonyms.setdefault(stem, []).append(alternative)
                    if i < own_entries:
                        words.append(other)  # the search looks for the line's own synonyms only
        # Which of the line's words a sentence stem says alone, and the multi-word
        # alternatives filed under their first stem: a sentence is then looked up stem by
        # stem, however many synonyms the line has.
        self._singles: dict[str, set[str]] = {}
        self._phrases: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for t in own:
            self._singles.setdefault(t, set()).add(t)
            for a in synonyms.get(t, []):
                if len(a) == 1:
                    self._singles.setdefault(a[0], set()).add(t)
                else:
                    self._phrases.setdefault(a[0], []).append((t, frozenset(a)))
        # The stems `said` looks up: a sentence is met with this set in C, not stem by stem in Python.
        self._said_keys = frozenset(self._singles) | frozenset(self._phrases)
        self._covered: dict[frozenset[str], float] = {}  # sentence stems -> `covered`, once per sentence
        self.weights = {t: idf.get(t, default_idf) for t in own}
        self.total = sum(self.weights.values()) or 1.0
        self.required = [tuple(terms(r)) for r in line.search.required if terms(r)]
        self.query = " ".join([line.text, *line.search.terms, *words])
        self.vocabulary = frozenset(own) | frozenset(t for alts in synonyms.values() for alt in alts for t in alt)
        # Weaker alternatives, off unless the framework asks: WordNet lemmas (at
        # `weak_weight` of the word's weight) and RM3 expansion terms (`expansion`: stem ->
        # the weight it adds, set by `with_feedback`). `search_weights` is the weighted
        # query the candidates step uses instead of `query` when either is on.
        self.weak_weight = wordnet_weight
        self._weak_singles: dict[str, set[str]] = {}
        self._weak_phrases: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.expansion: dict[str, float] = {}
        self.search_weights: dict[str, float] | None = None
        if wordnet and wordnet_weight > 0:
            self._add_wordnet(wordnet, own)

    def _add_wordnet(self, wordnet: Sequence[tuple[str, Sequence[str]]], own: list[str]) -> None:
        """File each line word's WordNet lemmas as weak alternatives, and add them to the search at their weight."""
        query = {t: 1.0 for t in sorted(set(terms(self.query)))}
        for word, lemmas in wordnet:
            key = stems_of(word)
            if len(key) != 1 or key[0] not in self.weights:
                continue
            t = key[0]
            for lemma in lemmas:
                alternative = stems_of(lemma)
                if not alternative or alternative == key or alternative in self._strong(t):
                    continue
                if len(alternative) == 1:
                    self._weak_singles.setdefault(alternative[0], set()).add(t)
                else:
                    self._weak_phrases.setdefault(alternative[0], []).append((t, frozenset(alternative)))
                for part in alternative:
                    query.setdefault(part, self.weak_weight)
        self.vocabulary |= frozenset(self._weak_singles) | frozenset(
            part for phrases in self._weak_phrases.values() for _, phrase in phrases for part in phrase)
        self.search_weights = query

    def _strong(self, t: str) -> set[tuple[str, ...]]:
        """The alternatives that already count in full for the line word `t` (itself, its synonyms)."""
        found = {(s,) for s, words in self._singles.items() if t in words}
        return found | {tuple(sorted(p)) for phrases in self._phrases.values() for w, p in phrases if w == t}

    def with_feedback(self, model: Mapping[str, float], thresholds: "JudgingThresholds", idf: Mapping[str, float],
                      default_idf: float) -> "LineTerms":
        """These terms with the RM3 relevance model `model` (scoring/rm3.py) applied as `thresholds` ask.

        For the candidates step the query becomes RM3's interpolation of the line's query
        with the model; for the fit step each model term the line does not already have
        adds `rm3_fit` x its idf to what a sentence saying it covers (fit stays at most 1).
        """
        if thresholds.rm3_candidates:
            base = self.search_weights or {t: 1.0 for t in sorted(set(terms(self.query)))}
            self.search_weights = interpolate(base, model, thresholds.rm3_weight)
        if thresholds.rm3_fit > 0:
            self.expansion = {t: thresholds.rm3_fit * idf.get(t, default_idf)
                              for t in sorted(model) if t not in self.vocabulary}
            self.vocabulary |= frozenset(self.expansion)
        self._covered = {}  # what a sentence covers has changed
        return self

    def precision(self, sentence_terms: frozenset[str]) -> float:
        """How much of the sentence is about this line: 1.0 when every word belongs to it."""
        return len(sentence_terms & self.vocabulary) / len(sentence_terms) if sentence_terms else 0.0

    def fit(self, sentence_terms: set[str]) -> float:
        """The share of the line's weight the sentence covers (0..1)."""
        if self.expansion or self._weak_singles or self._weak_phrases:
            return min(1.0, self.covered(sentence_terms) / self.total)
        return self.covered(sentence_terms) / self.total

    def covered(self, sentence_terms: set[str]) -> float:
        """The weight of the line's words the sentence says, itself or through a synonym.

        Unlike `fit`, not divided by the line's length: a short line is not a better home
        for a sentence just because two of its four words are there.
        """
        # Worked out once per sentence: neighbouring lines' steps ask about the same ones again.
        key = frozenset(sentence_terms)
        found = self._covered.get(key)
        if found is None:
            found = self._covered[key] = self._covered_now(key)
        return found

    def _covered_now(self, sentence_terms: frozenset[str]) -> float:
        if self.required and not any(all(t in sentence_terms for t in r) for r in self.required):
            return 0.0
        said = self.said(sentence_terms)
        # Summed in the line's word order: a float sum over a set would depend on the hash seed.
        full = sum(weight for t, weight in self.weights.items() if t in said)
        if not (self.expansion or self._weak_singles or self._weak_phrases):
            return full
        if self._weak_singles or self._weak_phrases:
            weak = self.weakly_said(sentence_terms) - said
            full += sum(self.weak_weight * weight for t, weight in self.weights.items() if t in weak)
        return full + sum(weight for t, weight in self.expansion.items() if t in sentence_terms)

    def weakly_said(self, sentence_terms: set[str]) -> set[str]:
        """The line's words the sentence says only through a WordNet lemma."""
        said: set[str] = set()
        for stem in sentence_terms:
            said.update(self._weak_singles.get(stem, ()))
            for t, phrase in self._weak_phrases.get(stem, ()):
                if t not in said and phrase <= sentence_terms:
                    said.add(t)
        return said

    def said(self, sentence_terms: set[str]) -> set[str]:
        """The line's words the sentence says, itself or through a synonym."""
        said: set[str] = set()
        for stem in self._said_keys.intersection(sentence_terms):
            said.update(self._singles.get(stem, ()))
            for t, phrase in self._phrases.get(stem, ()):
                if t not in said and phrase <= sentence_terms:
                    said.add(t)
        return said

    def target_weights(self, sentence_terms: set[str]) -> dict[str, float]:
        """Sentence stem -> weight of the line word it says: the targets whose assertion status is asked."""
        out: dict[str, float] = {}
        for stem in sentence_terms:
            for t in self._singles.get(stem, ()):
                out[stem] = max(out.get(stem, 0.0), self.weights.get(t, 0.0))
            for t, phrase in self._phrases.get(stem, ()):
                if phrase <= sentence_terms:
                    for part in phrase:
                        out[part] = max(out.get(part, 0.0), self.weights.get(t, 0.0) / len(phrase))
            for t in self._weak_singles.get(stem, ()):
                out[stem] = max(out.get(stem, 0.0), self.weak_weight * self.weights.get(t, 0.0))
            for t, phrase in self._weak_phrases.get(stem, ()):
                if phrase <= sentence_terms:
                    for part in phrase:
                        out[part] = max(out.get(part, 0.0), self.weak_weight * self.weights.get(t, 0.0) / len(phrase))
            if stem in self.expansion:
                out[stem] = max(out.get(stem, 0.0), self.expansion[stem])
        return out

    def distinct_share(self, sentence_terms: set[str], other: "LineTerms") -> float:
        """The share of the weight of this line's words that `other` lacks which the sentence says.

        What tells a level-4 line from the level-2 line it builds on is its extra words
        ("high quality", "constructively"): a sentence saying them is about the stronger line.
        """
        said = self.said(sentence_terms)
        extra = [(t, w) for t, w in self.weights.items() if t not in other.weights]
        total = sum(w for _, w in extra)
        return sum(w for t, w in extra if t in said) / total if total else 0.0




def _doc_type_names(context, types: Sequence[str]) -> str:
    names = [context.framework.document_types[t].name if t in context.framework.document_types else t for t in types]
    if not names:
        return "the documents"
    return ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]








class SubCompetencyJudge:
    """Judges every line of one sub-competency (or governance sub-component) against the documents.

    It holds what the steps (steps.py) read: the thresholds, each line's terms, the lines of the
    sub-competency, the signposted passages and document types; the steps are the
    framework's (`context.judging_steps`, set through the `wcc_judging_steps` hook) or the
    default ones.
    """

    def __init__(self, context, element: str, key: str, sub_key: str | None, doc_types: Sequence[str],
                 lines: Sequence[CriterionLine], thresholds: JudgingThresholds, steps: Steps | None = None):
        self.context = context
        self.thresholds = thresholds
        self.steps = steps or getattr(context, "judging_steps", None) or DEFAULT_STEPS
        self.lines = list(lines)
        self.terms = {line.id: line_terms(context, line, thresholds) for line in self.lines}
        # Appendix V's documents for this sub-competency and the documents appendix IV says
        # feed the competency (for wcc-2009 that includes the PCT's non-prescribed documents).
        feeding = [t.key for t in context.framework.info.document_types if key in t.feeds]
        self.doc_types = tuple(dict.fromkeys(list(doc_types) + feeding))
        self.type_names = _doc_type_names(context, list(doc_types) or feeding)
        self.signposted = context.signposted_passages(element, key, sub_key)
        # Each document's own date (submission.toml), against which a later date is a promise.
        self.document_dates = {d.id: str(d.date) for d in context.submission.documents if d.date}
        self._fit_cache: dict[tuple, tuple[float, float, str]] = {}
        self._fits_cache: dict[str, list[Found]] = {}

    def fit_of(self, passage, line: CriterionLine) -> tuple[float, float, str]:
        """The `fit` step for (passage, line), worked out once: `belongs` asks it of every neighbour."""
        key = (passage.address, line.id)
        found = self._fit_cache.get(key)
        if found is None:
            found = self._fit_cache[key] = self.steps.fit(self, passage, line)
        return found

    def fits(self, line: CriterionLine) -> list[Found]:
        """Steps 1-4 for the line: its candidate passages that fit it and belong to it, best first."""
        if line.id not in self._fits_cache:
            found_all = []
            for passage, source in self.steps.candidates(self, line):
                fit, precision, sentence = self.fit_of(passage, line)
                if fit <= 0:
                    continue
                found = self.steps.assertion(self, Found(passage, source, fit, precision, sentence), line)
                if self.steps.belongs(self, found, line):
                    found_all.append(found)
            found_all.sort(key=lambda f: (-f.rank[0], -f.rank[1], f.source != "signpost", f.passage.place.doc_id,
                                          f.passage.place.physical, f.passage.place.n))
            self._fits_cache[line.id] = found_all
        return self._fits_cache[line.id]

    def judge(self, line: CriterionLine) -> CriterionResult:
        """One line's result: panel lines and figure lines first, then the six steps."""
        if line.panel:
            return CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating,
                                   status="needs_panel", reason="needs panel: only the panel day can show this",
                                   enquiry=f"Ask the PCT to show that {_in_clause(shorten(line.text, 140))}")
        if line.quantitative is not None:
            return self._with_statements(judge_figure(line, self.context), line)
        fits = self.fits(line)
        p, signals = self.steps.probability(self, fits, line)
        status, reason = self.steps.status(self, fits, p, line)
        shown = list(fits[: self.thresholds.evidence])
        like, _ = most_like_evidence(self, fits, line)
        if like is not None and shown and like not in shown:
            shown[-1] = like  # the passage the exemplar figure came from is always on show
        return CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating, status=status,
                               reason=reason, evidence=tuple(self._item(f) for f in shown),
                               probability=p, signals=tuple(sorted(signals.items())),
                               enquiry="" if status == "met" else f"What shows that {_in_clause(shorten(line.text, 140))}?")

    def _with_statements(self, result: CriterionResult, line: CriterionLine) -> CriterionResult:
        """A figure's result with what the PCT itself writes about the line shown after the figure.

        The figure decides the status (the handbook rates these lines on the survey or the
        metric); the PCT's own statements are shown so the analyst can set one beside the other.
        """
        room = self.thresholds.evidence - len(result.evidence)
        statements = [self._item(f) for f in self.fits(line) if f.fit >= self.thresholds.met_fit][:max(0, room)]
        return replace(result, evidence=tuple(result.evidence) + tuple(statements)) if statements else result

    @staticmethod
    def _item(found: Found) -> EvidenceItem:
        p = found.passage
        return EvidenceItem(source=found.source, excerpt=excerpt(p.place.text, 240), fit=round(found.fit, 2), stance=found.stance,
                            place=p.place, cue=found.cue, assertion=found.assertion)


def _in_clause(text: str) -> str:
    """A line's text after "that ...": "The vision ..." becomes "the vision ...", "PCT" and "LAA" stay."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def line_terms(context, line: CriterionLine, thresholds: JudgingThresholds | None = None) -> LineTerms:
    """The line's LineTerms, weighted by this submission's word rarity; built once per run, line and matching options."""
    thresholds = thresholds or JudgingThresholds.from_framework(context.framework)
    options = (thresholds.wordnet_weight, thresholds.wordnet_senses) + (
        (thresholds.rm3_candidates, thresholds.rm3_fit, thresholds.rm3_docs, thresholds.rm3_terms, thresholds.rm3_weight) if thresholds.feedback else ())
    # Keyed by framework too: equal lines of two criteria sets (next year's copy of this
    # year's) must not share terms built with the other set's thesaurus.
    cache = context.evidence.cache.setdefault(("line_terms", context.framework.id), {})
    found = cache.get((line, options))
    if found is None:
        scorer = context.evidence.scorer
        # A word the submission never uses weighs as much as the rarest possible one.
        default_idf = math.log(1 + (len(scorer.blocks) + 0.5) / 0.5)
        found = LineTerms(line, scorer.idf, default_idf, _thesaurus(context),
                          _wordnet_of(line, thresholds.wordnet_senses) if thresholds.wordnet_weight > 0 else (),
                          thresholds.wordnet_weight)
        if thresholds.feedback:
            # Feedback from the whole submission: its own words for what the line asks.
            model = relevance_model(scorer, {t: 1.0 for t in sorted(set(terms(found.query)))},
                                    docs=thresholds.rm3_docs, n_terms=thresholds.rm3_terms)
            found.with_feedback(model, thresholds, scorer.idf, default_idf)
        cache[(line, options)] = found
    return found


def _wordnet_of(line: CriterionLine, senses: int) -> list[tuple[str, tuple[str, ...]]]:
    """(word, its WordNet lemmas) for each content word of the line's text."""
    words = dict.fromkeys(w for w in re.findall(r"[a-z]+", line.text.lower()) if terms(w))
    return [(w, wordnet.alternatives(w, senses)) for w in words]


class Thesaurus:
    """Every line's synonyms pooled, stemmed once, looked up by the words a line has."""

    def __init__(self, lines: Sequence[CriterionLine]):
        pooled: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
        for line in lines:
            for word, others in line.search.synonyms:
                key = stems_of(word)
                if key:
                    for other in others:
                        pooled.setdefault(key, {}).setdefault(stems_of(other), other)
        self._by_stem: dict[str, list] = {}
        for key in sorted(pooled):
            self._by_stem.setdefault(key[0], []).append((key, sorted((a, o) for a, o in pooled[key].items())))

    def entries(self, stems: set[str]) -> list:
        """(key stems, [(alternative stems, alternative)]) for every key made of `stems`."""
        return [entry for stem in sorted(stems) for entry in self._by_stem.get(stem, ()) if stems.issuperset(entry[0])]


def _thesaurus(context) -> Thesaurus | None:
    """The framework's pooled synonyms, when its `[judging] pool_synonyms` asks for them.

    The synonyms written for "monitors" on one line then also serve every other line that
    has the word: the people who wrote them thought of different words for different
    lines, and a PCT may use any of them. Only the lines of the framework being judged
    are pooled, and the pool is kept per framework: no other criteria set's data reach it.
    """
    key = ("thesaurus", context.framework.id)
    cache = context.evidence.cache
    if key not in cache:
        found = None
        if JudgingThresholds.from_framework(context.framework).pool_synonyms:
            found = Thesaurus([line for sub in (*context.framework.subcompetencies(), *context.framework.subcomponents())
                               for line in sub.criteria])
        cache[key] = found
    return cache[key]


def judge_subcompetency(sub: SubCompetency, context, thresholds: JudgingThresholds | None = None) -> list[CriterionResult]:
    """One CriterionResult per line of `sub`, in order."""
    thresholds = thresholds or JudgingThresholds.from_framework(context.framework)
    judge = SubCompetencyJudge(context, "competency", sub.competency, sub.key, sub.evidence.documents, sub.criteria,
                               thresholds)
    return [judge.judge(line) for line in sub.criteria]

