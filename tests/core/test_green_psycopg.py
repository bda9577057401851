"""psycopg waiting on gevent's loop (portal/core/green_psycopg.py), in a
process patched as ``flask portal serve`` patches it: while one greenlet
waits for PostgreSQL the others run, and every query still gets its answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.support import require

SCRIPT = textwrap.dedent("""
    from gevent import monkey
    monkey.patch_all()
    import json, sys, time
    import gevent, psycopg
    from psycopg import waiting
    from portal.core.green_psycopg import use_gevent_waits, wait_gevent

    use_gevent_waits()
    url = sys.argv[1]
    ticks = []

    def ticker():
        while True:
            ticks.append(time.monotonic())
            gevent.sleep(0.01)

    def query(n):
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT %s::int * 2 FROM pg_sleep(0.4)", (n,)).fetchone()[0]

    tick = gevent.spawn(ticker)
    started = time.monotonic()
    answers = [g.get() for g in [gevent.spawn(query, n) for n in (1, 2, 3)]]
    elapsed = time.monotonic() - started
    tick.kill()
    during = [t for t in ticks if started < t < started + elapsed]
    print(json.dumps({"answers": answers, "elapsed": elapsed, "ticks_while_waiting": len(during),
                      "installed": waiting.wait is wait_gevent}))
""")


def test_queries_wait_cooperatively_and_get_their_answers():
    url = os.environ.get("TEST_DATABASE_URL")
    require(bool(url), "TEST_DATABASE_URL is not set: the gevent + PostgreSQL test is skipped")
    plain_url = url.replace("postgresql+psycopg://", "postgresql://")
    done = subprocess.run([sys.executable, "-c", SCRIPT, plain_url], capture_output=True, text=True,
                          timeout=60, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["installed"]
    assert result["answers"] == [2, 4, 6]
    # Three 0.4 s queries side by side, not one after the other (1.2 s)…
    assert result["elapsed"] < 1.0
    # …and meanwhile the rest of the process went on (a tick every 10 ms).
    assert result["ticks_while_waiting"] >= 10
