"""Paragraph text for a PCT, built from the phrase banks.

A paragraph is two to four sentences from one topic's bank, with the slots ({area},
{acute}, {pc} ...) filled from its profile or drawn fresh. For a sub-competency the
documents use only its "context" sentences, which state no criterion line as done or
not done: the planted paragraphs (truth.py) alone speak to the lines, so background prose
can never contradict the truth. The "strong"/"weak" sentences (mostly the PCT's own
maturity, the odd one the other way) are claims, used for governance topics and, with
`claims=True`, for the self-assessment commentary. A governance or general sentence that
covers half or more of a criterion line's content words is never used in a document
(`touches_a_line`): it could assert or deny that line whatever its truth.
"""

from __future__ import annotations

import random
import re
import string
from functools import lru_cache

from corpus.generator.banks import bank, topic as topic_bank
from corpus.generator.pct_profile import PCTProfile


_STOP = frozenset("""a an the and or of to in on for by with from at as is are be been was were has have had
that this these those its it their our we us which who what when where how all any each every other such than
then so into through within across between about also not yet will can may should must more most per via pct
pcts nhs""".split())
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
TOUCH = 0.5  # share of a line's content words that makes a background sentence speak to it


def _content(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if len(w) > 2 and w not in _STOP)


@lru_cache(maxsize=1)
def _line_words() -> tuple[frozenset[str], ...]:
    from corpus.generator.truth import criteria_lines

    return tuple(w for w in (_content(l.text) for l in criteria_lines() if not l.panel) if w)


@lru_cache(maxsize=None)
def touches_a_line(template: str) -> bool:
    """Does this sentence cover at least half the content words of some judged criterion line?"""
    words = _content(template)
    return any(len(words & line) >= TOUCH * len(line) for line in _line_words())


class _Slots(dict):
    """Fixed names from the profile; numbers drawn fresh each time they are asked for."""

    def __init__(self, profile: PCTProfile, rng: random.Random):
        super().__init__(profile.names)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        places = bank("places")
        fresh = {
            "pc": lambda: str(rng.randint(55, 92)),
            "pc_low": lambda: str(rng.randint(35, 54)),
            "pc_small": lambda: str(rng.randint(3, 18)),
            "pc_high": lambda: f"{rng.uniform(92, 99):.1f}",
            "n": lambda: str(rng.randint(12, 40)),
            "n_met": lambda: str(rng.randint(8, 11)),
            "n_small": lambda: str(rng.randint(2, 6)),
            "m": lambda: f"{rng.randint(12, 60) * 100:,}",
            "money": lambda: f"£{rng.uniform(0.4, 9.5):.1f}m",
            "money_small": lambda: f"£{rng.randint(5, 25) * 10},000",
            "month": lambda: rng.choice(places["months"]),
            "locality": lambda: f"{rng.choice(places['localities'])} {self['area']}",
            "priority": lambda: rng.choice(places["priorities"]),
            "service": lambda: rng.choice(places["services"]),
            "programme": lambda: rng.choice(places["programmes"]).format(area=self["area"]),
        }
        if key not in fresh:
            raise KeyError(f"unknown slot {{{key}}} in a phrase bank")
        return fresh[key]()


