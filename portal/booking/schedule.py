"""A professional's schedule read from the database, and their free slots.

One query for the rules, one for the booked spans of the period; the slot
arithmetic itself is :mod:`portal.booking.slots` (pure, tested by property).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import abort

from portal.booking import slots
from portal.booking.models import (
    Appointment,
    AppointmentType,
    AvailabilityException,
    Status,
    WeeklyRange,
)
from portal.directory import Channel, Person, parse_entry_key, published_person
from portal.extensions import db


def bookable_person(entry_id: str) -> Person:
    """The published person behind a guide entry id (``person-12``) who takes
    appointments; 404 otherwise."""
    doc_type, person_id = parse_entry_key(entry_id)
    if doc_type != "person":
        abort(404)
    person = published_person(person_id)
    if Channel.BOOKING.value not in (person.channels or []):
        abort(404)
    return person


def active_types(person_id: int) -> list[AppointmentType]:
    return list(db.session.scalars(
        db.select(AppointmentType)
        .where(AppointmentType.person_id == person_id, AppointmentType.active.is_(True))
        .order_by(AppointmentType.id)))


def appointment_type(person_id: int, type_id: int | None) -> AppointmentType | None:
    """The active type asked for, or the professional's first one."""
    types = active_types(person_id)
    if type_id is None:
        return types[0] if types else None
    return next((t for t in types if t.id == type_id), None)


def load_schedule(person_id: int, today=None) -> slots.Schedule:
    weekly = db.session.scalars(db.select(WeeklyRange).where(WeeklyRange.person_id == person_id))
    query = db.select(AvailabilityException).where(AvailabilityException.person_id == person_id)
    if today is not None:
        query = query.where(AvailabilityException.ends_on >= today)
    return slots.Schedule([w.as_rule() for w in weekly],
                          [e.as_rule() for e in db.session.scalars(query)])


def busy_spans(person_id: int, start: datetime, end: datetime,
               exclude_id: int | None = None) -> slots.Busy:
    query = db.select(Appointment.blocked_from, Appointment.blocked_until).where(
        Appointment.person_id == person_id, Appointment.status != Status.CANCELLED,
        Appointment.blocked_until > start, Appointment.blocked_from < end)
    if exclude_id is not None:
        query = query.where(Appointment.id != exclude_id)
    return slots.Busy(tuple(row) for row in db.session.execute(query))


def free_slots(person_id: int, kind: AppointmentType, now: datetime, start: datetime,
               end: datetime, *, limit: int | None = None,
               exclude_id: int | None = None) -> list[slots.Slot]:
    rules = kind.rules
    earliest, latest = slots.bookable_bounds(rules, now)
    lo, hi = max(start, earliest), min(end, latest + timedelta(minutes=1))
    if lo >= hi:
        return []
    schedule = load_schedule(person_id, today=(lo - timedelta(days=1)).date())
    # Booked spans that can touch a slot of the period, buffers included.
    margin = rules.step + timedelta(days=1)
    busy = busy_spans(person_id, lo - margin, hi + margin, exclude_id=exclude_id)
    return slots.free_slots(schedule, rules, busy, now, lo, hi, limit=limit)


def next_free_slots(person_id: int, kind: AppointmentType, now: datetime, after: datetime,
                    count: int = 5, exclude_id: int | None = None) -> list[slots.Slot]:
    """The first ``count`` free slots from ``after`` on (within the window)."""
    return free_slots(person_id, kind, now, after, now + kind.rules.window + timedelta(minutes=1),
                      limit=count, exclude_id=exclude_id)


def is_on_grid(person_id: int, kind: AppointmentType, at: datetime) -> bool:
    return slots.is_on_grid(load_schedule(person_id), kind.rules, at)
