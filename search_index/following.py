"""Following the ``search_outbox`` into an index: one pass, shared by every index.

``checkpoint.json`` (stored with the index it describes) says how far the
index has followed the outbox. Outbox ids are allocated before commit, so a
row with a smaller id can become visible after a larger one. Every pass
therefore re-reads the rows above the checkpoint, applies those it has not
applied yet (upserts are idempotent) and only moves the checkpoint past rows
older than ``SEARCH_SETTLE_SECONDS`` — by then their neighbours' transactions
are assumed to have committed or rolled back.

The outbox is shared: each index applies the rows of its own document types
and only records the others as seen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from whoosh import index as whoosh_index

from portal.core.time import as_utc, utcnow
from portal.extensions import db
from search_index.checkpoint import Checkpoint, OutboxRow, rows_above, stamp_of
from search_index.models import SearchOutbox

log = logging.getLogger(__name__)

OUTBOX_PAGE = 2000
#: prune_outbox() never removes rows younger than this, so that a young gap at
#: the start of the outbox cannot be mistaken for pruned rows.
MIN_PRUNE_AGE = timedelta(hours=1)

#: ``apply_rows(writer, reader, rows)`` applies the rows of its index's types
#: and returns how many it applied.
ApplyRows = Callable[[object, object, list[OutboxRow]], int]


def settle_seconds() -> float:
    return float(current_app.config["SEARCH_SETTLE_SECONDS"])


def checkpoint_for_rebuild() -> Checkpoint:
    """Read before the data: every outbox row visible now describes a change
    that the rows read next already contain."""
    settled_before = utcnow() - timedelta(seconds=settle_seconds())
    anchor = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.created_at)
        .where(SearchOutbox.created_at < settled_before)
        .order_by(SearchOutbox.id.desc()).limit(1)).first()
    outbox_id = anchor.id if anchor else 0
    above = rows_above(outbox_id, None)
    return Checkpoint(outbox_id, stamp_of(anchor.created_at) if anchor else None,
                      {r.id: r.stamp for r in above}, utcnow().isoformat())


def apply_outbox(path: Path, now: datetime, apply_rows: ApplyRows, *,
                 rebuild: Callable[[], object], open_writer: Callable, name: str) -> int:
    """One pass of the index at ``path`` over the outbox; returns how many
    rows it applied. Rebuilds when the outbox no longer matches the
    checkpoint (pruned past it, or the database restored)."""
    if not _has_work(Checkpoint.read(path), now):
        return 0
    ix = whoosh_index.open_dir(str(path))
    writer = open_writer(ix)
    try:
        # Read again under the lock: another process may have moved on.
        checkpoint = Checkpoint.read(path)
        matches = _still_matches(checkpoint, now)
        applied = _follow(writer, ix, checkpoint, now, apply_rows) if matches else 0
    except BaseException:
        writer.cancel()
        raise
    if not matches:
        writer.cancel()
        log.warning("search outbox no longer matches the checkpoint of the %s index: "
                    "rebuilding", name)
        rebuild()
        return 0
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
    settled_before = now - timedelta(seconds=settle_seconds())
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


def _follow(writer, ix, checkpoint: Checkpoint, now: datetime, apply_rows: ApplyRows) -> int:
    """Apply the unapplied rows above the checkpoint and advance it past the
    settled prefix. Mutates ``checkpoint``; returns how many rows were applied."""
    settled_before = now - timedelta(seconds=settle_seconds())
    applied, last_seen, prefix_settled = 0, checkpoint.outbox_id, True
    with ix.reader() as reader:
        while True:
            rows = rows_above(last_seen, OUTBOX_PAGE)
            if not rows:
                break
            todo = [r for r in rows if not checkpoint.has_applied(r)]
            if todo:
                applied += apply_rows(writer, reader, todo)
                checkpoint.applied.update((r.id, r.stamp) for r in todo)
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
