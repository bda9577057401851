"""Slot generation on chosen examples: the nights the clocks change,
exceptions, buffers, notice and window, as a professional would read them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from portal.booking.slots import (
    Busy,
    Exception_,
    Rules,
    Schedule,
    WeeklyRange,
    free_slots,
    local_spans,
    parse_key,
)

SPRING, AUTUMN = date(2026, 3, 29), date(2026, 10, 25)  # last Sundays of March and October
HALF_HOUR = Rules(duration=timedelta(minutes=30), window=timedelta(days=60))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local_times(found) -> list[str]:
    return [s.local_start.strftime("%a %H:%M%z") for s in found]


def sundays(weekly, rules=HALF_HOUR, exceptions=()):
    """Slots of the Sundays before, of and after ``SPRING``."""
    return free_slots(Schedule(weekly, exceptions), rules, Busy([]), utc(2026, 3, 20),
                      utc(2026, 3, 22), utc(2026, 3, 23))


def test_wall_clock_hours_stay_put_when_the_clocks_go_forward():
    weekly = [WeeklyRange(6, time(9), time(10))]
    found = free_slots(Schedule(weekly), HALF_HOUR, Busy([]), utc(2026, 3, 20),
                       utc(2026, 3, 21), utc(2026, 4, 6))
    assert local_times(found) == ["Sun 09:00+0100", "Sun 09:30+0100",
                                  "Sun 09:00+0200", "Sun 09:30+0200",
                                  "Sun 09:00+0200", "Sun 09:30+0200"]
    assert [s.start.hour for s in found] == [8, 8, 7, 7, 7, 7]


def test_wall_clock_hours_stay_put_when_the_clocks_go_back():
    weekly = [WeeklyRange(6, time(9), time(10))]
    found = free_slots(Schedule(weekly), HALF_HOUR, Busy([]), utc(2026, 10, 15),
                       utc(2026, 10, 18), utc(2026, 10, 26))
    assert local_times(found) == ["Sun 09:00+0200", "Sun 09:30+0200",
                                  "Sun 09:00+0100", "Sun 09:30+0100"]


def test_a_night_opening_lasts_its_real_length_on_both_nights():
    weekly = [WeeklyRange(6, time(1), time(4))]
    hour = Rules(duration=timedelta(hours=1), window=timedelta(days=400))
    spring = free_slots(Schedule(weekly), hour, Busy([]), utc(2026, 3, 1),
                        utc(2026, 3, 28, 12), utc(2026, 3, 29, 12))
    autumn = free_slots(Schedule(weekly), hour, Busy([]), utc(2026, 3, 1),
                        utc(2026, 10, 24, 12), utc(2026, 10, 25, 12))
    # 01:00–04:00 is two real hours in March (02:00 never happens)…
    assert local_times(spring) == ["Sun 01:00+0100", "Sun 03:00+0200"]
    # …and four in October (02:00 happens twice).
    assert local_times(autumn) == ["Sun 01:00+0200", "Sun 02:00+0200", "Sun 02:00+0100",
                                   "Sun 03:00+0100"]
    assert all(s.end - s.start == timedelta(hours=1) for s in spring + autumn)


def test_a_time_that_does_not_exist_is_the_moment_the_clocks_change():
    assert local_spans(SPRING, time(2, 30), time(4)) == [(utc(2026, 3, 29, 1), utc(2026, 3, 29, 2))]
    assert local_spans(SPRING, time(2, 0), time(2, 59)) == []


def test_a_range_starting_in_the_repeated_hour_comes_twice():
    assert local_spans(AUTUMN, time(2, 30), time(3)) == [
        (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1)),
        (utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2))]


def test_days_off_hours_off_and_extra_openings():
    weekly = [WeeklyRange(d, time(9), time(12)) for d in range(5)]
    exceptions = [
        Exception_(date(2026, 5, 4), date(2026, 5, 5), closed=True),              # Mon–Tue off
        Exception_(date(2026, 5, 6), date(2026, 5, 6), True, time(10), time(11)),  # Wed 10–11 off
        Exception_(date(2026, 5, 9), date(2026, 5, 9), False, time(14), time(15)),  # Sat extra
    ]
    hour = Rules(duration=timedelta(hours=1), window=timedelta(days=60))
    found = free_slots(Schedule(weekly, exceptions), hour, Busy([]), utc(2026, 5, 1),
                       utc(2026, 5, 3, 22), utc(2026, 5, 10, 22))
    assert [s.local_start.strftime("%a %d %H:%M") for s in found] == [
        "Wed 06 09:00", "Wed 06 11:00",
        "Thu 07 09:00", "Thu 07 10:00", "Thu 07 11:00",
        "Fri 08 09:00", "Fri 08 10:00", "Fri 08 11:00",
        "Sat 09 14:00"]


def test_buffers_space_the_grid_and_keep_clear_of_other_appointments():
    weekly = [WeeklyRange(0, time(9), time(12))]
    rules = Rules(duration=timedelta(minutes=30), buffer_before=timedelta(minutes=5),
                  buffer_after=timedelta(minutes=10), window=timedelta(days=60))
    # Another appointment 10:30–11:00 (Paris), booked with no buffers.
    busy = Busy([(utc(2026, 5, 4, 8, 30), utc(2026, 5, 4, 9))])
    found = free_slots(Schedule(weekly), rules, busy, utc(2026, 5, 1), utc(2026, 5, 4),
                       utc(2026, 5, 5))
    # Grid every 45 min: 09:00, 09:45, 10:30, 11:15; 09:45 ends 10:15 + 10 → 10:25: free;
    # 10:30 is taken; 11:15 starts 11:10 with its buffer: clear of 11:00.
    assert [s.local_start.strftime("%H:%M") for s in found] == ["09:00", "09:45", "11:15"]


def test_minimum_notice_and_booking_window():
    weekly = [WeeklyRange(d, time(9), time(10)) for d in range(7)]
    rules = Rules(duration=timedelta(hours=1), min_notice=timedelta(hours=24),
                  window=timedelta(days=3))
    now = utc(2026, 5, 4, 10)  # Monday 12:00 in Paris
    found = free_slots(Schedule(weekly), rules, Busy([]), now, now, now + timedelta(days=30))
    # Tuesday 09:00 is less than 24 hours away; Friday 09:00 is beyond 3 days.
    assert [s.local_start.strftime("%a") for s in found] == ["Wed", "Thu"]


def test_slot_keys_round_trip():
    found = sundays([WeeklyRange(6, time(9), time(10))])
    assert all(parse_key(s.key) == s.start for s in found)
    assert parse_key("not-a-key") is None
