"""Finding the assessment an earlier command saved, while it still answers this one.

`wcc assess` saves its Assessment beside the index and `wcc report` renders it
(`wcc_core.records.saved`). The key of what an assessment depends on is worked out here,
from the submission's files, the options and the code, without the index, the framework
or judging: `wcc report` after `wcc assess` looks here first and imports the pipeline
(judging, numpy, the sentence splitter: a quarter of a second) only when nothing saved
answers.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from indexer.build import default_index_dir
from indexer.limits import Limits
from wcc_core.plugin_manager import get_plugin_manager
from wcc_core.records import saved
from wcc_core.submission import SubmissionError, load_submission
from wcc_core.submission.model import Submission


@dataclass(frozen=True)
class SavedLookup:
    """What looking for a saved assessment found: where one lives and the key it needs
    (None, None when that cannot be told), and the assessment when one answers."""

    where: Path | None
    key: str | None
    assessment: object | None = None


def find_saved(folder: Path, index_dir: Path | None, *, framework_id: str | None,
               parameters: dict[str, float] | None, review_file: Path | bool | None, last_year: Path | None,
               validate: bool) -> SavedLookup:
    """The assessment of the submission in `folder` saved under these options, if one still answers."""
    where, key = saved_place(folder, index_dir, framework_id=framework_id, parameters=parameters,
                             review_file=review_file, last_year=last_year, validate=validate)
    return SavedLookup(where, key, saved.load_saved(where, key) if key else None)


def saved_place(folder: Path, index_dir: Path | None, **options) -> tuple[Path | None, str | None]:
    """Where a saved assessment of the submission in `folder` lives, and its key (None, None when
    the submission cannot be read: `load` then says why)."""
    try:
        submission = load_submission(Path(folder))
    except SubmissionError:
        return None, None
    where = Path(index_dir or default_index_dir(submission.root))
    return where, reuse_key(submission, where, **options)


def reuse_key(submission: Submission, index_dir: Path, *, framework_id: str | None,
              parameters: dict[str, float] | None, review_file: Path | bool | None, last_year: Path | None,
              validate: bool) -> str | None:
    """The key of everything an assessment of `submission` depends on, or None when it cannot be told
    (a review file or limit that cannot be used: the assessment then fails with the reason).

    Every file of the submission folder by content (the documents, submission.toml, the
    data), the extraction limits, the review file as the review step finds it
    (`review_path`), present or absent, the last-year record, the options, and the code
    (wcc's and every plugin's files and versions, which include the extractors'). That
    is what the index's manifest digests too, so the key is known before the index is
    opened, and a reused assessment costs no index read at all.
    """
    from wcc_core.plugin_manager import plugin_records
    from wcc_core.review import ReviewFileError
    from wcc_core.review.store import review_path

    try:
        limits = repr(Limits.from_env())
    except ValueError:
        return None

    if review_file is False:
        review = "not applied"
    else:
        try:
            path = review_path(submission.root, None if review_file in (None, True) else Path(review_file))
        except ReviewFileError:
            return None
        state = saved.file_digest(path)
        # No review file where one is looked for applies nothing: the same result as --no-review.
        review = "not applied" if state == "absent" and review_file in (None, True) else f"{path.resolve()} {state}"
    records = plugin_records(get_plugin_manager())
    folders = _code_folders(records)
    if folders is None:
        return None
    return saved.inputs_key({
        "where": [str(Path(submission.root).resolve()), str(Path(index_dir).resolve())],  # messages name paths
        "submission": saved.folder_digest(submission.root, skip=[index_dir]),
        "limits": limits,
        "review": review,
        "last_year": None if last_year is None else f"{Path(last_year).resolve()} {saved.file_digest(Path(last_year))}",
        "framework": framework_id,
        "parameters": sorted((parameters or {}).items()),
        "validate": validate,
        "code": saved.code_digest(folders, records),
    })


def _code_folders(records) -> list[Path] | None:
    """The folders of wcc's packages and of every plugin's top-level package; None when a plugin
    has no file (registered by code run with `python -c`): its code cannot be told apart."""
    names = {"wcc_core", "indexer"} | {r.source.split(".")[0] for r in records}
    folders = []
    for name in sorted(names):
        where = getattr(sys.modules.get(name), "__file__", None)
        if not where:
            return None
        path = Path(where)
        folders.append(path.parent if path.name == "__init__.py" else path)
    return folders
