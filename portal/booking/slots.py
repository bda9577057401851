"""Free slots, computed from a professional's rules: pure functions, no database.

Everything a professional sets is in wall-clock time in Europe/Paris ("Tuesdays
09:00–12:00"); appointments are instants in UTC. The conversion happens once,
per day, in :func:`local_spans`, so a Tuesday 09:00 is 08:00 UTC in winter
and 07:00 UTC in summer, and a 30-minute appointment lasts 30 real minutes even
on the nights the clocks change (an opening of 01:00–04:00 lasts two hours on
the last Sunday of March and four on the last Sunday of October).

Rules, in order:

- a day's opening ranges are its weekly ranges, minus the closed exceptions of
  that day, plus its extra openings (ranges that touch are merged);
- in each range, slots follow one another every ``buffer_before + duration +
  buffer_after``, starting at the range's start; the appointment itself lies
  inside the range, its buffers may spill over;
- a slot's *occupied* span (the appointment with its buffers) must not overlap
  the occupied span of any appointment already booked (whatever its type);
- it starts no sooner than ``now + min_notice`` and no later than
  ``now + window``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from portal.core.time import PARIS


@dataclass(frozen=True)
class WeeklyRange:
    weekday: int  # 0 = Monday
    start: time
    end: time


@dataclass(frozen=True)
class Exception_:
    """A day (or days) off, hours off, or an extra opening."""

    starts_on: date
    ends_on: date
    closed: bool
    start: time | None = None  # no times: the whole day
    end: time | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Rules:
    duration: timedelta
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    min_notice: timedelta = timedelta(0)
    window: timedelta = timedelta(days=28)

    @property
    def step(self) -> timedelta:
        return self.buffer_before + self.duration + self.buffer_after


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime

    def occupied(self, rules: Rules) -> tuple[datetime, datetime]:
        return self.start - rules.buffer_before, self.end + rules.buffer_after

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(PARIS)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(PARIS)

    @property
    def key(self) -> str:
        """A compact, URL-friendly name of the slot's start: ``20260330T0700Z``."""
        return self.start.strftime("%Y%m%dT%H%MZ")


def payload(slot: Slot) -> dict:
    """A slot as the API shows it (local times, ISO 8601)."""
    return {"start": slot.local_start.isoformat(), "end": slot.local_end.isoformat()}


