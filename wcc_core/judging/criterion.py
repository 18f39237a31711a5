"""Judging one criterion line from the documents: candidates, fit, stance, status, reason.

For each line:

1. candidates are the blocks the PCT signposted for the competency (or sub-competency)
   and the best BM25 hits for the line among the document types appendix V lists for the
   sub-competency, plus the PCT's non-prescribed documents;
2. each candidate's *fit* is the share of the line's distinctive words (weighted by how
   rare they are in the submission) found in its best-fitting sentence; a synonym from
   the line's data counts for its word (with `pool_synonyms`, any other line's synonym
   for the same word too); a line's `required` words, when given, must appear;
3. a candidate counts for the line only if it fits this line about as well as any other
   line of the same sub-competency (levels 2-4 often share words; a level-2 passage must
   not meet the level-4 line), except that a denial of a weaker line also counts against
   a stronger one, and a statement that says more of a stronger line's extra words than
   the weaker line's own still counts for the stronger one (`_counts_here`, `_rather`,
   `_denies`);
4. each candidate's best-fitting sentence, or its table row, gets an assertion status by
   the ConText algorithm (assertion.py: affirmed, negated, intended, in progress,
   conditional, hypothetical, historical) over the words that match the line, so a cue
   counts only when its scope covers them; a list item inherits its heading's status;
5. the line model (line_model.py) turns the evidence for, against and beside the line,
   whether it was signposted, how many passages agree and how specific they are into
   P(met), a logistic regression whose coefficients are data fitted on development banks;
6. the status follows: `met` when P(met) >= `met_p` and an affirmed passage supports it,
   `not_met` when a denial fitting at least `against_fit` outranks the best affirmed
   passage by `deny_margin` (or P(met) is below `met_p`), otherwise `no_evidence`.

Thresholds are data (the framework's `[judging]` table); every status comes with the
passages behind it, best first, its probability, and a reason that names the passage that
decided, so an analyst can check it on the printed page.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from typing import Sequence

from wcc_core.assessment.model import CriterionResult, EvidenceItem
from wcc_core.judging.figures import judge_figure
from wcc_core.judging.assertion import assert_status, later_dates
from wcc_core.judging.line_model import probability_met
from wcc_core.scoring import stem, terms
from wcc_core.framework.model import CriterionLine, SubCompetency


class JudgingRulesError(ValueError):
    """The framework's [judging] table names a threshold the engine does not have."""


@dataclass(frozen=True)
class JudgingRules:
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
    met_p: float = 0.5  # least P(met) for `met`
    self_prior: float = 0.0  # P(self-assessed level) before the evidence (assessment/uncertainty.py); 0: none
    deny_margin: float = 0.0  # how much better a denial must fit than the best statement as done to decide

    @classmethod
    def from_framework(cls, framework) -> "JudgingRules":
        values = dict(getattr(framework.info, "judging", ()) or ())
        unknown = sorted(k for k in values if k not in cls.__dataclass_fields__)
        if unknown:
            raise JudgingRulesError(f"framework {framework.id}: [judging] {', '.join(unknown)}: unknown key "
                                    f"(known: {', '.join(cls.__dataclass_fields__)})")
        return cls(**{k: type(getattr(cls, k))(v) for k, v in values.items()})


@dataclass(frozen=True)
class _Fit:
    passage: object  # context.Passage
    source: str
    fit: float
    precision: float  # share of the sentence's words that belong to the line: breaks ties in fit
    sentence: str
    stance: str
    cue: str
    assertion: str = ""

    @property
    def rank(self) -> tuple[float, float]:
        return (round(self.fit, 6), round(self.precision, 6))


@functools.lru_cache(maxsize=None)
def _stems(text: str) -> tuple[str, ...]:
    """`terms(text)` as a tuple, stemmed once per run: the same synonyms recur on many lines."""
    return tuple(terms(text))


