"""The database itself refuses a double booking, whatever code writes: the
exclusion constraint on PostgreSQL, the triggers on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from portal.booking.models import NO_OVERLAP, Appointment, Mode, Status
from portal.core.commit import commit

T0 = datetime(2030, 3, 31, 8, 0, tzinfo=UTC)


def _row(person, start, minutes=30, before=0, after=0, status=Status.BOOKED) -> Appointment:
    end = start + timedelta(minutes=minutes)
    return Appointment(person_id=person.id, starts_at=start, ends_at=end,
                       blocked_from=start - timedelta(minutes=before),
                       blocked_until=end + timedelta(minutes=after), status=status,
                       title="RDV", mode=Mode.STRUCTURE, place="", name="X", phone="0600000000",
                       under_15=False, note="", locale="fr", sequence=0)


def _insert(database, *rows) -> None:
    with database.session.begin_nested():
        database.session.add_all(rows)


@pytest.mark.parametrize("offset, minutes, before, after", [
    (0, 30, 0, 0),     # the same slot
    (15, 30, 0, 0),    # half over it
    (-60, 90, 0, 0),   # a longer one around it
    (10, 10, 0, 0),    # a shorter one inside it
    (30, 30, 5, 0),    # right after, but its buffer before reaches back
    (-30, 30, 0, 5),   # right before, but its buffer after reaches in
])
def test_overlapping_appointments_are_refused(database, professional, offset, minutes, before,
                                              after):
    person = professional()
    _insert(database, _row(person, T0))
    with pytest.raises(IntegrityError) as refused:
        _insert(database, _row(person, T0 + timedelta(minutes=offset), minutes, before, after))
    assert NO_OVERLAP in str(refused.value.orig)


def test_adjacent_cancelled_and_other_peoples_appointments_are_fine(database, professional):
    person, other = professional(), professional(email="other@example.org")
    _insert(database, _row(person, T0))
    _insert(database, _row(person, T0 + timedelta(minutes=30)))        # adjacent
    _insert(database, _row(person, T0 - timedelta(minutes=30)))        # adjacent
    _insert(database, _row(person, T0, status=Status.CANCELLED))      # cancelled: not in the way
    _insert(database, _row(other, T0))                                 # someone else
    commit()
    assert database.session.query(Appointment).count() == 5


def test_moving_or_reviving_into_an_overlap_is_refused(database, professional):
    person = professional()
    first, cancelled = _row(person, T0), _row(person, T0, status=Status.CANCELLED)
    later = _row(person, T0 + timedelta(hours=2))
    _insert(database, first, cancelled, later)
    with pytest.raises(IntegrityError):
        with database.session.begin_nested():
            later.blocked_from, later.starts_at = T0, T0
            later.blocked_until = later.ends_at = T0 + timedelta(minutes=30)
    database.session.refresh(cancelled)
    with pytest.raises(IntegrityError):
        with database.session.begin_nested():
            cancelled.status = Status.BOOKED
