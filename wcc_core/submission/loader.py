"""Reading `submission.toml` into a Submission, leniently.

Only a missing or unparseable file stops loading (SubmissionError). Anything else that
is malformed (a list where a table belongs, a number where text belongs) is skipped and
recorded as a Finding, so `wcc validate` can report every problem at once.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from indexer.limits import Limits
from wcc_core.bounded_toml import TomlFileError, read_toml_bounded
from wcc_core.records.findings import Finding
from wcc_core.submission.model import (
    PCT,
    CompetencyAssessment,
    GovernanceAssessment,
    OutcomeEntry,
    SignpostEntry,
    Submission,
    SubmittedDocument,
)
from wcc_core.errors import WccError

TOML_NAME = "submission.toml"
_DIGIT_RUNS = re.compile(r"(\d+)")


class SubmissionError(WccError):
    """The submission cannot be read at all: no folder, no submission.toml, not TOML."""

    def __init__(self, file: Path, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


def read_submission_toml(folder: Path, limits: Limits | None = None) -> dict[str, Any]:
    """The parsed submission.toml of `folder` (or the file itself); SubmissionError if it cannot be read.

    The file must be a regular file of at most `limits.max_toml_bytes` (a FIFO or a
    device would block or never end), and its tables and arrays may nest at most
    `limits.max_toml_depth` deep.
    """
    folder = Path(folder)
    limits = limits or _limits()
    if not folder.exists():
        if folder.name == TOML_NAME and folder.parent.is_dir():
            raise SubmissionError(folder, "not found: every submission folder needs a submission.toml")
        raise SubmissionError(folder, "no such submission folder")
    if not folder.is_dir():
        if folder.name == TOML_NAME:
            folder = folder.parent
        else:
            raise SubmissionError(folder, f"a submission is a folder holding {TOML_NAME}, not a file")
    path = folder / TOML_NAME
    try:
        return read_toml_bounded(path, limits.max_toml_bytes, limits.max_toml_depth, "a submission.toml")
    except FileNotFoundError:
        raise SubmissionError(path, "not found: every submission folder needs a submission.toml") from None
    except TomlFileError as error:
        raise SubmissionError(path, error.message) from None


def _limits() -> Limits:
    try:
        return Limits.from_env()
    except ValueError as error:
        raise SubmissionError(Path(TOML_NAME), str(error)) from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


_TOML_TYPES = {str: "text", bool: "a boolean", int: "an integer", float: "a number", list: "an array", dict: "a table"}


def _toml_type(value: Any) -> str:
    """What a TOML author wrote, in TOML's words: "an integer 5", "an array [1]"."""
    if isinstance(value, (datetime.date, datetime.time)):
        return f"a date or time {value}"
    return f"{_TOML_TYPES.get(type(value), type(value).__name__)} {value!r}"


