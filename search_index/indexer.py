"""Keeping the guide's Whoosh index in step with the database.

It lives in ``SEARCH_INDEX_DIR`` (layout and swapping in storage.py) and
follows the ``search_outbox`` from its checkpoint like every index does
(following.py), applying the rows of the types that the guide registered
(registry.py) with one writer per process.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete, func, select

from portal.core.time import utcnow
from portal.extensions import db
from search_index import registry, storage
from search_index.checkpoint import OutboxRow
from search_index.following import MIN_PRUNE_AGE, apply_outbox
from search_index.models import SearchOutbox
from search_index.schema import (
    VOCABULARY_TYPE,
    document_key,
    make_schema,
    raw_words,
    to_fields,
    vocabulary,
)
from search_index.storage import RebuildResult

log = logging.getLogger(__name__)

#: Documents are built in French whoever made the change: the index analyses
#: French, and translated labels in a document must not follow the language of
#: the person whose edit is being applied (nor need a request to pick one).
INDEX_LOCALE = "fr"
FETCH_CHUNK = 1000

# One writer per process: passes from several threads queue up here (the
# Whoosh lock file then serialises processes).
_lock = threading.RLock()


# ---------------------------------------------------------------- locations

def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def current_index_path(root: Path | None = None) -> Path | None:
    """The directory of the index in use, or None before the first build."""
    return storage.current_index_path(root or index_root())


#: Writers here always pass ``compound=False``: a reader opens each file of a
#: compound segment by copying it into memory (BytesIO over the mapped file),
#: which cost every process ~100 MB and the first query ~170 ms at 100,000
#: entries; separate files are read through the page cache instead.
_writer = partial(storage.open_writer, compound=False)


# ---------------------------------------------------------------- rebuild

def rebuild(limitmb: int | None = None) -> RebuildResult:
    """Build a fresh index from every registered type, then swap it in."""
    limitmb = limitmb or int(current_app.config["SEARCH_REBUILD_LIMITMB"])
    with _lock:
        # One in-memory pool for the whole segment: 100,000 entries make
        # ~7 million postings (~1.5 GB in the pool); a smaller pool spills
        # sorted runs to disk, and pickling them there and back doubled
        # the rebuild (253 s against 125 s). SEARCH_REBUILD_LIMITMB trades
        # that time for memory.
        result = storage.build_and_swap(index_root(), make_schema(), _write_all,
                                        limitmb=limitmb, procs=1, compound=False)
    log.info("search index rebuilt: %d documents in %.1f s", result.documents, result.seconds)
    from search_index.searcher import warm_up  # the searcher imports this module

    warm_up()
    return result


def _write_all(writer) -> int:
    count, words = 0, set()
    for doc in _all_documents():
        if not doc.get("published"):
            continue
        fields = to_fields(doc)
        writer.add_document(**fields)
        words |= raw_words(fields)
        count += 1
    writer.add_document(key=f"{VOCABULARY_TYPE}:rebuild", type=VOCABULARY_TYPE,
                        words=" ".join(sorted(vocabulary(words))))
    return count


def _all_documents():
    with force_locale(INDEX_LOCALE):
        yield from _all_documents_in_locale()


def _all_documents_in_locale():
    for doc_type in registry.document_types():
        source = registry.document_source(doc_type)
        ids = list(source.all_ids())
        for start in range(0, len(ids), FETCH_CHUNK):
            yield from source.fetch(ids[start:start + FETCH_CHUNK])


# ---------------------------------------------------------------- following

def apply_pending(now: datetime | None = None) -> int:
    """Apply what the outbox holds beyond the index's checkpoint.

    Returns how many of the guide's outbox rows were applied in this pass.
    Rebuilds when there is no index yet, or when the outbox no longer matches
    the checkpoint (pruned past it, or the database restored).
    """
    with _lock:
        path = current_index_path()
        if path is None or not _current_schema(path):
            return rebuild().documents
        return apply_outbox(path, now or utcnow(), _apply_rows, rebuild=rebuild,
                            open_writer=_writer, name="guide")


_schema_checked: dict[str, bool] = {}


def _current_schema(path) -> bool:
    """Whether the index at ``path`` has today's fields: one built before a
    field was added (``served``) is rebuilt rather than written to."""
    key = str(path)
    if key not in _schema_checked:
        from whoosh import index as whoosh_index

        names = set(whoosh_index.open_dir(key).schema.names())
        _schema_checked[key] = names == set(make_schema().names())
    return _schema_checked[key]


def _apply_rows(writer, reader, rows: list[OutboxRow]) -> int:
    ids_by_type: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        ids_by_type[r.doc_type].add(r.doc_id)
    words: set[str] = set()
    applied = 0
    for doc_type, ids in ids_by_type.items():
        source = registry.document_source(doc_type)
        if source is None:
            # The outbox is shared: the text indexes follow their own types.
            log.debug("search outbox rows of type %r: not for the guide's index", doc_type)
            continue
        applied += sum(1 for r in rows if r.doc_type == doc_type)
        with force_locale(INDEX_LOCALE):
            found = {doc["id"]: doc for doc in source.fetch(sorted(ids))}
        for doc_id in ids:
            doc = found.get(doc_id)
            if doc is not None and doc.get("published"):
                fields = to_fields(doc)
                writer.update_document(**fields)
                words |= raw_words(fields)
            else:
                # Gone, or not published: either way not to be found.
                writer.delete_by_term("key", document_key(doc_type, doc_id))
    new_words = [w for w in vocabulary(words) if ("words", w) not in reader]
    if new_words:
        # Words are never removed: a stale one only costs a lookup.
        writer.add_document(key=f"{VOCABULARY_TYPE}:{uuid.uuid4().hex}", type=VOCABULARY_TYPE,
                            words=" ".join(sorted(new_words)))
    return applied


# ---------------------------------------------------------------- clean-up

def prune_outbox(older_than: timedelta = timedelta(days=7)) -> int:
    """Delete outbox rows older than ``older_than``, except the newest of
    them: it stays as the mark that everything below it is gone, so a node
    whose checkpoint is further behind knows that it must rebuild.

    Flushes; the caller commits (``flask search prune`` does).
    """
    if older_than < MIN_PRUNE_AGE:
        raise ValueError(f"outbox rows younger than {MIN_PRUNE_AGE} are kept")
    cutoff = utcnow() - older_than
    newest_old = db.session.scalar(
        select(func.max(SearchOutbox.id)).where(SearchOutbox.created_at < cutoff))
    if newest_old is None:
        return 0
    result = db.session.execute(delete(SearchOutbox).where(SearchOutbox.id < newest_old))
    db.session.flush()
    return result.rowcount or 0
