"""Problems found in input, as values: the file, the key and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a submission: where it is and what is wrong with it."""

    file: str  # path relative to the submission folder, e.g. "submission.toml"
    key: str  # where in the file, e.g. "competencies.C4.self.b" or "documents[3]"
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"

    def to_json(self) -> dict:
        """The finding as the JSON contract writes it: file, key, severity, message."""
        return {"file": self.file, "key": self.key, "severity": self.severity, "message": self.message}
