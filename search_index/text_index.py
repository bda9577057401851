"""A small full-text index of one document type: the information articles'
(articles.py), the forum topics' (forum.py).

Each lives in ``SEARCH_INDEX_DIR/<name>`` with the same layout as the guide's
index (storage.py): a rebuild writes a new directory and swaps ``CURRENT``;
``apply_changes()`` follows the same ``search_outbox`` for its doc type from
its own checkpoint, with the same settle window (following.py).

Text is analysed for French as in the guide (folding, stop words, stems),
scored with BM25F over weighted fields. Typo tolerance: the folded, unstemmed
words of the documents are kept in a ``words`` vocabulary (in documents of
their own); a typed word unknown to the index is replaced by the words one or
two edits away, whose stems are then searched at a lower weight.

A domain gives the documents through ``index.register_documents(fetch,
all_ids)``: ``fetch(ids)`` returns dicts with an ``"id"`` and the fields that
the index's ``to_fields`` reads; a document left out, or with ``"published"``
false, is not to be found. Every index made here is known to
``text_indexes()``, so that applying and rebuilding go through them all.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from flask import current_app
from markupsafe import Markup
from whoosh import fields, highlight, scoring
from whoosh.query import And, Or, Term

from portal.core.time import utcnow
from search_index import storage
from search_index.checkpoint import OutboxRow
from search_index.following import apply_outbox
from search_index.query import FUZZY_WEIGHT, MarkFormatter, QueryWord, query_words
from search_index.schema import (
    TOKEN_PATTERN,
    VocabularyField,
    french_analyzer,
    stem_word,
    vocabulary,
    word_analyzer,
)
from search_index.storage import RebuildResult

log = logging.getLogger(__name__)

VOCABULARY_KEY = "vocabulary"
FETCH_CHUNK = 1000
#: How many of the best hits are re-ranked (title coverage, a caller's boost).
RERANK_DEPTH = 40

Fetch = Callable[[list[int]], list[dict]]
AllIds = Callable[[], Iterable[int]]

#: Highlighters: the whole value (a title), or the best passages of a text.
WHOLE = highlight.WholeFragmenter()
CONTEXT = highlight.ContextFragmenter(maxchars=200, surround=60)

_indexes: dict[str, TextIndex] = {}


def text_indexes() -> list[TextIndex]:
    """The text indexes that a domain gave documents to, in creation order."""
    return [ix for ix in _indexes.values() if ix.has_documents]


@dataclass
class TextHit:
    fields: dict  # the stored fields
    score: float
    matched: tuple = ()  # (field, term) pairs
    highlights: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return int(self.fields["key"])


@dataclass
class TextPage:
    total: int
    hits: list
    page: int = 1
    per_page: int = 10

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class TextIndex:
    """One document type's index.

    - ``name``: its directory under ``SEARCH_INDEX_DIR``;
    - ``doc_type``: the outbox rows it follows;
    - ``fields``: the schema's own fields, stored or not (``key`` and
      ``words`` are added);
    - ``to_fields(doc)``: a document's values for them;
    - ``weighted``: the text fields searched, with their weight, the title
      first (a hit holding more of the typed words in its title ranks higher);
    - ``highlighted``: ``(field, fragmenter)`` of the stored fields shown with
      the matched words marked.
    """

    def __init__(self, name: str, doc_type: str, *, fields: Callable[[], dict],
                 to_fields: Callable[[dict], dict], weighted: tuple[tuple[str, float], ...],
                 highlighted: tuple[tuple[str, object], ...] = (), title_bonus: float = 1.0,
                 label: str | None = None):
        self.name, self.doc_type, self.label = name, doc_type, label or name
        self._fields, self._to_fields = fields, to_fields
        self.weighted, self.highlighted, self.title_bonus = weighted, highlighted, title_bonus
        self._source: dict[str, Callable] = {}
        # One writer per process, and one query at a time (Whoosh's readers
        # share file handles between threads).
        self._lock = threading.RLock()
        self._open: dict = {}
        self._writer = partial(storage.open_writer, compound=False)
        _indexes[name] = self

    def __repr__(self) -> str:
        return f"<TextIndex {self.name}>"

    def register_documents(self, fetch: Fetch, all_ids: AllIds) -> None:
        """Declare how to read the documents from the database (once per process)."""
        self._source = {"fetch": fetch, "all_ids": all_ids}

    @property
    def has_documents(self) -> bool:
        return bool(self._source)

    # ------------------------------------------------------------ locations

    def root(self) -> Path:
        return Path(current_app.config["SEARCH_INDEX_DIR"]) / self.name

    def current_path(self) -> Path | None:
        return storage.current_index_path(self.root())

    # ------------------------------------------------------------ writing

    def schema(self) -> fields.Schema:
        return fields.Schema(key=fields.ID(unique=True, stored=True),
                             words=VocabularyField(word_analyzer()), **self._fields())

    def rebuild(self) -> RebuildResult:
        """Build a fresh index from the database, then swap it in."""
        with self._lock:
            result = storage.build_and_swap(self.root(), self.schema(), self._write_all,
                                            limitmb=256, procs=1, compound=False)
        log.info("%s index rebuilt: %d documents in %.1f s", self.label, result.documents,
                 result.seconds)
        return result

    def apply_changes(self, now: datetime | None = None) -> int:
        """Apply the outbox's rows of this type beyond the checkpoint; returns
        how many were applied. Builds the index when there is none."""
        with self._lock:
            path = self.current_path()
            if path is None:
                return self.rebuild().documents
            return apply_outbox(path, now or utcnow(), self._apply_rows, rebuild=self.rebuild,
                                open_writer=self._writer, name=self.label)

    def _write_all(self, writer) -> int:
        count, tokens = 0, set()
        for doc in self._all_documents():
            if doc.get("published", True):
                values = self._document_fields(doc)
                writer.add_document(**values)
                tokens |= self._raw_words(values)
                count += 1
        self._add_vocabulary(writer, vocabulary(tokens))
        return count

    def _all_documents(self):
        if not self._source:
            return
        ids = list(self._source["all_ids"]())
        for start in range(0, len(ids), FETCH_CHUNK):
            yield from self._source["fetch"](ids[start:start + FETCH_CHUNK])

    def _apply_rows(self, writer, reader, rows: list[OutboxRow]) -> int:
        mine = [r for r in rows if r.doc_type == self.doc_type]
        if not mine:
            return 0
        ids = {r.doc_id for r in mine}
        found = {d["id"]: d for d in self._source["fetch"](sorted(ids))} if self._source else {}
        tokens = set()
        for doc_id in ids:
            doc = found.get(doc_id)
            if doc is not None and doc.get("published", True):
                values = self._document_fields(doc)
                writer.update_document(**values)
                tokens |= self._raw_words(values)
            else:
                writer.delete_by_term("key", str(doc_id))
        # Words are never removed: a stale one only costs a lookup.
        self._add_vocabulary(writer, {w for w in vocabulary(tokens) if ("words", w) not in reader})
        return len(mine)

    def _document_fields(self, doc: dict) -> dict:
        return {"key": str(doc["id"]), **self._to_fields(doc)}

    def _raw_words(self, values: dict) -> set[str]:
        return set(TOKEN_PATTERN.findall(" ".join(values.get(name) or ""
                                                  for name, _ in self.weighted)))

    @staticmethod
    def _add_vocabulary(writer, words: set[str]) -> None:
        """Each distinct word once, in documents of their own (analysing
        every document's text twice doubled the rebuild)."""
        if words:
            writer.add_document(key=f"{VOCABULARY_KEY}:{uuid.uuid4().hex}",
                                words=" ".join(sorted(words)))

    # ------------------------------------------------------------ searching

    def search(self, text: str, *, within=None, limit: int = 10, page: int = 1,
               extra_words: Iterable[str] = (), boost: Callable[[dict], float] | None = None,
               highlight_hits: bool = True) -> TextPage:
        """Documents matching ``text`` (any of its words, more words rank
        higher), within ``within`` (a Whoosh query) when given.

        ``extra_words`` are folded words added to the query, searched like
        typed words but without typo tolerance; ``boost(stored)`` multiplies
        a hit's score.
        """
        page, limit = max(1, int(page)), max(1, min(int(limit), 100))
        with self._lock:
            searcher = storage.current_searcher(self._open, self.current_path(),
                                                weighting=scoring.BM25F())
            if searcher is None:
                log.warning("no %s index yet: run `flask search rebuild`", self.label)
                return TextPage(0, [], page, limit)
            words = query_words(text)
            extra = [QueryWord(w, stem_word(w)) for w in dict.fromkeys(extra_words)
                     if w and w not in {q.word for q in words}]
            parts = [self._word_query(searcher, q, fuzzy=True) for q in words]
            parts += [self._word_query(searcher, q, fuzzy=False) for q in extra]
            parts = [p for p in parts if p is not None]
            if not parts:
                if within is None:
                    return TextPage(0, [], page, limit)
                query = within
            else:
                # A coordination bonus: documents matching more of the words rank higher.
                query = Or(parts, scale=0.9)
                if within is not None:
                    query = And([query, within])
            # Without words (a theme's list) every document is re-ranked by the
            # caller's boost: there is nothing else to order them by.
            depth = max(page * limit, RERANK_DEPTH) if parts else None
            results = searcher.search(query, limit=depth, terms=True)
            hits = self._ranked(results, {q.stem for q in words} | {q.stem for q in extra}, boost)
            start = (page - 1) * limit
            shown = hits[start:start + limit]
            if highlight_hits and parts:
                for hit in shown:
                    hit.highlights = self._highlights(hit.fields, hit.matched)
            return TextPage(len(results), shown, page, limit)

    def _ranked(self, results, wanted: set[str], boost) -> list[TextHit]:
        """Re-rank the head: BM25 over long texts favours documents that repeat
        a word; one whose *title* holds more of the typed words is usually the
        one asked about."""
        title = self.weighted[0][0]
        hits = []
        for r in results:
            hit = TextHit(r.fields(), r.score or 0.0, tuple(r.matched_terms() or ()))
            if wanted:
                in_title = {_text(t) for name, t in hit.matched if name == title}
                hit.score *= 1.0 + self.title_bonus * len(in_title & wanted) / len(wanted)
            if boost is not None:
                hit.score *= boost(hit.fields)
            hits.append(hit)
        hits.sort(key=lambda h: -h.score)
        return hits

    def _word_query(self, searcher, q: QueryWord, fuzzy: bool):
        reader = searcher.reader()
        known = any((name, q.stem) in reader for name, _ in self.weighted)
        if known or not fuzzy or q.max_edits == 0:
            return Or([Term(name, q.stem, boost=weight) for name, weight in self.weighted]) \
                if known else None
        # Unknown word: its neighbours in the vocabulary, at a lower weight.
        stems = {stem_word(w) for w in _neighbours(reader, q)}
        terms = [Term(name, stem, boost=weight * FUZZY_WEIGHT)
                 for stem in stems for name, weight in self.weighted if (name, stem) in reader]
        return Or(terms) if terms else None

    def _highlights(self, stored: dict, matched) -> dict[str, str]:
        names = {name for name, _ in self.highlighted}
        terms = frozenset(_text(t) for name, t in matched if name in names)
        if not terms:
            return {}
        out = {}
        for name, fragmenter in self.highlighted:
            fragment = highlight.highlight(stored.get(name) or "", terms, _analyzer, fragmenter,
                                           _formatter, top=2)
            if fragment:
                out[name] = str(Markup(fragment))
        return out


_formatter = MarkFormatter()
_analyzer = french_analyzer()


def _text(term) -> str:
    return term.decode() if isinstance(term, bytes) else term


def _neighbours(reader, q: QueryWord) -> list[str]:
    found = list(reader.terms_within("words", q.word, 1, prefix=1))
    if not found and q.max_edits > 1:
        found = list(reader.terms_within("words", q.word, 2, prefix=2))
    return [_text(w) for w in found][:8]
