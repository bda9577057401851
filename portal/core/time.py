"""Time: stored in UTC, shown in Europe/Paris (the portal's territory)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    """An aware UTC datetime (columns are ``DateTime(timezone=True)``)."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone-aware columns;
    they were stored as UTC, so say so."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_paris(value: datetime) -> datetime:
    return as_utc(value).astimezone(PARIS)


def local_today():
    """Today's date in Europe/Paris (a day's figures follow the portal's clock)."""
    return datetime.now(PARIS).date()
