"""The observatory's tables: raw anonymous events, daily facts, frozen monthly
snapshots, the evaluation calendar and the export log.

``observatory_events`` has no column that could hold a user id, an IP, a
session or free text (``tests/observatory/test_anonymity.py`` reads the
schema): short codes only, and a journey token that aggregation drops.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import UTCDateTime
from portal.core.time import utcnow
from portal.extensions import db

DEFAULT_RETENTION_MONTHS = 25


class _Codes:
    """What an event and a fact are counted by: short codes only (core/observe.py's
    record() cuts them to these lengths)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    theme: Mapped[str | None] = mapped_column(String(40))
    subtheme: Mapped[str | None] = mapped_column(String(60))
    commune: Mapped[str | None] = mapped_column(String(12))
    age_range: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str | None] = mapped_column(String(20))
    flag: Mapped[bool | None] = mapped_column(Boolean)


class Event(_Codes, db.Model):
    __tablename__ = "observatory_events"
    __table_args__ = (Index("ix_observatory_events_day_kind", "day", "kind"),)

    value: Mapped[float | None] = mapped_column(Float)
    journey: Mapped[str | None] = mapped_column(String(20))


class Fact(_Codes, db.Model):
    """One day's count of events sharing every code, and the bucket of their
    value (log scale, for medians and 90th percentiles). ``kind='journey'``
    rows count the day's journeys that reached a step (``channel``)."""

    __tablename__ = "observatory_facts"
    __table_args__ = (Index("ix_observatory_facts_kind_day", "kind", "day"),)

    department: Mapped[str | None] = mapped_column(String(8))
    bucket: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    value_sum: Mapped[float | None] = mapped_column(Float)


class AggregatedDay(db.Model):
    """Days already turned into facts (re-run from a date rebuilds them)."""

    __tablename__ = "observatory_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)
    aggregated_at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True), default=utcnow)


class Snapshot(db.Model):
    """A month's published series, frozen: a correction is a new version with a note."""

    __tablename__ = "observatory_snapshots"
    __table_args__ = (UniqueConstraint("indicator", "month", "breakdown", "version",
                                       name="uq_observatory_snapshots_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60))
    month: Mapped[str] = mapped_column(String(7))
    breakdown: Mapped[str] = mapped_column(String(20), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True), default=utcnow)


class CalendarEntry(db.Model):
    """A launch, a campaign, holidays: shown on the time series so a change
    in a curve can be read against what happened."""

    __tablename__ = "observatory_calendar"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    end_day: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))  # launch | campaign | holidays | other
    label: Mapped[str] = mapped_column(String(160))


class ExportLog(db.Model):
    """Who downloaded what (staff exports carry their account; public downloads none)."""

    __tablename__ = "observatory_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    what: Mapped[str] = mapped_column(String(120))
    format: Mapped[str] = mapped_column(String(8))


class Evaluator(db.Model):
    """An account of the evaluation team: it reads the boards (aggregates
    only, like everything here) without being an administrator or editor."""

    __tablename__ = "observatory_evaluators"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True), default=utcnow)


class Settings(db.Model):
    __tablename__ = "observatory_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    retention_months: Mapped[int] = mapped_column(Integer, default=DEFAULT_RETENTION_MONTHS)
