"""Appointment types, availability, exceptions, appointments, calendar feeds.

Everything hangs on the guide's ``Person`` (``person_id``): the professional
is the person young people find in the guide; their account (``Person.user_id``)
is what lets them manage it.

No double booking, ever, is the database's job (migration 0006):
- PostgreSQL: ``EXCLUDE USING gist (person_id WITH =, tstzrange(blocked_from,
  blocked_until) WITH &&) WHERE (status <> 'cancelled')``;
- SQLite: triggers that abort an insert or update whose span overlaps another
  live appointment of the same person; SQLite has one writer at a time, so the
  check inside the trigger sees every committed appointment.
``blocked_from``/``blocked_until`` are the appointment with its buffers.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.booking import slots
from portal.core.models import TimestampMixin, UTCDateTime, str_enum
from portal.directory import Person
from portal.extensions import db

#: The name of the guard on both backends (constraint, trigger message).
NO_OVERLAP = "ex_booking_appointments_no_overlap"


class Mode(enum.StrEnum):
    STRUCTURE = "structure"
    PHONE = "phone"
    VIDEO = "video"

    @property
    def label(self):
        return MODE_LABELS[self]


MODE_LABELS = {
    Mode.STRUCTURE: _l("At the structure"),
    Mode.PHONE: _l("By phone"),
    Mode.VIDEO: _l("By video call"),
}


class Status(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    DONE = "done"
    MISSED = "missed"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.BOOKED: _l("Booked"),
    Status.CANCELLED: _l("Cancelled"),
    Status.DONE: _l("Done"),
    Status.MISSED: _l("Missed"),
}


class Side(enum.StrEnum):
    """Who acted: the young person or the professional."""

    YOUNG = "young"
    PROFESSIONAL = "professional"


class ExceptionKind(enum.StrEnum):
    CLOSED = "closed"
    OPEN = "open"


class Calendar(TimestampMixin, db.Model):
    """One per professional who takes appointments: the private feed's token."""

    __tablename__ = "booking_calendars"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"), primary_key=True)
    #: The secret in the feed's URL; None once revoked.
    feed_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    person: Mapped[Person] = relationship()


class AppointmentType(TimestampMixin, db.Model):
    __tablename__ = "booking_appointment_types"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    mode: Mapped[Mode] = mapped_column(str_enum(Mode, "booking_mode"), default=Mode.STRUCTURE)
    #: An address, a phone number, or a video link, as the mode asks.
    place: Mapped[str] = mapped_column(String(300), default="")
    min_notice_minutes: Mapped[int] = mapped_column(Integer, default=120)
    window_days: Mapped[int] = mapped_column(Integer, default=28)
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint("buffer_before_minutes >= 0 AND buffer_after_minutes >= 0",
                        name="buffers_not_negative"),
    )

    @property
    def rules(self) -> slots.Rules:
        return slots.Rules(
            duration=timedelta(minutes=self.duration_minutes),
            buffer_before=timedelta(minutes=self.buffer_before_minutes),
            buffer_after=timedelta(minutes=self.buffer_after_minutes),
            min_notice=timedelta(minutes=self.min_notice_minutes),
            window=timedelta(days=self.window_days))


class WeeklyRange(db.Model):
    __tablename__ = "booking_weekly_ranges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="ordered"),
    )

    def as_rule(self) -> slots.WeeklyRange:
        return slots.WeeklyRange(self.weekday, self.start_time, self.end_time)


class AvailabilityException(db.Model):
    """Days or hours off (``closed``), or an extra opening (``open``)."""

    __tablename__ = "booking_exceptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ExceptionKind] = mapped_column(str_enum(ExceptionKind, "booking_exception_kind"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="ordered"),)

    def as_rule(self) -> slots.Exception_:
        return slots.Exception_(self.starts_on, self.ends_on, self.kind == ExceptionKind.CLOSED,
                                self.start_time, self.end_time)


class Appointment(TimestampMixin, db.Model):
    __tablename__ = "booking_appointments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The iCalendar UID: the same event in every .ics sent about it.
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"))
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("booking_appointment_types.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The span nobody else may book: the appointment with its buffers.
    blocked_from: Mapped[datetime] = mapped_column(UTCDateTime())
    blocked_until: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[Status] = mapped_column(str_enum(Status, "booking_status"),
                                           default=Status.BOOKED)
    # What was booked, kept as it was then (the type may change later).
    title: Mapped[str] = mapped_column(String(120))
    mode: Mapped[Mode] = mapped_column(str_enum(Mode, "booking_mode"))
    place: Mapped[str] = mapped_column(String(300), default="")
    # Who booked: a first name or pseudonym, and how to reach them.
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    under_15: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    young_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: iCalendar SEQUENCE: one more at each change sent to the calendars.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by: Mapped[str | None] = mapped_column(String(20))
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The reminder: due at ``remind_at``; claimed by a worker; sent.
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()
    type: Mapped[AppointmentType | None] = relationship()

    __table_args__ = (
        Index("ix_booking_appointments_person_blocked", "person_id", "blocked_from"),
        Index("ix_booking_appointments_status_remind_at", "status", "remind_at"),
        CheckConstraint("starts_at < ends_at", name="ordered"),
        CheckConstraint("blocked_from <= starts_at AND ends_at <= blocked_until", name="blocked"),
    )

    @property
    def is_live(self) -> bool:
        return self.status != Status.CANCELLED

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def __repr__(self) -> str:
        return f"<Appointment {self.id} person={self.person_id} {self.starts_at:%Y-%m-%d %H:%M} {self.status}>"
