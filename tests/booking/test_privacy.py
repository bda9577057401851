"""What booking keeps about young people, and for how long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from portal.accounts.operations import delete_account
from portal.booking import operations as ops
from portal.booking import schedule
from portal.booking.models import Appointment
from portal.core.commit import commit

NOW = datetime(2031, 5, 5, 8, 0, tzinfo=UTC)


def _book(person, start, **fields):
    kind = schedule.appointment_type(person.id, None)
    appointment = ops.book_slot(person, kind, start, name="Léa", now=NOW,
                                **({"email": "lea@example.org"} | fields))
    commit()
    return appointment


def test_deleting_an_account_keeps_its_appointments_unlinked(professional, create_user, database):
    young = create_user(role="young", email="lea@example.org")
    appointment = _book(professional(), NOW + timedelta(days=1), young_user_id=young.id)
    delete_account(young)
    commit()
    database.session.refresh(appointment)
    assert appointment.young_user_id is None and appointment.email == "lea@example.org"


def test_a_year_later_who_came_is_forgotten(professional, database):
    person = professional()
    old = _book(person, NOW + timedelta(days=1), phone="0600000000")
    recent = _book(person, NOW + timedelta(days=2))
    later = old.ends_at + ops.RETENTION + timedelta(hours=1)
    assert ops.anonymise_old_appointments(later) == 1
    commit()
    database.session.refresh(old)
    database.session.refresh(recent)
    assert (old.name, old.email, old.phone) == ("-", None, None)
    assert recent.email == "lea@example.org"
    assert ops.anonymise_old_appointments(later) == 0
    assert database.session.query(Appointment).count() == 2  # the agenda keeps the history
