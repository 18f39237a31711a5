"""Reading criteria data files (TOML beside each plugin) into framework records.

Plugins call these so that every criteria set, built-in or third-party, is read the
same way and a mistake in a data file is reported with the file and the key.

A criteria file is read before the framework it belongs to is known, so levels and
ratings are checked here only for their type; `registry.assemble_framework` checks them
against the framework's own scale (`levels`, `ratings` in framework.toml).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from wcc_core.framework.model import (
    Competency,
    CriterionLine,
    DocumentType,
    Evidence,
    FigureSource,
    FrameworkInfo,
    FrameworkRules,
    GovernanceComponent,
    LocalOutcomeCondition,
    OutcomeMetric,
    OutcomeRules,
    Parameter,
    PreviousMapping,
    QuantitativeRule,
    SearchTerms,
    SubComponent,
    SubCompetency,
    SurveyStatement,
)
from wcc_core.errors import WccError
from wcc_core.framework.toml_cache import parse_toml


class FrameworkDataError(WccError):
    """A criteria data file is missing, not TOML, or lacks a required key."""

    def __init__(self, file: Path, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


def read_toml(path: Path) -> dict[str, Any]:
    """A framework data file read as TOML; a FrameworkDataError naming the file when it is missing or not TOML."""
    try:
        return parse_toml(Path(path).read_bytes())  # parsed once per content (toml_cache.py)
    except FileNotFoundError:
        raise FrameworkDataError(path, "data file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise FrameworkDataError(path, f"not valid TOML: {error}") from None


def _required(table: dict, key: str, path: Path, where: str) -> Any:
    if key not in table:
        raise FrameworkDataError(path, f"{where} lacks the required key '{key}'")
    return table[key]


def _evidence(table: dict) -> Evidence:
    return Evidence(
        documents=tuple(table.get("documents", ())),
        metrics=tuple(table.get("metrics", ())),
        surveys=tuple(table.get("surveys", ())),
        stakeholder_questions=tuple(table.get("stakeholder_questions", ())),
        listed=tuple(table.get("evidence_listed", ())),
    )


def _criterion(table: dict, path: Path, where: str) -> CriterionLine:
    level = table.get("level")
    rating = table.get("rating")
    if level is None and rating is None:
        raise FrameworkDataError(path, f"{where}: a criterion needs a 'level' or a 'rating'")
    # Which numbers and names are levels and ratings is the framework's to say; here only
    # their type is checked (the registry checks the scale once the framework is known).
    if level is not None and (not isinstance(level, int) or isinstance(level, bool) or level < 2):
        raise FrameworkDataError(path, f"{where}: level {level!r} is not a level number above the lowest (2, 3 ...)")
    if rating is not None and (not isinstance(rating, str) or not rating.strip()):
        raise FrameworkDataError(path, f"{where}: rating {rating!r} is not the name of a rating")
    return CriterionLine(
        search=_search_terms(table.get("search", {}), path, where),
        quantitative=_quantitative(table, path, where),
        text=str(_required(table, "text", path, where)).strip(),
        level=level,
        rating=rating,
        inferred=bool(table.get("inferred", False)),
        level_inferred=bool(table.get("level_inferred", False)),
        panel=bool(table.get("panel", False)),
    )


def _words(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise FrameworkDataError(path, f"{where}: expected a list of words, got {value!r}")
    return tuple(v.strip().lower() for v in value if v.strip())


def _search_terms(table: Any, path: Path, where: str, shared: dict | None = None) -> SearchTerms:
    """A line's `search` table: extra `terms`, `synonyms` (word -> words) and `required` words."""
    if not isinstance(table, dict):
        raise FrameworkDataError(path, f"{where}: 'search' must be a table")
    synonyms = table.get("synonyms", {})
    if not isinstance(synonyms, dict):
        raise FrameworkDataError(path, f"{where}: 'search.synonyms' must be a table of word = [words]")
    return SearchTerms(
        terms=_words(table.get("terms", ()), path, where),
        synonyms=tuple(sorted((k.lower(), _words(v, path, where)) for k, v in synonyms.items())),
        required=_words(table.get("required", ()), path, where),
    )


