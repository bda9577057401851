"""Check-then-write without a race, on SQLite as on PostgreSQL.

Booking checks that a slot is free, then inserts; the database refuses an
overlap anyway (exclusion constraint, triggers), and a refusal becomes "this
slot was just taken". The locks here make the check itself right, so that
losers get a clean answer instead of an error.

On PostgreSQL, :func:`lock_professional` takes a transaction-level advisory
lock per professional before the check: bookings with one professional queue
up, bookings with different professionals do not wait for each other. Without
it the constraint still holds, but concurrent inserts of overlapping spans of
different lengths wait on each other's uncommitted rows and PostgreSQL breaks
the cycle by aborting one with "deadlock detected" (seen in the race test).

On SQLite the triggers of migration 0006 also refuse an overlap, but a plain
``BEGIN`` is deferred: the transaction reads an old snapshot, and when it then
tries to write after another writer committed, SQLite fails at once with
"database is locked" (the busy timeout does not apply to a stale snapshot).
So a booking unit of work starts with ``BEGIN IMMEDIATE``: it takes the write
lock before it reads, waits its turn (busy timeout), and its check sees the
appointment the previous writer just committed.

How: :func:`begin_booking_unit` procures the session's connection with the
``booking_write_lock`` execution option. ``core.database`` issues a deferred
``BEGIN`` for every SQLite transaction; the listener below, registered after
it, sees the option and turns that still-empty transaction into an immediate
one (``COMMIT`` of nothing, then ``BEGIN IMMEDIATE``). If core one day honours
an option for the kind of BEGIN itself, this listener goes away.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from portal.core import database as _core_database  # noqa: F401  (its BEGIN listener comes first)
from portal.extensions import db

WRITE_LOCK = "booking_write_lock"
#: First key of booking's advisory locks (the second is the person's id).
ADVISORY_NAMESPACE = 7007


@event.listens_for(Engine, "begin")
def _begin_immediate(conn):
    if conn.dialect.name != "sqlite" or not conn.get_execution_options().get(WRITE_LOCK):
        return
    # core.database's listener has just run "BEGIN": nothing was read yet.
    conn.exec_driver_sql("COMMIT")
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def begin_booking_unit() -> None:
    """Start this unit of work holding SQLite's write lock (a no-op elsewhere).

    Call it first, before anything reads the database in the unit. When the
    session already has a transaction (a larger unit, a test's transaction),
    that transaction stands: the database's own guard still refuses overlaps.
    """
    if db.session().in_transaction():
        return
    db.session.connection(execution_options={WRITE_LOCK: True})


def lock_professional(person_id: int) -> None:
    """Until the end of the transaction, the only one booking with this
    professional (PostgreSQL; SQLite's write lock already covers it)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:ns, :id)"),
                           {"ns": ADVISORY_NAMESPACE, "id": person_id})
