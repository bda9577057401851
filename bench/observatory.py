"""Benchmark: the observatory at a region's scale (issue 18).

    .venv/bin/python bench/observatory.py                          # 5,000,000 events over 2 years, SQLite
    .venv/bin/python bench/observatory.py --events 500000          # a quick look
    .venv/bin/python bench/observatory.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

A scratch instance migrated with the real migrations, filled with the demo's
generator of plausible anonymous events (scaled up, bulk Core inserts), then:

1. the nightly aggregation, timed per day of events;
2. board and public queries through ``reading.series`` on the facts (every
   indicator, by month, without and with each breakdown it allows), p50/p95 —
   and, in the same run, the alternative a user might pick: the same figures
   computed with GROUP BY on the raw events each time;
3. the open-data export of the largest series as CSV and XLSX (time and peak
   Python memory, tracemalloc);
4. the cost of ``observe.record`` on the request path (p50/p95 per event,
   buffered), against writing each event with its own INSERT.

Prints a markdown block (also bench/results/observatory.md) and the command.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402


def make_app(database_url: str | None, instance: Path):
    from flask_migrate import upgrade

    from portal import create_app

    url = database_url or f"sqlite:///{instance / 'bench.db'}"
    if database_url and database_url.startswith("postgresql"):
        import sqlalchemy as sa

        engine = sa.create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"INSTANCE_DIR": str(instance), "SQLALCHEMY_DATABASE_URI": url,
                      "SECRET_KEY": "bench", "REDIS_URL": None, "OBSERVE_FLUSH_SECONDS": 3600,
                      "OBSERVE_BATCH": 10 ** 9})
    with app.app_context():
        upgrade(revision="heads")
    return app


def fill(app, events: int, days: int) -> tuple[int, float]:
    """Raw events over ``days`` days ending yesterday, from the demo's generator."""
    from sqlalchemy import insert

    from portal.core.time import local_today
    from portal.extensions import db
    from portal.observatory import demo
    from portal.observatory.models import Event

    rng = random.Random(18)
    today = local_today()
    # The generator's own rate (a sample of days across the seasons) sets the scale.
    sample = [today - timedelta(days=d) for d in range(0, 365, 30)]
    per_day_demo = sum(len(list(demo.events_for_day(d, random.Random(d.toordinal())))) for d in sample) / len(sample)
    scale = events / days / per_day_demo
    written, started = 0, time.perf_counter()
    with app.app_context():
        for offset in range(days, 0, -1):
            rows = list(demo.events_for_day(today - timedelta(days=offset), rng, scale=scale))
            for start in range(0, len(rows), 20000):
                db.session.execute(insert(Event), rows[start:start + 20000])
            written += len(rows)
            if offset % 30 == 0:
                db.session.commit()
        db.session.commit()
    return written, time.perf_counter() - started


def aggregate(app) -> list[float]:
    from portal.extensions import db
    from portal.observatory import operations

    with app.app_context():
        first = db.session.scalar(db.select(db.func.min(operations.Event.day)))
        last = db.session.scalar(db.select(db.func.max(operations.Event.day)))
        timings, day = [], first
        while day <= last:
            started = time.perf_counter()
            operations.aggregate_day(day)
            db.session.commit()
            timings.append(time.perf_counter() - started)
            day += timedelta(days=1)
    return timings


def queries(app) -> list[tuple]:
    from portal.core.time import local_today
    from portal.observatory import indicators

    end = local_today() - timedelta(days=1)
    start = end - timedelta(days=364)
    cases = []
    for indicator in indicators.all_indicators():
        for by in (None, *indicator.breakdowns):
            cases.append((indicator, by, start, end))
    return cases


def time_series(app, cases, repeat: int = 3) -> list[float]:
    from portal.observatory import reading

    timings = []
    with app.app_context():
        for _ in range(repeat):
            for indicator, by, start, end in cases:
                started = time.perf_counter()
                reading.compute(indicator, start=start, end=end, by=by)
                timings.append(time.perf_counter() - started)
    return timings


