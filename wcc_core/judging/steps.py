"""The judging engine as named, ordered steps, each replaceable by a framework pack.

Judging one criterion line runs these steps, in this order (`SubCompetencyJudge.judge`):

1. `candidates`  the passages to look at: the PCT's signposted blocks for the
                 competency, then the best BM25 hits for the line among the document
                 types appendix V lists;
2. `fit`         how well a passage says the line: the share of the line's idf-weighted
                 words (or their synonyms) in its best sentence or clause, and how much of
                 that sentence is about the line (precision);
3. `assertion`   what the sentence, or its table row, asserts of those words (ConText,
                 assertion.py): affirmed, negated, intended, in progress, conditional,
                 hypothetical, said of others, historical; a list item under a heading
                 that defers takes the heading's status;
4. `belongs`     whether the passage is about this line rather than another line of the
                 same sub-competency it fits clearly better (levels 2-4 share words);
5. `probability` P(met) from the evidence for, against and beside the line (line_model.py);
6. `status`      met / not_met / no_evidence from the probability and the best passages,
                 with a reason naming the passage that decided.

A framework pack replaces a step through the `wcc_judging_steps` hook (hookspecs.py), the
way eyecite's `resolve_citations` takes its resolvers: it returns {"status": my_status}
and every line of that framework is judged with it; the other steps stay. Each step takes
the judge (its thresholds, terms, lines, context) and returns plain values, so a replacement
can call the default it wraps. Thresholds come from the framework's `[judging]` table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields, replace
from typing import Callable, Mapping

from wcc_core.judging.assertion import assert_status, later_dates
from wcc_core.judging import exemplars, statements
from wcc_core.judging.line_model import NO_EXEMPLARS, probability_met
from wcc_core.records.text import shorten
from wcc_core.scoring import stem, terms
from wcc_core.errors import WccError


class JudgingStepsError(WccError, ValueError):
    """A pack named a judging step the engine does not have."""


@dataclass(frozen=True)
class Found:
    """A candidate passage as one line sees it: where it came from, how well it fits, what it asserts."""

    passage: object  # context.Passage
    source: str  # "signpost" or "search"
    fit: float
    precision: float  # share of the sentence's words that belong to the line: breaks ties in fit
    sentence: str
    stance: str = ""  # "for", "against", "neutral" (assertion.STANCE_OF)
    cue: str = ""
    assertion: str = ""

    @property
    def rank(self) -> tuple[float, float]:
        """How candidates are ordered: fit, then precision to break ties (rounded: float noise must not reorder)."""
        return (round(self.fit, 6), round(self.precision, 6))


@functools.lru_cache(maxsize=None)
def stems_of(text: str) -> tuple[str, ...]:
    """`terms(text)` as a tuple, stemmed once per run: the same sentences recur on many lines."""
    return tuple(terms(text))


def from_text(line) -> bool:
    """Is the line judged from the documents' text (not by the panel, not on a figure)?"""
    return not line.panel and line.quantitative is None


def stronger(line, than) -> bool:
    """Is `line` of a higher level than `than` (both levelled lines)?"""
    return bool(line.level and than.level and line.level > than.level)


# --- 1. candidates ---------------------------------------------------------------------

def candidates(judge, line) -> list[tuple[object, str]]:
    """The signposted passages first, then the best `candidates` BM25 hits for the line.

    The query is the line's words and its own synonyms; with `[judging] rm3_candidates`
    or `wordnet_weight` it is a weighted query expanded by RM3 feedback or WordNet lemmas.
    """
    found = [(p, "signpost") for _, p in judge.signposted]
    seen = {p.address for p, _ in found}
    line_terms, evidence = judge.terms[line.id], judge.context.evidence
    if line_terms.search_weights is not None:  # expanded by WordNet or RM3 feedback ([judging])
        hits = evidence.search_weighted(line_terms.search_weights, doc_types=judge.doc_types,
                                        limit=judge.thresholds.candidates)
    else:
        hits = evidence.search(line_terms.query, doc_types=judge.doc_types, limit=judge.thresholds.candidates)
    for passage in hits:
        if passage.address not in seen:
            seen.add(passage.address)
            found.append((passage, "search"))
    return found


# --- 2. fit ----------------------------------------------------------------------------

