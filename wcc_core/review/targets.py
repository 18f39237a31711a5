"""What a decision may be about: ids checked against the framework and the submission.

Criterion ids ("C6b.3", "board.risk.2"), sub-competencies ("C6b"), governance
sub-components ("finance.base_case") and components ("finance") come from the framework;
signposts (key, index[, part]) from the submission; levels and ratings from the
framework's own scale (`framework.info.levels`, `framework.info.ratings`), never from
code. A wrong id is an error that names the nearest valid ones (difflib), so a typo is
fixed in one go.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from wcc_core.framework.model import Framework
from wcc_core.review.model import COMMENTARY_SECTIONS, CRITERION_VALUES, ROLES, SIGNPOST_VALUES
from wcc_core.submission.model import Submission
from wcc_core.errors import WccError


class DecisionError(WccError, ValueError):
    """A decision that cannot be recorded: the message says what is valid."""


def nearest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The valid values closest to `word`, case aside."""
    choices = list(choices)
    by_lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=0.5)
    return [by_lower[f] for f in found]


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = nearest(word, choices)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _canonical(word: str, choices: Iterable[str], what: str, framework_id: str = "") -> str:
    """`word` as spelt in `choices` (case aside), or a DecisionError naming the nearest."""
    choices = list(choices)
    for choice in choices:
        if choice.lower() == word.strip().lower():
            return choice
    where = f" of {framework_id}" if framework_id else ""
    raise DecisionError(f"'{word}' is not a {what}{where}{_suggest(word, choices)}")


def criterion_ids(framework: Framework) -> dict[str, str]:
    """Every criterion line's id -> its text."""
    return {line.id: line.text for line in framework.criteria_lines()}


def subcompetency_keys(framework: Framework) -> list[str]:
    """Every sub-competency key of the framework ("C6b"), in the framework's order."""
    return [s.full_key for s in framework.subcompetencies()]


def rating_keys(framework: Framework) -> list[str]:
    """Governance sub-components and components: what a rating may be set on."""
    return [s.full_key for s in framework.subcomponents()] + list(framework.governance)


def criterion(framework: Framework, key: str) -> str:
    """A criterion id as the framework spells it, or a DecisionError naming the nearest."""
    return _canonical(key, criterion_ids(framework), "criterion line", framework.id)


def subcompetency(framework: Framework, key: str) -> str:
    """A sub-competency key as the framework spells it, or a DecisionError naming the nearest."""
    return _canonical(key, subcompetency_keys(framework), "sub-competency", framework.id)


def rated(framework: Framework, key: str) -> str:
    """A governance sub-component or component key as the framework spells it, or a DecisionError naming the nearest."""
    return _canonical(key, rating_keys(framework), "governance sub-component or component", framework.id)


def role(value: str) -> str:
    """A decision's role (analyst, panel, calibration) as spelt there, or a DecisionError."""
    return _canonical(value, ROLES, "role (analyst, panel, calibration)")


def section(value: str) -> str:
    """A panel report commentary section as spelt in COMMENTARY_SECTIONS, or a DecisionError."""
    return _canonical(value, COMMENTARY_SECTIONS, f"commentary section ({', '.join(COMMENTARY_SECTIONS)})")


def criterion_value(value: str) -> str:
    """A decision on a criterion line, normalised ("not met" -> "not_met"), or a DecisionError."""
    normal = value.strip().lower().replace("-", "_").replace(" ", "_")
    normal = {"needs_evidence": "no_evidence"}.get(normal, normal)
    if normal in CRITERION_VALUES:
        return normal
    raise DecisionError(f"'{value}' is not a decision on a criterion line: say met or not_met "
                        f"(or no_evidence: it needs evidence)"
                        f"{_suggest(value, CRITERION_VALUES)}")


def signpost_value(value: str) -> str:
    """A decision on a signpost ("accept" or "reject"; "accepted" and "rejected" too), or a DecisionError."""
    normal = {"accepted": "accept", "rejected": "reject"}.get(value.strip().lower(), value.strip().lower())
    if normal in SIGNPOST_VALUES:
        return normal
    raise DecisionError(f"'{value}' is not a decision on a signpost: say accept or reject")


def level(framework: Framework, value: str) -> int:
    """A level number (1-based) from its number or its name in the framework's scale."""
    names = framework.info.levels
    for number, name in enumerate(names, start=1):
        if value.strip().lower() == name.lower():
            return number
    if value.strip().isdigit() and 1 <= int(value) <= len(names):
        return int(value)
    shown = ", ".join(names)
    raise DecisionError(f"level '{value}' is not a level of {framework.id} (levels, lowest first: {shown})"
                        f"{_suggest(value, names)}")


def rating(framework: Framework, value: str) -> str:
    """A rating as the framework's scale spells it ("Green"), or a DecisionError listing the scale."""
    ratings = framework.info.ratings
    try:
        return _canonical(value, ratings, "rating")
    except DecisionError:
        raise DecisionError(f"rating '{value}' is not a rating of {framework.id} ({', '.join(ratings)})"
                            f"{_suggest(value, ratings)}") from None


def signpost_entry(submission: Submission, key: str, index: int):
    """The PCT's signpost `index` (0-based, as in `wcc signposts --format json`) of `key`."""
    entries = submission.signposts()
    keys = list(dict.fromkeys(e.key for e in entries))
    key = _canonical(key, keys, "key with signposts in this submission")
    mine = [e for e in entries if e.key == key]
    found = next((e for e in mine if e.index == index), None)
    if found is None:
        raise DecisionError(f"{key} has no signpost {index}: its signposts are numbered 0 to {len(mine) - 1} "
                            "(see `wcc signposts --format json`)")
    return found
