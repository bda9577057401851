"""Keeping the Whoosh index in step with the database.

Layout of ``SEARCH_INDEX_DIR``::

    CURRENT                    name of the index directory in use
    index-<time>-<pid>-<rand>/ Whoosh files + checkpoint.json
    rebuild.lock

A rebuild writes a whole new directory, then swaps ``CURRENT`` (an atomic
rename), so a reader sees the old index or the new one, never half of one.
The previous directory is kept until the next swap for readers that still
have it open.

``checkpoint.json`` (stored with the index it describes) says how far the
index has followed the outbox. Outbox ids are allocated before commit, so a
row with a smaller id can become visible after a larger one. Every pass
therefore re-reads the rows above the checkpoint, applies those it has not
applied yet (upserts are idempotent) and only moves the checkpoint past rows
older than ``SEARCH_SETTLE_SECONDS`` — by then their neighbours' transactions
are assumed to have committed or rolled back.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete, func, select
from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.util.filelock import FileLock

from portal.core.time import as_utc, utcnow
from portal.extensions import db
from search_index import registry
from search_index.checkpoint import Checkpoint, OutboxRow, rows_above, stamp_of
from search_index.models import SearchOutbox
from search_index.schema import (
    VOCABULARY_TYPE,
    document_key,
    make_schema,
    raw_words,
    to_fields,
    vocabulary,
)

log = logging.getLogger(__name__)

#: Documents are built in French whoever made the change: the index analyses
#: French, and translated labels in a document must not follow the language of
#: the person whose edit is being applied (nor need a request to pick one).
INDEX_LOCALE = "fr"
POINTER = "CURRENT"
DEFAULT_SETTLE_SECONDS = 5.0
OUTBOX_PAGE = 2000
FETCH_CHUNK = 1000
#: Writer lock: how long to keep retrying when another process holds it.
LOCK_PATIENCE_SECONDS = 60.0
#: prune_outbox() never removes rows younger than this, so that a young gap at
#: the start of the outbox cannot be mistaken for pruned rows.
MIN_PRUNE_AGE = timedelta(hours=1)

# One writer per process: passes from several threads queue up here (the
# Whoosh lock file then serialises processes).
_lock = threading.RLock()


# ---------------------------------------------------------------- locations

def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def current_index_path(root: Path | None = None) -> Path | None:
    """The directory of the index in use, or None before the first build."""
    root = root or index_root()
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and path.is_dir() else None


def _settle_seconds() -> float:
    return float(current_app.config.get("SEARCH_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS))


def _writer(ix, **kwargs):
    """A writer, waiting while another process holds Whoosh's lock.

    Writers here always pass ``compound=False``: a reader opens each file of a
    compound segment by copying it into memory (BytesIO over the mapped file),
    which cost every process ~100 MB and the first query ~170 ms at 100,000
    entries; separate files are read through the page cache instead.
    """
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    delay = 0.02
    while True:
        try:
            return ix.writer(**kwargs)
        except LockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


# ---------------------------------------------------------------- rebuild

@dataclass
class RebuildResult:
    documents: int
    seconds: float
    path: Path


def rebuild(limitmb: int | None = None) -> RebuildResult:
    """Build a fresh index from every registered type, then swap it in."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    limitmb = limitmb or int(current_app.config.get("SEARCH_REBUILD_LIMITMB", 2048))
    with _lock, _file_lock(root / "rebuild.lock"):
        started = time.perf_counter()
        checkpoint = _checkpoint_for_rebuild()
        path = root / f"index-{utcnow():%Y%m%dT%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        path.mkdir()
        try:
            ix = whoosh_index.create_in(str(path), make_schema())
            # One in-memory pool for the whole segment: 100,000 entries make
            # ~7 million postings (~1.5 GB in the pool); a smaller pool spills
            # sorted runs to disk, and pickling them there and back doubled
            # the rebuild (253 s against 125 s). SEARCH_REBUILD_LIMITMB trades
            # that time for memory.
            writer = ix.writer(limitmb=limitmb, procs=1, compound=False)
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
            writer.commit()
            checkpoint.write(path)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        _swap(root, path)
        seconds = time.perf_counter() - started
    log.info("search index rebuilt: %d documents in %.1f s", count, seconds)
    from search_index.searcher import warm_up  # the searcher imports this module

    warm_up()
    return RebuildResult(count, seconds, path)


def _all_documents():
    with force_locale(INDEX_LOCALE):
        yield from _all_documents_in_locale()


