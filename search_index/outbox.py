"""Outbox rows written in the same transaction as the change they describe.

A session listener turns every flushed change to a registered model into
``search_outbox`` rows (deduplicated per flush), on the same connection, so the
rows commit or roll back with the change itself. When the app applies the
outbox inline (the embedded default), one after-commit callback per
transaction brings the index up to date once the data is committed.

Deleted rows are examined before the flush, while their relationships can still
be loaded; new and changed rows after it, once they have ids and their foreign
keys are synchronised.
"""

from __future__ import annotations

import logging

from flask import current_app, has_app_context
from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from portal.core.commit import after_commit
from portal.extensions import db
from search_index import registry
from search_index.models import SearchOutbox

log = logging.getLogger(__name__)

_DELETED_KEY = "search_index.deleted_changes"
_QUEUED_KEY = "search_index.apply_queued"


def _changes_of(obj, deleted: bool) -> list[tuple[str, int, str]]:
    affected = registry.affected_for(obj)
    if affected is None:
        return []
    return [change for change in affected(obj, deleted) if change[1] is not None]


@event.listens_for(Session, "before_flush")
def _collect_deletions(session: Session, flush_context, instances) -> None:
    if not registry.has_sources():
        return
    changes = []
    for obj in session.deleted:
        changes.extend(_changes_of(obj, deleted=True))
    session.info[_DELETED_KEY] = changes


@event.listens_for(Session, "after_flush")
def _write_outbox(session: Session, flush_context) -> None:
    if not registry.has_sources():
        return
    changes = session.info.pop(_DELETED_KEY, [])
    for obj in session.new:
        changes.extend(_changes_of(obj, deleted=False))
    for obj in session.dirty:
        # session.dirty also holds objects whose attributes were set to the
        # values they already had; those change nothing.
        if obj not in session.deleted and session.is_modified(obj):
            changes.extend(_changes_of(obj, deleted=False))
    rows = _deduplicated(changes)
    if not rows:
        return
    # Core insert on the flush's own connection: the rows are part of this
    # transaction without becoming ORM objects that would need another flush.
    session.connection().execute(insert(SearchOutbox), rows)
    _queue_inline_apply(session)


def _deduplicated(changes) -> list[dict]:
    """One row per document; a delete wins (the indexer re-reads the row
    anyway, so the op only records what happened)."""
    ops: dict[tuple[str, int], str] = {}
    for doc_type, doc_id, op in changes:
        if op not in registry.OPS:
            raise ValueError(f"unknown outbox op {op!r} for {doc_type} {doc_id}")
        key = (doc_type, int(doc_id))
        if ops.get(key) != registry.DELETE:
            ops[key] = op
    return [{"doc_type": t, "doc_id": i, "op": op} for (t, i), op in ops.items()]


def _queue_inline_apply(session: Session) -> None:
    if session.info.get(_QUEUED_KEY) or not has_app_context():
        return
    if not current_app.config["SEARCH_APPLY_INLINE"]:
        return
    # The after-commit queue lives on the app's scoped session; a session
    # made by hand elsewhere leaves its rows to the next pass of the follower.
    if db.session() is not session:
        return
    session.info[_QUEUED_KEY] = True
    after_commit(apply_after_commit)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _end_of_transaction(session: Session, *args) -> None:
    session.info.pop(_QUEUED_KEY, None)
    session.info.pop(_DELETED_KEY, None)


def apply_after_commit() -> None:
    """The after-commit side effect: apply what this transaction (and any
    other committed one) left in the outbox, to every index."""
    from search_index.indexes import apply_all

    apply_all()