def fit(judge, passage, line) -> tuple[float, float, str]:
    """(fit, precision, sentence) of the passage's sentence or clause that fits the line best.

    Among equal fits the more precise one wins: "we know and act upon patient experience"
    is more exactly about "understands and acts upon patient experience" than "we will know
    and act upon patient experience by each population group".
    """
    line_terms = judge.terms[line.id]
    best = (0.0, 0.0, "")
    for sentence, sentence_stems in judge.context.evidence.sentences(passage):
        share = line_terms.fit(sentence_stems)
        if share <= 0:
            continue
        candidate = (share, line_terms.precision(sentence_stems), sentence)
        if candidate[:2] > best[:2]:
            best = candidate
    return best


# --- 3. assertion ----------------------------------------------------------------------

def assertion(judge, found: Found, line) -> Found:
    """The passage with the assertion status (ConText) of its sentence for the line's words.

    A table cell is read with its row ("Wheelchair re-tender | Head of Planned Care |
    Due March 2011"); a date later than the document's own after "by", "in" ... defers it.
    """
    evidence = judge.context.evidence
    text = evidence.row(found.passage) or found.sentence
    targets = judge.terms[line.id].target_weights(frozenset(stems_of(text)))
    dated = judge.document_dates.get(found.passage.place.doc_id, "")
    said = asserted(evidence, text, targets, dated)
    if said.status == "affirmed" and found.passage.place.kind == "list_item":
        heading = evidence.heading_of(found.passage)
        if heading:
            above = asserted(evidence, heading, {}, dated)
            if above.status != "affirmed":
                said = replace(above, cue=f"{above.cue} (heading: {shorten(heading, 40)})")
    if said.status == "affirmed" and judge.thresholds.not_done_reading > 0:
        # What ConText reads as affirmed, the statement model may still read as "not yet"
        # (statements.py): a passage it is sure of is read as unfinished work.
        sure = _statement(judge, found, "not_done")
        if sure >= judge.thresholds.not_done_reading:
            return replace(found, stance="against", cue=f"reads as not yet done ({sure:.2f})", assertion="in_progress")
    return replace(found, stance=said.stance, cue=said.cue, assertion=said.status)


def asserted(evidence, text: str, targets: Mapping[str, float], dated: str):
    """`assert_status` of `text` for `targets`, with the later dates of a document dated `dated`; once per run.

    Half the calls repeat one: a sentence printed in several places, or lines whose
    targets in it are the same words. The answer depends on nothing else (the rules are
    the file's), so it is kept in the evidence's per-run memo.
    """
    memo = evidence.cache.setdefault("assert_status", {})
    key = (text, tuple(sorted(targets.items())), dated)
    said = memo.get(key)
    if said is None:
        said = memo[key] = assert_status(text, targets, stem, extra=later_dates(text, dated))
    return said


# --- 4. belongs ------------------------------------------------------------------------

def belongs(judge, found: Found, line) -> bool:
    """Is the passage about this line rather than another line of the sub-competency it fits clearly better?

    Levels 2-4 often share words, and a level-2 statement must not meet the level-4
    line. A denial is the exception: saying the weaker thing is not done ("we have not
    yet worked with partners on a JSNA") also says the stronger one is not, so a
    denial fitting a lower-level line better still counts against this one.
    """
    if found.fit < judge.thresholds.against_fit:
        return True  # too weak to take from anyone; shown as evidence only
    better = [other for other in judge.lines
              if other.id != line.id and from_text(other)
              and judge.fit_of(found.passage, other)[0] > found.fit + judge.thresholds.margin]
    if found.stance == "against":
        return all(stronger(line, other) for other in better)
    return not any(rather(judge, found, other, line) for other in better)


def rather(judge, found: Found, other, line) -> bool:
    """Is a passage that fits `other` better about `other` rather than `line`?

    A weaker line's words are mostly a stronger one's too, so a statement of the
    stronger thing fits the weaker line fully and the stronger one only as far as the
    synonyms know its extra words. It is still the stronger line's when it says more of
    the stronger line's own words than the weaker line says of its own.
    """
    if not stronger(line, other):
        return True
    sentence_stems = frozenset(stems_of(found.sentence))
    mine, theirs = judge.terms[line.id], judge.terms[other.id]
    return mine.distinct_share(sentence_stems, theirs) <= theirs.distinct_share(sentence_stems, mine)


