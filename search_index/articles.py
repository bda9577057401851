"""The information base's own Whoosh index: articles, searched by words and themes.

Layout of ``SEARCH_INDEX_DIR/articles``::

    CURRENT                  name of the index directory in use
    index-<time>-<pid>-<rand>/  Whoosh files + checkpoint.json

Same design as the guide's index (indexer.py), smaller: a rebuild writes a new
directory and swaps ``CURRENT``; ``apply_article_changes()`` follows the same
``search_outbox`` table for doc type ``"article"`` from its own checkpoint. Outbox
ids are allocated before commit, so each pass re-reads the rows above the
checkpoint, applies those not applied yet, and only moves the checkpoint past
rows older than ``SEARCH_SETTLE_SECONDS``.

Text is analysed for French as in the guide (folding, stop words, stems). Typo
tolerance: each article carries its folded, unstemmed words in ``words``; a
typed word unknown to the index is replaced by the words one or two edits
away, whose stems are then searched at a lower weight.

The domain gives the documents through ``register_article_documents(fetch,
all_ids)``: ``fetch(ids)`` returns dicts ``{"id", "source_id", "title", "summary",
"text", "keywords", "themes", "subthemes", "url", "published"}``.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from markupsafe import Markup
from sqlalchemy import select
from whoosh import fields, highlight, scoring
from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.query import And, Or, Term

from portal.core.time import utcnow
from portal.extensions import db
from search_index.checkpoint import Checkpoint, rows_above, stamp_of
from search_index.models import SearchOutbox
from search_index.query import FUZZY_WEIGHT, MarkFormatter, QueryWord, query_words
from search_index.schema import (
    TOKEN_PATTERN,
    VocabularyField,
    french_analyzer,
    stem_word,
    vocabulary,
    word_analyzer,
)

log = logging.getLogger(__name__)

ARTICLE_TYPE = "article"
VOCABULARY_KEY = "vocabulary"
POINTER = "CURRENT"
OUTBOX_PAGE = 2000
FETCH_CHUNK = 1000
#: Fields searched, with their weight: the title weighs most.
FIELDS = (("title", 5.0), ("keywords", 2.0), ("summary", 2.0), ("text", 0.7))
#: How many of the best hits are re-ranked (title coverage, preferred themes).
RERANK_DEPTH = 40
TITLE_BONUS = 1.0
THEME_BONUS = 1.3

Fetch = Callable[[list[int]], list[dict]]
AllIds = Callable[[], Iterable[int]]
_source: dict[str, Callable] = {}
_lock = threading.RLock()
_open: dict = {}


def register_article_documents(fetch: Fetch, all_ids: AllIds) -> None:
    """Declare how to read articles from the database (once per process)."""
    _source["fetch"], _source["all_ids"] = fetch, all_ids


# ---------------------------------------------------------------- schema

def make_schema() -> fields.Schema:
    french = french_analyzer()
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        source_id=fields.ID(stored=True),
        title=fields.TEXT(analyzer=french, phrase=False, stored=True),
        summary=fields.TEXT(analyzer=french, phrase=False, stored=True),
        text=fields.TEXT(analyzer=french, phrase=False),
        keywords=fields.TEXT(analyzer=french, phrase=False, stored=True),
        words=VocabularyField(word_analyzer()),
        themes=fields.KEYWORD(stored=True),
        subthemes=fields.KEYWORD(stored=True),
        url=fields.STORED(),
    )


def to_fields(doc: dict) -> dict:
    keywords = " ".join(doc.get("keywords") or ())
    title, summary, text = doc.get("title") or "", doc.get("summary") or "", doc.get("text") or ""
    return {
        "key": str(doc["id"]),
        "source_id": doc.get("source_id") or "",
        "title": title,
        "summary": summary,
        "text": text,
        "keywords": keywords,
        "themes": " ".join(doc.get("themes") or ()),
        "subthemes": " ".join(doc.get("subthemes") or ()),
        "url": doc.get("url") or "",
    }


# ---------------------------------------------------------------- locations

def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"]) / "articles"


def current_index_path(root: Path | None = None) -> Path | None:
    root = root or index_root()
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and path.is_dir() else None


def _settle_seconds() -> float:
    return float(current_app.config.get("SEARCH_SETTLE_SECONDS", 5.0))


# ---------------------------------------------------------------- rebuild

@dataclass
class RebuildResult:
    documents: int
    seconds: float
    path: Path


def rebuild_articles() -> RebuildResult:
    """Build a fresh article index from the database, then swap it in."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with _lock:
        started = time.perf_counter()
        checkpoint = _checkpoint_for_rebuild()
        path = root / f"index-{utcnow():%Y%m%dT%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        path.mkdir()
        try:
            ix = whoosh_index.create_in(str(path), make_schema())
            writer = ix.writer(limitmb=256, procs=1)
            count, tokens = 0, set()
            for doc in _all_documents():
                if doc.get("published"):
                    fields = to_fields(doc)
                    writer.add_document(**fields)
                    tokens |= raw_words(fields)
                    count += 1
            _add_vocabulary(writer, tokens)
            writer.commit()
            checkpoint.write(path)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        _swap(root, path)
    seconds = time.perf_counter() - started
    log.info("article index rebuilt: %d articles in %.1f s", count, seconds)
    return RebuildResult(count, seconds, path)


