"""The notification tasks: sending claimed deliveries, and the sweep.

Scaled out (``PORTAL_REDIS_URL``), what may go at once is handed to Huey
in batches after commit; in the embedded default it is sent in the same
process right after commit, as e-mail always was (``NOTIFY_SEND_INLINE``).
Either way the sweep, every minute, claims whatever is due and unclaimed —
quiet hours that ended, retries, a claim whose worker died — so nothing
waits on memory.
"""

from __future__ import annotations

from flask import current_app
from huey import crontab

from portal.core.commit import after_commit
from portal.core.tasks import periodic_task, task
from portal.core.time import utcnow
from portal.notifications import sending


@task(retries=0)
def deliver_batch(claims: list[tuple[int, str]]) -> dict:
    return sending.deliver([tuple(c) for c in claims], utcnow())


def enqueue(claims: list[tuple[int, str]]) -> None:
    """After commit: send now (embedded default) or through the queue."""
    size = current_app.config["NOTIFY_BATCH_SIZE"]
    inline = current_app.config["NOTIFY_SEND_INLINE"]
    for start in range(0, len(claims), size):
        batch = claims[start:start + size]
        if inline:
            sending.deliver(batch, utcnow())
        else:
            deliver_batch(batch)


def sweep_once(now=None) -> int:
    claims = sending.claim_due(now or utcnow())
    if claims:
        after_commit(enqueue, claims)
    return len(claims)


@periodic_task(crontab(minute="*"))
def sweep_deliveries() -> int:
    return sweep_once()


@periodic_task(crontab(hour="4", minute="10"))
def forget_old_deliveries() -> int:
    return sending.forget_old(utcnow())