class LineTerms:
    """A line's distinctive words with their weights and the alternatives that count for each."""

    def __init__(self, line: CriterionLine, idf: dict[str, float], default_idf: float,
                 thesaurus: "Thesaurus | None" = None):
        own = list(dict.fromkeys(terms(line.text) + [t for extra in line.search.terms for t in terms(extra)]))
        wanted = set(own)
        synonyms: dict[str, list[tuple[str, ...]]] = {}
        words = []
        entries = [(_stems(word), [(_stems(o), o) for o in others]) for word, others in line.search.synonyms]
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
        self.weights = {t: idf.get(t, default_idf) for t in own}
        self.total = sum(self.weights.values()) or 1.0
        self.required = [tuple(terms(r)) for r in line.search.required if terms(r)]
        self.query = " ".join([line.text, *line.search.terms, *words])
        self.vocabulary = frozenset(own) | frozenset(t for alts in synonyms.values() for alt in alts for t in alt)

    def precision(self, sentence_terms: frozenset[str]) -> float:
        """How much of the sentence is about this line: 1.0 when every word belongs to it."""
        return len(sentence_terms & self.vocabulary) / len(sentence_terms) if sentence_terms else 0.0

    def fit(self, sentence_terms: set[str]) -> float:
        """The share of the line's weight the sentence covers (0..1)."""
        return self.covered(sentence_terms) / self.total

    def covered(self, sentence_terms: set[str]) -> float:
        """The weight of the line's words the sentence says, itself or through a synonym.

        Unlike `fit`, not divided by the line's length: a short line is not a better home
        for a sentence just because two of its four words are there.
        """
        if self.required and not any(all(t in sentence_terms for t in r) for r in self.required):
            return 0.0
        said = self.said(sentence_terms)
        # Summed in the line's word order: a float sum over a set would depend on the hash seed.
        return sum(weight for t, weight in self.weights.items() if t in said)

    def said(self, sentence_terms: set[str]) -> set[str]:
        """The line's words the sentence says, itself or through a synonym."""
        said: set[str] = set()
        for stem in sentence_terms:
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


def _best_sentence(split: list[tuple[str, frozenset[str]]], line_terms: LineTerms) -> tuple[float, float, str]:
    """(fit, precision, sentence) of the passage's sentence or clause that fits `line_terms` best.

    Among equal fits the more precise one wins: "we know and act upon patient experience"
    is more exactly about "understands and acts upon patient experience" than "we will know
    and act upon patient experience by each population group".
    """
    best = (0.0, 0.0, "")
    for sentence, stems in split:
        fit = line_terms.fit(stems)
        if fit <= 0:
            continue
        candidate = (fit, line_terms.precision(stems), sentence)
        if candidate[:2] > best[:2]:
            best = candidate
    return best


def _doc_type_names(context, types: Sequence[str]) -> str:
    names = [context.framework.document_types[t].name if t in context.framework.document_types else t for t in types]
    if not names:
        return "the documents"
    return ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _from_text(line: CriterionLine) -> bool:
    """Is the line judged from the documents' text (not by the panel, not on a figure)?"""
    return not line.panel and line.quantitative is None


def _stronger(line: CriterionLine, than: CriterionLine) -> bool:
    """Is `line` of a higher level than `than` (both levelled lines)?"""
    return bool(line.level and than.level and line.level > than.level)


