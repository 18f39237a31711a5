"""How much a passage reads like other PCTs' evidence for a line: a nearest-centroid text classifier.

The fit step (steps.py) matches a line's own words and synonyms, and a PCT that says
"the Trust chairs the Health and Well-being Partnership" for "leads the local health
agenda" shares none of them. Other PCTs' verified evidence for the same line does share
them: each author paraphrases differently, and together they cover the words PCTs use.
For every criterion line, the TF-IDF centroid of the passages that stated it as done in
the development banks (the Rocchio classifier of text categorisation: log-scaled term
frequency times inverse document frequency over those passages, each passage and each
centroid of unit length) is kept as data beside the framework (`line_exemplars.json`,
fitted by `benchmarks/fit_line_exemplars.py`). A passage's similarity to a line is the
cosine between its vector and the line's centroid; the line model (line_model.py)
decides how much it counts. A centroid is used only for a line whose text is the one it
was fitted for, so a new year's criteria set that rewords a line does not inherit
evidence of another meaning.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from wcc_core.errors import WccError
from wcc_core.judging.fitted_data import FittedData
from wcc_core.scoring import terms

MODEL_FILE = "line_exemplars.json"
FORMAT = 1


class ExemplarModelError(WccError, ValueError):
    """A framework's line_exemplars.json is not what the classifier needs; the message names the file."""


def vector(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    """The passage's unit-length TF-IDF vector over the stems `idf` knows: (1 + log tf) x idf."""
    counts = Counter(terms(text))
    raw = {stem: (1.0 + math.log(n)) * idf[stem] for stem, n in sorted(counts.items()) if stem in idf}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {stem: v / norm for stem, v in raw.items()} if norm else {}


class ExemplarModel:
    """Per criterion line: the text it was fitted for and the centroid of its evidence passages."""

    def __init__(self, idf: Mapping[str, float], lines: Mapping[str, tuple[str, Mapping[str, float]]]):
        self.idf = dict(idf)
        self.lines = {key: (text, dict(centroid)) for key, (text, centroid) in lines.items()}

    @classmethod
    def fit(cls, examples: Iterable[tuple[str, str, str]], top_terms: int = 200, min_df: int = 2) -> "ExemplarModel":
        """From (line id, line text, passage text) examples: idf over the passages (stems in at least
        `min_df` of them), each line's centroid of its passages' vectors, kept to its `top_terms` heaviest stems."""
        examples = sorted(examples)
        df = Counter(stem for _, _, text in examples for stem in set(terms(text)))
        n = len(examples)
        idf = {stem: round(math.log(n / count), 6) for stem, count in sorted(df.items()) if count >= min_df}
        sums: dict[str, Counter] = {}
        texts: dict[str, str] = {}
        for key, line_text, passage in examples:
            texts[key] = line_text
            sums.setdefault(key, Counter()).update(vector(passage, idf))
        lines = {}
        for key, total in sorted(sums.items()):
            kept = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:top_terms]
            norm = math.sqrt(sum(v * v for _, v in kept)) or 1.0
            lines[key] = (texts[key], {stem: round(v / norm, 6) for stem, v in sorted(kept)})
        return cls(idf, lines)

    def knows(self, line_id: str, line_text: str) -> bool:
        """Has this model exemplars of the line as it reads now?"""
        found = self.lines.get(line_id)
        return found is not None and found[0] == line_text

    @functools.lru_cache(maxsize=65536)  # a line's passages are weighed for P(met), its reason and its evidence
    def similarity(self, line_id: str, line_text: str, text: str) -> float:
        """Cosine between the passage and the line's centroid; 0 for a line without exemplars or reworded since."""
        found = self.lines.get(line_id)
        if found is None or found[0] != line_text:
            return 0.0
        centroid = found[1]
        return sum(v * centroid.get(stem, 0.0) for stem, v in self._vector(text).items())

    @functools.lru_cache(maxsize=16384)
    def _vector(self, text: str) -> dict[str, float]:
        return vector(text, self.idf)

    def to_json(self) -> dict:
        """The model as line_exemplars.json stores it."""
        return {"format": FORMAT, "idf": dict(sorted(self.idf.items())),
                "lines": {key: {"text": text, "centroid": centroid} for key, (text, centroid) in sorted(self.lines.items())}}


def read_model(path: Path) -> ExemplarModel:
    """The model stored at `path`; a file that is not such JSON is an error naming it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        lines = {str(key): (str(entry["text"]), {str(s): float(v) for s, v in entry["centroid"].items()})
                 for key, entry in data["lines"].items()}
        return ExemplarModel({str(s): float(v) for s, v in data["idf"].items()}, lines)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ExemplarModelError(f"{path}: not a line-exemplar model ({error})") from None


_DATA: FittedData[ExemplarModel] = FittedData(MODEL_FILE, read_model)
model_for = _DATA.model_for  # the framework's model (its file beside framework.toml), or None
using = _DATA.using  # judge with another model for a while (a benchmark measuring a fold)
