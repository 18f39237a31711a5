"""The analysts' data files (CSV) named in `[data]`: typed rows, and the problems found.

Column sets are those of SUBMISSION_FORMAT.md. Readers never raise on bad content: each
bad cell becomes a Finding naming the file, the row (its line in the file) and the
column. Nothing is guessed silently:

* a row with more or fewer fields than the header is a finding and is not used; where
  the extra field comes from an unquoted thousands separator ("269,900" written without
  quotes splits into 269 and 900 and shifts every later column) the finding says so;
* a number with a comma is read only as thousands ("1,234,567"); "1,5" is a decimal
  comma and a finding, never 15;
* a semicolon-separated file (Excel's CSV where the decimal separator is a comma) is
  refused with the way to save it;
* UTF-16 and Windows-1252 files are read, with a warning naming the encoding; a file
  of binary data, a FIFO, a device or a file over the size limit is refused.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from indexer.limits import Limits
from wcc_core.submission.paths import SubmissionPaths, paths_of
from wcc_core.records.findings import Finding

_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_GROUP_HEAD = re.compile(r"[-+]?\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d{1,15},\d{1,15}")  # bounded: linear even when searched

SURVEY_GROUPS = ("partner", "provider", "opinion_former")
SURVEY_QUESTIONS = ("q1", "q2", "q3", "q4", "q5", "q6")
FINANCE_KINDS = ("outturn", "plan")
FINANCE_SCENARIOS = ("base", "upside", "downside", "actual")


@dataclass(frozen=True)
class SurveyResponse:
    """One completed stakeholder (360) survey: group, category, answers by question, free text."""

    respondent: str
    group: str
    category: str
    answers: dict[str, int | None]  # q1..q6 -> 1..6, None for empty / "unable to comment"
    keep_doing: str = ""
    do_differently: str = ""


@dataclass(frozen=True)
class OutcomeObservation:
    """One outcome measure in one year: the PCT's value and its peers'."""

    ref: str
    year: str
    pct: float | None
    national: float | None
    ons_cluster: float | None
    top_decile: float | None


@dataclass(frozen=True)
class FinanceRow:
    """One year and scenario of the finance file, money in GBP m."""

    year: str
    kind: str
    scenario: str
    income: float | None
    surplus: float | None
    sha_expected_surplus: float | None


@dataclass(frozen=True)
class MetricValue:
    """One named figure of metrics.csv, with its unit, period and benchmark."""

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


def _limits() -> Limits:
    try:
        return Limits.from_env()
    except ValueError:
        return Limits()  # the commands report a bad limit setting; a reader never raises


class _Rows:
    """Reads one CSV, checks its header and the shape of every row, and records problems as findings."""

    def __init__(self, root: Path | SubmissionPaths, relative: str, role: str, limits: Limits | None = None):
        self.relative = relative
        self.role = role
        self.findings: list[Finding] = []
        self.rows: list[tuple[int, dict[str, str]]] = []
        path, refused = paths_of(root).locate(relative)
        if refused:
            self.problem("", f"path {refused}")
            return
        text = self._text(path, limits or _limits())
        if text is None:
            return
        try:
            self._read(text)
        except csv.Error as error:
            self.problem("", f"cannot be read as CSV: {error}")

    def _text(self, path: Path, limits: Limits) -> str | None:
        """The file's text, or None (with a finding) when it is not a readable CSV file."""
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.problem("", "is not a regular file")
                return None
            if info.st_size > limits.max_csv_bytes:
                self.problem("", f"is {info.st_size:,} bytes; a data file may be at most {limits.max_csv_bytes:,} "
                                 f"(set {Limits.variable('max_csv_bytes')} to allow more)")
                return None
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(limits.max_csv_bytes + 1)
        except FileNotFoundError:
            self.problem("", "does not exist")
            return None
        except OSError as error:
            self.problem("", f"cannot be read: {error.strerror or error}")
            return None
        return self._decode(data)

    def _decode(self, data: bytes) -> str | None:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                self.problem("", "starts like UTF-16 text but is not: save it as CSV UTF-8")
                return None
            self.warn("", "is UTF-16 text (as Excel's 'Unicode text' writes): read as such; save it as CSV UTF-8")
            return text
        if b"\x00" in data[:4096]:
            odd = data[1:4096:2]
            if odd and odd.count(0) > len(odd) * 0.9:
                self.problem("", "is UTF-16 text without a byte-order mark: save it as CSV UTF-8")
            else:
                self.problem("", "holds binary data, not CSV text (a spreadsheet saved as .xlsx? save it as CSV UTF-8)")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.warn("", f"is not UTF-8 (byte 0x{data[error.start]:02x} on line {line}): read as Windows-1252, "
                          "as older Excel writes it; save it as CSV UTF-8")
            return data.decode("cp1252", errors="replace")

    def _read(self, text: str) -> None:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip() for h in next(reader, [])]
        expected = COLUMNS.get(self.role, ())
        if len(header) == 1 and ";" in header[0] and set(expected) <= {h.strip() for h in header[0].split(";")}:
            self.problem("header", "is semicolon-separated (Excel writes this where the decimal separator is a "
                                   "comma): save it as 'CSV UTF-8 (Comma delimited)' with . as the decimal point")
            return
        missing = [c for c in expected if c not in header]
        if missing:
            self.problem("header", f"lacks the column(s) {', '.join(missing)} (expected {', '.join(expected)})")
            return
        for fields in reader:
            line = reader.line_num
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # a blank line
            if len(fields) != len(header):
                self._ragged(line, fields, header)
                continue
            self.rows.append((line, {k: v.strip() for k, v in zip(header, fields) if k}))

    def _ragged(self, line: int, fields: list[str], header: list[str]) -> None:
        """A finding for a row whose fields do not line up with the header (the row is not used)."""
        if len(fields) > len(header):
            for k in range(len(fields) - 1):
                a, b = fields[k].strip(), fields[k + 1].strip()
                if _GROUP_HEAD.fullmatch(a) and _GROUP_TAIL.fullmatch(b):
                    column = header[k] if k < len(header) else f"column {k + 1}"
                    self.problem(
                        f"row {line}, {column}",
                        f"'{a},{b}' looks like one number written with a thousands separator and no quotes, "
                        f"which splits it and shifts every later column: write {a}{b} or \"{a},{b}\"",
                    )
                    return
            self.problem(f"row {line}, column {len(header) + 1}",
                         f"the row has {len(fields)} fields but the header has {len(header)} "
                         "(a value with an unquoted comma?); the row is not used")
        else:
            absent = ", ".join(header[len(fields):])
            self.problem(f"row {line}, {header[len(fields)]}",
                         f"the row has {len(fields)} fields but the header has {len(header)}: no value for {absent}; "
                         "the row is not used")

    def warn(self, where: str, message: str) -> None:
        self.findings.append(Finding(self.relative, where, message, severity="warning"))

    def problem(self, where: str, message: str) -> None:
        self.findings.append(Finding(self.relative, where, message))

    def number(self, line: int, row: dict, column: str) -> float | None:
        text = row.get(column, "")
        if text == "":
            return None
        if "," in text:
            if not _THOUSANDS.fullmatch(text):
                hint = f"; write {text.replace(',', '.')}" if _DECIMAL_COMMA.fullmatch(text) else ""
                self.problem(f"row {line}, {column}",
                             f"'{text}' is not a number: a comma only separates thousands (1,234,567){hint}")
                return None
            text = text.replace(",", "")
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


