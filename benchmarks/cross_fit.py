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
from typing import Iterator

from benchmarks.fit_statement_model import bank_texts, fit_model
from wcc_core.judging import statements


def statement_models(folders: list[Path], work: Path) -> dict[str, statements.StatementModel]:
    """Bank name -> the classifiers fitted on every other bank's passages."""
    texts = [t for f in folders for t in bank_texts(f, work)]
    return {f.name: fit_model([t for t in texts if t["bank"] != f.name]) for f in folders}


@contextmanager
def judging(models: dict[str, statements.StatementModel], bank: str) -> Iterator[None]:
    """Judge `bank` with its out-of-bank classifiers (no change when `models` is empty)."""
    with statements.using(models[bank]) if bank in models else nullcontext():
        yield
