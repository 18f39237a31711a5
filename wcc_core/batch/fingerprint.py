"""What a PCT's result depends on, as content hashes: documents, data, review file, framework and code.

A re-run of `wcc batch` skips a PCT whose four hashes equal those stored with its result,
so adding one PCT costs one PCT. The framework hash covers the criteria data and the code
that judges with it (every .py and .toml of the installed wcc packages), because a new
rule changes results as surely as a new criterion line does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from wcc_core.submission import SubmissionError, load_submission
from wcc_core.submission.paths import inside_submission

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes; "missing" when it cannot be read (the worker will say why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return "missing"
    return digest.hexdigest()


def _combine(parts: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for name, value in parts:
        digest.update(f"{name}\0{value}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


@dataclass(frozen=True)
class InputHashes:
    """The hashes of one submission's inputs, as stored in the `pcts` table."""

    documents: str  # submission.toml and every declared document
    data: str  # every declared data file
    review: str  # the review file, or "none"
    framework: str  # the framework's id with the code and data fingerprint

    def as_row(self) -> dict[str, str]:
        """The hashes as the `pcts` table's columns."""
        return {"documents_hash": self.documents, "data_hash": self.data, "review_hash": self.review,
                "framework_hash": self.framework}


def code_fingerprint() -> str:
    """One hash of the installed wcc: its version and every .py and .toml of its packages (computed once per run)."""
    import indexer
    import plugins
    import wcc_core

    parts = [("version", metadata.version("wcc"))]
    for package in (wcc_core, plugins, indexer):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".toml", ".j2", ".css", ".js") and "__pycache__" not in path.parts:
                parts.append((str(path.relative_to(root.parent)), file_digest(path)))
    return _combine(parts)


def _digest_inside(root: Path, relative) -> str:
    """The digest of a file the submission names, through the one path resolver: a path
    outside the submission is never read ("outside: why"; the worker reports it)."""
    path, why = inside_submission(root, relative)
    return file_digest(path) if path is not None else f"outside: {why}"


def input_hashes(folder: Path, review_file: Path | None, code: str, framework_id: str | None = None) -> InputHashes | None:
    """The hashes of the submission in `folder`; None when its submission.toml cannot be read (never skipped)."""
    try:
        submission = load_submission(folder)
    except SubmissionError:
        return None
    documents = [("submission.toml", file_digest(submission.toml_path))]
    for doc in submission.documents:
        documents.append((f"{doc.id}:{doc.file}", _digest_inside(submission.root, doc.file)))
    data = [(f"{role}:{relative}", _digest_inside(submission.root, relative))
            for role, relative in sorted(submission.data.items())]
    review = file_digest(review_file) if review_file is not None and review_file.exists() else "none"
    framework = _combine([("framework", framework_id or submission.framework_id or ""), ("code", code)])
    return InputHashes(_combine(documents), _combine(data), review, framework)
