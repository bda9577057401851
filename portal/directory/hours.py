"""Opening hours in the OpenStreetMap ``opening_hours`` syntax.

Times are local to the structure (Europe/Paris on both sides of the border).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from opening_hours import OpeningHours, ParserError, State

from portal.core.time import PARIS


@lru_cache(maxsize=4096)
def parse(hours: str | None, country: str = "FR") -> OpeningHours | None:
    """Parsed hours; ``country`` gives the public holidays that "PH" means."""
    if not hours:
        return None
    try:
        return OpeningHours(hours, country=country)
    except (ParserError, SyntaxError, ValueError):
        return None


def is_valid(hours: str) -> bool:
    return parse(hours) is not None


def _local(at: datetime) -> datetime:
    return at.astimezone(PARIS).replace(tzinfo=None)


def is_open(hours: str | None, at: datetime, country: str = "FR") -> bool | None:
    """True/False, or None when the entry gives no (readable) hours."""
    parsed = parse(hours, country)
    if parsed is None:
        return None
    return parsed.state(_local(at))[0] == State.OPEN


def week(hours: str | None, start: datetime, days: int = 7,
         country: str = "FR") -> list[tuple[date, list[tuple[time, time]]]]:
    """The opening ranges of each of the next ``days`` days, for a table."""
    parsed = parse(hours, country)
    if parsed is None:
        return []
    first = _local(start).replace(hour=0, minute=0, second=0, microsecond=0)
    table = {first.date() + timedelta(days=i): [] for i in range(days)}
    for begin, end, state, _comment in parsed.intervals(first, first + timedelta(days=days)):
        if state != State.OPEN:
            continue
        # An interval can run past midnight (24/7): cut it per day.
        while begin < end:
            day_end = datetime.combine(begin.date() + timedelta(days=1), time())
            piece_end = min(end, day_end)
            if begin.date() in table:
                closing = time(23, 59) if piece_end == day_end else piece_end.time()
                table[begin.date()].append((begin.time(), closing))
            begin = piece_end
    return list(table.items())