class SubCompetencyJudge:
    """Judges every line of one sub-competency (or governance sub-component) against the documents."""

    def __init__(self, context, element: str, key: str, sub_key: str | None, doc_types: Sequence[str],
                 lines: Sequence[CriterionLine], rules: JudgingRules):
        self.context = context
        self.rules = rules
        self.lines = list(lines)
        self.terms = {line.id: line_terms(context, line) for line in self.lines}
        # Appendix V's documents for this sub-competency and the documents appendix IV says
        # feed the competency (for wcc-2009 that includes the PCT's non-prescribed documents).
        feeding = [t.key for t in context.framework.info.document_types if key in t.feeds]
        self.doc_types = tuple(dict.fromkeys(list(doc_types) + feeding))
        self.type_names = _doc_type_names(context, list(doc_types) or feeding)
        self.signposted = context.signposted_passages(element, key, sub_key)
        # Each document's own date (submission.toml), against which a later date is a promise.
        self._dates = {d.id: str(d.date) for d in context.submission.documents if d.date}
        self._fit_cache: dict[tuple, tuple[float, str]] = {}
        self._fits_cache: dict[str, list[_Fit]] = {}

    def _fit(self, passage, line_id: str) -> tuple[float, float, str]:
        key = (passage.key, line_id)
        found = self._fit_cache.get(key)
        if found is None:
            found = _best_sentence(self.context.evidence.sentences(passage), self.terms[line_id])
            self._fit_cache[key] = found
        return found

    def _candidates(self, line: CriterionLine) -> list[tuple[object, str]]:
        found = [(p, "signpost") for _, p in self.signposted]
        seen = {p.key for p, _ in found}
        for passage in self.context.evidence.search(self.terms[line.id].query, doc_types=self.doc_types,
                                                    limit=self.rules.candidates):
            if passage.key not in seen:
                seen.add(passage.key)
                found.append((passage, "search"))
        return found

    def _fits(self, line: CriterionLine) -> list[_Fit]:
        """The line's candidate passages that fit it, best first; worked out once per line."""
        if line.id not in self._fits_cache:
            self._fits_cache[line.id] = self._find_fits(line)
        return self._fits_cache[line.id]

    def _find_fits(self, line: CriterionLine) -> list[_Fit]:
        fits = []
        for passage, source in self._candidates(line):
            fit, precision, sentence = self._fit(passage, line.id)
            if fit <= 0:
                continue
            found = self._with_stance(_Fit(passage, source, fit, precision, sentence, "", ""), line)
            if fit >= self.rules.against_fit and not self._counts_here(found, line):
                continue
            fits.append(found)
        fits.sort(key=lambda f: (-f.rank[0], -f.rank[1], f.source != "signpost", f.passage.doc_id,
                                 f.passage.physical, f.passage.n))
        return fits

    def _with_stance(self, found: _Fit, line: CriterionLine) -> _Fit:
        """The fit with the assertion status (ConText, assertion.py) of its sentence for the line's words.

        A table cell is read with its row ("Wheelchair re-tender | Head of Planned Care |
        Due March 2011"); a date later than the document's own after "by", "in" ... defers it.
        """
        text = self.context.evidence.row(found.passage) or found.sentence
        targets = self.terms[line.id].target_weights(frozenset(_stems(text)))
        extra = later_dates(text, self._dates.get(found.passage.doc_id, ""))
        said = assert_status(text, targets, stem, extra=extra)
        if said.status == "affirmed" and found.passage.kind == "list_item":
            heading = self.context.evidence.heading_of(found.passage)
            if heading:
                above = assert_status(heading, {}, stem, extra=later_dates(heading, self._dates.get(found.passage.doc_id, "")))
                if above.status != "affirmed":
                    said = replace(above, cue=f"{above.cue} (heading: {_short(heading, 40)})")
        return replace(found, stance=said.stance, cue=said.cue, assertion=said.status)

    def _counts_here(self, found: _Fit, line: CriterionLine) -> bool:
        """Is the passage about this line rather than another line of the sub-competency it fits clearly better?

        Levels 2-4 often share words, and a level-2 statement must not meet the level-4
        line. A denial is the exception: saying the weaker thing is not done ("we have not
        yet worked with partners on a JSNA") also says the stronger one is not, so a
        denial fitting a lower-level line better still counts against this one.
        """
        better = [other for other in self.lines
                  if other.id != line.id and _from_text(other)
                  and self._fit(found.passage, other.id)[0] > found.fit + self.rules.margin]
        if found.stance == "against":
            return all(_stronger(line, other) for other in better)
        return not any(self._rather(found, other, line) for other in better)

    def _rather(self, found: _Fit, other: CriterionLine, line: CriterionLine) -> bool:
        """Is a passage that fits `other` better about `other` rather than `line`?

        A weaker line's words are mostly a stronger one's too, so a statement of the
        stronger thing fits the weaker line fully and the stronger one only as far as the
        synonyms know its extra words. It is still the stronger line's when it says more of
        the stronger line's own words than the weaker line says of its own.
        """
        if not _stronger(line, other):
            return True
        stems = frozenset(_stems(found.sentence))
        mine, theirs = self.terms[line.id], self.terms[other.id]
        return mine.distinct_share(stems, theirs) <= theirs.distinct_share(stems, mine)

    def judge(self, line: CriterionLine) -> CriterionResult:
        if line.panel:
            return CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating,
                                   status="needs_panel", reason="needs panel: only the panel day can show this",
                                   enquiry=f"Ask the PCT to show that {_short(line.text, 140)}")
        if line.quantitative is not None:
            return self._with_statements(judge_figure(line, self.context), line)
        fits = self._fits(line)
        evidence = tuple(self._item(f) for f in fits[: self.rules.evidence])
        signals = self.signals(fits, line)
        p = round(probability_met(signals, self.rules), 3)  # the figure shown is the figure used
        best_for = next((f for f in fits if f.stance == "for"), None)
        denial = next((f for f in fits if f.stance == "against"), None)
        best_against = next((f for f in fits if f.stance == "against" and self._denies(f, line)), None)
        r = self.rules
        # A denial that fits better than every statement of the thing as done decides: the
        # most specific statement about the line says it is not done. A denial that belongs
        # as much to a stronger line (`_denies`) blocks `met` without proving `not_met`.
        outranked = denial is not None and denial.fit >= r.against_fit and (
            best_for is None or denial.fit > best_for.fit + r.deny_margin)
        against_wins = best_against is not None and best_against.fit >= r.against_fit and (
            best_for is None or best_against.fit > best_for.fit + r.deny_margin or p < r.met_p)
        if p >= r.met_p and best_for is not None and not outranked:
            status, reason = "met", f"met (p {p:.2f}): {best_for.passage.where}"
        elif against_wins:
            status = "not_met"
            reason = (f"not met (p {p:.2f}): {best_against.passage.where} says '{best_against.cue}' "
                      f"({best_against.assertion.replace('_', ' ')}): \"{_short(best_against.sentence)}\"")
        else:
            status = "no_evidence"
            reason = f"no evidence (p {p:.2f}) in the {self.type_names}" + (
                f" or the {len(self.signposted)} signposted passages" if self.signposted else "")
            if fits:
                reason += f" (closest: {fits[0].passage.where}, fit {fits[0].fit:.2f}, {fits[0].assertion.replace('_', ' ')})"
        return CriterionResult(id=line.id, text=line.text, level=line.level, rating=line.rating, status=status,
                               reason=reason, evidence=evidence, probability=p,
                               signals=tuple(sorted(signals.items())),
                               enquiry="" if status == "met" else f"What shows that {_short(line.text, 140)}?")

    def signals(self, fits: list[_Fit], line: CriterionLine) -> dict[str, float]:
        """The line model's features: the evidence for, against and beside the line, and where it came from."""
        best_for = next((f for f in fits if f.stance == "for"), None)
        best_against = next((f for f in fits if f.stance == "against" and self._denies(f, line)), None)
        best_neutral = next((f for f in fits if f.stance == "neutral"), None)
        agreeing = sum(1 for f in fits if f.stance == "for" and f.fit >= self.rules.met_fit)
        return {
            "for": round(best_for.fit, 4) if best_for else 0.0,
            "against": round(best_against.fit, 4) if best_against else 0.0,
            "neutral": round(best_neutral.fit, 4) if best_neutral else 0.0,
            "signpost": 1.0 if best_for is not None and best_for.source == "signpost" else 0.0,
            "agree": round(min(agreeing, 3) / 3, 4),
            "precision": round(best_for.precision, 4) if best_for else 0.0,
        }

    def _with_statements(self, result: CriterionResult, line: CriterionLine) -> CriterionResult:
        """A figure's result with what the PCT itself writes about the line shown after the figure.

        The figure decides the status (the handbook rates these lines on the survey or the
        metric); the PCT's own statements are shown so the analyst can set one beside the other.
        """
        room = self.rules.evidence - len(result.evidence)
        statements = [self._item(f) for f in self._fits(line) if f.fit >= self.rules.met_fit][:max(0, room)]
        return replace(result, evidence=tuple(result.evidence) + tuple(statements)) if statements else result

    def _denies(self, found: _Fit, line: CriterionLine) -> bool:
        """Does this "against" passage deny `line` itself, not a neighbour it merely shares words with?

        Saying a stronger thing is not done ("we have not yet worked with partners to
        produce a high quality JSNA") does not deny the weaker line ("has worked with
        partners to produce a JSNA"): a denial that fits a higher-level line of the same
        sub-competency about as well is that line's.
        """
        if found.fit < self.rules.against_fit:
            return True  # too weak to decide anything; shown as evidence only
        stems = frozenset(_stems(found.sentence))
        return not any(_stronger(other, line) and _from_text(other)
                       and self.terms[other.id].fit(stems) >= found.fit - self.rules.margin for other in self.lines)

    @staticmethod
    def _item(fit: _Fit) -> EvidenceItem:
        p = fit.passage
        return EvidenceItem(source=fit.source, excerpt=p.excerpt(), score=round(fit.fit, 2), stance=fit.stance,
                            document=p.doc_id, page=p.label, physical_page=p.physical, paragraph=p.n, bbox=p.bbox,
                            cue=fit.cue, assertion=fit.assertion)


