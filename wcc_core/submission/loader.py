"""Reading `submission.toml` into a Submission, leniently.

Only a missing or unparseable file stops loading (SubmissionError). Anything else that
is malformed (a list where a table belongs, a number where text belongs) is skipped and
recorded as a Finding, so `wcc validate` can report every problem at once.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from wcc_core.findings import Finding
from wcc_core.submission.model import (
    PCT,
    CompetencyAssessment,
    GovernanceAssessment,
    OutcomeEntry,
    SignpostEntry,
    Submission,
    SubmittedDocument,
)

TOML_NAME = "submission.toml"


class SubmissionError(Exception):
    """The submission cannot be read at all: no folder, no submission.toml, not TOML."""

    def __init__(self, file: Path, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


def read_submission_toml(folder: Path) -> dict[str, Any]:
    folder = Path(folder)
    if not folder.exists():
        raise SubmissionError(folder, "no such submission folder")
    if folder.is_file():
        if folder.name == TOML_NAME:
            folder = folder.parent
        else:
            raise SubmissionError(folder, f"a submission is a folder holding {TOML_NAME}, not a file")
    path = folder / TOML_NAME
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SubmissionError(path, "not found: every submission folder needs a submission.toml") from None
    except tomllib.TOMLDecodeError as error:
        raise SubmissionError(path, f"not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SubmissionError(path, f"cannot be read: {error}") from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _natural_key(key: str) -> tuple:
    """C2 before C10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


class _Reader:
    """Walks the parsed TOML, building records and collecting structural problems."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[Finding] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Finding(TOML_NAME, key, message))

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
            name=_text(table.get("name")),
            code=_text(table.get("code")),
            sha=_text(table.get("sha")),
            ons_cluster=_text(table.get("ons_cluster")),
            year_label=_text(table.get("year_label")),
        )

    def documents(self) -> tuple[SubmittedDocument, ...]:
        documents = []
        for i, entry in enumerate(self.array(self.data.get("documents"), "documents")):
            entry = self.table(entry, f"documents[{i}]")
            aliases = entry.get("aliases", [])
            if not isinstance(aliases, list):
                self.problem(f"documents[{i}].aliases", "should be an array of names")
                aliases = []
            documents.append(
                SubmittedDocument(
                    id=_text(entry.get("id")),
                    type=_text(entry.get("type")),
                    file=_text(entry.get("file")),
                    title=_text(entry.get("title")),
                    date=_text(entry.get("date")),
                    aliases=tuple(_text(a) for a in aliases),
                    comment=_text(entry.get("comment")),
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
                    actions=_text(entry.get("actions")),
                    impact=_text(entry.get("impact")),
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
                        commentary=_text(entry.get("commentary")),
                        signposts=self.signposts(entry.get("signposts"), "governance", key, f"{where}.signposts"),
                    )
                )
        return tuple(result)

    def outcomes(self) -> tuple[OutcomeEntry, ...]:
        result = []
        for i, entry in enumerate(self.array(self.data.get("outcomes"), "outcomes")):
            entry = self.table(entry, f"outcomes[{i}]")
            aspiration = entry.get("aspiration", [])
            if not isinstance(aspiration, list):
                self.problem(f"outcomes[{i}].aspiration", "should be an array of five values")
                aspiration = []
            result.append(
                OutcomeEntry(
                    ref=_text(entry.get("ref")),
                    position=i,
                    name=_text(entry.get("name")),
                    definition=_text(entry.get("definition")),
                    dataset=_text(entry.get("dataset")),
                    previous_year=entry.get("previous_year"),
                    aspiration=tuple(aspiration),
                    rationale=_text(entry.get("rationale")),
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
    framework_id = _text(reader.table(data.get("pct"), "pct").get("framework"))
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


def load_submission(folder: Path) -> Submission:
    """The submission in `folder`. Raises SubmissionError if submission.toml cannot be read."""
    return load_submission_with_problems(folder)[0]