def _all_documents():
    if not _source:
        return
    ids = list(_source["all_ids"]())
    for start in range(0, len(ids), FETCH_CHUNK):
        yield from _source["fetch"](ids[start:start + FETCH_CHUNK])


def _checkpoint_for_rebuild() -> Checkpoint:
    settled_before = utcnow() - timedelta(seconds=_settle_seconds())
    anchor = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.created_at)
        .where(SearchOutbox.created_at < settled_before)
        .order_by(SearchOutbox.id.desc()).limit(1)).first()
    outbox_id = anchor.id if anchor else 0
    above = rows_above(outbox_id, None)
    return Checkpoint(outbox_id, stamp_of(anchor.created_at) if anchor else None,
                      {r.id: r.stamp for r in above}, utcnow().isoformat())


def _swap(root: Path, path: Path) -> None:
    previous = current_index_path(root)
    tmp = root / f".{POINTER}.{os.getpid()}.tmp"
    tmp.write_text(path.name)
    os.replace(tmp, root / POINTER)
    keep = {path.name, previous.name if previous else None}
    for old in root.glob("index-*"):
        if old.name not in keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- following

def apply_article_changes(now: datetime | None = None) -> int:
    """Apply the outbox's article rows beyond this index's checkpoint.

    Returns how many rows were applied. Builds the index when there is none;
    rebuilds when the outbox no longer holds the row the checkpoint stands on.
    """
    with _lock:
        path = current_index_path()
        if path is None:
            return rebuild_articles().documents
        now = now or utcnow()
        checkpoint = Checkpoint.read(path)
        rows = rows_above(checkpoint.outbox_id, OUTBOX_PAGE)
        if not rows:
            return 0
        if checkpoint.outbox_id:
            created_at = db.session.scalar(
                select(SearchOutbox.created_at).where(SearchOutbox.id == checkpoint.outbox_id))
            if created_at is None or stamp_of(created_at) != checkpoint.anchor:
                log.warning("search outbox no longer matches the article checkpoint: rebuilding")
                rebuild_articles()
                return 0
        settled_before = now - timedelta(seconds=_settle_seconds())
        applied, last_seen, prefix_settled = 0, checkpoint.outbox_id, True
        ix = whoosh_index.open_dir(str(path))
        writer = None
        try:
            while rows:
                todo = [r for r in rows if r.doc_type == ARTICLE_TYPE
                        and not checkpoint.has_applied(r)]
                if todo:
                    writer = writer or _writer(ix)
                    _apply(writer, {r.doc_id for r in todo})
                    applied += len(todo)
                for r in rows:
                    if r.doc_type == ARTICLE_TYPE:
                        checkpoint.applied[r.id] = r.stamp
                    if prefix_settled and r.created_at < settled_before:
                        checkpoint.outbox_id, checkpoint.anchor = r.id, r.stamp
                    else:
                        prefix_settled = False
                last_seen = rows[-1].id
                rows = rows_above(last_seen, OUTBOX_PAGE) if len(rows) == OUTBOX_PAGE else []
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
        if writer is not None:
            writer.commit()
        checkpoint.applied = {i: t for i, t in checkpoint.applied.items()
                              if i > checkpoint.outbox_id}
        checkpoint.write(path)
        return applied


def _writer(ix):
    deadline = time.monotonic() + 30
    while True:
        try:
            return ix.writer()
        except LockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _apply(writer, ids: set[int]) -> None:
    found = {doc["id"]: doc for doc in _source["fetch"](sorted(ids))} if _source else {}
    tokens = set()
    for doc_id in ids:
        doc = found.get(doc_id)
        if doc is not None and doc.get("published"):
            fields = to_fields(doc)
            writer.update_document(**fields)
            tokens |= raw_words(fields)
        else:
            writer.delete_by_term("key", str(doc_id))
    # Words are never removed: a stale one only costs a lookup.
    _add_vocabulary(writer, tokens)


def raw_words(fields: dict) -> set[str]:
    return set(TOKEN_PATTERN.findall(" ".join(
        (fields["title"], fields["summary"], fields["keywords"], fields["text"]))))


def _add_vocabulary(writer, tokens: set[str]) -> None:
    """The typo-tolerance vocabulary: each distinct word once, in documents of
    their own (analysing every article's text twice doubled the rebuild)."""
    words = vocabulary(tokens)
    if words:
        writer.add_document(key=f"{VOCABULARY_KEY}:{uuid.uuid4().hex}",
                            words=" ".join(sorted(words)))


# ---------------------------------------------------------------- searching

@dataclass
class ArticleHit:
    id: int
    source_id: str | None
    title: str
    summary: str
    url: str
    themes: list[str]
    subthemes: list[str]
    score: float
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class ArticlePage:
    total: int
    hits: list[ArticleHit]
    page: int = 1
    per_page: int = 10