def _natural_key(key: str) -> tuple:
    """C2 before C10."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGIT_RUNS.split(key))


class _Reader:
    """Walks the parsed TOML, building records and collecting structural problems."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[Finding] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Finding(TOML_NAME, key, message))

    def text(self, table: dict, name: str, where: str, dates: bool = False) -> str:
        """table[name] as text. Anything but a string (or, with `dates`, a TOML date) is a problem."""
        value = table.get(name)
        if not (value is None or isinstance(value, str) or (dates and isinstance(value, datetime.date))):
            kind = "a date like 2009-12-01 or text in quotes" if dates else "text in quotes"
            self.problem(f"{where}.{name}", f"should be {kind}, found {_toml_type(value)}")
        return _text(value)

    def table(self, value: Any, key: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(key, f"should be a table, found {type(value).__name__}")
            return {}
        return value

    def array(self, value: Any, key: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, f"should be an array, found {type(value).__name__}")
            return []
        return value

    def pct(self) -> PCT:
        table = self.table(self.data.get("pct"), "pct")
        return PCT(
            name=self.text(table, "name", "pct"),
            code=self.text(table, "code", "pct"),
            sha=self.text(table, "sha", "pct"),
            ons_cluster=self.text(table, "ons_cluster", "pct"),
            year_label=self.text(table, "year_label", "pct"),
        )

    def documents(self) -> tuple[SubmittedDocument, ...]:
        documents = []
        for i, entry in enumerate(self.array(self.data.get("documents"), "documents")):
            where = f"documents[{i}]"
            entry = self.table(entry, where)
            aliases = entry.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                self.problem(f"{where}.aliases", 'should be an array of names, e.g. ["Strategic Plan", "SP"]')
                aliases = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
            documents.append(
                SubmittedDocument(
                    id=self.text(entry, "id", where),
                    type=self.text(entry, "type", where),
                    file=self.text(entry, "file", where),
                    title=self.text(entry, "title", where),
                    date=self.text(entry, "date", where, dates=True),
                    aliases=tuple(aliases),
                    comment=self.text(entry, "comment", where),
                )
            )
        return tuple(documents)

    def signposts(self, value: Any, element: str, key: str, where: str) -> tuple[SignpostEntry, ...]:
        entries = []
        for i, item in enumerate(self.array(value, where)):
            if isinstance(item, str):
                entries.append(SignpostEntry(element, key, None, i, item))
            elif isinstance(item, dict) and isinstance(item.get("ref"), str):
                sub = item.get("sub")
                entries.append(SignpostEntry(element, key, _text(sub) or None, i, item["ref"]))
            else:
                self.problem(f"{where}[{i}]", 'a signpost is a string, or a table {ref = "...", sub = "a"}')
        return tuple(entries)

    def competencies(self) -> tuple[CompetencyAssessment, ...]:
        table = self.table(self.data.get("competencies"), "competencies")
        result = []
        for key in sorted(table, key=_natural_key):
            where = f"competencies.{key}"
            entry = self.table(table[key], where)
            result.append(
                CompetencyAssessment(
                    key=key,
                    actions=self.text(entry, "actions", where),
                    impact=self.text(entry, "impact", where),
                    signposts=self.signposts(entry.get("signposts"), "competency", key, f"{where}.signposts"),
                    self_levels=dict(self.table(entry.get("self"), f"{where}.self")),
                    last_year=dict(self.table(entry.get("last_year"), f"{where}.last_year")),
                )
            )
        return tuple(result)

    def governance(self) -> tuple[GovernanceAssessment, ...]:
        table = self.table(self.data.get("governance"), "governance")
        result = []
        for component, subs in table.items():
            for sub, entry in self.table(subs, f"governance.{component}").items():
                key = f"{component}.{sub}"
                where = f"governance.{key}"
                entry = self.table(entry, where)
                result.append(
                    GovernanceAssessment(
                        key=key,
                        self_rating=entry.get("self"),
                        last_year=entry.get("last_year"),
                        commentary=self.text(entry, "commentary", where),
                        signposts=self.signposts(entry.get("signposts"), "governance", key, f"{where}.signposts"),
                    )
                )
        return tuple(result)

    def outcomes(self) -> tuple[OutcomeEntry, ...]:
        result = []
        for i, entry in enumerate(self.array(self.data.get("outcomes"), "outcomes")):
            where = f"outcomes[{i}]"
            entry = self.table(entry, where)
            aspiration = entry.get("aspiration", [])
            if not isinstance(aspiration, list):
                self.problem(f"{where}.aspiration", "should be an array of five values")
                aspiration = []
            previous_year = entry.get("previous_year")
            if previous_year is not None and not isinstance(previous_year, bool):
                self.problem(f"{where}.previous_year", f"should be true or false, found {_toml_type(previous_year)}")
                previous_year = None
            result.append(
                OutcomeEntry(
                    ref=self.text(entry, "ref", where),
                    position=i,
                    name=self.text(entry, "name", where),
                    definition=self.text(entry, "definition", where),
                    dataset=self.text(entry, "dataset", where),
                    previous_year=previous_year,
                    aspiration=tuple(aspiration),
                    rationale=self.text(entry, "rationale", where),
                    conditions=dict(self.table(entry.get("conditions"), f"outcomes[{i}].conditions")),
                )
            )
        return tuple(result)

    def data_files(self) -> dict[str, str]:
        table = self.table(self.data.get("data"), "data")
        files = {}
        for role, path in table.items():
            if isinstance(path, str):
                files[role] = path
            else:
                self.problem(f"data.{role}", "should be a path relative to the submission folder")
        return files


def load_submission_with_problems(folder: Path) -> tuple[Submission, list[Finding]]:
    """The submission in `folder` and the structural problems met while reading it."""
    folder = Path(folder)
    if folder.is_file() and folder.name == TOML_NAME:
        folder = folder.parent
    data = read_submission_toml(folder)
    reader = _Reader(data)
    pct = reader.pct()
    pct_table = data.get("pct") if isinstance(data.get("pct"), dict) else {}  # reader.pct() reports a non-table
    framework_id = reader.text(pct_table, "framework", "pct")
    submission = Submission(
        root=folder.resolve(),
        pct=pct,
        framework_id=framework_id,
        documents=reader.documents(),
        competencies=reader.competencies(),
        governance=reader.governance(),
        outcomes=reader.outcomes(),
        data=reader.data_files(),
        raw=data,
    )
    return submission, reader.problems


# What every command needs of a document entry; `wcc validate` reports the rest.
REQUIRED_DOCUMENT_KEYS = ("id", "type", "file")


def structural_errors(submission: Submission, problems: list[Finding]) -> list[Finding]:
    """The problems no command can work around: a value of the wrong type where a table,
    array or text belongs (the reader skipped it), a document without id, type or file,
    and two documents with one id."""
    errors = [p for p in problems if p.severity == "error"]
    places: dict[str, list[str]] = {}
    for i, doc in enumerate(submission.documents):
        if doc.id.strip():
            places.setdefault(doc.id, []).append(f"documents[{i}] ({doc.file or 'no file'})")
    for doc_id, where in places.items():
        if len(where) > 1:  # one would hide the other in the index, and `wcc show` would show the wrong one
            errors.append(Finding(TOML_NAME, "documents", f"duplicate document id '{doc_id}': used by {' and '.join(where)}; "
                                                          "every document needs an id of its own"))
    for i, doc in enumerate(submission.documents):
        for key in REQUIRED_DOCUMENT_KEYS:
            if not getattr(doc, key).strip():
                errors.append(Finding(TOML_NAME, f"documents[{i}].{key}", f"is required: every document needs an {key}"
                                      if key == "id" else f"is required: every document needs a {key}"))
    return errors


def load_submission(folder: Path) -> Submission:
    """The submission in `folder`, for a command that uses it.

    Raises SubmissionError if submission.toml cannot be read, or if it has a structural
    error (see structural_errors): a command must not carry on as if a mistyped table
    were empty ("documents = 'x'" is not "no documents", and not "0 signposts").
    `wcc validate` uses load_submission_with_problems instead, to list every problem.
    """
    submission, problems = load_submission_with_problems(folder)
    errors = structural_errors(submission, problems)
    if errors:
        listed = "; ".join(f"{e.key}: {e.message}" if e.key else e.message for e in errors[:10])
        more = f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise SubmissionError(submission.toml_path, f"{listed}{more} (run `wcc validate` for every problem)")
    return submission
