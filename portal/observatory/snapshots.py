"""Monthly frozen snapshots: what was published for a month stays published.

``freeze_month`` stores, once a month is over, the protected figures of every
indicator and every breakdown it allows. Reading a frozen month returns the
snapshot, not a recomputation, so a late event or a changed protection never
rewrites a published figure. A correction is explicit: ``correct_month``
stores a new version with a note, and the methodology page lists it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.observatory import indicators, reading
from portal.observatory.models import Snapshot


def month_bounds(month: str) -> tuple[date, date]:
    year, number = (int(part) for part in month.split("-"))
    start = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return start, following - timedelta(days=1)


def _store(indicator, month: str, by: str | None, version: int, note: str | None) -> Snapshot:
    start, end = month_bounds(month)
    computed = reading.compute(indicator, start=start, end=end, by=by)
    row = Snapshot(indicator=indicator.name, month=month, breakdown=by or "", version=version,
                   payload=reading.point_payload(computed.points), note=note)
    db.session.add(row)
    return row


def freeze_month(month: str) -> int:
    """Snapshot every indicator × breakdown of a finished month not frozen yet."""
    done = {(name, breakdown) for name, breakdown in db.session.execute(
        select(Snapshot.indicator, Snapshot.breakdown).where(Snapshot.month == month))}
    stored = 0
    for indicator in indicators.all_indicators():
        for by in (None, *indicator.breakdowns):
            if (indicator.name, by or "") in done:
                continue
            _store(indicator, month, by, 1, None)
            stored += 1
    db.session.flush()
    return stored


def correct_month(name: str, month: str, note: str) -> int:
    """A new version of an indicator's month, recomputed, with the reason."""
    indicator = indicators.get(name)
    if indicator is None:
        raise KeyError(name)
    versions = 0
    for by in (None, *indicator.breakdowns):
        latest = db.session.scalar(select(func.max(Snapshot.version)).where(
            Snapshot.indicator == name, Snapshot.month == month, Snapshot.breakdown == (by or "")))
        _store(indicator, month, by, (latest or 0) + 1, note)
        versions += 1
    db.session.flush()
    return versions


def corrections() -> list[Snapshot]:
    return list(db.session.scalars(select(Snapshot).where(Snapshot.version > 1, Snapshot.breakdown == "")
                                   .order_by(Snapshot.created_at.desc())))


def last_finished_month(today: date) -> str:
    first = today.replace(day=1)
    return f"{first - timedelta(days=1):%Y-%m}"
