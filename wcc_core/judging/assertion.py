"""Assertion status of a statement by the ConText algorithm (Harkema et al., 2009).

ConText decides whether a *target* (here: the words of a sentence that match a criterion
line) is affirmed, negated, hypothetical, historical or said of someone else, from
*modifiers*: trigger phrases with a category and a direction. A modifier's *scope* runs
from its trigger forward, backward or both ways until a terminating term, a clause
boundary or the end of the sentence, and at most `max_scope` tokens; a target is modified
only when it lies inside the scope. Pseudo-triggers ("not only", "will continue") contain
a trigger's words but modify nothing.

For criterion lines the categories are the commissioning ones: `negated` (not done),
`intended` (planned, promised), `in_progress` (being done), `conditional` ("if ..."),
`hypothetical` (what good would look like), `other` (said of other PCTs or of national
policy, not of this PCT) and `historical` (a state that no longer holds: "previously",
"used to"). A `past` time ("last year", "in 2007") only lifts a negation: what was done
then was done, and an absence then says nothing of today.
A statement takes the category whose scopes cover at least half of the matched target
weight; otherwise it is `affirmed`. The modifier lists are data (context_rules.toml), so a
framework pack may bring its own.

Differences from the clinical algorithm, and why: commissioning sentences put the thing
done in the subject as often as in the object ("the strategy has not been agreed"), so
verb-level triggers (negation, intention) look both ways within their clause; and a comma
or a relative pronoun ends a clause, so "X is done, and Y is being piloted" keeps X
affirmed.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from wcc_core.errors import WccError

RULES_FILE = Path(__file__).with_name("context_rules.toml")

CATEGORIES = ("negated", "intended", "in_progress", "conditional", "hypothetical", "other", "historical", "past")
# When two categories cover the same share, the earlier one decides.
_PRIORITY = {name: i for i, name in enumerate(CATEGORIES)}
DIRECTIONS = ("forward", "backward", "bidirectional")
# What each status says about the line: evidence for it, against it, or neither.
STANCE_OF = {"affirmed": "for", "negated": "against", "intended": "against", "in_progress": "against",
             "conditional": "neutral", "hypothetical": "neutral", "other": "neutral", "historical": "neutral",
             "past": "for"}

# A statement is read for its first MAX_TOKENS words and marks: no sentence or table row
# of a plan is longer, and the bound keeps adversarial text ("not not not ...") linear.
MAX_TOKENS = 400
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[;:,.!?()|\u2014\u2013]")
_BOUNDARY_MARKS = frozenset(";:.!?()|\u2014\u2013")


class ContextRulesError(WccError, ValueError):
    """The modifier data file is not what the algorithm needs; the message names the file and the entry."""


@dataclass(frozen=True)
class Modifier:
    """One trigger phrase: its category, direction and how far its scope may reach."""

    phrase: tuple[str, ...]
    category: str
    direction: str
    max_scope: int


@dataclass(frozen=True)
class ContextRules:
    """The modifiers, pseudo-triggers and terminating terms, indexed by first word."""

    modifiers: tuple[Modifier, ...]
    pseudo: tuple[tuple[str, ...], ...]
    terminators: frozenset[str]
    comma_clauses: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    after_relative: int = 4
    status_cell: int = 5
    before_dates: frozenset[str] = frozenset()
    subject_reach: int = 8

    @functools.cached_property
    def by_first(self) -> dict[str, tuple[tuple[tuple[str, ...], Modifier | None], ...]]:
        """Trigger phrases (and pseudo-triggers, modifier None) by first word, longest first."""
        table: dict[str, list] = {}
        for p in self.pseudo:
            table.setdefault(p[0], []).append((p, None))
        for m in self.modifiers:
            table.setdefault(m.phrase[0], []).append((m.phrase, m))
        return {k: tuple(sorted(v, key=lambda e: (-len(e[0]), e[1] is not None))) for k, v in table.items()}

    @functools.cached_property
    def readings(self) -> dict:
        """What `assert_status` has read from each sentence under these rules (`_reading`)."""
        return {}


def _phrases(value, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.split() for v in value):
        raise ContextRulesError(f"{where}: expected a list of non-empty phrases")
    return tuple(tuple(tokens(v)) for v in value)


@functools.lru_cache(maxsize=8)
def load_rules(path: Path = RULES_FILE) -> ContextRules:
    """The rules of a context_rules.toml; an unknown table or key is an error naming it."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContextRulesError(f"{path}: {error}") from None
    scope = dict(data.pop("max_scope", {}))
    relatives = frozenset(data.pop("relatives", {}).get("words", []))
    before_dates = frozenset(data.pop("dates", {}).get("before", []))
    after_relative = int(scope.pop("after_relative", 4))
    status_cell = int(scope.pop("status_cell", 5))
    subject_reach = int(scope.pop("subject", 8))
    unknown = set(scope) - set(DIRECTIONS)
    if unknown:
        raise ContextRulesError(f"{path}: [max_scope] {', '.join(sorted(unknown))}: unknown key")
    pseudo = _phrases(data.pop("pseudo", {}).get("phrases", []), f"{path}: [pseudo] phrases")
    terminators = _phrases(data.pop("terminate", {}).get("terms", []), f"{path}: [terminate] terms")
    comma_clauses = frozenset(data.pop("comma_clauses", {}).get("words", []))
    modifiers = []
    for category, table in sorted(data.items()):
        if category not in CATEGORIES or not isinstance(table, dict):
            raise ContextRulesError(f"{path}: unknown table [{category}] (categories: {', '.join(CATEGORIES)})")
        for direction, phrases in sorted(table.items()):
            if direction not in DIRECTIONS:
                raise ContextRulesError(f"{path}: [{category}] {direction}: unknown direction "
                                        f"(one of {', '.join(DIRECTIONS)})")
            reach = int(scope.get(direction, 12)) if isinstance(scope, dict) else 12
            for phrase in _phrases(phrases, f"{path}: [{category}] {direction}"):
                modifiers.append(Modifier(phrase, category, direction, reach))
    return ContextRules(tuple(modifiers), pseudo, frozenset(t[0] for t in terminators if len(t) == 1), comma_clauses,
                        relatives, after_relative, status_cell, before_dates, subject_reach)


