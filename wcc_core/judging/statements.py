"""What kind of statement a passage is, from its words: a learned assertion classifier.

ConText (assertion.py) reads the cues it has rules for. PCTs also say "not yet" in ways
no rule lists ("we are some way off", "scoping is complete", "this is an area for us"),
and topical prose that states nothing as done reads like a statement. Beside ConText,
two logistic classifiers over a passage's words and word pairs (the bag-of-n-grams
assertion classifiers of the i2b2 2010 assertion task) give the probability that a
passage is a "not done" statement (against a statement of the thing as done) and that it
is topical text (likewise). They are fitted offline on the development banks' planted,
"not yet" and distractor passages (`benchmarks/fit_statement_model.py`, balanced classes,
L2-penalised) and kept as data beside the framework (`statement_model.json`); at run
time this is a sum of weights, so the same passage gives the same figure byte for byte.
The line model (line_model.py) decides how much each figure counts.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import Mapping

from wcc_core.errors import WccError
from wcc_core.judging.fitted_data import FittedData

MODEL_FILE = "statement_model.json"
KINDS = ("not_done", "topical")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


class StatementModelError(WccError, ValueError):
    """A framework's statement_model.json is not what the classifiers need; the message names the file."""


def features(text: str) -> frozenset[str]:
    """The passage's lower-case words and adjacent word pairs ("not", "not_yet"): what the classifiers weigh."""
    words = _WORD.findall(text.lower())
    return frozenset(words) | frozenset(f"{a}_{b}" for a, b in zip(words, words[1:]))


class StatementModel:
    """The two classifiers: per kind, a bias and a weight per feature."""

    def __init__(self, weights: Mapping[str, tuple[float, Mapping[str, float]]]):
        self.weights = {kind: (float(bias), dict(table)) for kind, (bias, table) in weights.items()}

    @functools.lru_cache(maxsize=8192)
    def probability(self, kind: str, text: str) -> float:
        """P(the passage is a statement of `kind`) from its words; 0 when this model has no such classifier."""
        if kind not in self.weights:
            return 0.0
        bias, table = self.weights[kind]
        # Summed in sorted feature order: a float sum over a set would depend on the hash seed.
        z = bias + sum(table.get(f, 0.0) for f in sorted(features(text)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        """The model as statement_model.json stores it."""
        return {kind: {"bias": bias, "weights": dict(sorted(table.items()))}
                for kind, (bias, table) in sorted(self.weights.items())}


def read_model(path: Path) -> StatementModel:
    """The model stored at `path`; a file that is not such JSON is an error naming it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return StatementModel({kind: (data[kind]["bias"], data[kind]["weights"]) for kind in data
                               if kind in KINDS})
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StatementModelError(f"{path}: not a statement model ({error})") from None


_DATA: FittedData[StatementModel] = FittedData(MODEL_FILE, read_model)
model_for = _DATA.model_for  # the framework's model (its file beside framework.toml), or None
using = _DATA.using  # judge with another model for a while (a benchmark measuring a fold)
