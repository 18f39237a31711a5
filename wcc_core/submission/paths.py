"""The one way to turn a path named by a submission into a file: inside the folder, or refused.

Documents (`[[documents]].file`), data files (`[data]`), outcome datasets and the
documents a review decision hashes all name files relative to the submission folder.
A hostile or careless submission.toml may name `../../etc/shadow`, an absolute path, or
a symlink that points out of the folder; reading such a file would confirm a secret's
hash or read a file of any size. Every caller resolves through `inside_submission`
(tests/robustness/test_paths_one_resolver.py fails if any module joins such a path
itself).
"""

from __future__ import annotations

from pathlib import Path


def inside_submission(root: Path, relative: object) -> tuple[Path | None, str | None]:
    """(the resolved path, None) for `relative` under `root`, or (None, why it cannot be used).

    The path must be given, be text, be relative, and stay inside the folder once every
    symlink is followed. Existence is not checked. The reason reads after "path", e.g.
    "'../x.pdf' escapes the submission folder".
    """
    if not relative:
        return None, "not given"
    if not isinstance(relative, str):
        return None, f"{relative!r} is not text"
    candidate = Path(relative)
    if candidate.is_absolute():
        return None, f"'{relative}' is absolute; paths must be relative to the submission folder"
    try:
        folder = Path(root).resolve()
        resolved = (folder / candidate).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # symlink loop, NUL byte, name too long
        return None, f"'{relative}' cannot be used: {getattr(error, 'strerror', None) or error}"
    if resolved == folder or not resolved.is_relative_to(folder):
        return None, f"'{relative}' escapes the submission folder" if resolved != folder else f"'{relative}' is the submission folder itself"
    return resolved, None


class SubmissionPaths:
    """The paths one submission names, each resolved once by `inside_submission` and remembered.

    A run resolves a document's or data file's path from several places (validation, the
    index build, reading the data files, the survey summary); each asks here, so one
    path is one look at the file system per run. Build one per loaded submission
    (`Submission.paths`): a new run, a new one, so a file moved between runs is seen.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self._found: dict[str, tuple[Path | None, str | None]] = {}
        self.lookups = 0  # file-system resolutions made (what the cache saves is counted by tests)

    def locate(self, relative: object) -> tuple[Path | None, str | None]:
        """`inside_submission(root, relative)`, worked out on the first ask for `relative` only."""
        if not isinstance(relative, str):  # None, a number, a list: refused without a look, nothing to keep
            return inside_submission(self.root, relative)
        found = self._found.get(relative)
        if found is None:
            self.lookups += 1
            found = self._found[relative] = inside_submission(self.root, relative)
        return found


def paths_of(where: "Path | SubmissionPaths") -> SubmissionPaths:
    """`where` if it is a submission's paths already, else new paths for the folder `where`."""
    return where if isinstance(where, SubmissionPaths) else SubmissionPaths(where)