def _all_documents_in_locale():
    for doc_type in registry.document_types():
        source = registry.document_source(doc_type)
        ids = list(source.all_ids())
        for start in range(0, len(ids), FETCH_CHUNK):
            yield from source.fetch(ids[start:start + FETCH_CHUNK])


def _checkpoint_for_rebuild() -> Checkpoint:
    """Read before the data: every outbox row visible now describes a change
    that the rows read next already contain."""
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


class _file_lock:
    """Cross-process lock (two `flask search rebuild` at once build one index)."""

    def __init__(self, path: Path):
        self._lock = FileLock(str(path))

    def __enter__(self):
        self._lock.acquire(blocking=True)

    def __exit__(self, *exc):
        self._lock.release()


# ---------------------------------------------------------------- following

def apply_pending(now: datetime | None = None) -> int:
    """Apply what the outbox holds beyond the index's checkpoint.

    Returns how many outbox rows were applied in this pass. Rebuilds when
    there is no index yet, or when the outbox no longer matches the
    checkpoint (pruned past it, or the database restored).
    """
    with _lock:
        path = current_index_path()
        if path is None:
            return rebuild().documents
        now = now or utcnow()
        if not _has_work(Checkpoint.read(path), now):
            return 0
        ix = whoosh_index.open_dir(str(path))
        writer = _writer(ix, compound=False)
        try:
            # Read again under the lock: another process may have moved on.
            checkpoint = Checkpoint.read(path)
            if not _still_matches(checkpoint, now):
                writer.cancel()
                log.warning("search outbox no longer matches the index checkpoint: rebuilding")
                rebuild()
                return 0
            applied = _follow(writer, ix, checkpoint, now)
        except BaseException:
            writer.cancel()
            raise
        if applied:
            writer.commit()
        else:
            writer.cancel()
        checkpoint.write(path)
        return applied


def _has_work(checkpoint: Checkpoint, now: datetime) -> bool:
    """A cheap look without the writer lock: anything new, or newly settled?"""
    rows = rows_above(checkpoint.outbox_id, OUTBOX_PAGE)
    if not rows:
        return False
    settled_before = now - timedelta(seconds=_settle_seconds())
    return (rows[0].created_at < settled_before or rows[0].id > checkpoint.outbox_id + 1
            or not all(map(checkpoint.has_applied, rows)))


def _still_matches(checkpoint: Checkpoint, now: datetime) -> bool:
    if checkpoint.outbox_id:
        # The row the checkpoint stands on is still there (prune_outbox keeps
        # the newest row it could delete): otherwise rows were lost under us.
        created_at = db.session.scalar(
            select(SearchOutbox.created_at).where(SearchOutbox.id == checkpoint.outbox_id))
        return created_at is not None and stamp_of(created_at) == checkpoint.anchor
    # Never advanced: only an old first row after a gap means pruned rows.
    oldest = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.created_at).order_by(SearchOutbox.id).limit(1)
    ).first()
    return oldest is None or oldest.id == 1 or as_utc(oldest.created_at) > now - MIN_PRUNE_AGE


def _follow(writer, ix, checkpoint: Checkpoint, now: datetime) -> int:
    """Apply the unapplied rows above the checkpoint and advance it past the
    settled prefix. Mutates ``checkpoint``; returns how many rows it applied."""
    settled_before = now - timedelta(seconds=_settle_seconds())
    applied, last_seen, prefix_settled = 0, checkpoint.outbox_id, True
    with ix.reader() as reader:
        while True:
            rows = rows_above(last_seen, OUTBOX_PAGE)
            if not rows:
                break
            todo = [r for r in rows if not checkpoint.has_applied(r)]
            if todo:
                _apply_rows(writer, reader, todo)
                checkpoint.applied.update((r.id, r.stamp) for r in todo)
                applied += len(todo)
            for r in rows:
                if prefix_settled and r.created_at < settled_before:
                    checkpoint.outbox_id, checkpoint.anchor = r.id, r.stamp
                else:
                    prefix_settled = False
            last_seen = rows[-1].id
            if len(rows) < OUTBOX_PAGE:
                break
    checkpoint.applied = {i: t for i, t in checkpoint.applied.items()
                          if i > checkpoint.outbox_id}
    return applied


def _apply_rows(writer, reader, rows: list[OutboxRow]) -> None:
    ids_by_type: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        ids_by_type[r.doc_type].add(r.doc_id)
    words: set[str] = set()
    for doc_type, ids in ids_by_type.items():
        source = registry.document_source(doc_type)
        if source is None:
            # The outbox is shared: other indexes (the articles') follow
            # their own types from it.
            log.debug("search outbox rows of type %r: not for the guide's index", doc_type)
            continue
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
