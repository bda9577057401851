"""What professionals set: appointment types, weekly ranges, exceptions, feed.

Explicit arguments; flush, never commit. Changing a type or the availability
never touches appointments already booked: each keeps what was booked.
"""

from __future__ import annotations

import secrets
from datetime import date, time

from flask_babel import lazy_gettext as _l

from portal.accounts import User, is_professional
from portal.booking.models import (
    AppointmentType,
    AvailabilityException,
    Calendar,
    ExceptionKind,
    WeeklyRange,
)
from portal.booking.operations import BookingError
from portal.directory import Person, person_of
from portal.extensions import db

TYPE_FIELDS = ("name", "duration_minutes", "mode", "place", "min_notice_minutes", "window_days",
               "buffer_before_minutes", "buffer_after_minutes")


class BadRange(BookingError):
    code = "bad_range"
    field = "end_time"
    message = _l("The end must come after the start.")


class TimesNeeded(BookingError):
    code = "times_needed"
    field = "start_time"
    message = _l("An extra opening needs a start and an end time.")


def professional_person(user: User | None) -> Person | None:
    """The guide entry a verified professional manages appointments for."""
    return person_of(user) if is_professional(user) else None


def save_type(person: Person, kind: AppointmentType | None = None, **fields) -> AppointmentType:
    if kind is None:
        kind = AppointmentType(person_id=person.id, active=True)
        db.session.add(kind)
    for name in TYPE_FIELDS:
        if name in fields:
            setattr(kind, name, fields[name])
    kind.name = kind.name.strip()
    kind.place = (kind.place or "").strip()
    db.session.flush()
    return kind


def deactivate_type(kind: AppointmentType) -> None:
    """Young people no longer see it; appointments booked with it stand."""
    kind.active = False
    db.session.flush()


def add_weekly_range(person: Person, weekday: int, start: time, end: time) -> WeeklyRange:
    if not start < end:
        raise BadRange()
    row = WeeklyRange(person_id=person.id, weekday=weekday, start_time=start, end_time=end)
    db.session.add(row)
    db.session.flush()
    return row


def add_exception(person: Person, kind: ExceptionKind, starts_on: date, ends_on: date | None,
                  start: time | None = None, end: time | None = None,
                  note: str = "") -> AvailabilityException:
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise BadRange()
    if (start is None) != (end is None):
        raise TimesNeeded()
    if start is not None and not start < end:
        raise BadRange()
    if kind == ExceptionKind.OPEN and start is None:
        raise TimesNeeded()
    row = AvailabilityException(person_id=person.id, kind=kind, starts_on=starts_on,
                                ends_on=ends_on, start_time=start, end_time=end,
                                note=(note or "").strip())
    db.session.add(row)
    db.session.flush()
    return row


def delete_rule(row: WeeklyRange | AvailabilityException) -> None:
    db.session.delete(row)
    db.session.flush()


def calendar_of(person: Person) -> Calendar:
    calendar = db.session.get(Calendar, person.id)
    if calendar is None:
        calendar = Calendar(person_id=person.id)
        db.session.add(calendar)
        db.session.flush()
    return calendar


def new_feed_token(person: Person) -> str:
    """A fresh secret for the feed URL; the previous URL stops working."""
    calendar = calendar_of(person)
    calendar.feed_token = secrets.token_urlsafe(32)
    db.session.flush()
    return calendar.feed_token


def revoke_feed_token(person: Person) -> None:
    calendar_of(person).feed_token = None
    db.session.flush()


def calendar_for_token(token: str) -> Calendar | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(db.select(Calendar).where(Calendar.feed_token == token))
