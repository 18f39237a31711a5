"""WordNet synonyms of a criterion line's words, read offline from Debian's `wordnet-base`.

The option `[judging] wordnet_weight` lets the lemmas of a line word's most frequent
WordNet senses ("monitor": "supervise", "proctor") count for the word at a reduced weight.
WordNet 3.0 is read with nltk's WordNet reader from the folder the Debian package
installs (`/usr/share/wordnet`, or the folder named by `WCC_WORDNET`); nothing is
downloaded. Without nltk or the database the option is unavailable and says what is
missing (`WordNetUnavailable`); wcc itself needs neither.
"""

from __future__ import annotations

import functools
import io
import os
import warnings
from pathlib import Path

from wcc_core.errors import WccError

DEFAULT_FOLDER = "/usr/share/wordnet"
POS = ("n", "v", "a", "r")  # noun, verb, adjective (satellites come with "a"), adverb


# WordNet 3.0's lexicographer files, numbered as in lexnames(5). nltk's reader opens a
# `lexnames` file that Debian's wordnet-base does not ship (its content is this fixed list).
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
_SYNTACTIC_CATEGORY = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


class WordNetUnavailable(WccError, RuntimeError):
    """WordNet was asked for but nltk or WordNet's database files are missing."""


def folder() -> Path:
    """Where WordNet's database files are looked for."""
    return Path(os.environ.get("WCC_WORDNET") or DEFAULT_FOLDER)


@functools.lru_cache(maxsize=4)
def _reader(database: str):
    try:
        import nltk
        from nltk.corpus.reader.wordnet import WordNetCorpusReader
    except ImportError:
        raise WordNetUnavailable("WordNet synonyms need the Python package nltk "
                                 "(pip install 'wcc[wordnet]')") from None
    missing = [name for name in ("index.noun", "data.noun", "index.verb", "data.verb")
               if not (Path(database) / name).is_file()]
    if missing:
        raise WordNetUnavailable(f"WordNet synonyms need WordNet's database in {database} "
                                 f"(missing {', '.join(missing)}): "
                                 "install the Debian package wordnet-base, or name its folder in WCC_WORDNET")
    # nltk reads only below the folders of its data path (its path sandbox).
    if database not in nltk.data.path:
        nltk.data.path.append(database)

    class DebianWordNet(WordNetCorpusReader):
        """nltk's reader, given WordNet's fixed `lexnames` list when the folder lacks the file."""

        def open(self, file):
            if file == "lexnames" and not (Path(database) / file).is_file():
                return io.StringIO("".join(f"{i:02d}\t{name}\t{_SYNTACTIC_CATEGORY[name.split('.')[0]]}\n"
                                           for i, name in enumerate(LEXNAMES)))
            return super().open(file)

        def map_wn(self, version="wordnet"):
            # The map to nltk's own WordNet copy serves the multilingual wordnets, which
            # wcc does not read; building it would look for that copy (and ask to download it).
            return None

    with warnings.catch_warnings():
        # "The multilingual functions are not available": wcc reads English lemmas only.
        warnings.simplefilter("ignore", UserWarning)
        return DebianWordNet(database, None)


def require() -> None:
    """Raise WordNetUnavailable, naming what is missing, unless WordNet can be read."""
    _reader(str(folder()))


def check_framework(framework) -> None:
    """Raise WordNetUnavailable naming the framework's option when its [judging] asks for WordNet and it is missing."""
    weight = float(dict(getattr(framework.info, "judging", ()) or ()).get("wordnet_weight", 0.0) or 0.0)
    if weight > 0:
        try:
            require()
        except WordNetUnavailable as error:
            raise WordNetUnavailable(f"framework {framework.id}: [judging] wordnet_weight = {weight} "
                                     f"asks for WordNet: {error}") from None


@functools.lru_cache(maxsize=50_000)
def alternatives(word: str, senses: int) -> tuple[str, ...]:
    """The other lemmas of the first `senses` senses of `word` in each part of speech, in WordNet's order.

    WordNet lists a word's senses by how often they were tagged in its corpus, so the
    first senses are the common ones. Multi-word lemmas come as phrases ("keep track").
    """
    reader = _reader(str(folder()))
    word = word.lower()
    out: dict[str, None] = {}
    for pos in POS:
        for synset in reader.synsets(word, pos=pos)[:senses]:
            for lemma in synset.lemma_names():
                text = lemma.replace("_", " ").lower()
                if text != word:
                    out[text] = None
    return tuple(out)
