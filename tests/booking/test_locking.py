"""Booking takes SQLite's write lock once per unit of work.

core/database.py begins every unit of work that may write (a POST, a task)
with ``BEGIN IMMEDIATE``; booking relies on it for a check-then-write without
a race (booking/locking.py). It used to add its own listener that turned that
BEGIN into ``COMMIT`` and a second ``BEGIN IMMEDIATE``: these tests count the
statements SQLite receives.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event

from portal.booking import tasks
from portal.core.time import utcnow
from portal.extensions import db


@pytest.fixture
def sqlite_statements(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite's BEGIN only")
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.strip().upper())

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(db.engine, "before_cursor_execute", record)


def _transaction_statements(seen: list[str]) -> list[str]:
    return [s for s in seen if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


def test_a_reminder_pass_begins_immediate_once(app, sqlite_statements):
    with app.app_context():
        tasks.queue_due_reminders(utcnow())
        db.session.rollback()
    assert _transaction_statements(sqlite_statements) == ["BEGIN IMMEDIATE"]


def test_a_booking_post_begins_immediate_once(app, sqlite_statements):
    client = app.test_client()
    response = client.post("/api/v1/appointments", json={
        "entry_id": "person-999999", "type_id": 1, "start": "2030-01-07T10:00:00+01:00",
        "name": "Sam", "email": "sam@example.org"})
    assert response.status_code in (404, 422)
    assert _transaction_statements(sqlite_statements).count("BEGIN IMMEDIATE") == 1
    assert "COMMIT" not in _transaction_statements(sqlite_statements)