def parse_key(key: str) -> datetime | None:
    try:
        return datetime.strptime(key, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _transition(lo: datetime, hi: datetime) -> datetime:
    """The instant between ``lo`` and ``hi`` when Paris changes its offset."""
    offset_after = hi.astimezone(PARIS).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(PARIS).utcoffset() == offset_after:
            hi = mid
        else:
            lo = mid
    return hi.replace(microsecond=0)  # changes happen on the second


def _readings(day: date, at: time) -> tuple[datetime, datetime]:
    """The first and last UTC instants a Paris wall-clock time stands for.

    Usually one instant twice. A time that happens twice (02:30 on the last
    Sunday of October) gives both. A time that does not exist (02:30 on the
    last Sunday of March) is the instant the clocks change: every time of the
    skipped hour collapses onto it, so later wall-clock times are never
    earlier instants.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=PARIS).astimezone(UTC)
    last = naive.replace(tzinfo=PARIS, fold=1).astimezone(UTC)
    if first.astimezone(PARIS).replace(tzinfo=None) == naive:
        return first, last
    change = _transition(min(first, last), max(first, last))
    return change, change


def local_instant(day: date, at: time) -> datetime:
    """The UTC instant of a wall-clock time in Paris (its first reading)."""
    return _readings(day, at)[0]


def local_spans(day: date, start: time, end: time) -> list[tuple[datetime, datetime]]:
    """The UTC spans during which a Paris clock shows a time in ``[start, end)``.

    One span, except on the night the clocks go back when a bound falls in the
    repeated hour: 02:05–03:00 is then 02:05–02:59 summer time and again
    02:05–02:59 winter time (02:00–02:04 the second time round is outside).
    """
    s0, s1 = _readings(day, start)
    e0, e1 = _readings(day, end)
    if s0 == s1 and e0 == e1:
        return [(s0, e0)] if s0 < e0 else []
    change = _transition(s0, s1) if s0 != s1 else _transition(e0, e1)
    spans = [(s0, min(e0, change)), (max(s1, change), e1)]
    spans = [(lo, hi) for lo, hi in spans if lo < hi]
    if len(spans) == 2 and spans[0][1] >= spans[1][0]:
        spans = [(spans[0][0], spans[1][1])]
    return spans


def _merge(ranges: Iterable[tuple[time, time]]) -> list[tuple[time, time]]:
    merged: list[list[time]] = []
    for start, end in sorted(r for r in ranges if r[0] < r[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _subtract(ranges: list[tuple[time, time]], cut: tuple[time, time]) -> list[tuple[time, time]]:
    out = []
    for start, end in ranges:
        if cut[1] <= start or cut[0] >= end:
            out.append((start, end))
            continue
        if start < cut[0]:
            out.append((start, cut[0]))
        if cut[1] < end:
            out.append((cut[1], end))
    return out


class Schedule:
    """A professional's weekly ranges and exceptions, indexed once.

    Built per request from a handful of rows; :meth:`day_ranges` is then a
    dictionary look-up per day rather than a scan of every rule.
    """

    def __init__(self, weekly: Iterable[WeeklyRange], exceptions: Iterable[Exception_] = ()):
        self.weekly: dict[int, list[tuple[time, time]]] = defaultdict(list)
        for r in weekly:
            self.weekly[r.weekday].append((r.start, r.end))
        self.exceptions = sorted(exceptions, key=lambda e: e.starts_on)

    def day_ranges(self, day: date) -> list[tuple[time, time]]:
        ranges = _merge(self.weekly.get(day.weekday(), ()))
        extra = []
        for exc in self.exceptions:
            if exc.starts_on > day:
                break
            if not exc.covers(day):
                continue
            if exc.closed:
                if exc.start is None or exc.end is None:
                    ranges = []
                else:
                    ranges = _subtract(ranges, (exc.start, exc.end))
            elif exc.start is not None and exc.end is not None:
                extra.append((exc.start, exc.end))
        # An extra opening wins over a closure of the same day: the
        # professional added it on purpose.
        return _merge([*ranges, *extra])

    def candidates(self, rules: Rules, first_day: date, last_day: date) -> Iterable[Slot]:
        """Every slot of the grid from ``first_day`` to ``last_day`` (local
        dates), booked or not, in order."""
        day = first_day
        while day <= last_day:
            # Sorted: on the night the clocks go back, the spans of two
            # ranges can interleave.
            spans = sorted(span for start_t, end_t in self.day_ranges(day)
                           for span in local_spans(day, start_t, end_t))
            for start, end in spans:
                at = start
                while at + rules.duration <= end:
                    yield Slot(at, at + rules.duration)
                    at += rules.step
            day += timedelta(days=1)


class Busy:
    """Occupied spans of booked appointments (disjoint: the database sees to
    it), sorted once so that each check is a binary search."""

    def __init__(self, spans: Iterable[tuple[datetime, datetime]]):
        self.spans = sorted(spans)
        self.ends = [end for _, end in self.spans]

    def overlaps(self, start: datetime, end: datetime) -> bool:
        # The first span ending after ``start``: ends are sorted because the
        # spans are disjoint. It overlaps iff it also starts before ``end``.
        i = bisect_right(self.ends, start)
        return i < len(self.spans) and self.spans[i][0] < end


def bookable_bounds(rules: Rules, now: datetime) -> tuple[datetime, datetime]:
    return now + rules.min_notice, now + rules.window


def free_slots(schedule: Schedule, rules: Rules, busy: Busy | Sequence, now: datetime,
               start: datetime, end: datetime, *, limit: int | None = None) -> list[Slot]:
    """Free slots whose start is in ``[start, end)``, within notice and window."""
    if not isinstance(busy, Busy):
        busy = Busy(busy)
    earliest, latest = bookable_bounds(rules, now)
    lo, hi = max(start, earliest), min(end, latest + timedelta(microseconds=1))
    if lo >= hi:
        return []
    first_day = lo.astimezone(PARIS).date()
    last_day = hi.astimezone(PARIS).date()
    out = []
    for slot in schedule.candidates(rules, first_day, last_day):
        if slot.start < lo:
            continue
        if slot.start >= hi:
            break
        if busy.overlaps(*slot.occupied(rules)):
            continue
        out.append(slot)
        if limit is not None and len(out) >= limit:
            break
    return out


def is_on_grid(schedule: Schedule, rules: Rules, at: datetime) -> bool:
    """Whether ``at`` is the start of a slot of the grid (booked or not)."""
    day = at.astimezone(PARIS).date()
    return any(slot.start == at for slot in schedule.candidates(
        rules, day - timedelta(days=1), day + timedelta(days=1)))
