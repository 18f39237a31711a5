"""The analysts' data files (CSV) named in `[data]`: typed rows, and the problems found.

Column sets are those of SUBMISSION_FORMAT.md. Readers never raise on bad content: each
bad cell becomes a Finding naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from wcc_core.findings import Finding

SURVEY_GROUPS = ("partner", "provider", "opinion_former")
SURVEY_QUESTIONS = ("q1", "q2", "q3", "q4", "q5", "q6")
FINANCE_KINDS = ("outturn", "plan")
FINANCE_SCENARIOS = ("base", "upside", "downside", "actual")


@dataclass(frozen=True)
class SurveyResponse:
    respondent: str
    group: str
    category: str
    answers: dict[str, int | None]  # q1..q6 -> 1..6, None for empty / "unable to comment"
    keep_doing: str = ""
    do_differently: str = ""


@dataclass(frozen=True)
class OutcomeObservation:
    ref: str
    year: str
    pct: float | None
    national: float | None
    ons_cluster: float | None
    top_decile: float | None


@dataclass(frozen=True)
class FinanceRow:
    year: str
    kind: str
    scenario: str
    income: float | None
    surplus: float | None
    sha_expected_surplus: float | None


@dataclass(frozen=True)
class MetricValue:
    key: str
    value: float | None
    unit: str
    period: str
    benchmark: float | None
    benchmark_label: str


COLUMNS = {
    "stakeholder_survey": ("respondent", "group", "category", *SURVEY_QUESTIONS, "keep_doing", "do_differently"),
    "sha_averages": ("question", "sha_average"),
    "outcome_series": ("ref", "year", "pct", "national", "ons_cluster", "top_decile"),
    "finance": ("year", "kind", "scenario", "income", "surplus", "sha_expected_surplus"),
    "metrics": ("key", "value", "unit", "period", "benchmark", "benchmark_label"),
}


class _Rows:
    """Reads one CSV, checks its header, and records cell problems as findings."""

    def __init__(self, root: Path, relative: str, role: str):
        self.relative = relative
        self.role = role
        self.findings: list[Finding] = []
        self.rows: list[tuple[int, dict[str, str]]] = []
        path = root / relative
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                header = tuple(reader.fieldnames or ())
                missing = [c for c in COLUMNS.get(role, ()) if c not in header]
                if missing:
                    self.problem("header", f"lacks the column(s) {', '.join(missing)} (expected {', '.join(COLUMNS[role])})")
                    return
                for line, row in enumerate(reader, start=2):
                    self.rows.append((line, {k: (v or "").strip() for k, v in row.items() if k}))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            self.problem("", f"cannot be read as CSV: {error}")

    def problem(self, where: str, message: str) -> None:
        self.findings.append(Finding(self.relative, where, message))

    def number(self, line: int, row: dict, column: str) -> float | None:
        text = row.get(column, "").replace(",", "")
        if text == "":
            return None
        try:
            value = float(text)
        except ValueError:
            self.problem(f"row {line}, {column}", f"'{row[column]}' is not a number")
            return None
        if not math.isfinite(value):
            self.problem(f"row {line}, {column}", f"'{row[column]}' is not a finite number")
            return None
        return value

    def choice(self, line: int, row: dict, column: str, allowed: tuple[str, ...]) -> str:
        value = row.get(column, "")
        if value not in allowed:
            self.problem(f"row {line}, {column}", f"'{value}' is not one of {', '.join(allowed)}")
        return value


def read_stakeholder_survey(root: Path, relative: str) -> tuple[list[SurveyResponse], list[Finding]]:
    rows = _Rows(root, relative, "stakeholder_survey")
    responses = []
    for line, row in rows.rows:
        answers: dict[str, int | None] = {}
        for q in SURVEY_QUESTIONS:
            text = row.get(q, "")
            if text == "" or text.lower() == "unable to comment":
                answers[q] = None
            elif text.isdigit() and 1 <= int(text) <= 6:
                answers[q] = int(text)
            else:
                rows.problem(f"row {line}, {q}", f"'{text}' is not 1..6, empty or 'unable to comment'")
                answers[q] = None
        responses.append(
            SurveyResponse(
                respondent=row.get("respondent", ""),
                group=rows.choice(line, row, "group", SURVEY_GROUPS),
                category=row.get("category", ""),
                answers=answers,
                keep_doing=row.get("keep_doing", ""),
                do_differently=row.get("do_differently", ""),
            )
        )
    return responses, rows.findings


def read_sha_averages(root: Path, relative: str) -> tuple[dict[str, float], list[Finding]]:
    rows = _Rows(root, relative, "sha_averages")
    averages = {}
    for line, row in rows.rows:
        value = rows.number(line, row, "sha_average")
        if value is not None:
            averages[row["question"]] = value
    return averages, rows.findings


def read_outcome_series(root: Path, relative: str) -> tuple[list[OutcomeObservation], list[Finding]]:
    rows = _Rows(root, relative, "outcome_series")
    observations = [
        OutcomeObservation(
            ref=row["ref"],
            year=row["year"],
            pct=rows.number(line, row, "pct"),
            national=rows.number(line, row, "national"),
            ons_cluster=rows.number(line, row, "ons_cluster"),
            top_decile=rows.number(line, row, "top_decile"),
        )
        for line, row in rows.rows
    ]
    return observations, rows.findings


def read_finance(root: Path, relative: str) -> tuple[list[FinanceRow], list[Finding]]:
    rows = _Rows(root, relative, "finance")
    result = []
    for line, row in rows.rows:
        kind = rows.choice(line, row, "kind", FINANCE_KINDS)
        allowed = ("actual",) if kind == "outturn" else ("base", "upside", "downside")
        result.append(
            FinanceRow(
                year=row["year"],
                kind=kind,
                scenario=rows.choice(line, row, "scenario", allowed),
                income=rows.number(line, row, "income"),
                surplus=rows.number(line, row, "surplus"),
                sha_expected_surplus=rows.number(line, row, "sha_expected_surplus"),
            )
        )
    return result, rows.findings


def read_metrics(root: Path, relative: str) -> tuple[list[MetricValue], list[Finding]]:
    rows = _Rows(root, relative, "metrics")
    values = [
        MetricValue(
            key=row["key"],
            value=rows.number(line, row, "value"),
            unit=row.get("unit", ""),
            period=row.get("period", ""),
            benchmark=rows.number(line, row, "benchmark"),
            benchmark_label=row.get("benchmark_label", ""),
        )
        for line, row in rows.rows
    ]
    return values, rows.findings


READERS = {
    "stakeholder_survey": read_stakeholder_survey,
    "sha_averages": read_sha_averages,
    "outcome_series": read_outcome_series,
    "finance": read_finance,
    "metrics": read_metrics,
}