class Prose:
    """Writes headings, paragraphs and list items for one PCT.

    Within one document no sentence template is used twice (`begin_document` starts the
    count afresh), so no paragraph restates another and a figure drawn fresh for a slot
    is never stated twice with two values. A document longer than its topics' sentences
    can fill (the 1,000-page stress test) may be begun with `repeats=True`: a topic whose
    sentences are used up then starts over.
    """

    def __init__(self, profile: PCTProfile, rng: random.Random):
        self.profile = profile
        self.rng = rng
        self.slots = _Slots(profile, rng)
        self.used: set = set()  # templates, filled texts and headings used in the current document
        self.repeats = False

    def begin_document(self, repeats: bool = False) -> None:
        """Start a new document: every sentence and heading may be used once more."""
        self.used = set()
        self.repeats = repeats

    def left(self, topic: str) -> int:
        """How many of the topic's background sentences the current document has not used yet."""
        if self.repeats:
            return len(self._pool(topic))
        if all(("heading", h) in self.used for h in topic_bank(topic)["headings"]):
            return 0  # a topic has as many sections in a document as it has headings, each under its own
        return len({t for t in self._pool(topic) if t not in self.used})

    def fill(self, template: str) -> str:
        return string.Formatter().vformat(template, (), self.slots)

    def heading(self, topic: str) -> str:
        """A heading for a section on `topic`, one the document has not used yet while any is left."""
        headings = topic_bank(topic)["headings"]
        fresh = [h for h in headings if ("heading", h) not in self.used] or headings
        chosen = self.rng.choice(fresh)
        self.used.add(("heading", chosen))
        return self.fill(chosen)

    def once(self, choices: tuple[str, ...] | list[str]) -> str | None:
        """One of `choices` the current document has not used yet (lead-ins, resolutions), or None."""
        fresh = [c for c in choices if c not in self.used]
        if not fresh:
            return None
        chosen = self.rng.choice(fresh)
        self.used.add(chosen)
        return chosen

    def _pool(self, topic: str, claims: bool = False) -> list[str]:
        data = topic_bank(topic)
        if claims:
            keep = lambda pool: list(pool)  # noqa: E731 - the commentary is the PCT's own claim
        else:
            keep = lambda pool: [t for t in pool if self._may_write(t)]  # noqa: E731
        more = [] if claims else keep(bank("background").get(topic, {}).get("more", []))
        if "sentences" in data:
            return keep(data["sentences"]) + more
        if "context" in data and not claims:
            return keep(data["context"]) + more
        first, second = ("strong", "weak") if self.strong(topic) else ("weak", "strong")
        # mostly the PCT's own maturity, with the odd sentence the other way, as real plans mix
        pool = keep(data[first]) * 4 + keep(data[second]) + more
        assert pool, f"every sentence of topic {topic} speaks to a criterion line"
        return pool

    def _may_write(self, template: str) -> bool:
        """May a document carry this sentence: it speaks to no criterion line and its figures exist."""
        if touches_a_line(template):
            return False
        # "on trajectory for all but 0 indicators" is no sentence: with none off trajectory, leave it out
        return not ("{tier1_off}" in template and self.profile.tier1_off == 0)

    def strong(self, topic: str) -> bool:
        """Does this topic's prose read as mature? Finance follows the finance data where it is known."""
        if topic in self.finance_strength:
            return self.finance_strength[topic]
        return self.profile.strong(topic)

    def use_finance(self, finance: dict) -> None:
        """Take the finance figures the data files and tables carry, so the prose states the same ones.

        `finance` maps (kind, scenario, year) to (income, surplus, SHA expected surplus), £m.
        """
        money = lambda v: f"£{v:.1f}m" if v >= 0 else f"a deficit of £{-v:.1f}m"  # noqa: E731
        outturns = sorted(k for k in finance if k[0] == "outturn")
        plans = {scenario: [finance[k] for k in sorted(k for k in finance if k[:2] == ("plan", scenario))]
                 for scenario in ("base", "upside", "downside")}
        income, surplus, expected = finance[outturns[-1]]
        self.slots.update({
            "outturn_income": f"£{income:.1f}m", "outturn_surplus": money(surplus), "outturn_expected": money(expected),
            "base_first": money(plans["base"][0][1]), "base_last": money(plans["base"][-1][1]),
            "downside_first": money(plans["downside"][0][1]), "downside_last": money(plans["downside"][-1][1]),
            "upside_last": money(plans["upside"][-1][1]),
        })
        first_deficit = {s: next((year for (kind, scen, year) in sorted(finance) if kind == "plan" and scen == s
                                  and finance[(kind, scen, year)][1] < 0), None) for s in plans}
        self.slots["deficit_year"] = first_deficit["base"] or first_deficit["downside"] or "2013/14"
        self.finance_strength = {
            "finance.historical": all(finance[k][1] >= 0 and abs(finance[k][1] - finance[k][2]) <= 0.005 * finance[k][0]
                                      for k in outturns),
            "finance.base_case": first_deficit["base"] is None,
            "finance.scenarios": first_deficit["base"] is None and first_deficit["downside"] is None,
        }

    def sentences(self, topic: str, count: int, claims: bool = False) -> list[str]:
        """Up to `count` sentences on `topic`; in a document, only ones it has not used yet."""
        pool = self._pool(topic, claims)
        if not claims:  # the self-assessment commentary is not a document
            if self.repeats and all(t in self.used for t in pool):
                self.used.difference_update(pool)
            pool = [t for t in pool if t not in self.used]
        picked: list[str] = []
        for template in self.rng.sample(pool, min(len(pool), count * 3)):
            if template not in picked:
                picked.append(template)
            if len(picked) == count:
                break
        out = []
        for template in picked:
            text = self.fill(template)
            if not claims:
                if text in self.used and not self.repeats:
                    continue
                self.used.update((template, text))
            out.append(text)
        return out

    def unrepeated(self, text: str) -> str:
        """`text` (a planted paragraph) without any sentence after its first that the document already has.

        A planted statement may end with one of a few stock closing sentences ("Progress is
        reported to the board every quarter."); the second time in a document it is dropped.
        """
        first, *rest = SENTENCE_END.split(text)
        kept = [first]
        for sentence in rest:
            if sentence not in self.used:
                kept.append(sentence)
                self.used.add(sentence)
        return " ".join(kept)

    def paragraph(self, topic: str) -> str:
        """Two to four sentences on `topic` (fewer, or none, once the document has used them up)."""
        return " ".join(self.sentences(topic, self.rng.randint(2, 4)))

    def list_items(self, topic: str) -> list[str]:
        return self.sentences(topic, self.rng.randint(3, 4))