def denies(judge, found: Found, line) -> bool:
    """Does this "against" passage deny `line` itself, not a neighbour it merely shares words with?

    Saying a stronger thing is not done ("we have not yet worked with partners to
    produce a high quality JSNA") does not deny the weaker line ("has worked with
    partners to produce a JSNA"): a denial that fits a higher-level line of the same
    sub-competency about as well is that line's.
    """
    if found.fit < judge.thresholds.against_fit:
        return True  # too weak to decide anything; shown as evidence only
    sentence_stems = frozenset(stems_of(found.sentence))
    return not any(stronger(other, line) and from_text(other)
                   and judge.terms[other.id].fit(sentence_stems) >= found.fit - judge.thresholds.margin
                   for other in judge.lines)


# --- 5. probability --------------------------------------------------------------------

def signals(judge, fits: list[Found], line) -> dict[str, float]:
    """The line model's features: the evidence for, against and beside the line, where it came from, its level."""
    best_for = next((f for f in fits if f.stance == "for"), None)
    best_against = next((f for f in fits if f.stance == "against" and denies(judge, f, line)), None)
    best_neutral = next((f for f in fits if f.stance == "neutral"), None)
    agreeing = sum(1 for f in fits if f.stance == "for" and f.fit >= judge.thresholds.met_fit)
    return {
        "for": round(best_for.fit, 4) if best_for else 0.0,
        "against": round(best_against.fit, 4) if best_against else 0.0,
        "neutral": round(best_neutral.fit, 4) if best_neutral else 0.0,
        "signpost": 1.0 if best_for is not None and best_for.source == "signpost" else 0.0,
        "agree": round(min(agreeing, 3) / 3, 4),
        "precision": round(best_for.precision, 4) if best_for else 0.0,
        "mixed": 1.0 if best_for is not None and denied_beside(judge, best_for, line) else 0.0,
        "level_3": 1.0 if line.level == 3 else 0.0,
        "level_4": 1.0 if line.level == 4 else 0.0,
        "not_done": _statement(judge, best_for, "not_done"),
        "topical": _statement(judge, best_for, "topical"),
        "exemplar": _exemplar(judge, fits, line),
    }


def _exemplar(judge, fits: list[Found], line) -> float:
    """How much the passage stating the line as done that reads most like other PCTs' evidence for it
    does so (exemplars.py: cosine with the line's centroid); 0 without a "for" passage; NO_EXEMPLARS
    for a line the model has no exemplars of (or no model), which the plain line model judges."""
    model = exemplars.model_for(judge.context.framework)
    if model is None or not model.knows(line.id, line.text):
        return NO_EXEMPLARS
    return most_like_evidence(judge, fits, line)[1]


def most_like_evidence(judge, fits: list[Found], line) -> tuple[Found | None, float]:
    """(the "for" passage that reads most like other PCTs' evidence for the line, its similarity rounded);
    the first in rank order among equals; (None, 0.0) without a model or a "for" passage."""
    model = exemplars.model_for(judge.context.framework)
    best, score = None, 0.0
    if model is None:
        return best, score
    for f in fits:
        if f.stance != "for":
            continue
        s = round(model.similarity(line.id, line.text, f.passage.place.text), 4)
        if s > score:
            best, score = f, s
    return best, score


def _statement(judge, found: Found | None, kind: str) -> float:
    """P(the best statement's passage is a `kind` statement) by the framework's statement model (statements.py); 0 without one."""
    model = statements.model_for(judge.context.framework)
    if found is None or model is None:
        return 0.0
    return round(model.probability(kind, found.passage.place.text), 4)


def denied_beside(judge, found: Found, line) -> bool:
    """Does another sentence of the passage that states the line as done deny or defer the line's words?

    "This strategy has not been through an Equality Impact Assessment. A screening began
    in August 2009 but is incomplete, so our approach to seldom heard groups rests on staff
    knowledge": the second sentence fits best and is affirmed, the first denies part of
    the line. ConText reads each sentence on its own; the passage is the statement.
    """
    evidence = judge.context.evidence
    line_terms = judge.terms[line.id]
    dated = judge.document_dates.get(found.passage.place.doc_id, "")
    for sentence, sentence_stems in evidence.sentences(found.passage):
        if sentence == found.sentence or line_terms.fit(sentence_stems) < judge.thresholds.met_fit:
            continue
        targets = line_terms.target_weights(frozenset(sentence_stems))
        said = asserted(evidence, sentence, targets, dated)
        if said.stance == "against":
            return True
    return False