def tokens(text: str) -> list[str]:
    """Lower-case words and the punctuation that can end a scope, in order."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


@dataclass(frozen=True)
class Assertion:
    """What a sentence asserts of a criterion line's words: a status, the trigger, the share it governs."""

    status: str  # "affirmed" or one of CATEGORIES
    cue: str = ""
    share: float = 0.0

    @property
    def stance(self) -> str:
        """"for", "against" or "neutral": how the statement counts for the line."""
        return STANCE_OF[self.status]


def _triggers(toks: list[str], rules: ContextRules) -> list[tuple[int, int, Modifier]]:
    """(start, end, modifier) of every trigger, longest match first; pseudo-triggers block their words."""
    found = []
    i = 0
    table = rules.by_first
    while i < len(toks):
        for phrase, modifier in table.get(toks[i], ()):
            if tuple(toks[i:i + len(phrase)]) == phrase:
                if modifier is not None:
                    found.append((i, i + len(phrase), modifier))
                i += len(phrase) - 1
                break
        i += 1
    return found


def _ends_scope(toks: list[str], i: int, rules: ContextRules) -> bool:
    """Does the token at `i` end a scope: a boundary mark, a terminating term, or a comma opening a clause?"""
    tok = toks[i]
    if tok == ";" and i + 1 < len(toks) and toks[i + 1] in ("and", "or"):
        return False  # "X; and Y" is the last item of a list: what governs X governs Y
    if tok in _BOUNDARY_MARKS or tok in rules.terminators:
        return True
    return tok == "," and i + 1 < len(toks) and toks[i + 1] in rules.comma_clauses


def _cell(toks: list[str], start: int, end: int) -> tuple[int, int]:
    """The bounds of the table cell (between "|" marks) holding [start, end); the whole text if none."""
    lo = max((i + 1 for i in range(start) if toks[i] == "|"), default=0)
    hi = next((i for i in range(end, len(toks)) if toks[i] == "|"), len(toks))
    return lo, hi


def _scope(toks: list[str], start: int, end: int, modifier: Modifier, rules: ContextRules,
           cells: bool = False) -> range:
    """The token positions a trigger at [start, end) modifies; `cells`: the text is a table row."""
    if cells:
        lo, hi = _cell(toks, start, end)
        if hi - lo <= rules.status_cell and (lo, hi) != (0, len(toks)):
            return range(0, len(toks))  # a status cell speaks for its row
    forward_reach = modifier.max_scope
    backward = modifier.direction in ("backward", "bidirectional")
    if start and toks[start - 1] in rules.relatives:
        forward_reach, backward = min(forward_reach, rules.after_relative), False
    lo, hi = start, end
    if modifier.direction in ("forward", "bidirectional"):
        while hi < len(toks) and hi - end < forward_reach and not _ends_scope(toks, hi, rules):
            hi += 1
    if backward:
        reach = rules.subject_reach if modifier.direction == "bidirectional" else modifier.max_scope
        while lo > 0 and start - lo < reach and not _ends_scope(toks, lo - 1, rules):
            lo -= 1
    return range(lo, hi)


# Readings kept per rules object: a run asks about one sentence for many lines (9,994
# questions about 1,118 sentences for a 150-page PCT); a long-lived process starts afresh
# past this many.
_READINGS = 50_000