def search_articles(text: str, themes: Iterable[str] = (), limit: int = 10, page: int = 1,
                    *, prefer_themes: Iterable[str] = (), extra_words: Iterable[str] = (),
                    highlight_hits: bool = True) -> ArticlePage:
    """Articles matching ``text`` (any of its words, more words rank higher),
    among ``themes`` (theme or sub-theme codes, any of) when given.

    ``prefer_themes`` raises articles of those themes without filtering;
    ``extra_words`` are folded words added to the query (an assistant's
    expansions), searched like typed words but without typo tolerance.
    """
    page, limit = max(1, int(page)), max(1, min(int(limit), 100))
    with _lock:
        searcher = _current_searcher()
        if searcher is None:
            log.warning("no article index yet: run `flask knowledge import`")
            return ArticlePage(0, [], page, limit)
        words = query_words(text)
        extra = [QueryWord(w, stem_word(w)) for w in dict.fromkeys(extra_words)
                 if w and w not in {q.word for q in words}]
        filters = _theme_filter(themes)
        parts = [_word_query(searcher, q, fuzzy=True) for q in words]
        parts += [_word_query(searcher, q, fuzzy=False) for q in extra]
        parts = [p for p in parts if p is not None]
        if not parts:
            if not filters:
                return ArticlePage(0, [], page, limit)
            query = filters
        else:
            # A coordination bonus: articles matching more of the words rank higher.
            query = Or(parts, scale=0.9)
            if filters is not None:
                query = And([query, filters])
        # Re-rank the head: BM25 over long sheets favours articles that repeat a
        # word in their text; an article whose *title* holds more of the
        # question's words is usually the one asked about.
        results = searcher.search(query, limit=max(page * limit, RERANK_DEPTH), terms=True)
        wanted = {q.stem for q in words} | {q.stem for q in extra}
        boost = set(prefer_themes)
        hits = []
        for r in results:
            stored = r.fields()
            matched = r.matched_terms() or ()
            in_title = {_text(t) for name, t in matched if name == "title"}
            hit = ArticleHit(
                id=int(stored["key"]), source_id=stored.get("source_id") or None,
                title=stored["title"], summary=stored.get("summary") or "",
                url=stored.get("url") or "", themes=(stored.get("themes") or "").split(),
                subthemes=(stored.get("subthemes") or "").split(), score=r.score or 0.0)
            if wanted:
                hit.score *= 1.0 + TITLE_BONUS * len(in_title & wanted) / len(wanted)
            if boost and boost & set(hit.themes + hit.subthemes):
                hit.score *= THEME_BONUS
            if highlight_hits and parts:
                hit.highlights = _highlights(stored, matched)
            hits.append(hit)
        hits.sort(key=lambda h: -h.score)
        start = (page - 1) * limit
        return ArticlePage(len(results), hits[start:start + limit], page, limit)


def _text(term) -> str:
    return term.decode() if isinstance(term, bytes) else term


def _theme_filter(themes: Iterable[str]):
    terms = [Term(name, code) for code in themes if code for name in ("themes", "subthemes")]
    return Or(terms) if terms else None


def _word_query(searcher, q: QueryWord, fuzzy: bool):
    reader = searcher.reader()
    exact = [Term(name, q.stem, boost=weight) for name, weight in FIELDS]
    known = any((name, q.stem) in reader for name, _ in FIELDS)
    if known or not fuzzy or q.max_edits == 0:
        return Or(exact) if known else None
    # Unknown word: its neighbours in the vocabulary, at a lower weight.
    stems = {stem_word(w) for w in _neighbours(reader, q)}
    terms = [Term(name, stem, boost=weight * FUZZY_WEIGHT)
             for stem in stems for name, weight in FIELDS if (name, stem) in reader]
    return Or(terms) if terms else None


def _neighbours(reader, q: QueryWord) -> list[str]:
    found = [w for w in reader.terms_within("words", q.word, 1, prefix=1)]
    if not found and q.max_edits > 1:
        found = [w for w in reader.terms_within("words", q.word, 2, prefix=2)]
    return [w.decode() if isinstance(w, bytes) else w for w in found][:8]


def _current_searcher():
    path = current_index_path()
    if path is None:
        return None
    if _open.get("path") == path and _open["searcher"].up_to_date():
        return _open["searcher"]
    if "searcher" in _open:
        _open["searcher"].close()
    ix = whoosh_index.open_dir(str(path))
    _open["path"], _open["searcher"] = path, ix.searcher(weighting=scoring.BM25F())
    return _open["searcher"]


_formatter = MarkFormatter()
_analyzer = french_analyzer()
_whole = highlight.WholeFragmenter()
_context = highlight.ContextFragmenter(maxchars=200, surround=60)


def _highlights(stored: dict, matched) -> dict[str, str]:
    terms = frozenset(t.decode() if isinstance(t, bytes) else t
                      for name, t in (matched or ()) if name in ("title", "summary"))
    if not terms:
        return {}
    out = {}
    for name, fragmenter in (("title", _whole), ("summary", _context)):
        fragment = highlight.highlight(stored.get(name) or "", terms, _analyzer, fragmenter,
                                       _formatter, top=2)
        if fragment:
            out[name] = str(Markup(fragment))
    return out
