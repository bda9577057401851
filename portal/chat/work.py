"""One unit of work per socket event, committed inside the event's context."""

from __future__ import annotations

import functools
import logging
import time

from sqlalchemy.exc import OperationalError

from portal.chat import operations as ops
from portal.core.commit import commit, rollback
from portal.core.refusal import Refusal

log = logging.getLogger(__name__)
LOCK_RETRIES = 6


def _is_lock_error(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _refusal(code: str) -> dict:
    return ops.ChatError(code).as_ack()


def unit_of_work(handler):
    """Commit after the handler (then the queued emits go out), inside the
    event's own context; a refusal rolls back and answers ``ok: false``.
    SQLite lets one writer in at a time: a "database is locked" is retried
    from the start (nothing was committed, nothing emitted)."""

    @functools.wraps(handler)
    def wrapper(self, *args):
        for attempt in range(LOCK_RETRIES):
            try:
                result = handler(self, *args)
                commit()
                return result
            except Refusal as refusal:  # ChatError, schemas.Invalid…
                rollback()
                return refusal.as_ack()
            except OperationalError as exc:
                rollback()
                if not _is_lock_error(exc) or attempt == LOCK_RETRIES - 1:
                    log.exception("chat event %s failed", handler.__name__)
                    return _refusal("server_error")
                time.sleep(0.02 * (attempt + 1))
            except Exception:
                rollback()
                log.exception("chat event %s failed", handler.__name__)
                return _refusal("server_error")

    return wrapper


