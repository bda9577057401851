"""When a message may go: quiet hours, Sundays, public holidays, pauses, caps.

Nothing but transactional messages (appointment confirmations and changes,
opt-in codes) between 20:00 and 08:00 Europe/Paris, on Sundays, on French
or Belgian public holidays (the portal serves both sides of the border), or
in the person's own quiet hours: what falls in them waits for the next
window. A window is computed, never polled for.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from portal.core.time import PARIS, as_utc

DAY_STARTS = time(8, 0)
DAY_ENDS = time(20, 0)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year)) | frozenset(holidays.Belgium(years=year))


def is_rest_day(day: date) -> bool:
    return day.weekday() == 6 or day in _holidays(day.year)


def _in_personal_quiet(local: datetime, quiet_from: int | None, quiet_until: int | None) -> bool:
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return False
    minute = local.hour * 60 + local.minute
    if quiet_from < quiet_until:
        return quiet_from <= minute < quiet_until
    return minute >= quiet_from or minute < quiet_until  # across midnight


def is_quiet(moment: datetime, quiet_from: int | None = None,
             quiet_until: int | None = None) -> bool:
    local = as_utc(moment).astimezone(PARIS)
    if is_rest_day(local.date()):
        return True
    if not (DAY_STARTS <= local.time() < DAY_ENDS):
        return True
    return _in_personal_quiet(local, quiet_from, quiet_until)


def next_window(moment: datetime, quiet_from: int | None = None,
                quiet_until: int | None = None) -> datetime:
    """``moment`` itself if a message may go then, else the first minute
    after it when one may (UTC)."""
    candidate = as_utc(moment)
    # At most a fortnight of rest days and personal hours: step by the
    # boundaries that can end a quiet spell (08:00, the end of one's own).
    for _ in range(24 * 60):
        if not is_quiet(candidate, quiet_from, quiet_until):
            return candidate
        local = candidate.astimezone(PARIS)
        boundaries = [datetime.combine(local.date(), DAY_STARTS, PARIS),
                      datetime.combine(local.date() + timedelta(days=1), DAY_STARTS, PARIS)]
        if quiet_until is not None:
            end = datetime.combine(local.date(), time(quiet_until // 60, quiet_until % 60), PARIS)
            boundaries += [end, end + timedelta(days=1)]
        later = [b for b in boundaries if b > local]
        candidate = as_utc(min(later))
    return candidate


def start_of_local_day(moment: datetime) -> datetime:
    local = as_utc(moment).astimezone(PARIS)
    return as_utc(datetime.combine(local.date(), time(0, 0), PARIS))


def next_local_day(moment: datetime) -> datetime:
    local = as_utc(moment).astimezone(PARIS)
    return as_utc(datetime.combine(local.date() + timedelta(days=1), time(0, 0), PARIS))


def digest_slot(moment: datetime, frequency: str, quiet_from: int | None = None,
                quiet_until: int | None = None) -> datetime:
    """When a digest holding what happens at ``moment`` goes: the next day's
    first window (daily), the next Monday's (weekly). What happens today is
    in tomorrow's digest; yesterday's is in today's."""
    day = next_local_day(moment)
    if frequency == "weekly":
        local = day.astimezone(PARIS)
        day = as_utc(datetime.combine(local.date() + timedelta(days=(7 - local.weekday()) % 7),
                                      time(0, 0), PARIS))
    return next_window(day, quiet_from, quiet_until)
