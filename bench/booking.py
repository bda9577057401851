"""Benchmark: appointment booking (issue 7).

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/booking.py                 # about a minute
    .venv/bin/python bench/booking.py --rounds 100 --attempts 200 --slots 20

1. Free slots of one professional over 8 weeks (weekly hours, a day off, an
   afternoon off, about a third of the slots already booked), as the slots
   page and the API compute them: ``schedule.free_slots`` — two queries, then
   the schedule indexed once and each candidate checked by binary search over
   the booked spans. Baseline: the loop one might write instead, asking the
   database whether each candidate slot overlaps an appointment.
2. 200 booking attempts over 20 slots, all released at once against a running
   server (gunicorn, 2 workers × 32 threads) on a scratch PostgreSQL database:
   attempts/s, bookings/s, outcomes, and the double bookings found afterwards
   (0). Baseline: the same attempts as check-then-insert transactions on a
   table without the exclusion constraint (READ COMMITTED, 64 connections) —
   what a booking table without a guard lets through.

Without a PostgreSQL URL the concurrency part runs on SQLite (say so in the
figures). Prints the figures and a markdown block for docs/PERFORMANCE.md
(also written to bench/results/booking.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time as clock
from collections import Counter
from datetime import time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench import common  # noqa: E402

SCRATCH_DB = "passerelle_bench_booking"
TIME_LIMIT = 300  # seconds for each concurrency run


# ------------------------------------------------------------------ 1. slots

def _seed_slot_bench(app, now):
    """A professional Mon–Fri 09:00–12:00 and 14:00–17:30, 30 minutes + 10
    after, a day and an afternoon off, a third of the 8 weeks booked."""
    from portal.accounts.operations import create_staff_user
    from portal.booking import availability, operations, schedule
    from portal.booking.models import ExceptionKind, Mode
    from portal.core.commit import commit
    from portal.core.time import PARIS
    from portal.directory.models import Person, Structure, StructureKind
    from portal.extensions import db

    with app.test_request_context():
        user = create_staff_user(pseudonym="pro-bench", email="pro-bench@example.org",
                                 role="professional", password="un mot de passe")
        structure = Structure(name="Mission locale", slug="ml", kind=StructureKind.MISSION_LOCALE,
                              address="1 rue", postal_code="59000", commune_insee="59350",
                              commune_name="Lille", lat=50.6, lon=3.0, themes=["emploi"])
        person = Person(structure=structure, first_name="Bench", last_name="Mark", role="CIP",
                        channels=["booking"], themes=["emploi"], user_id=user.id)
        db.session.add_all([structure, person])
        db.session.flush()
        kind = availability.save_type(person, name="Entretien", duration_minutes=30,
                                      mode=Mode.STRUCTURE, min_notice_minutes=60,
                                      window_days=60, buffer_before_minutes=0,
                                      buffer_after_minutes=10)
        for day in range(5):
            availability.add_weekly_range(person, day, time(9), time(12))
            availability.add_weekly_range(person, day, time(14), time(17, 30))
        today = now.astimezone(PARIS).date()
        availability.add_exception(person, ExceptionKind.CLOSED, today + timedelta(days=10), None)
        availability.add_exception(person, ExceptionKind.CLOSED, today + timedelta(days=17), None,
                                   time(14), time(17, 30))
        free = schedule.free_slots(person.id, kind, now, now, now + timedelta(weeks=8))
        for n, slot in enumerate(free[::3]):
            operations.book_slot(person, kind, slot.start, name=f"Jeune {n}",
                                 phone="0600000000", now=now)
        commit()
        return person.id, kind.id, len(free), len(free[::3])


def _naive_free_slots(person_id, kind, now, start, end):
    """The baseline: the same candidates, one overlap query per candidate."""
    from portal.booking import schedule
    from portal.booking.models import Appointment, Status
    from portal.core.time import PARIS
    from portal.extensions import db

    rules = kind.rules
    plan = schedule.load_schedule(person_id)
    out = []
    for slot in plan.candidates(rules, start.astimezone(PARIS).date(),
                                end.astimezone(PARIS).date()):
        if not (start <= slot.start < end) or slot.start < now + rules.min_notice:
            continue
        lo, hi = slot.occupied(rules)
        clash = db.session.scalar(db.select(Appointment.id).where(
            Appointment.person_id == person_id, Appointment.status != Status.CANCELLED,
            Appointment.blocked_from < hi, Appointment.blocked_until > lo).limit(1))
        if clash is None:
            out.append(slot)
    return out


def bench_slots(database_url: str, instance: Path, rounds: int) -> dict:
    from portal import create_app
    from portal.booking import schedule
    from portal.booking.models import AppointmentType
    from portal.core.time import utcnow
    from portal.extensions import db

    instance.mkdir(parents=True, exist_ok=True)
    app = create_app({"INSTANCE_DIR": str(instance), "SQLALCHEMY_DATABASE_URI": database_url,
                      "SECRET_KEY": "bench", "MAIL_BACKEND": "dummy"})
    now = utcnow()
    person_id, type_id, candidates, booked = _seed_slot_bench(app, now)
    end = now + timedelta(weeks=8)
    ours, naive = [], []
    with app.app_context():
        kind = db.session.get(AppointmentType, type_id)
        for _ in range(3):  # warm-up
            expected = schedule.free_slots(person_id, kind, now, now, end)
        for _ in range(rounds):
            db.session.expire_all()
            found, seconds = common.timed(schedule.free_slots, person_id, kind, now, now, end)
            ours.append(seconds)
        for _ in range(max(5, rounds // 10)):
            found_naive, seconds = common.timed(_naive_free_slots, person_id, kind, now, now,
                                                end)
            naive.append(seconds)
        assert found == expected == found_naive, "the baseline must find the same slots"
        db.session.remove()
    with app.app_context():
        db.engine.dispose()
    return {"ours": common.summary_ms(ours), "naive": common.summary_ms(naive),
            "free": len(found), "candidates": candidates, "booked": booked}


# ------------------------------------------------------------- 2. concurrency

def _twenty_slots(count: int):
    from portal.booking.slots import local_instant
    from tests.booking.servers import race_day

    starts = []
    day_offset = 2
    while len(starts) < count:
        day = race_day(day_offset)
        starts += [local_instant(day, time(9, 0)) + timedelta(minutes=30 * i) for i in range(6)]
        day_offset += 1
    return starts[:count]


def _double_bookings(database_url: str, table: str, person_id: int | None) -> tuple[int, int]:
    """Rows kept, and pairs of them whose spans overlap for the same person."""
    live = "a.status <> 'cancelled' AND b.status <> 'cancelled'" \
        if table == "booking_appointments" else "true"
    person = "a.person_id = :p" if person_id is not None else "true"
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(f"SELECT count(*) FROM {table} a WHERE {person}"),
                            {"p": person_id}).scalar()
        doubles = conn.execute(sa.text(
            f"SELECT count(*) FROM {table} a JOIN {table} b ON a.person_id = b.person_id "
            f"AND a.id < b.id AND a.blocked_from < b.blocked_until "
            f"AND b.blocked_from < a.blocked_until WHERE {live} AND {person}"),
            {"p": person_id}).scalar()
    engine.dispose()
    return rows, doubles


def bench_server(database_url: str | None, instance: Path, attempts: int, slot_count: int):
    from tests.booking.servers import attempt_all, payload, start_server

    server = start_server(instance, database_url)
    try:
        starts = _twenty_slots(slot_count)
        tries = [payload(server, "Court", starts[n % slot_count], n) for n in range(attempts)]
        started = clock.perf_counter()
        statuses = attempt_all(server, tries, timeout=TIME_LIMIT)
        seconds = clock.perf_counter() - started
    finally:
        server.stop()
    rows, doubles = _double_bookings(server.database_url, "booking_appointments",
                                     server.person_id)
    return {"seconds": seconds, "statuses": Counter(statuses), "rows": rows, "doubles": doubles,
            "database_url": server.database_url}


def bench_naive(database_url: str, attempts: int, slot_count: int, connections: int = 64):
    """Check-then-insert on a table without the constraint, as the app would
    do it with no guard: READ COMMITTED, one transaction per attempt."""
    engine = sa.create_engine(database_url, pool_size=connections, max_overflow=0)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS naive_appointments"))
        conn.execute(sa.text(
            "CREATE TABLE naive_appointments (id serial PRIMARY KEY, person_id int NOT NULL, "
            "blocked_from timestamptz NOT NULL, blocked_until timestamptz NOT NULL)"))
    starts = _twenty_slots(slot_count)
    queue = [starts[n % slot_count] for n in range(attempts)]
    lock, outcomes = threading.Lock(), Counter()
    barrier = threading.Barrier(connections)

    def worker():
        with engine.connect() as conn:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    start = queue.pop()
                end = start + timedelta(minutes=30)
                with conn.begin():
                    taken = conn.execute(sa.text(
                        "SELECT 1 FROM naive_appointments WHERE person_id = 1 "
                        "AND blocked_from < :e AND blocked_until > :s LIMIT 1"),
                        {"s": start, "e": end}).first()
                    if taken is None:
                        conn.execute(sa.text(
                            "INSERT INTO naive_appointments (person_id, blocked_from, "
                            "blocked_until) VALUES (1, :s, :e)"), {"s": start, "e": end})
                with lock:
                    outcomes["taken" if taken else "booked"] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = clock.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIME_LIMIT)
    seconds = clock.perf_counter() - started
    engine.dispose()
    rows, doubles = _double_bookings(database_url, "naive_appointments", None)
    return {"seconds": seconds, "rows": rows, "doubles": doubles, "outcomes": outcomes}


# ------------------------------------------------------------------- report

def markdown(slots: dict, server: dict, naive: dict | None, args, backend: str,
             load: float) -> str:
    ours, base = slots["ours"], slots["naive"]
    statuses = server["statuses"]
    lines = [
        "### Appointment booking (issue 7)",
        "",
        f"Machine: {common.machine()}; load average at start "
        f"{load:.2f}. Command: `{common.command_line()}`",
        "",
        "| measure | ours | naive alternative |",
        "|---|---|---|",
        f"| free slots of one professional over 8 weeks ({slots['candidates']} candidate slots, "
        f"{slots['booked']} booked, {slots['free']} free), p50 / p95 / max "
        f"| {ours['p50']:.1f} / **{ours['p95']:.1f}** / {ours['max']:.1f} ms "
        f"(target p95 ≤ 20 ms; {ours['n']} runs) "
        f"| {base['p50']:.1f} / {base['p95']:.1f} / {base['max']:.1f} ms "
        f"(one overlap query per candidate; {base['n']} runs) |",
        f"| {args.attempts} simultaneous booking attempts over {args.slots} slots, {backend}, "
        f"gunicorn 2 workers × 32 threads | {server['seconds']:.2f} s: "
        f"{args.attempts / server['seconds']:.0f} attempts/s, "
        f"{statuses.get(201, 0) / server['seconds']:.0f} bookings/s; "
        f"201 × {statuses.get(201, 0)}, 409 × {statuses.get(409, 0)}"
        + "".join(f", {k} × {v}" for k, v in statuses.items() if k not in (201, 409))
        + f"; **{server['doubles']} double bookings** "
        + (f"| check-then-insert without the constraint ({naive['seconds']:.2f} s, 64 "
           f"connections): {naive['rows']} rows for {args.slots} slots, "
           f"**{naive['doubles']} double bookings** |" if naive else "| (needs PostgreSQL) |"),
        "",
        "The machine has 2 cores shared with other work: re-run when it is quiet.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="slot computations timed")
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--slots", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="a PostgreSQL server (a scratch database is made on it)")
    args = parser.parse_args()

    from tests.booking.servers import fresh_postgres

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-booking-") as tmp:
        tmp = Path(tmp)
        if args.database_url:
            url, backend = fresh_postgres(args.database_url, SCRATCH_DB), "PostgreSQL"
        else:
            url, backend = None, "SQLite (no PostgreSQL URL given)"
        print(f"== concurrency: {args.attempts} attempts over {args.slots} slots, {backend}")
        server = bench_server(url, tmp / "server", args.attempts, args.slots)
        print(f"   {server['seconds']:.2f} s, {dict(server['statuses'])}, "
              f"{server['doubles']} double bookings")
        naive = None
        if url:
            print("== naive check-then-insert without the constraint")
            naive = bench_naive(url, args.attempts, args.slots)
            print(f"   {naive['seconds']:.2f} s, {naive['rows']} rows, "
                  f"{naive['doubles']} double bookings")
        print(f"== slot computation over 8 weeks, {args.rounds} runs")
        slots = bench_slots(server["database_url"], tmp / "slots", args.rounds)
        print(f"   ours p50 {slots['ours']['p50']:.2f} ms, p95 {slots['ours']['p95']:.2f} ms; "
              f"naive p50 {slots['naive']['p50']:.2f} ms, p95 {slots['naive']['p95']:.2f} ms")
    block = markdown(slots, server, naive, args, backend, load)
    print()
    print(block)
    common.RESULTS_DIR.mkdir(exist_ok=True)
    (common.RESULTS_DIR / "booking.md").write_text(block)
    print(f"(written to {common.RESULTS_DIR / 'booking.md'})")
    if slots["ours"]["p95"] > 20:
        print("warning: p95 above the 20 ms target (a busy machine? re-run when it is quiet)")
    return 0 if server["doubles"] == 0 else 1  # a double booking is a bug, not a slow machine


if __name__ == "__main__":
    sys.exit(main())