def probability(judge, fits: list[Found], line) -> tuple[float, dict[str, float]]:
    """(P(met) rounded as shown, the features it came from)."""
    found = signals(judge, fits, line)
    return round(probability_met(found, judge.thresholds), 3), found


# --- 6. status -------------------------------------------------------------------------

def status(judge, fits: list[Found], p: float, line) -> tuple[str, str]:
    """(status, reason): `met` on P >= met_p with an affirmed passage fitting at least met_fit that no denial outranks;
    `not_met` when a denial of this line fits well enough and outranks the best affirmed
    passage by `deny_margin` (or P is below met_p); else `no_evidence`."""
    r = judge.thresholds
    best_for = next((f for f in fits if f.stance == "for"), None)
    denial = next((f for f in fits if f.stance == "against"), None)
    best_against = next((f for f in fits if f.stance == "against" and denies(judge, f, line)), None)
    # A denial that fits better than every statement of the thing as done decides: the
    # most specific statement about the line says it is not done. A denial that belongs
    # as much to a stronger line (`denies`) blocks `met` without proving `not_met`.
    outranked = denial is not None and denial.fit >= r.against_fit and (
        best_for is None or denial.fit > best_for.fit + r.deny_margin)
    against_wins = best_against is not None and best_against.fit >= r.against_fit and (
        best_for is None or best_against.fit > best_for.fit + r.deny_margin or p < r.met_p)
    if p >= r.met_p and best_for is not None and best_for.fit >= r.met_fit and not outranked:
        like, similarity = most_like_evidence(judge, fits, line)
        also = (f"; reads most like other PCTs' evidence ({similarity:.2f}): {like.passage.where}"
                if like is not None and like is not best_for else "")
        return "met", f"met (p {p:.2f}): {best_for.passage.where}{also}"
    if against_wins:
        return "not_met", (f"not met (p {p:.2f}): {best_against.passage.where} says '{best_against.cue}' "
                           f"({best_against.assertion.replace('_', ' ')}): \"{shorten(best_against.sentence, 60)}\"")
    if r.not_done_status > 0 and p < r.met_p and best_for is not None and best_for.fit >= r.against_fit:
        # The best statement of the line is one the statement model reads as "not yet" with
        # confidence, and the evidence does not make the line likely met: say so.
        sure = _statement(judge, best_for, "not_done")
        if sure >= r.not_done_status:
            return "not_met", (f"not met (p {p:.2f}): {best_for.passage.where} reads as not yet done ({sure:.2f}): "
                               f"\"{shorten(best_for.sentence, 60)}\"")
    reason = f"no evidence (p {p:.2f}) in the {judge.type_names}" + (
        f" or the {len(judge.signposted)} signposted passages" if judge.signposted else "")
    if fits:
        reason += f" (closest: {fits[0].passage.where}, fit {fits[0].fit:.2f}, {fits[0].assertion.replace('_', ' ')})"
    return "no_evidence", reason


# --- the steps as one value a pack can change ------------------------------------------

@dataclass(frozen=True)
class Steps:
    """The six steps, in order; `with_replacements` swaps some of them."""

    candidates: Callable = candidates
    fit: Callable = fit
    assertion: Callable = assertion
    belongs: Callable = belongs
    probability: Callable = probability
    status: Callable = status

    def with_replacements(self, replacements: Mapping[str, Callable], by: str = "a plugin") -> "Steps":
        """These steps with some replaced; an unknown step name or a value that cannot be called is an error."""
        names = [f.name for f in fields(self)]
        for name, step in replacements.items():
            if name not in names:
                raise JudgingStepsError(f"{by}: wcc_judging_steps names an unknown step '{name}' "
                                        f"(steps: {', '.join(names)})")
            if not callable(step):
                raise JudgingStepsError(f"{by}: judging step '{name}' is not a function")
        return replace(self, **dict(replacements))


DEFAULT_STEPS = Steps()
STEP_NAMES = tuple(f.name for f in fields(Steps))
