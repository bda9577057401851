"""The one commit point of each unit of work, and the after-commit queue.

Operations only ``flush()``. Whoever owns the unit of work — a request, a
Socket.IO event, a task, a CLI command — calls :func:`commit` or
:func:`rollback` here. Side effects (e-mails, socket emits, index updates)
are queued with :func:`after_commit` and run only once the transaction has
committed, so nobody is told about data that was rolled back.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from portal.extensions import db

log = logging.getLogger(__name__)
_QUEUE_KEY = "portal.after_commit"


def after_commit(fn: Callable, *args, **kwargs) -> None:
    """Run ``fn(*args, **kwargs)`` once the current transaction commits."""
    db.session.info.setdefault(_QUEUE_KEY, []).append((fn, args, kwargs))


def commit() -> None:
    try:
        # Flush first: what the flush itself queues (the search outbox's
        # index update) belongs to this transaction, not the next one.
        db.session.flush()
        queued = db.session.info.pop(_QUEUE_KEY, [])
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    for fn, args, kwargs in queued:
        # The data is committed: a failing side effect must not turn the
        # user's successful action into an error page. It is logged loudly.
        try:
            fn(*args, **kwargs)
        except Exception:
            log.exception("after-commit side effect %r failed", fn)


def rollback() -> None:
    db.session.info.pop(_QUEUE_KEY, None)
    db.session.rollback()


def committing(fn: Callable) -> Callable:
    """Wrap a CLI command, task or socket handler as one unit of work."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except BaseException:
            rollback()
            raise
        commit()
        return result

    return wrapper


def init_app(app) -> None:
    @app.after_request
    def _commit_request(response):
        # A successful response commits; an error response (4xx/5xx) never
        # leaves half an action behind.
        if response.status_code < 400:
            commit()
        else:
            rollback()
        return response
