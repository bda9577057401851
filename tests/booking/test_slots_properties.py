"""Slot generation, by property (hypothesis): whatever the rules, every slot
offered is inside the opening hours in Paris wall-clock time (exceptions
included), lasts its real duration, keeps its buffers clear of booked
appointments, and respects the minimum notice and the booking window — in
weeks that contain the last Sunday of March or of October."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.booking.slots import Busy, Exception_, Rules, Schedule, WeeklyRange, free_slots
from portal.core.time import PARIS

FIVE = timedelta(minutes=5)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def eu_offset(instant: datetime) -> timedelta:
    """The EU rule itself: summer time from 01:00 UTC on the last Sunday of
    March to 01:00 UTC on the last Sunday of October."""
    year = instant.year
    spring = datetime.combine(last_sunday(year, 3), time(1), tzinfo=UTC)
    autumn = datetime.combine(last_sunday(year, 10), time(1), tzinfo=UTC)
    return timedelta(hours=2 if spring <= instant < autumn else 1)


def times(lo=0, hi=24 * 12 - 1):
    """Times on a five-minute grid (00:00–23:55), the night of the change included."""
    return st.integers(lo, hi).map(lambda n: time(n // 12, n % 12 * 5))


@st.composite
def ranges(draw, night=False):
    """A range of wall-clock times; ``night``: around 01:00–04:00, where the
    clocks change."""
    start = draw(times(0, 4 * 12) if night else times(0, 24 * 12 - 2))
    first_end = start.hour * 12 + start.minute // 5 + 1
    end = draw(times(first_end, max(first_end, 5 * 12)) if night else times(first_end))
    return start, end


@st.composite
def scenarios(draw):
    change = last_sunday(draw(st.integers(2025, 2030)), draw(st.sampled_from([3, 10])))
    weekly = [WeeklyRange(draw(st.integers(0, 6)), *draw(ranges()))
              for _ in range(draw(st.integers(0, 6)))]
    # Make the night of the change open often: that is where bugs hide.
    for _ in range(draw(st.integers(0, 2))):
        weekly.append(WeeklyRange(6, *draw(ranges(night=True))))
    exceptions = []
    for _ in range(draw(st.integers(0, 4))):
        first = change + timedelta(days=draw(st.integers(-4, 8)))
        last = first + timedelta(days=draw(st.integers(0, 3)))
        closed = draw(st.booleans())
        if closed and draw(st.booleans()):
            exceptions.append(Exception_(first, last, True))
        else:
            exceptions.append(Exception_(first, last, closed,
                                         *draw(ranges(night=draw(st.booleans())))))
    rules = Rules(duration=timedelta(minutes=draw(st.integers(1, 24)) * 5),
                  buffer_before=timedelta(minutes=draw(st.integers(0, 6)) * 5),
                  buffer_after=timedelta(minutes=draw(st.integers(0, 6)) * 5),
                  min_notice=timedelta(minutes=draw(st.integers(0, 36 * 12)) * 5),
                  window=timedelta(days=draw(st.integers(1, 12)),
                                   minutes=draw(st.integers(0, 287)) * 5))
    now = datetime.combine(change, time(0), tzinfo=UTC) + timedelta(
        minutes=draw(st.integers(-3 * 24 * 12, 12)) * 5)
    busy, at = [], now - timedelta(days=1)
    for _ in range(draw(st.integers(0, 6))):
        at += timedelta(minutes=draw(st.integers(0, 3 * 24 * 12)) * 5)
        length = timedelta(minutes=draw(st.integers(1, 48)) * 5)
        busy.append((at, at + length))
        at += length
    span_start = now - timedelta(hours=draw(st.integers(0, 48)))
    span_end = span_start + timedelta(days=draw(st.integers(1, 14)))
    return weekly, exceptions, rules, busy, now, span_start, span_end


def is_open(weekly, exceptions, moment: datetime) -> bool:
    """The specification, minute by minute, in Paris wall-clock time."""
    local = moment.astimezone(PARIS)
    day, at = local.date(), local.time()
    if any(not e.closed and e.covers(day) and e.start <= at < e.end for e in exceptions):
        return True
    if not any(r.weekday == day.weekday() and r.start <= at < r.end for r in weekly):
        return False
    return not any(e.closed and e.covers(day) and (e.start is None or e.start <= at < e.end)
                   for e in exceptions)


PROPERTY = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(scenarios())
def test_every_free_slot_follows_every_rule(scenario):
    weekly, exceptions, rules, busy, now, span_start, span_end = scenario
    schedule = Schedule(weekly, exceptions)
    found = free_slots(schedule, rules, Busy(busy), now, span_start, span_end)
    assert found == sorted(set(found))
    for slot in found:
        # Its real length, whatever the clocks did.
        assert slot.end - slot.start == rules.duration
        # Offered in Paris time with the offset in force at that instant.
        assert slot.local_start.utcoffset() == eu_offset(slot.start)
        # Notice, window and the period asked for.
        assert now + rules.min_notice <= slot.start <= now + rules.window
        assert span_start <= slot.start < span_end
        # Inside the opening hours, exceptions included, every five minutes of it.
        at = slot.start
        while at < slot.end:
            assert is_open(weekly, exceptions, at), (slot, at.astimezone(PARIS))
            at += FIVE
        assert is_open(weekly, exceptions, slot.end - timedelta(minutes=1))
        # Buffers included, clear of every booked appointment.
        lo, hi = slot.start - rules.buffer_before, slot.end + rules.buffer_after
        assert not any(b_lo < hi and lo < b_hi for b_lo, b_hi in busy)


@PROPERTY
@given(scenarios())
def test_a_booked_appointment_removes_exactly_the_slots_it_overlaps(scenario):
    weekly, exceptions, rules, busy, now, span_start, span_end = scenario
    schedule = Schedule(weekly, exceptions)
    everything = free_slots(schedule, rules, Busy([]), now, span_start, span_end)
    free = set(free_slots(schedule, rules, Busy(busy), now, span_start, span_end))
    for slot in everything:
        lo, hi = slot.start - rules.buffer_before, slot.end + rules.buffer_after
        clashes = any(b_lo < hi and lo < b_hi for b_lo, b_hi in busy)
        assert (slot in free) == (not clashes)
    assert free <= set(everything)


@PROPERTY
@given(scenarios(), st.integers(0, 6 * 24))
def test_notice_and_window_only_cut_at_the_ends(scenario, hours_later):
    """Asking later never invents a slot, and keeps every slot still in reach."""
    weekly, exceptions, rules, busy, now, span_start, span_end = scenario
    schedule = Schedule(weekly, exceptions)
    later = now + timedelta(hours=hours_later)
    before = free_slots(schedule, rules, Busy(busy), now, span_start, span_end)
    after = free_slots(schedule, rules, Busy(busy), later, span_start, span_end)
    lo, hi = later + rules.min_notice, now + rules.window
    assert [s for s in before if s.start >= lo] == [s for s in after if s.start <= hi]


@PROPERTY
@given(scenarios(), st.integers(0, 13))
def test_a_closed_day_has_no_slot_unless_reopened(scenario, offset):
    weekly, exceptions, rules, busy, now, span_start, span_end = scenario
    day = (now.astimezone(PARIS) + timedelta(days=offset)).date()
    closed = [*exceptions, Exception_(day, day, True)]
    found = free_slots(Schedule(weekly, closed), rules, Busy(busy), now, span_start, span_end)
    reopened = any(not e.closed and e.covers(day) for e in exceptions)
    if not reopened:
        assert all(slot.local_start.date() != day for slot in found)
