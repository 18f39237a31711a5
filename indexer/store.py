"""A submission's index on disk, and the questions asked of it.

This is the only module that knows the search engine (Whoosh). One search record per
block: document id and type, physical page, printed label, block number, kind, section
and text, analysed with a stemming analyser so "commissioned" finds "commissioning".
Beside the engine's files sit the extracted documents as JSON and a manifest of what
was indexed (document id, type, file, content digest), so `document()` answers without
re-extracting and a build can tell whether anything changed.

On disk an index folder holds `CURRENT` (the name of the live generation), the
generation folders themselves, and the extraction cache; see build.py for how a new
generation replaces the old one atomically.

The full-text (Whoosh) part of a generation is written when a command first searches
it (`wcc search`), not by the build: only the search command reads it (the assessment
and the signpost verifier score blocks with their own BM25 in memory), and writing it
was two thirds of a cold build (docs/performance.md). It is written beside the
generation's other files under a temporary name and renamed into place, so a reader
sees it whole or not at all, and two first searches at once cannot mix their files.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Sequence

import functools
import types

from indexer.cache import document_from_json, document_to_json, write_json_atomic
from indexer.model import Block, ExtractedDocument, LocatedBlock

CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 2
_ENGINE_DIR = "whoosh"
_EXCERPT_CHARS = 240
_POSTINGS_CACHE_TERMS = 4000  # about 8 bytes per posting: tens of MB at most


class IndexMissingError(Exception):
    """There is no index in the folder (never built, or removed)."""


class IndexDamagedError(IndexMissingError):
    """A file of the live index is missing or garbled (edited or removed by hand)."""


@dataclass(frozen=True)
class IndexedDocument:
    """One document of the submission as indexed."""

    id: str
    type: str
    file: str  # as given in submission.toml (relative to the submission folder)
    extracted: ExtractedDocument


@dataclass(frozen=True)
class Hit:
    """One block that matched a search: where it is, its score, and an excerpt marking the matched terms (**term**)."""

    place: LocatedBlock
    bm25: float  # the engine's BM25 score for the query
    excerpt: str


@functools.cache
def _whoosh() -> types.SimpleNamespace:
    """Whoosh's parts, imported when a search first needs them.

    Only `wcc search` (and the first search's full-text build) uses Whoosh; importing it
    costs every other command about 70 ms of start-up (`wcc assess`, `wcc report`).
    """
    from whoosh import highlight, index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, STORED, TEXT, Schema
    from whoosh.qparser import FieldsPlugin, OrGroup, PhrasePlugin, QueryParser
    from whoosh.query import And, Or, Term

    class Marker(highlight.Formatter):
        """Marks matched terms as **term** in an excerpt."""

        between = " … "

        def format_token(self, text, token, replace=False):
            return f"**{highlight.get_text(text, token, replace)}**"

    return types.SimpleNamespace(
        highlight=highlight, index=index, StemmingAnalyzer=StemmingAnalyzer, ID=ID, STORED=STORED, TEXT=TEXT,
        Schema=Schema, FieldsPlugin=FieldsPlugin, OrGroup=OrGroup, PhrasePlugin=PhrasePlugin, QueryParser=QueryParser,
        And=And, Or=Or, Term=Term, Marker=Marker)


def _schema():
    # Measured on the realdocs (33k blocks): a unique key field per block and word
    # positions (phrase search) together more than doubled the build time, so neither
    # is indexed. A block's record number is found from the manifest instead (see
    # write_generation), and quoted phrases are searched as plain words.
    w = _whoosh()
    return w.Schema(
        doc_id=w.ID(stored=True),
        doc_type=w.ID(stored=True),
        physical=w.STORED,
        label=w.STORED,
        n=w.STORED,
        kind=w.STORED,
        section=w.ID(stored=True),
        text=w.TEXT(analyzer=w.StemmingAnalyzer(), stored=True, phrase=False),
    )


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder of an index, or None when there is none."""
    try:
        name = (Path(index_dir) / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):  # missing, a folder, or not text: no live generation
        return None
    if not name or Path(name).name != name or name in (".", ".."):
        return None  # only a folder of the index itself can be live
    folder = Path(index_dir) / name
    return folder if (folder / MANIFEST_FILE).is_file() else None


def generation_is_whole(generation: Path, manifest: dict) -> bool:
    """Whether the manifest has the shape this version writes and every file it names is there.

    Cheap (no file is read): it catches files removed by hand, so a build replaces
    the generation instead of trusting it.
    """
    try:
        entries = manifest["documents"]
        for entry in entries:
            if not (isinstance(entry["id"], str) and isinstance(entry["page_blocks"], list)
                    and isinstance(entry["first_record"], int) and (generation / entry["json"]).is_file()):
                return False
        # The engine folder appears whole (renamed into place) or not at all; Whoosh
        # names its table of contents _MAIN_<generation>.toc.
        engine = generation / _ENGINE_DIR
        return manifest["version"] == MANIFEST_VERSION and (not engine.exists() or any(engine.glob("_MAIN_*.toc")))
    except (KeyError, TypeError, ValueError, OSError):
        return False


def read_manifest(generation: Path) -> dict:
    with open(generation / MANIFEST_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def write_generation(
    folder: Path,
    documents: Sequence[IndexedDocument],
    digests: dict[str, str],
    fingerprint: str,
    on_page: Callable[[str, int], None] | None = None,
) -> None:
    """Write a generation into `folder`: documents as JSON and the manifest (the full text later).

    The manifest is written last, so a folder without one is an unfinished build.
    `digests` maps document id to the SHA-256 of its file. The manifest also keeps each
    document's first search record and blocks per page: the full-text index, when it is
    written (`write_full_text`), adds every block in this order into one segment, so a
    block's record number is its document's first record number plus the blocks before
    it, and score_blocks uses that instead of a per-block key.
    """
    folder.mkdir(parents=True)
    (folder / "documents").mkdir()
    entries = []
    first_record = 0
    for i, doc in enumerate(documents):
        relative = f"documents/{i:04d}.json"
        write_json_atomic(folder / relative, document_to_json(doc.extracted))
        ex = doc.extracted
        page_blocks = [len(p.blocks) for p in ex.pages]
        entries.append(
            {
                "id": doc.id, "type": doc.type, "file": doc.file, "digest": digests.get(doc.id),
                "status": ex.status, "reason": ex.reason, "numbering": ex.numbering,
                "pages": len(ex.pages), "blocks": sum(page_blocks), "json": relative,
                "first_record": first_record, "page_blocks": page_blocks,
            }
        )
        first_record += sum(page_blocks)
        if on_page:
            for page in ex.pages:
                on_page(doc.id, page.physical)
    manifest = {"version": MANIFEST_VERSION, "fingerprint": fingerprint, "documents": entries}
    write_json_atomic(folder / MANIFEST_FILE, manifest)


def write_full_text(generation: Path, documents: Sequence[IndexedDocument], limitmb: int = 256) -> None:
    """Write the full-text index of a generation's `documents` (in manifest order), once.

    Written into a private temporary folder and renamed to `whoosh/`; when another
    process got there first its folder stays and this one is removed. The files are
    owner-only, like the rest of the index.
    """
    engine_dir = generation / _ENGINE_DIR
    if engine_dir.exists():
        return
    temporary = generation / f".{_ENGINE_DIR}-{uuid.uuid4().hex[:12]}"
    old_umask = os.umask(0o077)
    try:
        temporary.mkdir()
        expected = _write_engine(temporary, documents, limitmb)
        with _whoosh().index.open_dir(str(temporary)).reader() as reader:
            if reader.doc_count_all() != expected or not reader.is_atomic():
                raise RuntimeError(f"{temporary}: expected {expected} records in one segment")
        try:
            os.rename(temporary, engine_dir)
        except OSError:
            if not engine_dir.exists():
                raise
    finally:
        os.umask(old_umask)
        shutil.rmtree(temporary, ignore_errors=True)


def _write_engine(folder: Path, documents: Sequence[IndexedDocument], limitmb: int) -> int:
    """Every block of `documents` as one search record, in order, in one segment; the count."""
    ix = _whoosh().index.create_in(str(folder), _schema())
    writer = ix.writer(limitmb=limitmb)
    records = 0
    try:
        for doc in documents:
            for page in doc.extracted.pages:
                for block in page.blocks:
                    writer.add_document(
                        doc_id=doc.id, doc_type=doc.type,
                        physical=page.physical, label=page.label, n=block.n, kind=block.kind,
                        section=block.section or "", text=block.text,
                    )
                    records += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()
    return records


class SubmissionIndex:
    """A built index: the submission's documents as extracted, and search over their blocks."""

    def __init__(self, index_dir: Path, generation: Path, manifest: dict):
        self.index_dir = Path(index_dir)
        self.generation = generation
        self.manifest = manifest
        self._entries = {e["id"]: e for e in manifest["documents"]}
        self._documents: dict[str, ExtractedDocument] = {}
        self._page_offsets: dict[str, list[int]] = {}
        self._postings_cache: dict[str, tuple | None] = {}
        self._ix = None
        self._searcher = None
        self.build_stats = None  # set by build_index: what the build that opened it did

    @classmethod
    def open(cls, index_dir: Path) -> "SubmissionIndex":
        """Open the live index in `index_dir`; IndexMissingError if there is none."""
        generation = current_generation(Path(index_dir))
        if generation is None:
            raise IndexMissingError(f"{index_dir}: no index here (run `wcc index` first)")
        try:
            manifest = read_manifest(generation)
        except (OSError, ValueError) as error:
            raise IndexMissingError(f"{generation / MANIFEST_FILE}: unreadable manifest ({error})") from None
        if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION:
            raise IndexMissingError(f"{index_dir}: index written by another version of wcc; rebuild it")
        if not generation_is_whole(generation, manifest):
            raise IndexDamagedError(f"{generation / MANIFEST_FILE}: the index is damaged; build it again")
        return cls(Path(index_dir), generation, manifest)

    def _damaged(self, path: Path, error: Exception) -> IndexDamagedError:
        return IndexDamagedError(
            f"{path}: the index is damaged ({type(error).__name__}: {error}); "
            f"delete {self.index_dir} and build it again"
        )

    # --- documents ----------------------------------------------------------------
    def documents(self) -> dict[str, IndexedDocument]:
        """Every indexed document by id, in submission order."""
        return {
            doc_id: IndexedDocument(doc_id, entry["type"], entry["file"], self.document(doc_id))
            for doc_id, entry in self._entries.items()
        }

    def document(self, doc_id: str) -> ExtractedDocument | None:
        """One document as extracted (pages, labels, blocks), or None for an unknown id."""
        if doc_id not in self._entries:
            return None
        if doc_id not in self._documents:
            path = self.generation / self._entries[doc_id]["json"]
            try:
                with open(path, encoding="utf-8") as handle:
                    self._documents[doc_id] = document_from_json(json.load(handle))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                raise self._damaged(path, error) from None
        return self._documents[doc_id]

    # --- search -------------------------------------------------------------------
    def _open_searcher(self):
        if self._searcher is None:
            engine_dir = self.generation / _ENGINE_DIR
            if not engine_dir.exists():
                try:
                    write_full_text(self.generation, list(self.documents().values()))
                except OSError as error:
                    raise IndexDamagedError(
                        f"{engine_dir}: cannot write the full-text index ({error.strerror or error})"
                    ) from None
            try:
                self._ix = _whoosh().index.open_dir(str(engine_dir))
                self._searcher = self._ix.searcher()
            except Exception as error:  # Whoosh raises its own errors, and any other, on garbled files
                raise self._damaged(engine_dir, error) from None
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._ix.close()
            self._searcher = self._ix = None
            self._postings_cache.clear()  # its scorers belong to the closed searcher

    def __enter__(self) -> "SubmissionIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def search(
        self,
        query: str,
        *,
        doc_types: Collection[str] | None = None,
        doc_ids: Collection[str] | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """Blocks ranked by BM25 for a free-text query (any word may match; more is better).

        Quotes are ignored (no word positions are indexed) and so are field names ("kind:heading"
        searches both words). `doc_types` / `doc_ids` restrict the documents searched.
        """
        if not query.strip():
            return []
        searcher = self._open_searcher()
        w = _whoosh()
        parser = w.QueryParser("text", searcher.schema, group=w.OrGroup.factory(0.9))
        parser.remove_plugin_class(w.PhrasePlugin)  # no word positions are indexed
        # "kind:heading" would name a stored-only field, which Whoosh cannot query: every
        # word is searched in the text, and --type / --doc restrict the documents.
        parser.remove_plugin_class(w.FieldsPlugin)
        parsed = parser.parse(query)
        restrict = []
        if doc_types is not None:
            restrict.append(w.Or([w.Term("doc_type", t) for t in sorted(doc_types)]))
        if doc_ids is not None:
            restrict.append(w.Or([w.Term("doc_id", d) for d in sorted(doc_ids)]))
        if any(not r.subqueries for r in restrict):
            return []
        results = searcher.search(parsed, limit=limit, filter=w.And(restrict) if restrict else None)
        results.fragmenter = w.highlight.ContextFragmenter(maxchars=_EXCERPT_CHARS, surround=80)
        results.formatter = w.Marker()
        hits = []
        for hit in results:
            text = hit["text"]
            excerpt = hit.highlights("text", top=2) or _shorten(text)
            block = Block(n=hit["n"], kind=hit["kind"], text=text, section=hit["section"] or None)
            # Whoosh stores no value for None: a page that prints no number has no "label".
            place = LocatedBlock(hit["doc_id"], hit["physical"], hit.get("label"), hit["n"], hit["doc_type"], block)
            hits.append(Hit(place=place, bm25=float(hit.score), excerpt=excerpt))
        return hits

    def query_terms(self, query: str) -> list[str]:
        """The stemmed index terms of a query, as the index analyses text (stop words dropped)."""
        analyzer = self._open_searcher().schema["text"].analyzer
        return sorted({token.text for token in analyzer(query)})

    def score_blocks(self, query: str, blocks: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], float]:
        """BM25 score of each (doc_id, physical, n) block for the query's terms, OR-ed; 0.0 if none match.

        The sum over the query's terms, as an OR query scores it. Each term's postings
        are read once per open index and kept (see _postings), so the verifier's many
        calls with the same long criteria queries cost a few dictionary look-ups each.
        """
        scores = {tuple(b): 0.0 for b in blocks}
        terms = self.query_terms(query)
        if not terms or not scores:
            return scores
        searcher = self._open_searcher()
        wanted = {}
        for block in scores:
            record = self._record_number(*block)
            if record is not None:
                wanted[record] = block
        for term in terms:
            postings = self._postings(term)
            if postings is None:
                continue
            ids, weights, scorer = postings
            for record, block in wanted.items():
                at = bisect_left(ids, record)
                if at < len(ids) and ids[at] == record:
                    scores[block] += float(scorer._score(weights[at], scorer.dfl(record)))
        return scores


    def _postings(self, term: str):
        """(record numbers, term weights, BM25 scorer) of one term, read once and kept."""
        if term in self._postings_cache:
            return self._postings_cache[term]
        searcher = self._open_searcher()
        result = None
        if searcher.doc_frequency("text", term):
            ids, weights = array("l"), array("d")
            matcher = searcher.postings("text", term)
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            # Whoosh's documented scorer hook: score(weight, field length) without a matcher.
            result = (ids, weights, searcher.weighting.scorer(searcher, "text", term))
        if len(self._postings_cache) >= _POSTINGS_CACHE_TERMS:
            self._postings_cache.pop(next(iter(self._postings_cache)))
        self._postings_cache[term] = result
        return result

    def _record_number(self, doc_id: str, physical: int, n: int) -> int | None:
        """The search record of block n on a physical page, from the manifest's counts."""
        entry = self._entries.get(doc_id)
        if entry is None:
            return None
        if entry["id"] not in self._page_offsets:
            offsets, total = [], entry["first_record"]
            for count in entry["page_blocks"]:
                offsets.append(total)
                total += count
            self._page_offsets[entry["id"]] = offsets
        page_blocks = entry["page_blocks"]
        if not (1 <= physical <= len(page_blocks) and 1 <= n <= page_blocks[physical - 1]):
            return None
        return self._page_offsets[doc_id][physical - 1] + n - 1


def _shorten(text: str) -> str:
    return text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + " …"