def _reading(sentence: str, extra: tuple, stem, rules: ContextRules):
    """What `assert_status` reads from the sentence alone, whatever the targets: once per sentence.

    (each token's stem, None for a mark; (category, token positions it governs) in the
    order found; category -> the first trigger's words).
    """
    memo = rules.readings
    key = (sentence, extra, stem)
    found_reading = memo.get(key)
    if found_reading is not None:
        return found_reading
    if len(memo) >= _READINGS:
        memo.clear()
    toks = tokens(sentence)[:MAX_TOKENS]
    cells = "|" in toks  # looked up once: a scope per trigger must not rescan the text
    stems = tuple(stem(t) if t[0].isalnum() else None for t in toks)
    cue_of: dict[str, str] = {}
    positions: dict[str, set[int]] = {}
    found = [(s, e, m) for s, e, m in _triggers(toks, rules)]
    for pos, category, phrase in extra:
        if 0 <= pos < len(toks):
            found.append((pos, pos + 1, Modifier(tuple(phrase.split()), category, "bidirectional", 12)))
    for start, end, modifier in found:
        cat = modifier.category
        span = positions.setdefault(cat, set())
        span.update(_scope(toks, start, end, modifier, rules, cells))
        cue_of.setdefault(cat, " ".join(modifier.phrase))
    # Double negation: "no breach has gone without investigation" affirms. A "without"
    # inside another negation's scope cancels that negation.
    negations = [(s, e, m) for s, e, m in found if m.category == "negated"]
    cancelled = set()
    for s_, e_, m_ in negations:
        if m_.phrase == ("without",):
            for s2, e2, m2 in negations:
                if (s2, e2) != (s_, e_) and s_ in _scope(toks, s2, e2, m2, rules, cells):
                    cancelled.update(_scope(toks, s2, e2, m2, rules, cells))
                    cancelled.update(_scope(toks, s_, e_, m_, rules, cells))
    if cancelled and "negated" in positions:
        positions["negated"] -= cancelled
    past = positions.get("past", set()) | positions.get("historical", set())
    spans = []
    for cat, span in positions.items():
        if cat == "negated":
            span = span - past  # a past absence does not deny today
        spans.append((cat, span))
    found_reading = memo[key] = (stems, tuple(spans), cue_of)
    return found_reading


def assert_status(sentence: str, targets: Mapping[str, float], stem, rules: ContextRules | None = None,
                  extra: tuple[tuple[int, str, str], ...] = ()) -> Assertion:
    """The assertion status of `sentence` for the words in `targets` (stem -> weight).

    `stem` maps a token to the form `targets` uses. `extra` adds triggers found by other
    means (a date after the document's: (token position, category, phrase)), scoped as
    bidirectional. With no target word in the sentence, every trigger counts (the whole
    sentence is the statement).
    """
    rules = rules or load_rules()
    stems, spans, cue_of = _reading(sentence, extra, stem, rules)
    weights = [targets.get(s, 0.0) if s is not None else 0.0 for s in stems]
    total = sum(weights)
    if not total:
        weights = [1.0 if s is not None else 0.0 for s in stems]
        total = sum(weights) or 1.0
    covered = {cat: sum(weights[i] for i in span) / total for cat, span in spans}
    best = None
    for cat in CATEGORIES:
        share = covered.get(cat, 0.0)
        if cat == "past":
            continue  # a past event that is not an absence is simply done
        if share >= 0.5 and (best is None or share > best[1] + 1e-9):
            best = (cat, share)
    if best is None:
        if sentence.rstrip().endswith("?"):
            return Assertion("hypothetical", "?", 1.0)  # a question asks; it states nothing as done
        return Assertion("affirmed")
    return Assertion(best[0], cue_of.get(best[0], ""), round(best[1], 3))


def triggers_in(text: str, category: str, rules: ContextRules | None = None) -> tuple[str, ...]:
    """The trigger phrases of `category` in `text`, in order (pseudo-triggers left out)."""
    rules = rules or load_rules()
    return tuple(dict.fromkeys(" ".join(m.phrase) for _, _, m in _triggers(tokens(text), rules)
                               if m.category == category))


_YEAR = re.compile(r"^(20\d\d)$")


def later_dates(sentence: str, as_of: str, rules: ContextRules | None = None) -> tuple[tuple[int, str, str], ...]:
    """Triggers for dates after the document's own year: ((token position, "intended", "by 2011"), ...).

    A document dated 2009 that says a thing happens "by April 2011" or "in 2010/11" is
    promising it. Only a year after a preposition of time (`[dates] before`) counts, and
    only a later calendar year: documents are often dated before meetings they report.
    """
    rules = rules or load_rules()
    if not as_of or not rules.before_dates:
        return ()
    try:
        year = int(as_of[:4])
    except ValueError:
        return ()
    toks = tokens(sentence)
    out = []
    for i, tok in enumerate(toks):
        match = _YEAR.match(tok)
        if not match or int(match.group(1)) <= year:
            continue
        # "by 2011", "by April 2011", "in 2010" ("/11" is tokenised apart)
        for back in (1, 2):
            if i - back >= 0 and toks[i - back] in rules.before_dates:
                out.append((i - back, "intended", f"{toks[i - back]} {' '.join(toks[i - back + 1:i + 1])}"))
                break
    return tuple(out)