def read_stakeholder_survey(root: Path | SubmissionPaths, relative: str) -> tuple[list[SurveyResponse], list[Finding]]:
    """The stakeholder survey's responses (1-6; blank or "unable to comment" is no answer) and the problems found."""
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


def read_sha_averages(root: Path | SubmissionPaths, relative: str) -> tuple[dict[str, float], list[Finding]]:
    """The SHA average of each survey question, by question, and the problems found."""
    rows = _Rows(root, relative, "sha_averages")
    averages = {}
    for line, row in rows.rows:
        value = rows.number(line, row, "sha_average")
        if value is not None:
            averages[row["question"]] = value
    return averages, rows.findings


def read_outcome_series(root: Path | SubmissionPaths, relative: str) -> tuple[list[OutcomeObservation], list[Finding]]:
    """The outcome series' rows (the PCT's figure and its peers' per outcome and year) and the problems found."""
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


def read_finance(root: Path | SubmissionPaths, relative: str) -> tuple[list[FinanceRow], list[Finding]]:
    """The finance plan's rows (outturn actuals; base, upside and downside plans) and the problems found."""
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


def read_metrics(root: Path | SubmissionPaths, relative: str) -> tuple[list[MetricValue], list[Finding]]:
    """The metrics' values (with unit, period and benchmark) and the problems found."""
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
