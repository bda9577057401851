"""Check-then-write without a race, on SQLite as on PostgreSQL.

Booking checks that a slot is free, then inserts; the database refuses an
overlap anyway (exclusion constraint, triggers), and a refusal becomes "this
slot was just taken". The locks make the check itself right, so that losers
get a clean answer instead of an error.

On PostgreSQL, :func:`lock_professional` takes a transaction-level advisory
lock per professional before the check: bookings with one professional queue
up, bookings with different professionals do not wait for each other. Without
it the constraint still holds, but concurrent inserts of overlapping spans of
different lengths wait on each other's uncommitted rows and PostgreSQL breaks
the cycle by aborting one with "deadlock detected" (seen in the race test).

On SQLite nothing is done here: every unit of work that may write (a POST, a
Socket.IO event, a task, a CLI command) already begins with ``BEGIN
IMMEDIATE`` (core/database.py), which takes the one write lock before the
first read, waits its turn, and so sees the appointment the previous writer
just committed; the triggers of migration 0006 refuse an overlap anyway.
Booking takes that lock once (tests/booking/test_locking.py counts the
BEGINs); it used to turn core's BEGIN into ``COMMIT`` and a second ``BEGIN
IMMEDIATE``.
"""

from __future__ import annotations

from sqlalchemy import text

from portal.extensions import db

#: First key of booking's advisory locks (the second is the person's id).
ADVISORY_NAMESPACE = 7007


def lock_professional(person_id: int) -> None:
    """Until the end of the transaction, the only one booking with this
    professional (PostgreSQL; SQLite's write lock already covers it)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:ns, :id)"),
                           {"ns": ADVISORY_NAMESPACE, "id": person_id})
