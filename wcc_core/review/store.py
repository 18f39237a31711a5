"""The review file: where it lives, how it is read, and how it is written safely.

One TOML file per submission, kept apart from the PCT's files (the submission folder is
never written to): by default `<parent>/<folder>.review.toml` beside the submission
folder, else the file `--review FILE` names, else `$WCC_REVIEW` (a file, or a folder
holding `<folder>.review.toml` files). docs/review-file.md describes the format.

Writes are atomic (a temporary file in the same folder, then `os.replace`, keeping the
file's mode; a read-only file is refused), and every change is made under an exclusive
lock on the hidden `.<file>.lock`, re-reading the file inside the lock, so two people
deciding at once never lose a decision. The file is read within the bounds of
`submission.toml` (size, nesting: `bounded_toml`). A file is written in one
canonical form, so reading and writing it again gives the same bytes.
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import tomli_w

from indexer.limits import Limits
from wcc_core.bounded_toml import TomlFileError, read_toml_bounded
from wcc_core.review.model import (
    COMMENTARY_SECTIONS,
    CRITERION_VALUES,
    ROLES,
    SIGNPOST_VALUES,
    TARGETS,
    Decision,
)
from wcc_core.errors import WccError

FORMAT = 1
ENV = "WCC_REVIEW"
SUFFIX = ".review.toml"
HEADER = (
    "# wcc review file: decisions of analysts, the panel and calibration on one submission.\n"
    "# Kept apart from the PCT's files. Written by `wcc review`; see docs/review-file.md.\n"
)


class ReviewFileError(WccError):
    """A review file that cannot be read or used (bad TOML, wrong submission, inside the submission)."""


@dataclass(frozen=True)
class ReviewFile:
    """The decisions on one submission, and the submission they were taken on."""

    path: Path
    submission: dict[str, str] = field(default_factory=dict)  # name, code, folder, framework
    decisions: tuple[Decision, ...] = ()
    invalid: tuple[tuple[dict, str], ...] = ()  # hand-edited entries that cannot be read, and why
    exists: bool = False

    def get(self, decision_id: str) -> Decision | None:
        """The decision with this id ("d3"), or None."""
        return next((d for d in self.decisions if d.id == decision_id), None)

    def next_id(self) -> str:
        """The id for the next decision: one past the highest "dN" in the file.

        Unreadable (hand-edited) entries count too, so their ids are not handed out again.
        """
        numbers = [int(d.id[1:]) for d in self.decisions if d.id[:1] == "d" and d.id[1:].isdigit()]
        numbers += [int(str(raw.get("id", ""))[1:]) for raw, _ in self.invalid
                    if str(raw.get("id", ""))[:1] == "d" and str(raw.get("id", ""))[1:].isdigit()]
        return f"d{max(numbers, default=0) + 1}"

    def with_decision(self, decision: Decision) -> "ReviewFile":
        """The file with `decision` recorded last, replacing the same role's decision(s) on the same target.

        The file's order is the order decisions were recorded (see `apply.py`), so the
        new decision goes to the end; it keeps the id of the first one it replaces. A
        hand-edited file may hold several such decisions: all are replaced.
        """
        replaced = self.replaced_by(decision)
        kept = replace(decision, id=replaced[0].id) if replaced else decision
        others = tuple(d for d in self.decisions if d not in replaced)
        return replace(self, decisions=others + (kept,))

    def replaced_by(self, decision: Decision) -> tuple[Decision, ...]:
        """The decisions of the same role on the same target that recording `decision` replaces."""
        return tuple(d for d in self.decisions if d.address == decision.address and d.role == decision.role)

    def without(self, decision_id: str) -> "ReviewFile":
        """The file with the decision of this id withdrawn."""
        return replace(self, decisions=tuple(d for d in self.decisions if d.id != decision_id))


# --- where ---------------------------------------------------------------------------------


def default_review_path(submission_root: Path) -> Path:
    """`<parent>/<folder>.review.toml`: beside the submission folder, never inside it."""
    root = Path(submission_root).resolve()
    return root.parent / f"{root.name}{SUFFIX}"


def review_path(submission_root: Path, explicit: Path | None = None,
                environ: Mapping[str, str] | None = None) -> Path:
    """The review file of a submission: `explicit`, else $WCC_REVIEW, else the default beside it.

    $WCC_REVIEW may name a file, or a folder (existing, or written with a trailing "/")
    in which each submission's file is `<folder>.review.toml`. A path inside the
    submission folder is refused: the PCT's files are never written to.
    """
    environ = os.environ if environ is None else environ
    root = Path(submission_root).resolve()
    if explicit is not None:
        path = Path(explicit)
    elif environ.get(ENV):
        value = environ[ENV]
        path = Path(value)
        if value.endswith(("/", os.sep)) or path.is_dir():
            path = path / f"{root.name}{SUFFIX}"
    else:
        path = default_review_path(root)
    resolved = path.resolve()
    if resolved == root or root in resolved.parents:
        raise ReviewFileError(f"{path}: a review file must be kept apart from the PCT's files, "
                              f"not inside the submission folder {root}")
    return path


# --- reading -------------------------------------------------------------------------------


def _timestamp(value: Any) -> str | None:
    """An ISO 8601 timestamp in UTC ("2026-12-01T03:10:00Z") from a TOML datetime or string, or None.

    One form for every decision, so that "the later decision" is a plain comparison.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    stamp = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def decision_from_toml(raw: Mapping[str, Any]) -> Decision:
    """One `[[decision]]` table as a Decision; ValueError says what is wrong with it."""
    missing = [k for k in ("id", "target", "key", "value", "by", "role", "at") if k not in raw]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    unknown = sorted(set(raw) - {"id", "target", "key", "index", "part", "value", "because", "evidence", "by",
                                 "role", "at", "snapshot"})
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    target, role, value = raw["target"], raw["role"], raw["value"]
    if target not in TARGETS:
        raise ValueError(f"target '{target}' is not one of {', '.join(TARGETS)}")
    if role not in ROLES:
        raise ValueError(f"role '{role}' is not one of {', '.join(ROLES)}")
    at = _timestamp(raw["at"])
    if at is None:
        raise ValueError(f"at = {raw['at']!r} is not an ISO 8601 timestamp")
    for name in ("id", "key", "by"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise ValueError(f"{name} must be a non-empty string")
    checks = {
        "criterion": (lambda v: v in CRITERION_VALUES, f"one of {', '.join(CRITERION_VALUES)}"),
        "level": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a level number"),
        "rating": (lambda v: isinstance(v, str) and bool(v), "a rating"),
        "signpost": (lambda v: v in SIGNPOST_VALUES, f"one of {', '.join(SIGNPOST_VALUES)}"),
        "commentary": (lambda v: isinstance(v, str), "text"),
    }
    ok, wanted = checks[target]
    if not ok(value):
        raise ValueError(f"value {value!r} of a {target} decision must be {wanted}")
    if target == "commentary" and raw["key"] not in COMMENTARY_SECTIONS:
        raise ValueError(f"commentary section '{raw['key']}' is not one of {', '.join(COMMENTARY_SECTIONS)}")
    index, part = raw.get("index"), raw.get("part")
    if target == "signpost" and not (isinstance(index, int) and index >= 0):
        raise ValueError("a signpost decision needs index = the signpost's position (0-based)")
    if part is not None and not (isinstance(part, int) and part >= 0):
        raise ValueError("part must be a number from 0")
    snapshot = raw.get("snapshot", {})
    if not isinstance(snapshot, dict):
        raise ValueError("snapshot must be a table")
    return Decision(id=raw["id"], target=target, key=raw["key"], value=value, by=raw["by"], role=role, at=at,
                    because=str(raw.get("because", "")), evidence=str(raw.get("evidence", "")),
                    index=index if target == "signpost" else None, part=part if target == "signpost" else None,
                    snapshot=snapshot)


def read_review(path: Path) -> ReviewFile:
    """The review file at `path`; an empty one when there is none yet."""
    path = Path(path)
    try:
        limits = Limits.from_env()
    except ValueError as error:
        raise ReviewFileError(str(error)) from None
    try:
        # Bounded like submission.toml: it is edited by hand and shared, so it is input too.
        document = read_toml_bounded(path, limits.max_toml_bytes, limits.max_toml_depth, "a review file")
    except FileNotFoundError:
        return ReviewFile(path)
    except TomlFileError as error:
        raise ReviewFileError(f"{path}: not a TOML review file ({error.message})") from None
    if document.get("format", FORMAT) != FORMAT:
        raise ReviewFileError(f"{path}: review file format {document.get('format')!r}; this wcc reads format {FORMAT}")
    entries = document.get("decision", [])
    if not isinstance(entries, list):
        raise ReviewFileError(f"{path}: `decision` must be an array of tables ([[decision]])")
    decisions, invalid, seen = [], [], set()
    for raw in entries:
        try:
            if not isinstance(raw, dict):
                raise ValueError("not a table")
            decision = decision_from_toml(raw)
            if decision.id in seen:
                raise ValueError(f"id {decision.id} is used twice")
        except ValueError as error:
            invalid.append((raw if isinstance(raw, dict) else {"value": raw}, str(error)))
            continue
        seen.add(decision.id)
        decisions.append(decision)
    submission = document.get("submission", {})
    return ReviewFile(path, submission={k: str(v) for k, v in submission.items()} if isinstance(submission, dict) else {},
                      decisions=tuple(decisions), invalid=tuple(invalid), exists=True)


# --- writing -------------------------------------------------------------------------------


def dumps(review: ReviewFile) -> str:
    """The canonical text of a review file."""
    document: dict[str, Any] = {"format": FORMAT}
    if review.submission:
        document["submission"] = dict(review.submission)
    entries = [d.to_toml() for d in review.decisions] + [dict(raw) for raw, _ in review.invalid]
    if entries:
        document["decision"] = entries
    return HEADER + "\n" + tomli_w.dumps(document)


def writable(path: Path) -> os.stat_result | None:
    """The review file's status when it exists (None when not); ReviewFileError when it must not be replaced.

    A read-only review file was made so on purpose (a signed-off panel report): it is
    refused, never silently replaced by a writable copy.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReviewFileError(f"{path}: is not a regular file, so it cannot be a review file")
    if not os.access(path, os.W_OK) or not info.st_mode & 0o222:  # the mode too: root may write anything
        raise ReviewFileError(f"{path}: the review file is read-only, so no decision was recorded "
                              "(make it writable, e.g. chmod u+w, if it is meant to change)")
    return info


def write_atomic(path: Path, text: str) -> None:
    """Readers see the old file or the whole new one, never half of it; the old file's mode is kept.

    A new file is owner-only (it quotes a confidential submission); an existing one keeps
    its permissions and, where the system allows, its group, so a review file shared
    with a team (mode 664) stays shared.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    before = writable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if before is not None:
            os.fchmod(fd, stat.S_IMODE(before.st_mode))
            try:
                os.fchown(fd, -1, before.st_gid)
            except OSError:
                pass  # not a member of the file's group: the mode is still kept
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def lock_path(path: Path) -> Path:
    """`.<name>.lock` beside the review file: hidden, as it is wcc's, not the reader's."""
    return Path(path).with_name(f".{Path(path).name}.lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `.<name>.lock`, released however the holder ends.

    The (empty, hidden) lock file stays: removing it while another process waits on it
    would let a third lock a new file and both write at once.
    """
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def update_review(path: Path, change: Callable[[ReviewFile], ReviewFile]) -> tuple[ReviewFile, ReviewFile]:
    """Apply `change` to the file as it is now, under the lock; (before, after). Unchanged files are not rewritten."""
    path = Path(path)
    writable(path)  # before the lock: a read-only file is refused with nothing created
    with locked(path):
        before = read_review(path)
        after = change(before)
        if after != before:
            write_atomic(path, dumps(after))
        return before, after
