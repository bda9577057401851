"""Reminders, 24 hours before, through the foundation's task runner (Huey).

Nothing is kept in memory: every minute a periodic task claims the reminders
that are due according to the database, and queues one task per reminder
(Huey's storage survives a restart). A claim that never became a sent
reminder — the process died, the mail server refused — expires after
``REMINDER_LEASE`` and the next tick claims it again, so none is lost; the
claim is a conditional UPDATE and the sending task checks it, so two workers
never send the same one. (SMS will join once alerts exist.)
"""

from __future__ import annotations

from datetime import datetime

from huey import crontab

from portal.booking import operations as ops
from portal.core.commit import after_commit
from portal.core.tasks import periodic_task, task
from portal.core.time import utcnow


def queue_due_reminders(now: datetime) -> list[int]:
    """Claim what is due and, once the claim is committed, queue the sending."""
    claimed = ops.claim_due_reminders(now)
    for appointment_id in claimed:
        after_commit(deliver_reminder, appointment_id, now)
    return claimed


@periodic_task(crontab(minute="*"))
def remind_due_appointments() -> int:
    return len(queue_due_reminders(utcnow()))


@task(retries=3, retry_delay=60)
def deliver_reminder(appointment_id: int, claimed_at: datetime) -> bool:
    return ops.send_reminder(appointment_id, claimed_at, utcnow())


@periodic_task(crontab(hour="3", minute="50"))
def anonymise_old_appointments() -> int:
    return ops.anonymise_old_appointments(utcnow())
