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
    """Writes headings, paragraphs and list items for one PCT."""

    def __init__(self, profile: PCTProfile, rng: random.Random):
        self.profile = profile
        self.rng = rng
        self.slots = _Slots(profile, rng)

    def fill(self, template: str) -> str:
        return string.Formatter().vformat(template, (), self.slots)

    def heading(self, topic: str) -> str:
        return self.fill(self.rng.choice(topic_bank(topic)["headings"]))

    def _pool(self, topic: str, claims: bool = False) -> list[str]:
        data = topic_bank(topic)
        if claims:
            keep = lambda pool: list(pool)  # noqa: E731 - the commentary is the PCT's own claim
        else:
            keep = lambda pool: [t for t in pool if not touches_a_line(t)]  # noqa: E731
        if "sentences" in data:
            return keep(data["sentences"])
        if "context" in data and not claims:
            return data["context"]
        first, second = ("strong", "weak") if self.profile.strong(topic) else ("weak", "strong")
        # mostly the PCT's own maturity, with the odd sentence the other way, as real plans mix
        pool = keep(data[first]) * 4 + keep(data[second])
        assert pool, f"every sentence of topic {topic} speaks to a criterion line"
        return pool

    def sentences(self, topic: str, count: int, claims: bool = False) -> list[str]:
        pool = self._pool(topic, claims)
        picked: list[str] = []
        for template in self.rng.sample(pool, min(len(pool), count * 2)):
            if template not in picked:
                picked.append(template)
            if len(picked) == count:
                break
        return [self.fill(t) for t in picked]

    def paragraph(self, topic: str) -> str:
        return " ".join(self.sentences(topic, self.rng.randint(2, 4)))

    def list_items(self, topic: str) -> list[str]:
        return self.sentences(topic, self.rng.randint(3, 4))
