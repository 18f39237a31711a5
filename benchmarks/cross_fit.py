"""Out-of-bank statement classifiers and line exemplars for the benchmarks that fit on development banks.

The line model weighs what the statement classifiers (wcc_core/judging/statements.py)
make of a passage and how much it reads like other PCTs' evidence for the line
(wcc_core/judging/exemplars.py). Fitted on every bank, both have seen each bank's own
passages, so a line model fitted on their figures, or a bank judged with them, would be
in-sample. Here each bank is judged with models fitted on the other banks only
(cross-fitting, as stacked models are fitted), whatever the framework ships.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Mapping

from benchmarks.assess_accuracy import apply_judging
from benchmarks.fit_line_exemplars import fit_exemplars, line_texts
from benchmarks.fit_line_model import fit_both, rows_of
from benchmarks.fit_statement_model import bank_texts, fit_model
from wcc_core.judging import exemplars, statements


def statement_models(folders: list[Path], work: Path) -> dict[str, tuple]:
    """Bank name -> (the statement classifiers, the line exemplars) fitted on every other bank's passages."""
    texts = [t for f in folders for t in bank_texts(f, work)]
    lines = line_texts()
    return {f.name: (fit_model([t for t in texts if t["bank"] != f.name]),
                     fit_exemplars([t for t in texts if t["bank"] != f.name], lines)) for f in folders}


@contextmanager
def judging(models: dict[str, tuple], bank: str) -> Iterator[None]:
    """Judge `bank` with its out-of-bank models (no change when `models` is empty)."""
    if bank not in models:
        with nullcontext():
            yield
        return
    classifiers, exemplar_model = models[bank]
    with statements.using(classifiers), exemplars.using(exemplar_model):
        yield


def cross_fitted_rows(folders: list[Path], work: Path) -> tuple[dict, dict[str, list]]:
    """(the out-of-bank classifiers, each bank's line-model rows judged with its own out-of-bank classifiers)."""
    models = statement_models(folders, work)
    rows = {}
    for f in folders:
        with judging(models, f.name):
            rows[f.name] = rows_of(f, work)
    return models, rows


def each_bank_held_out(folders: list[Path], work: Path, overrides: Mapping[str, str]) -> Iterator[Path]:
    """Each bank in turn, while it is judged by a line model fitted on the other banks' rows and by
    classifiers fitted without it (leave-one-bank-out); `overrides` are other [judging] values."""
    models, rows = cross_fitted_rows(folders, work / "fit")
    for folder in folders:
        keys = fit_both([r for bank, rs in rows.items() if bank != folder.name for r in rs])
        apply_judging(dict(overrides) | {key: repr(value) for key, value in keys.items()})
        with judging(models, folder.name):
            yield folder
