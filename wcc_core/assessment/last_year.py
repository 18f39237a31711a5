"""Last year's levels against this year's sub-competencies: reading the record, showing it.

A PCT's last-year record is what last year's assessment decided: a framework id and a
level per sub-competency, by the level's name. It is read from either

* the JSON `wcc assess --format json` wrote last year (its `framework`, `levels` and each
  sub-competency's `proposed` level, which carries the panel's decision once a review
  file was applied), or
* a small TOML file: ``framework = "wcc-2008"`` and a ``[levels]`` table of
  ``C1a = "Intermediate"`` (names or numbers).

When last year's framework is another one, this year's framework must declare how its
keys read the other's (``[previous.<id>]`` in framework.toml, see `PreviousMapping`);
without that declaration there is no comparison, and the error says what to add.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from wcc_core.assessment.arithmetic import mean_one_decimal
from wcc_core.framework.model import Framework
from wcc_core.records.results import Assessment
from wcc_core.errors import WccError


class LastYearError(WccError):
    """A last-year record that cannot be read or cannot be compared with this year's framework."""


@dataclass(frozen=True)
class LastYearRecord:
    """Last year's levels for one PCT: framework id and sub-competency key -> level name."""

    framework_id: str
    levels: dict[str, str]  # "C1a" -> "Intermediate"
    source: str = ""  # the file it was read from, for messages


def _name(value, level_names: list[str], where: str) -> str:
    if isinstance(value, bool):
        raise LastYearError(f"{where}: {value!r} is not a level")
    if isinstance(value, int):
        if not 1 <= value <= len(level_names):
            raise LastYearError(f"{where}: level {value} is not one of 1..{len(level_names)}")
        return level_names[value - 1]
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise LastYearError(f"{where}: {value!r} is not a level")


def record_from_assessment_json(data: dict, source: str = "") -> LastYearRecord:
    """The record in a `wcc assess --format json` object."""
    try:
        framework_id = data["framework"]
        names = [str(n) for n in data["levels"]]
        competencies = data["competencies"]
    except (KeyError, TypeError):
        raise LastYearError(f"{source}: not the JSON of `wcc assess --format json` (needs framework, levels, "
                            "competencies)") from None
    levels = {}
    for key, competency in competencies.items():
        for sub, result in (competency.get("subcompetencies") or {}).items():
            if result.get("proposed") is not None:
                levels[f"{key}{sub}"] = _name(result["proposed"], names, f"{source}: {key}{sub}")
    return LastYearRecord(framework_id, levels, source)


def read_last_year(path: Path, framework_levels=None) -> LastYearRecord:
    """A last-year record from an assessment JSON or a `[levels]` TOML file.

    `framework_levels(framework_id)` gives the level names of a TOML record's framework,
    so numbers in it can be read; names are taken as they are.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise LastYearError(f"{path}: cannot read the last-year record ({error})") from None
    if path.suffix.lower() == ".json":
        try:
            return record_from_assessment_json(json.loads(text), str(path))
        except json.JSONDecodeError as error:
            raise LastYearError(f"{path}: not valid JSON ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LastYearError(f"{path}: not valid TOML ({error})") from None
    framework_id = data.get("framework")
    table = data.get("levels")
    if not isinstance(framework_id, str) or not isinstance(table, dict):
        raise LastYearError(f"{path}: a last-year record needs framework = \"<id>\" and a [levels] table")
    names = list(framework_levels(framework_id)) if framework_levels else []
    return LastYearRecord(framework_id, {str(k): _name(v, names, f"{path}: levels.{k}") for k, v in table.items()},
                          str(path))


def last_year_levels(record: LastYearRecord, framework: Framework) -> dict[str, int]:
    """This year's sub-competency full key -> last year's level as this year's level number.

    Same framework: each key's level name becomes its number. Another framework: through
    this framework's `[previous.<id>]` mapping; a sub-competency continuing several of last
    year's shows the lowest of their levels; one with no mapped source (or a source with no
    level in the record) is left out. A level name the mapping does not know is an error.
    """
    info = framework.info
    out: dict[str, int] = {}
    if record.framework_id == framework.id:
        for sub in framework.subcompetencies():
            name = record.levels.get(sub.full_key)
            if name is None:
                continue
            number = info.level_number(name)
            if number is None:
                raise LastYearError(f"{record.source}: {sub.full_key} level '{name}' is not a level of {framework.id} "
                                    f"({', '.join(info.levels)})")
            out[sub.full_key] = number
        return out
    mapping = info.previous_mapping(record.framework_id)
    if mapping is None:
        declared = ", ".join(m.framework_id for m in info.previous) or "none"
        raise LastYearError(
            f"{record.source}: last year's record is for {record.framework_id}, and {framework.id} declares no "
            f"mapping from it (declared: {declared}); add [previous.\"{record.framework_id}\"] with "
            "`subcompetencies` and `levels` tables to its framework.toml")
    for sub in framework.subcompetencies():
        sources = [s for s in mapping.sources(sub.full_key) if s in record.levels]
        if not sources or len(sources) != len(mapping.sources(sub.full_key)):
            continue
        numbers = []
        for source in sources:
            number = mapping.level_number(record.levels[source])
            if number is None:
                raise LastYearError(f"{record.source}: {source} level '{record.levels[source]}' is not in "
                                    f"{framework.id}'s [previous.\"{record.framework_id}\".levels]")
            numbers.append(number)
        out[sub.full_key] = min(numbers)
    return out


def with_last_year(assessment: Assessment, levels: Mapping[str, int]) -> Assessment:
    """`assessment` with SubCompetencyResult.last_year from `levels` (full key -> level number)."""
    competencies = {}
    for key, competency in assessment.competencies.items():
        subs = tuple(replace(s, last_year=levels.get(s.full_key)) for s in competency.subcompetencies)
        competencies[key] = replace(competency, subcompetencies=subs,
                                    last_year_score=mean_one_decimal(s.last_year for s in subs))
    return replace(assessment, competencies=competencies)