def time_raw(app, cases, repeat: int = 1) -> list[float]:
    """The alternative: GROUP BY on the raw events at each request."""
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.observatory.models import Event
    from portal.observatory.reading import _period

    timings = []
    with app.app_context():
        for _ in range(repeat):
            for indicator, by, start, end in cases:
                when = _period(Event.day, "month")
                group = getattr(Event, by) if by and by != "department" else Event.commune
                query = (select(when, group, func.count()).where(
                    Event.kind.in_(indicator.source.kinds), Event.day >= start, Event.day <= end)
                    .group_by(when, group))
                if indicator.source.flag is not None:
                    query = query.where(Event.flag.is_(indicator.source.flag))
                started = time.perf_counter()
                db.session.execute(query).all()
                timings.append(time.perf_counter() - started)
    return timings


def exports(app) -> dict:
    from portal.core.time import local_today
    from portal.observatory import exports as out
    from portal.observatory import indicators

    end = local_today() - timedelta(days=1)
    start = end - timedelta(days=729)
    indicator = indicators.get("guide_searches")
    results = {}
    with app.app_context():
        for name, run in (("csv", lambda: sum(len(chunk) for chunk in out.csv_stream(
                              list(out.rows(indicator, start, end, by="commune"))))),
                          ("xlsx", lambda: out.xlsx_file(indicator, start, end, by="commune").seek(0, 2))):
            tracemalloc.start()
            started = time.perf_counter()
            size = run()
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            results[name] = (elapsed, peak / 2 ** 20, size / 2 ** 10)
    return results


def record_cost(app, n: int = 5000) -> tuple[list[float], list[float]]:
    from sqlalchemy import insert

    from portal.core import observe
    from portal.core.commit import commit
    from portal.extensions import db
    from portal.observatory.models import Event

    buffered, direct = [], []
    with app.test_request_context():
        for i in range(n):
            started = time.perf_counter()
            observe.record("guide_search", theme="logement", commune="59350", age_range="18-25",
                           flag=i % 7 == 0, value=3)
            commit()  # the unit of work ends: the event joins the buffer
            buffered.append(time.perf_counter() - started)
        observe.flush(app)
        for _ in range(n):
            started = time.perf_counter()
            db.session.execute(insert(Event).values(day=observe.local_today(), kind="guide_search",
                                                    theme="logement", commune="59350"))
            commit()
            direct.append(time.perf_counter() - started)
    return buffered, direct


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()

    instance = Path(tempfile.mkdtemp(prefix="bench-observatory-"))
    try:
        app = make_app(args.database_url, instance)
        backend = "PostgreSQL" if args.database_url else "SQLite"
        written, fill_s = fill(app, args.events, args.days)
        per_day = aggregate(app)
        cases = queries(app)
        facts = time_series(app, cases)
        raw = time_raw(app, cases)
        files = exports(app)
        buffered, direct = record_cost(app)
        with app.app_context():
            from portal.extensions import db
            from portal.observatory.models import Fact
            fact_rows = db.session.scalar(db.select(db.func.count()).select_from(Fact))
        f, r = common.summary_ms(facts), common.summary_ms(raw)
        b, d = common.summary_ms(buffered), common.summary_ms(direct)
        text = "\n".join([
            f"### Observatory — {backend}, {written:,} events over {args.days} days",
            "",
            f"`{common.command_line()}` — {common.machine()}",
            "",
            f"- fill: {fill_s:.0f} s; facts: {fact_rows:,} rows",
            f"- nightly aggregation per day of events (~{written // args.days:,} events): "
            f"median {statistics.median(per_day) * 1000:.0f} ms, max {max(per_day) * 1000:.0f} ms, "
            f"total {sum(per_day):.0f} s",
            "",
            "| query (12 months, every indicator × breakdown) | n | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|",
            f"| protected series from the daily facts | {f['n']} | {f['p50']:.1f} | {f['p95']:.1f} | {f['max']:.1f} |",
            f"| baseline: GROUP BY on the raw events (no protection) | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |",
            "",
            "| export (2 years, by commune) | time s | peak Python memory MiB | size KiB |",
            "|---|---:|---:|---:|",
            *[f"| {name} | {t:.2f} | {m:.1f} | {s:.0f} |" for name, (t, m, s) in files.items()],
            "",
            "| cost per recorded event on the request path | p50 ms | p95 ms |",
            "|---|---:|---:|",
            f"| `observe.record` (after commit, buffered) | {b['p50']:.3f} | {b['p95']:.3f} |",
            f"| baseline: one INSERT and commit per event | {d['p50']:.3f} | {d['p95']:.3f} |",
        ])
        print(text)
        common.write_result("observatory", text)
    finally:
        shutil.rmtree(instance, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