def _threshold(rule: dict, path: Path, where: str) -> float | None:
    threshold = rule.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))):
        raise FrameworkDataError(path, f"{where}: threshold {threshold!r} is not a number")
    return float(threshold) if threshold is not None else None


def _quantitative(table: dict, path: Path, where: str) -> QuantitativeRule | None:
    """A line's `survey`, `survey_share` or `metric` rule, if any.

    `survey = {question, agreement}`; `survey_share = {question, min_answer, op,
    threshold | parameter}`; `metric = {key, op, threshold | parameter}`. A `parameter`
    names a framework parameter whose value becomes the threshold when the framework is
    assembled.
    """
    if "survey_share" in table:
        rule = table["survey_share"]
        return QuantitativeRule(source="survey_share", key=str(_required(rule, "question", path, where)),
                                op=str(rule.get("op", ">=")), threshold=_threshold(rule, path, where),
                                parameter=str(rule.get("parameter", "")), note=rule.get("note", ""),
                                min_answer=int(_required(rule, "min_answer", path, where)),
                                agreement=str(rule.get("agreement", "")))
    if "survey" in table:
        rule = table["survey"]
        return QuantitativeRule(source="survey", key=str(_required(rule, "question", path, where)),
                                agreement=str(_required(rule, "agreement", path, where)), note=rule.get("note", ""))
    if "metric" in table:
        rule = table["metric"]
        return QuantitativeRule(source="metric", key=str(_required(rule, "key", path, where)),
                                op=str(rule.get("op", ">=")), threshold=_threshold(rule, path, where),
                                parameter=str(rule.get("parameter", "")), note=rule.get("note", ""))
    return None


def _with_ids(criteria: tuple[CriterionLine, ...], prefix: str) -> tuple[CriterionLine, ...]:
    """Number the lines of one sub-competency or sub-component: "C6b.1", "C6b.2" ..."""
    return tuple(replace(line, id=f"{prefix}.{i}") for i, line in enumerate(criteria, start=1))


