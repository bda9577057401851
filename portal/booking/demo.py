"""Demo appointments settings: every demo person with the booking channel
gets an appointment type and weekly hours (fictional, deterministic).

Seeded after the guide (``seeding_demo_content`` comes after ``seeding_demo``).
Only for the demo guide: a benchmark guide (``--count``) gets none.
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import insert

from portal.booking.models import AppointmentType, Calendar, Mode, WeeklyRange
from portal.core.demo import seeding_demo_content
from portal.core.time import utcnow
from portal.directory import Channel, EntryStatus, Person
from portal.extensions import db

MORNING, AFTERNOON = (time(9, 0), time(12, 0)), (time(14, 0), time(17, 0))


def _type(person_id: int, name: str, minutes: int, mode: Mode, after: int, now) -> dict:
    return {"person_id": person_id, "name": name, "duration_minutes": minutes, "mode": mode,
            "place": "", "min_notice_minutes": 120, "window_days": 28,
            "buffer_before_minutes": 0, "buffer_after_minutes": after, "active": True,
            "created_at": now, "updated_at": now}


def seed_booking() -> int:
    now = utcnow()
    people = db.session.execute(
        db.select(Person.id, Person.user_id, Person.channels)
        .where(Person.status == EntryStatus.PUBLISHED)).all()
    people = [(pid, uid) for pid, uid, channels in people if Channel.BOOKING.value in channels]
    existing = set(db.session.scalars(db.select(AppointmentType.person_id).distinct()))
    types, ranges, calendars = [], [], []
    for person_id, user_id in people:
        if person_id in existing:
            continue
        types.append(_type(person_id, "Premier rendez-vous", 45, Mode.STRUCTURE, 15, now))
        if user_id:  # the demo's professional accounts: every weekday, and a phone call
            types.append(_type(person_id, "Point par téléphone", 20, Mode.PHONE, 10, now))
            days = range(5)
        else:
            days = sorted({person_id % 5, (person_id + 2) % 5, (person_id + 3) % 5})
        for day in days:
            for start, end in (MORNING, AFTERNOON):
                ranges.append({"person_id": person_id, "weekday": day, "start_time": start,
                               "end_time": end})
        calendars.append({"person_id": person_id, "feed_token": None, "created_at": now,
                          "updated_at": now})
    for model, rows in ((AppointmentType, types), (WeeklyRange, ranges), (Calendar, calendars)):
        if rows:
            db.session.execute(insert(model.__table__), rows)
    return len(calendars)


@seeding_demo_content.connect
def _seed(sender, count=None, **_):
    if count is None:
        return seed_booking()
    return 0