def line_terms(context, line: CriterionLine) -> LineTerms:
    """The line's LineTerms, weighted by this submission's word rarity; built once per run and line."""
    cache = context.evidence.cache.setdefault("line_terms", {})
    found = cache.get(line)
    if found is None:
        scorer = context.evidence.scorer
        # A word the submission never uses weighs as much as the rarest possible one.
        default_idf = math.log(1 + (len(scorer.blocks) + 0.5) / 0.5)
        found = cache[line] = LineTerms(line, scorer.idf, default_idf, _thesaurus(context))
    return found


class Thesaurus:
    """Every line's synonyms pooled, stemmed once, looked up by the words a line has."""

    def __init__(self, lines: Sequence[CriterionLine]):
        pooled: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
        for line in lines:
            for word, others in line.search.synonyms:
                key = _stems(word)
                if key:
                    for other in others:
                        pooled.setdefault(key, {}).setdefault(_stems(other), other)
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
    lines, and a PCT may use any of them.
    """
    cache = context.evidence.cache
    if "thesaurus" not in cache:
        found = None
        if JudgingRules.from_framework(context.framework).pool_synonyms:
            found = Thesaurus([line for sub in (*context.framework.subcompetencies(), *context.framework.subcomponents())
                               for line in sub.criteria])
        cache["thesaurus"] = found
    return cache["thesaurus"]


def judge_subcompetency(sub: SubCompetency, context, rules: JudgingRules | None = None) -> list[CriterionResult]:
    """One CriterionResult per line of `sub`, in order."""
    rules = rules or JudgingRules.from_framework(context.framework)
    judge = SubCompetencyJudge(context, "competency", sub.competency, sub.key, sub.evidence.documents, sub.criteria,
                               rules)
    return [judge.judge(line) for line in sub.criteria]

