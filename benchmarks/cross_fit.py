"""Out-of-bank statement classifiers for the benchmarks that fit on development banks.

The line model weighs what the statement classifiers (wcc_core/judging/statements.py)
make of a passage. Fitted on every bank, the classifiers have seen each bank's own
passages, so a line model fitted on their figures, or a bank judged with them, would be
in-sample. Here each bank is judged with classifiers fitted on the other banks only
(cross-fitting, as stacked models are fitted), whatever the framework ships.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Mapping

from benchmarks.assess_accuracy import apply_judging
from benchmarks.fit_line_model import fit, rows_of
from benchmarks.fit_statement_model import bank_texts, fit_model
from wcc_core.judging import statements
from wcc_core.judging.line_model import FEATURES


def statement_models(folders: list[Path], work: Path) -> dict[str, statements.StatementModel]:
    """Bank name -> the classifiers fitted on every other bank's passages."""
    texts = [t for f in folders for t in bank_texts(f, work)]
    return {f.name: fit_model([t for t in texts if t["bank"] != f.name]) for f in folders}


@contextmanager
def judging(models: dict[str, statements.StatementModel], bank: str) -> Iterator[None]:
    """Judge `bank` with its out-of-bank classifiers (no change when `models` is empty)."""
    with statements.using(models[bank]) if bank in models else nullcontext():
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
        w = fit([r for bank, rs in rows.items() if bank != folder.name for r in rs])
        apply_judging(dict(overrides) | {"p_bias": repr(w[0])}
                      | {f"p_{name}": repr(v) for name, v in zip(FEATURES, w[1:])})
        with judging(models, folder.name):
            yield folder