def _shared_synonyms(data: dict, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A file's `[search.synonyms]` and those of its `[search] synonyms_file`: word -> words, for every line."""
    table = dict(data.get("search", {}))
    merged: dict[str, tuple[str, ...]] = {}
    shared_file = table.pop("synonyms_file", None)
    if shared_file:
        shared_path = (path.parent / shared_file).resolve()
        shared = read_toml(shared_path)
        merged.update(_search_terms({"synonyms": shared.get("synonyms", {})}, shared_path, "[synonyms]").synonyms)
    for word, others in _search_terms(table, path, "[search]").synonyms:
        merged[word] = tuple(dict.fromkeys(merged.get(word, ()) + others))
    return tuple(sorted(merged.items()))


def _merge_synonyms(line: CriterionLine, shared) -> CriterionLine:
    if not shared:
        return line
    if not line.search.synonyms:  # `shared` is already sorted by word, one entry a word: it is the merge
        return replace(line, search=replace(line.search, synonyms=shared))
    merged = dict(shared)
    for word, others in line.search.synonyms:
        merged[word] = tuple(dict.fromkeys(merged.get(word, ()) + others))
    return replace(line, search=replace(line.search, synonyms=tuple(sorted(merged.items()))))


def _parts(data: dict, path: Path, key: str, list_key: str, what: str, separator: str) -> list[dict]:
    """The sub-competencies or sub-components of a file as keyword arguments for their record."""
    parts = []
    subs = _required(data, list_key, path, "the file")
    shared = _shared_synonyms(data, path) if subs else ()  # the file's, the same for every part: read once
    for i, sub in enumerate(subs):
        where = f"{key} {what} {i + 1}"
        sub_key = _required(sub, "key", path, where)
        criteria = tuple(
            _merge_synonyms(_criterion(line, path, f"{key}{separator}{sub_key} criterion {j + 1}"), shared)
            for j, line in enumerate(sub.get("criteria", ()))
        )
        criteria = _with_ids(criteria, f"{key}{separator}{sub_key}")
        parts.append(
            {"key": sub_key, "title": _required(sub, "title", path, where), "criteria": criteria,
             "evidence": _evidence(sub), "method": str(sub.get("method", ""))}
        )
    return parts


def read_competency(path: Path) -> tuple[str, Competency]:
    """(framework id, competency) from a competency's criteria.toml."""
    data = read_toml(path)
    key = _required(data, "key", path, "the file")
    subs = _parts(data, path, key, "subcompetencies", "sub-competency", "")
    competency = Competency(
        key=key,
        number=int(_required(data, "number", path, "the file")),
        title=_required(data, "title", path, "the file"),
        short_title=data.get("short_title", ""),
        summary=data.get("summary", ""),
        subcompetencies=tuple(SubCompetency(**sub, competency=key) for sub in subs),
    )
    return _required(data, "framework", path, "the file"), competency


def read_governance_component(path: Path) -> tuple[str, GovernanceComponent]:
    """(framework id, component) from a governance component's criteria.toml."""
    data = read_toml(path)
    key = _required(data, "key", path, "the file")
    subs = _parts(data, path, key, "subcomponents", "sub-component", ".")
    component = GovernanceComponent(
        key=key,
        title=_required(data, "title", path, "the file"),
        subcomponents=tuple(SubComponent(**sub, component=key) for sub in subs),
    )
    return _required(data, "framework", path, "the file"), component


def read_outcome_metrics(path: Path) -> tuple[str, tuple[OutcomeMetric, ...], OutcomeRules]:
    """(framework id, metrics, rules) from an outcomes plugin's metrics.toml."""
    data = read_toml(path)
    metrics = tuple(
        OutcomeMetric(
            ref=str(_required(m, "ref", path, f"metric {i + 1}")),
            name=_required(m, "name", path, f"metric {i + 1}"),
            definition=m.get("definition", ""),
            area=m.get("area", ""),
            higher_is_better=bool(_required(m, "higher_is_better", path, f"metric {m.get('ref')}")),
            national=bool(m.get("national", True)),
        )
        for i, m in enumerate(_required(data, "metrics", path, "the file"))
    )
    conditions = tuple(
        LocalOutcomeCondition(key=c["key"], text=c.get("text", ""))
        for c in data.get("local_defined_conditions", ())
    )
    rules = OutcomeRules(
        max_outcomes=int(data.get("max_outcomes", 10)),
        max_local_defined=int(data.get("max_local_defined", 3)),
        aspiration_years=int(data.get("aspiration_years", 5)),
        national=tuple(str(r) for r in data.get("national", ())),
        local_defined_conditions=conditions,
        chosen=int(data.get("chosen", 0)),
        national_count=int(data.get("national_count", 0)),
    )
    return _required(data, "framework", path, "the file"), metrics, rules


def read_framework_info(path: Path) -> FrameworkInfo:
    """The framework-level record from a framework plugin's framework.toml."""
    data = read_toml(path)
    document_types = tuple(
        DocumentType(
            key=_required(d, "key", path, f"document type {i + 1}"),
            name=_required(d, "name", path, f"document type {i + 1}"),
            usual_names=tuple(d.get("usual_names", ())),
            min_count=int(d.get("min_count", 0)),
            max_count=int(d.get("max_count", 1)),
            max_pages=int(d.get("max_pages", 0)),
            feeds=tuple(d.get("feeds", ())),
            note=d.get("note", ""),
            requires_comment=bool(d.get("requires_comment", False)),
        )
        for i, d in enumerate(data.get("document_types", ()))
    )
    statements = tuple(
        SurveyStatement(
            question=_required(s, "question", path, f"survey statement {i + 1}"),
            text=_required(s, "text", path, f"survey statement {i + 1}"),
            competencies=tuple(s.get("competencies", ())),
            subcompetencies=tuple(s.get("subcompetencies", ())),
        )
        for i, s in enumerate(data.get("survey_statements", ()))
    )
    rules = FrameworkRules(
        max_signposted_documents=int(data.get("max_signposted_documents", 6)),
        too_broad_pages=int(data.get("too_broad_pages", 5)),
        max_non_prescribed=int(data.get("max_non_prescribed", 3)),
        min_stakeholder_surveys=int(data.get("min_stakeholder_surveys", 20)),
        survey_scale=tuple(int(v) for v in data.get("survey_scale", (1, 6))),
        survey_agreement=tuple(sorted((str(k).lower(), float(v)) for k, v in data.get("survey_agreement", {}).items())),
    )
    levels = tuple(str(level) for level in _required(data, "levels", path, "the file"))
    if len(levels) < 2 or len(set(n.lower() for n in levels)) != len(levels):
        raise FrameworkDataError(path, f"levels {list(levels)!r} must name at least two different levels, lowest first")
    ratings = tuple(str(r) for r in data.get("ratings", ()))
    if len(set(ratings)) != len(ratings):
        raise FrameworkDataError(path, f"ratings {list(ratings)!r} name a rating twice")
    return FrameworkInfo(
        id=_required(data, "id", path, "the file"),
        name=_required(data, "name", path, "the file"),
        year_label=data.get("year_label", ""),
        source=data.get("source", ""),
        levels=levels,
        ratings=ratings,
        competency_keys=tuple(data.get("competencies", ())),
        governance_keys=tuple(data.get("governance", ())),
        document_types=document_types,
        survey_statements=statements,
        rules=rules,
        parameters=_parameters(data, path),
        previous=_previous(data, path),
        judging=tuple(sorted((str(k), float(v)) for k, v in data.get("judging", {}).items())),
        figure_sources=_figure_sources(data),
        metric_labels=_metric_labels(data, path),
        folder=str(Path(path).resolve().parent),
    )


def _metric_labels(data: dict, path: Path) -> tuple[tuple[str, str], ...]:
    """framework.toml's `[metric_labels]`: each metrics.csv key in the words a panel reads."""
    table = data.get("metric_labels", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise FrameworkDataError(path, "[metric_labels] must map each metrics.csv key to a label in words")
    return tuple(sorted((str(k), v.strip()) for k, v in table.items()))


def _figure_sources(data: dict) -> tuple[FigureSource, ...]:
    """framework.toml's `[[other_surveys]]` and `[[metric_sources]]`, with the metrics.csv key prefixes of each."""
    found = []
    for kind, table in (("survey", "other_surveys"), ("metric", "metric_sources")):
        for entry in data.get(table, ()):
            key = str(entry.get("key", ""))
            found.append(FigureSource(key=key, name=str(entry.get("name", key)), kind=kind,
                                      used_by=tuple(entry.get("used_by", ())),
                                      prefixes=tuple(entry.get("prefixes", (key,)))))
    return tuple(found)


def _parameters(data: dict, path: Path) -> tuple[Parameter, ...]:
    """framework.toml's `[[parameters]]`: name, default, unit, placeholder, note."""
    found = []
    for i, table in enumerate(data.get("parameters", ())):
        where = f"parameter {i + 1}"
        default = _required(table, "default", path, where)
        if isinstance(default, bool) or not isinstance(default, (int, float)):
            raise FrameworkDataError(path, f"{where}: default {default!r} is not a number")
        found.append(Parameter(name=str(_required(table, "name", path, where)), default=float(default),
                               unit=str(table.get("unit", "")), placeholder=str(table.get("placeholder", "")),
                               note=str(table.get("note", ""))))
    names = [p.name for p in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise FrameworkDataError(path, f"parameter '{twice[0]}' is declared twice")
    return tuple(found)


def _previous(data: dict, path: Path) -> tuple[PreviousMapping, ...]:
    """framework.toml's `[previous.<framework id>]` tables: sub-competency keys and level names."""
    mappings = []
    for framework_id, table in sorted(data.get("previous", {}).items()):
        where = f"[previous.{framework_id}]"
        subs = _required(table, "subcompetencies", path, where)
        levels = _required(table, "levels", path, where)
        if not isinstance(subs, dict) or not isinstance(levels, dict):
            raise FrameworkDataError(path, f"{where}: 'subcompetencies' and 'levels' must be tables")
        pairs = []
        for key, sources in subs.items():
            sources = [sources] if isinstance(sources, str) else sources
            if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
                raise FrameworkDataError(path, f"{where}.subcompetencies.{key}: expected a key or a list of keys")
            pairs.append((str(key), tuple(sources)))
        for name, number in levels.items():
            if isinstance(number, bool) or not isinstance(number, int):
                raise FrameworkDataError(path, f"{where}.levels.{name}: {number!r} is not a level number")
        mappings.append(PreviousMapping(framework_id=str(framework_id), subcompetencies=tuple(pairs),
                                        levels=tuple((str(k), int(v)) for k, v in levels.items()),
                                        note=str(table.get("note", ""))))
    return tuple(mappings)
