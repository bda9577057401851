"""No double booking, ever: 50 young people book at the same instant against a
running server (gunicorn, two worker processes), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import time, timedelta

import pytest

from portal.booking.slots import local_instant
from tests.booking.servers import (
    TYPES,
    attempt_all,
    env_database_url,
    fresh_postgres,
    payload,
    race_day,
    start_server,
)
from tests.support import require

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    url = None
    if request.param == "postgresql":
        require(bool(env_database_url()),
                "TEST_DATABASE_URL is not set: the PostgreSQL race is skipped")
        url = fresh_postgres(env_database_url(), "passerelle_booking_race")
    running = start_server(tmp_path_factory.mktemp(f"race-{request.param}"), url)
    yield running
    running.stop()


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_fifty_bookings_of_one_slot_make_one_appointment(server):
    start = local_instant(race_day(2), time(9, 0))
    statuses = attempt_all(server, [payload(server, "Court", start, n) for n in range(50)])
    assert Counter(statuses) == {201: 1, 409: 49}
    assert len([s for s in server.booked_spans() if s[0] == start]) == 1


def test_fifty_bookings_of_overlapping_slots_of_different_lengths_make_one(server):
    """Court 10:00–10:30, Long 10:00–11:00, Bilan 09:00–10:30 (15 minutes
    before it): all three share 10:15, so exactly one can be booked."""
    day = race_day(3)
    choices = [("Court", local_instant(day, time(10))), ("Long", local_instant(day, time(10))),
               ("Bilan", local_instant(day, time(9)))]
    attempts = [payload(server, *choices[n % 3], n) for n in range(50)]
    statuses = attempt_all(server, attempts)
    assert Counter(statuses) == {201: 1, 409: 49}


def test_a_free_for_all_over_a_morning_never_overlaps_and_never_refuses_for_nothing(server):
    """50 attempts spread over every slot of the three types one morning: what
    is booked never overlaps, and every refusal clashed with a booking."""
    day = race_day(4)
    grid = []
    for name, minutes, before, after in TYPES:
        at = local_instant(day, time(9))
        while at + timedelta(minutes=minutes) <= local_instant(day, time(12)):
            grid.append((name, at, timedelta(minutes=minutes), timedelta(minutes=before),
                         timedelta(minutes=after)))
            at += timedelta(minutes=before + minutes + after)
    picks = [grid[n % len(grid)] for n in range(50)]
    statuses = attempt_all(server, [payload(server, name, at, n)
                                    for n, (name, at, *_rest) in enumerate(picks)])
    assert set(statuses) <= {201, 409}
    spans = [s for s in server.booked_spans() if s[0].date() == day or s[1].date() == day]
    assert len(spans) == statuses.count(201) >= 2
    for i, a in enumerate(spans):
        assert not any(_overlaps(a, b) for b in spans[i + 1:])
    for (name, at, length, before, after), status in zip(picks, statuses, strict=True):
        if status == 409:
            wanted = (at - before, at + length + after)
            assert any(_overlaps(wanted, s) for s in spans), (name, at)
