"""A model fitted offline and kept as a data file beside a framework's framework.toml.

The statement classifiers (statements.py) and the line exemplars (exemplars.py) are each
one such file: read once per folder, absent for a framework that ships none (wcc-2008),
and replaceable for a while by a benchmark judging one fold with a model fitted without it.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Generic, Iterator, TypeVar

Model = TypeVar("Model")


class FittedData(Generic[Model]):
    """The model in `file_name` beside each framework, read by `read` (which names the file on an error)."""

    def __init__(self, file_name: str, read: Callable[[Path], Model]):
        self.file_name = file_name
        self._read = read
        self._stored: dict[str, Model | None] = {}
        self._override: Model | None = None

    def model_for(self, framework) -> Model | None:
        """The framework's model (its file beside framework.toml), or None when it ships none."""
        if self._override is not None:
            return self._override
        folder = str(getattr(framework.info, "folder", "") or "")
        if not folder:
            return None
        if folder not in self._stored:
            path = Path(folder) / self.file_name
            self._stored[folder] = self._read(path) if path.is_file() else None
        return self._stored[folder]

    @contextmanager
    def using(self, model: Model) -> Iterator[None]:
        """Judge with this model instead of the framework's (a benchmark measuring a fold)."""
        before, self._override = self._override, model
        try:
            yield
        finally:
            self._override = before
