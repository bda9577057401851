"""What can be done with appointments. Explicit arguments; flush, never commit.

Booking and moving check that the slot is free, then write; the database has
the last word (exclusion constraint or trigger, see models.py), and a refusal
from it is the same "this slot was just taken" as a refusal from the check.
On SQLite the check is made holding the write lock: every unit of work that
may write (a POST, a task) begins with ``BEGIN IMMEDIATE`` (core/database.py);
on PostgreSQL the check takes an advisory lock on the professional
(``locking.lock_professional``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from portal.booking import notify, schedule, slots
from portal.booking.locking import lock_professional
from portal.booking.models import NO_OVERLAP, Appointment, AppointmentType, Side, Status
from portal.core import observe
from portal.core.refusal import Refusal
from portal.core.time import as_utc
from portal.directory import Person
from portal.extensions import db

#: The reminder goes this long before the appointment…
REMINDER_BEFORE = timedelta(hours=24)
#: …and a worker that claimed it has this long to send it before another may.
REMINDER_LEASE = timedelta(minutes=15)
#: Who came and how to reach them is kept this long after the appointment.
RETENTION = timedelta(days=365)


class BookingError(Refusal):
    """A booking rule was broken (a :class:`Refusal`: code, field, message)."""


class SlotTaken(BookingError):
    code, status = "slot_taken", 409
    message = _l("Sorry, this slot was just taken by someone else. Here are the next free slots.")

    def __init__(self, next_slots: list[slots.Slot]):
        super().__init__()
        self.next_slots = next_slots

    def as_json(self) -> dict:
        return {**super().as_json(), "next_slots": [slots.payload(s) for s in self.next_slots]}


class NotASlot(BookingError):
    code = "not_a_slot"
    field = "start"
    message = _l("This time is not one of the free slots. Please choose a slot from the list.")


class ContactNeeded(BookingError):
    code = "contact_needed"
    field = "email"
    message = _l("Please give an e-mail address or a phone number, so that the professional can reach you if something changes.")


class EmailNotAskedUnder15(BookingError):
    code = "email_under_15"
    field = "email"
    message = _l("Under 15, we do not ask for an e-mail address: please leave this field empty. Your confirmation stays on the screen.")


class NotChangeable(BookingError):
    code, status = "not_changeable", 409
    message = _l("This appointment can no longer be changed: it is cancelled or already past.")


def _is_overlap(exc: IntegrityError) -> bool:
    return NO_OVERLAP in str(exc.orig)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _normalize_email(email: str | None) -> str | None:
    email = _clean(email)
    if not email:
        return None
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _remind_at(start: datetime, now: datetime) -> datetime | None:
    at = start - REMINDER_BEFORE
    return at if at > now else None  # booked within 24 hours: the confirmation is the reminder


def _check_slot(person: Person, kind: AppointmentType, start: datetime, now: datetime,
                exclude_id: int | None = None) -> tuple[datetime, datetime]:
    """The occupied span of a valid, free slot; NotASlot or SlotTaken otherwise."""
    rules = kind.rules
    earliest, latest = slots.bookable_bounds(rules, now)
    if not (earliest <= start <= latest) or not schedule.is_on_grid(person.id, kind, start):
        raise NotASlot()
    lock_professional(person.id)  # the check below sees every committed booking
    blocked = (start - rules.buffer_before, start + rules.duration + rules.buffer_after)
    if schedule.busy_spans(person.id, *blocked, exclude_id=exclude_id).overlaps(*blocked):
        raise SlotTaken(schedule.next_free_slots(person.id, kind, now, start,
                                                 exclude_id=exclude_id))
    return blocked


def _write(appointment: Appointment, kind: AppointmentType, now: datetime,
           after: datetime) -> None:
    """Flush in a savepoint: if the database refuses an overlap, the rest of
    the unit of work stays usable (to find the next free slots)."""
    try:
        with db.session.begin_nested():
            db.session.add(appointment)
    except IntegrityError as exc:
        if not _is_overlap(exc):
            raise
        raise SlotTaken(schedule.next_free_slots(
            appointment.person_id, kind, now, after,
            exclude_id=appointment.id if appointment.id else None)) from None


def book_slot(person: Person, kind: AppointmentType, start: datetime, *, name: str,
              email: str | None = None, phone: str | None = None, under_15: bool = False,
              locale: str = "fr", young_user_id: int | None = None, note: str = "",
              now: datetime, journey: str | None = None) -> Appointment:
    """Book ``start`` (a slot of ``kind``) with ``person``."""
    email, phone, start = _normalize_email(email), _clean(phone), as_utc(start)
    if under_15 and email:
        raise EmailNotAskedUnder15()
    if not under_15 and not (email or phone):
        raise ContactNeeded()
    blocked = _check_slot(person, kind, start, now)
    appointment = Appointment(
        person_id=person.id, person=person, type_id=kind.id, starts_at=start,
        ends_at=start + kind.rules.duration, blocked_from=blocked[0], blocked_until=blocked[1],
        status=Status.BOOKED, title=kind.name, mode=kind.mode, place=kind.place,
        name=name.strip(), email=email, phone=phone, under_15=under_15, locale=locale,
        young_user_id=young_user_id, sequence=0, note=(note or "").strip()[:1000],
        remind_at=_remind_at(start, now))
    _write(appointment, kind, now, start)
    notify.booked(appointment)
    observe.record("appointment_booked", commune=_commune(person), journey=journey,
                   value=(start - as_utc(now)).total_seconds() / 86400)
    return appointment


def _commune(person: Person) -> str | None:
    structure = getattr(person, "structure", None)
    return getattr(structure, "commune_insee", None) if structure is not None else None


def _changeable(appointment: Appointment, now: datetime) -> None:
    if appointment.status != Status.BOOKED or appointment.starts_at <= now:
        raise NotChangeable()


def cancel_appointment(appointment: Appointment, *, by: Side, now: datetime) -> None:
    _changeable(appointment, now)
    appointment.status = Status.CANCELLED
    observe.record("appointment_cancelled", commune=_commune(appointment.person))
    appointment.cancelled_at, appointment.cancelled_by = now, by.value
    appointment.sequence += 1
    appointment.remind_at = None
    db.session.flush()
    notify.cancelled(appointment, by)


def reschedule_appointment(appointment: Appointment, start: datetime, *, by: Side,
                           now: datetime) -> None:
    """Move to another free slot of the same type: same UID, SEQUENCE + 1."""
    _changeable(appointment, now)
    kind = appointment.type
    if kind is None or not kind.active:
        raise NotChangeable()
    start = as_utc(start)
    previous = appointment.starts_at
    blocked = _check_slot(appointment.person, kind, start, now, exclude_id=appointment.id)
    appointment.starts_at, appointment.ends_at = start, start + kind.rules.duration
    appointment.blocked_from, appointment.blocked_until = blocked
    appointment.sequence += 1
    appointment.remind_at = _remind_at(start, now)
    appointment.reminder_claimed_at = appointment.reminder_sent_at = None
    _write(appointment, kind, now, start)
    notify.rescheduled(appointment, by, previous)


def mark_outcome(appointment: Appointment, outcome: Status, *, now: datetime) -> None:
    """Done or missed, once the appointment has begun (and changeable after)."""
    if outcome not in (Status.DONE, Status.MISSED):
        raise ValueError(outcome)
    if appointment.status == Status.CANCELLED or appointment.starts_at > now:
        raise NotChangeable()
    appointment.status, appointment.outcome_at = outcome, now
    observe.record("appointment_kept" if outcome == Status.DONE else "appointment_missed",
                   commune=_commune(appointment.person))
    db.session.flush()


def appointments_of(person_id: int, start: datetime, end: datetime) -> list[Appointment]:
    return list(db.session.scalars(
        db.select(Appointment)
        .where(Appointment.person_id == person_id, Appointment.starts_at >= start,
               Appointment.starts_at < end)
        .order_by(Appointment.starts_at, Appointment.id)))


def upcoming_of(person_id: int, now: datetime, limit: int = 10) -> list[Appointment]:
    return list(db.session.scalars(
        db.select(Appointment)
        .where(Appointment.person_id == person_id, Appointment.status == Status.BOOKED,
               Appointment.ends_at > now)
        .order_by(Appointment.starts_at).limit(limit)))


def detach_young_user(user_id: int) -> None:
    """The account is being deleted: its appointments stand, unlinked."""
    db.session.execute(update(Appointment).where(Appointment.young_user_id == user_id)
                       .values(young_user_id=None).execution_options(synchronize_session=False))


def anonymise_old_appointments(now: datetime) -> int:
    """A year after an appointment, keep that it happened, not who came."""
    result = db.session.execute(
        update(Appointment).where(Appointment.ends_at < now - RETENTION,
                                  or_(Appointment.email.is_not(None),
                                      Appointment.phone.is_not(None),
                                      Appointment.name != "-"))
        .values(name="-", email=None, phone=None, note="", young_user_id=None)
        .execution_options(synchronize_session=False))
    return result.rowcount


# --- reminders ----------------------------------------------------------------

def _due(now: datetime):
    return (Appointment.status == Status.BOOKED, Appointment.email.is_not(None),
            Appointment.remind_at <= now, Appointment.starts_at > now,
            Appointment.reminder_sent_at.is_(None),
            or_(Appointment.reminder_claimed_at.is_(None),
                Appointment.reminder_claimed_at < now - REMINDER_LEASE))


def claim_due_reminders(now: datetime, limit: int = 200) -> list[int]:
    """Claim the reminders due at ``now``: each claimed by one worker only.

    A claim is a conditional UPDATE: of two workers, one updates the row and
    the other updates nothing. A claim that was never followed by a sent
    reminder (a crash, a restart) expires after ``REMINDER_LEASE``.
    """
    ids = db.session.scalars(db.select(Appointment.id).where(*_due(now))
                             .order_by(Appointment.remind_at).limit(limit)).all()
    claimed = []
    for appointment_id in ids:
        result = db.session.execute(
            update(Appointment).where(Appointment.id == appointment_id, *_due(now))
            .values(reminder_claimed_at=now).execution_options(synchronize_session=False))
        if result.rowcount == 1:
            claimed.append(appointment_id)
    return claimed


def send_reminder(appointment_id: int, claimed_at: datetime, now: datetime) -> bool:
    """Hand a claimed reminder to the notification pipeline, then record it.

    The pipeline stores the delivery in this unit of work under a key of the
    appointment and its start, so a second hand-over is a no-op, and sends
    it after commit; a mail server that refuses makes it wait for the
    pipeline's retry, not for this claim's lease. The message keeps a stable
    Message-ID should a crash ever send it twice.
    """
    # Fresh from the database: the claim was written by an UPDATE statement.
    appointment = db.session.get(Appointment, appointment_id, populate_existing=True)
    if (appointment is None or appointment.status != Status.BOOKED
            or appointment.reminder_sent_at is not None or appointment.starts_at <= now
            or not appointment.email or appointment.reminder_claimed_at != as_utc(claimed_at)):
        return False
    notify.remind(appointment)
    appointment.reminder_sent_at = now
    db.session.flush()
    return True
