"""The JSON contract of `wcc assess --format json` read back into the Assessment the renderers take.

`wcc report --from assessment.json` renders a saved result without the submission's
index, framework rules or judging: every figure, status, reason and piece of evidence
a report shows is in the JSON (SUBMISSION_FORMAT.md, extended compatibly by
`Assessment.to_json`). What the JSON does not carry, and how it comes back:

* the framework's words for metrics.csv keys (`Assessment.labels`): read from the
  installed framework the JSON names, so that framework must be installed;
* why each level was or was not reached (`LevelStep`): the JSON has the sentence
  ("level 3 (Intermediate) not reached: ..."); the level and whether it was reached
  are read from its start;
* what only judging and signpost verification use (the rule object behind a governance
  rating, the blocks a locator cited, the signpost report's notes, how many ";" parts a
  signpost had beyond that it had several): left empty. No renderer shows them.
* scores and boxes are as the JSON rounds them (fit to two decimals, boxes to 0.1
  point), which is how every renderer shows and crops them.

A file that is not such JSON (not JSON, another command's JSON, a key missing or of the
wrong type) is an `AssessmentJsonError` naming the file and the key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from indexer.model import Block, LocatedBlock
from wcc_core.errors import WccError
from wcc_core.records.findings import Finding
from wcc_core.records.results import (
    Assessment, CompetencyResult, CriterionResult, DocumentSummary, EvidenceItem, FocusArea, GovernanceResult,
    LevelStep, OutcomeResult, RatingRow, SubCompetencyResult, SubComponentResult, SurveyQuestion, SurveySummary,
)
from wcc_core.records.signposts import (
    LocatorResult, SignpostFinding, SignpostReport, SignpostResult, Suggestion,
)

# The top-level keys every `wcc assess --format json` has written since the contract began.
REQUIRED = ("submission", "framework", "competencies", "governance", "outcomes", "focus_areas")


class AssessmentJsonError(WccError):
    """A file given to `wcc report --from` is not the JSON `wcc assess --format json` writes."""


class _Reader:
    """Typed access to one JSON object, naming the key path in every complaint."""

    def __init__(self, path: Path, data: Any, where: str):
        self.path, self.data, self.where = path, data, where
        if not isinstance(data, dict):
            self.fail(f"should be an object, not {_kind(data)}")

    def fail(self, message: str):
        place = f"{self.where}: " if self.where else ""
        raise AssessmentJsonError(f"{self.path}: {place}{message}; not the JSON of `wcc assess --format json`")

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kinds: tuple[type, ...], default: Any = ..., none: bool = False) -> Any:
        """The value at `key`: required unless `default` is given; of one of `kinds` (or null when `none`)."""
        if key not in self.data:
            if default is ...:
                self.fail(f"lacks the key {self._key(key)!r}")
            return default
        value = self.data[key]
        if value is None and (none or default is None):
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join(k.__name__ for k in kinds)
            _Reader(self.path, {}, self._key(key)).fail(f"should be {names}, not {_kind(value)}")
        return value

    def obj(self, key: str, default: Any = ...) -> "_Reader | None":
        value = self.get(key, (dict,), default)
        return None if value is None else _Reader(self.path, value, self._key(key))

    def objects(self, key: str, default: Any = ...) -> list["_Reader"]:
        """The objects of the list at `key` (a missing optional list is empty)."""
        items = self.get(key, (list,), default)
        return [_Reader(self.path, item, f"{self._key(key)}[{i}]") for i, item in enumerate(items or [])]

    def members(self, key: str) -> list[tuple[str, "_Reader"]]:
        """(name, object) of each member of the object at `key`, in file order."""
        table = self.get(key, (dict,))
        return [(name, _Reader(self.path, value, f"{self._key(key)}.{name}")) for name, value in table.items()]

    def strings(self, key: str, default: Any = ()) -> tuple[str, ...]:
        values = self.get(key, (list,), list(default))
        if not all(isinstance(v, str) for v in values):
            _Reader(self.path, {}, self._key(key)).fail("should be a list of strings")
        return tuple(values)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false",
            type(None): "null"}.get(type(value), "a number")


NUM = (int, float)
_STEP = re.compile(r"^level (\d+)(?: \(.*?\))? (reached|not reached):")


def _evidence(r: _Reader) -> EvidenceItem:
    bbox = r.get("bbox", (list,), None)
    if bbox is not None and (len(bbox) != 4 or not all(isinstance(v, NUM) and not isinstance(v, bool) for v in bbox)):
        r.fail("bbox should be four numbers")
    excerpt = r.get("excerpt", (str,))
    document = r.get("document", (str,), None)
    place = None
    if document is not None:
        paragraph = r.get("paragraph", (int,), None)
        # The JSON carries where the passage is and its box, not the block itself: the
        # block is rebuilt from them with the excerpt as its text (what renderers show).
        block = Block(paragraph or 0, "paragraph", excerpt, bbox=tuple(bbox) if bbox is not None else None)
        place = LocatedBlock(document, r.get("physical_page", (int,)), r.get("page", (str,), None), paragraph,
                             block=block if (paragraph is not None or bbox is not None) else None)
    return EvidenceItem(source=r.get("source", (str,)), excerpt=excerpt, fit=r.get("score", NUM, 0.0),
                        stance=r.get("stance", (str,), "for"), place=place, cue=r.get("cue", (str,), None) or "",
                        assertion=r.get("assertion", (str,), ""))


def _criterion(r: _Reader) -> CriterionResult:
    signals = r.get("signals", (dict,), {})
    return CriterionResult(
        id=r.get("id", (str,)), text=r.get("text", (str,)), status=r.get("status", (str,)),
        reason=r.get("reason", (str,), ""), evidence=tuple(_evidence(e) for e in r.objects("evidence", [])),
        level=r.get("level", (int,), None), rating=r.get("rating", (str,), None), warnings=r.strings("warnings"),
        enquiry=r.get("enquiry", (str,), ""), proposed_status=r.get("proposed_status", (str,), None),
        decided_by=r.get("decided_by", (str,), None), probability=r.get("p_met", NUM, None),
        signals=tuple(signals.items()))


def _steps(r: _Reader) -> tuple[LevelStep, ...]:
    steps = []
    for text in r.strings("deciding"):
        match = _STEP.match(text)
        steps.append(LevelStep(int(match.group(1)), match.group(2) == "reached", text) if match
                     else LevelStep(0, False, text))
    return tuple(steps)


def _subcompetency(key: str, competency: str, r: _Reader) -> SubCompetencyResult:
    distribution = r.get("level_distribution", (dict,), {})
    try:
        distribution = tuple((int(k), v) for k, v in distribution.items())
    except ValueError:
        r.fail("level_distribution should map level numbers to probabilities")
    return SubCompetencyResult(
        key=key, full_key=f"{competency}{key}", title=r.get("title", (str,), ""),
        self_level=r.get("self", (int,), None), proposed=r.get("proposed", (int,)),
        last_year=r.get("last_year", (int,), None), criteria=tuple(_criterion(c) for c in r.objects("criteria")),
        steps=_steps(r), rationale=r.get("rationale", (str,), ""), warnings=r.strings("warnings"),
        proposed_by_evidence=r.get("proposed_by_evidence", (int,), None), decided_by=r.get("decided_by", (str,), None),
        figures=tuple(_evidence(f) for f in r.objects("figures", [])), distribution=distribution,
        evidence_level=r.get("evidence_level", (int,), None), confidence=r.get("confidence", NUM, None),
        verdict=r.get("verdict", (str,), ""), lines_to_check=r.strings("lines_to_check"))


def _competency(key: str, r: _Reader) -> CompetencyResult:
    return CompetencyResult(key=key, title=r.get("title", (str,), ""), score=r.get("score", NUM, None),
                            self_score=r.get("self_score", NUM, None),
                            last_year_score=r.get("last_year_score", NUM, None),
                            subcompetencies=tuple(_subcompetency(k, key, s) for k, s in r.members("subcompetencies")))


def _row(r: _Reader) -> RatingRow:
    cells = tuple((k, v) for k, v in r.data.items() if k not in ("rating", "decides"))
    return RatingRow(cells=cells, rating=r.get("rating", (str,), None), decides=r.get("decides", (bool,), False))


def _subcomponent(key: str, component: str, r: _Reader) -> SubComponentResult:
    return SubComponentResult(
        key=key, full_key=f"{component}.{key}", title=r.get("title", (str,), ""), self_rating=r.get("self", (str,), None),
        proposed=r.get("proposed", (str,), None), last_year=r.get("last_year", (str,), None),
        criteria=tuple(_criterion(c) for c in r.objects("criteria", [])), rule=r.get("rule", (str,), ""),
        table=tuple(_row(t) for t in r.objects("table", [])), rationale=r.get("rationale", (str,), ""),
        warnings=r.strings("warnings"), proposed_by_evidence=r.get("proposed_by_evidence", (str,), None),
        decided_by=r.get("decided_by", (str,), None), arithmetic=r.get("arithmetic", (bool,), False))


def _governance(key: str, r: _Reader) -> GovernanceResult:
    return GovernanceResult(key=key, title=r.get("title", (str,), ""), self_rating=r.get("self", (str,), None),
                            proposed=r.get("proposed", (str,), None), last_year=r.get("last_year", (str,), None),
                            subcomponents=tuple(_subcomponent(k, key, s) for k, s in r.members("subcomponents")),
                            rule=r.get("rule", (str,), ""),
                            proposed_by_evidence=r.get("proposed_by_evidence", (str,), None),
                            decided_by=r.get("decided_by", (str,), None))


def _outcome(r: _Reader) -> OutcomeResult:
    conditions = tuple((c.get("key", (str,)), c.get("met", (bool,)), c.get("message", (str,), ""))
                       for c in r.objects("conditions", []))
    return OutcomeResult(
        ref=r.get("ref", (str,)), name=r.get("name", (str,), ""), higher_is_better=r.get("higher_is_better", (bool,), None),
        cagr=r.get("cagr", (dict,), {}), aspiration_cagr=r.get("aspiration_cagr", NUM, None),
        latest=r.get("latest", (dict,), {}), aspiration=tuple(r.get("aspiration", (list,), [])),
        flags=r.strings("flags"), comparison=r.get("comparison", (dict,), {}),
        changed_since_last_year=r.get("changed_since_last_year", (bool,), False),
        rationale=r.get("rationale", (str,), ""), locally_defined=r.get("locally_defined", (bool,), False),
        conditions=conditions, findings=r.strings("findings"), position=r.get("position", (dict,), {}),
        trend=r.get("trend", (str,), None), periods=r.get("periods", (dict,), {}),
        ambition_rule=r.get("ambition_rule", (str,), ""), relative=r.get("relative", (dict,), {}))


def _survey(r: _Reader | None) -> SurveySummary | None:
    if r is None:
        return None
    questions = tuple(SurveyQuestion(question=q.get("question", (str,)), text=q.get("text", (str,), ""),
                                     competencies=q.strings("competencies"), answered=q.get("answered", (int,), 0),
                                     mean=q.get("mean", NUM, None), sha_average=q.get("sha_average", NUM, None))
                      for q in r.objects("questions", []))
    return SurveySummary(file=r.get("file", (str,), None), completed=r.get("completed", (int,), 0),
                         minimum=r.get("minimum", (int,), 0), questions=questions, warnings=r.strings("warnings"))


def _locator(r: _Reader) -> LocatorResult:
    return LocatorResult(kind=r.get("kind", (str,)), status=r.get("status", (str,)), cited=r.get("cited", (str,), ""),
                         page=r.get("page", (str,), None), physical_page=r.get("physical_page", (int,), None),
                         paragraph=r.get("paragraph", (int,), None), section=r.get("section", (str,), None),
                         excerpt=r.get("excerpt", (str,), None), message=r.get("message", (str,), None))


def _signpost(r: _Reader) -> SignpostResult:
    part = r.get("part", (int,), 0)
    suggestions = tuple(Suggestion(LocatedBlock(s.get("document", (str,)), s.get("physical_page", (int,)),
                                                s.get("page", (str,), None), s.get("paragraph", (int,))),
                                   excerpt=s.get("excerpt", (str,), ""), relevance=s.get("score", NUM, 0.0))
                        for s in r.objects("suggestions", []))
    return SignpostResult(element=r.get("element", (str,)), key=r.get("key", (str,)), sub=r.get("sub", (str,), None),
                          index=r.get("index", (int,)), raw=r.get("raw", (str,), ""),
                          document=r.get("document", (str,), None), status=r.get("status", (str,)),
                          message=r.get("message", (str,), ""), locators=tuple(_locator(x) for x in r.objects("locators", [])),
                          part=part, parts=max(2, part) if "part" in r.data else 1,  # the JSON says only that there were parts
                          relevance=r.get("relevance", NUM, None), suggestions=suggestions)


def _signposts(r: _Reader | None, submission: str, framework: str) -> SignpostReport | None:
    if r is None or not (r.data.get("signposts") or r.data.get("findings") or r.data.get("summary")):
        return None  # the JSON of an assessment whose signposts were not checked
    findings = tuple(SignpostFinding(key=f.get("key", (str,)), status=f.get("status", (str,)),
                                     message=f.get("message", (str,), ""), documents=f.strings("documents"))
                     for f in r.objects("findings", []))
    return SignpostReport(submission=submission, framework=framework,
                          results=tuple(_signpost(s) for s in r.objects("signposts", [])), findings=findings)


def _focus(r: _Reader) -> FocusArea:
    kind, why = r.get("kind", (str,)), r.get("why", (str,))
    kinds, reasons = r.strings("kinds"), r.strings("reasons")
    return FocusArea(key=r.get("key", (str,)), kind=kind, why=why, enquiries=r.strings("enquiries"),
                     priority=r.get("priority", (int,), 2), label=r.get("label", (str,), ""),
                     kinds=() if kinds == (kind,) else kinds, reasons=() if reasons == (why,) else reasons)


def _document(r: _Reader) -> DocumentSummary:
    return DocumentSummary(id=r.get("id", (str,)), type=r.get("type", (str,), ""), file=r.get("file", (str,), ""),
                           pages=r.get("pages", (int,), 0), readable=r.get("readable", (bool,), True),
                           reason=r.get("reason", (str,), None) or "", numbering=r.get("numbering", (str,), ""))


def _finding(r: _Reader) -> Finding:
    severity = r.get("severity", (str,), "error")
    if severity not in ("error", "warning"):
        r.fail(f"severity {severity!r} should be error or warning")
    return Finding(file=r.get("file", (str,), ""), key=r.get("key", (str,), ""), message=r.get("message", (str,)),
                   severity=severity)


def assessment_from_json(data: Any, path: Path, labels: dict[str, str] | None = None) -> Assessment:
    """The Assessment whose `to_json()` is `data`; `labels`: the framework's words for metrics.csv keys."""
    top = _Reader(path, data, "")
    for key in REQUIRED:
        if key not in data:
            hint = ""
            if "signposts" in data and "summary" in data:
                hint = " (it looks like the JSON of `wcc signposts`)"
            elif "pages" in data and "blocks" in str(data.get("pages"))[:200]:
                hint = " (it looks like the JSON of `wcc extract`)"
            top.fail(f"lacks the key {key!r}{hint}")
    submission, framework = top.get("submission", (str,)), top.get("framework", (str,))
    competencies = {k: _competency(k, c) for k, c in top.members("competencies")}
    governance = {k: _governance(k, g) for k, g in top.members("governance")}
    stage = top.get("stage", (str,), "briefing")
    if stage not in ("briefing", "panel_report"):
        top.fail(f"stage {stage!r} should be briefing or panel_report")
    return Assessment(
        submission=submission, framework=framework, framework_name=top.get("framework_name", (str,), framework),
        pct=top.get("pct", (dict,), {}), levels=top.strings("levels"), competencies=competencies,
        ratings=top.strings("ratings"), governance=governance,
        outcomes=tuple(_outcome(o) for o in top.objects("outcomes")), survey=_survey(top.obj("survey", None)),
        signposts=_signposts(top.obj("signposts", None), submission, framework),
        focus_areas=tuple(_focus(f) for f in top.objects("focus_areas")),
        documents=tuple(_document(d) for d in top.objects("documents", [])),
        findings=tuple(_finding(f) for f in top.objects("findings", [])),
        labels=dict(labels or {}), decisions=top.get("decisions", (dict,), {}), stage=stage)


def read_assessment_json(path: Path, labels_of=None) -> Assessment:
    """The Assessment in the file `path` (written by `wcc assess --format json`), or AssessmentJsonError.

    `labels_of(framework_id)` gives the framework's words for metrics.csv keys (raising
    AssessmentJsonError for a framework that is not installed).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssessmentJsonError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AssessmentJsonError(f"{path}: is a folder, not the JSON of `wcc assess --format json`") from None
    except UnicodeDecodeError as error:
        raise AssessmentJsonError(f"{path}: not UTF-8 text (byte {error.start}); not the JSON of "
                                  "`wcc assess --format json`") from None
    except OSError as error:
        raise AssessmentJsonError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise AssessmentJsonError(f"{path}: not JSON (line {getattr(error, 'lineno', '?')}, column "
                                  f"{getattr(error, 'colno', '?')}: {getattr(error, 'msg', error)})") from None
    framework = data.get("framework") if isinstance(data, dict) else None
    labels = labels_of(framework) if labels_of is not None and isinstance(framework, str) else {}
    return assessment_from_json(data, path, labels)
