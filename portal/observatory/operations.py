"""Writing events, turning a day of events into facts, purging raw events.

Aggregation is rebuildable: ``aggregate(start)`` deletes and recomputes the
facts of every day from ``start`` (up to yesterday — today is not over). It
reads a day's events once, in Python (a day is a few thousand rows even for a
region), counts them by every code and value bucket, counts each journey once
per step it reached, then drops the journey tokens of that day: after
aggregation nothing links two events of one person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select, update

from portal.core.time import local_today
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.observatory.kinds import JOURNEY_STEPS, bucket_of
from portal.observatory.models import AggregatedDay, Event, Fact, Settings

_CODES = ("kind", "theme", "subtheme", "commune", "age_range", "channel", "flag")


def store_events(events: list[dict]) -> None:
    """The sink of ``portal.core.observe``: one insert, one commit."""
    db.session.execute(insert(Event), events)
    db.session.commit()


def department_of(commune: str | None) -> str | None:
    if not commune:
        return None
    found = get_gazetteer().by_insee(commune)
    return found.department if found else None


def aggregate_day(day: date) -> int:
    """Facts for one day (replacing any), journeys dropped. Returns the events read."""
    db.session.execute(delete(Fact).where(Fact.day == day))
    counts: Counter = Counter()
    sums: defaultdict = defaultdict(float)
    journeys: defaultdict = defaultdict(lambda: [None, set()])
    read = 0
    rows = db.session.execute(
        select(Event.kind, Event.theme, Event.subtheme, Event.commune, Event.age_range,
               Event.channel, Event.flag, Event.value, Event.journey).where(Event.day == day)
    ).yield_per(5000)
    for kind, theme, subtheme, commune, age_range, channel, flag, value, journey in rows:
        read += 1
        key = (kind, theme, subtheme, commune, age_range, channel, flag, bucket_of(value, kind))
        counts[key] += 1
        if value is not None:
            sums[key] += value
        if journey and kind in JOURNEY_STEPS:
            path = journeys[journey]
            if kind == "guide_search" and path[0] is None:
                path[0] = (theme, commune, age_range)
            path[1].add(kind)
    for path in journeys.values():
        theme, commune, age_range = path[0] or (None, None, None)
        # A step counts when it and every step before it were reached: an
        # entry seen without a search (a shared link) starts no journey.
        for step in JOURNEY_STEPS:
            if step not in path[1]:
                break
            counts[("journey", theme, None, commune, age_range, step, None, None)] += 1
    departments: dict = {}
    facts = []
    for key, count in counts.items():
        kind, theme, subtheme, commune, age_range, channel, flag, bucket = key
        if commune not in departments:
            departments[commune] = department_of(commune)
        facts.append({
            "day": day, "kind": kind, "theme": theme, "subtheme": subtheme, "commune": commune,
            "department": departments[commune], "age_range": age_range, "channel": channel,
            "flag": flag, "bucket": bucket, "count": count, "value_sum": sums.get(key),
        })
    if facts:
        db.session.execute(insert(Fact), facts)
    db.session.execute(update(Event).where(Event.day == day, Event.journey.is_not(None))
                       .values(journey=None))
    marker = db.session.get(AggregatedDay, day)
    if marker is None:
        db.session.add(AggregatedDay(day=day, events=read))
    else:
        marker.events = read
    db.session.flush()
    return read


def aggregate(start: date | None = None, end: date | None = None) -> list[date]:
    """Aggregate every day from ``start`` (default: the day after the last one
    done, or the first event) to ``end`` (default yesterday). Flushes only."""
    end = end or local_today() - timedelta(days=1)
    if start is None:
        last = db.session.scalar(select(func.max(AggregatedDay.day)))
        first = db.session.scalar(select(func.min(Event.day)))
        if last is None and first is None:
            return []
        start = (last + timedelta(days=1)) if last else first
    done = []
    day = start
    while day <= end:
        aggregate_day(day)
        done.append(day)
        day += timedelta(days=1)
    return done


def settings() -> Settings:
    row = db.session.get(Settings, 1)
    if row is None:
        row = Settings(id=1)
        db.session.add(row)
        db.session.flush()
    return row


def set_retention(months: int) -> None:
    if not 1 <= months <= 120:
        raise ValueError(months)
    settings().retention_months = months
    db.session.flush()


def retention_cutoff(today: date | None = None) -> date:
    today = today or local_today()
    months = settings().retention_months
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


def purge(today: date | None = None) -> int:
    """Raw events older than the retention period go; aggregated facts stay."""
    cutoff = retention_cutoff(today)
    aggregated = select(AggregatedDay.day)
    result = db.session.execute(delete(Event).where(Event.day < cutoff, Event.day.in_(aggregated)))
    return result.rowcount or 0
