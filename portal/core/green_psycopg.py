"""psycopg waiting on gevent's event loop directly (a gevent server only).

Under gevent's monkey-patching psycopg picks ``wait_poll``: each wait for
PostgreSQL's answer builds a ``select.poll`` object, which gevent emulates
with new watchers, a timeout and a result object, and wakes every 0.1 s to
check for Ctrl-C. Waiting on one io watcher per round trip, as gevent's own
sockets do, took about a tenth off the server's CPU per chat message at 300
messages/s (2.83 → 2.57 ms; bench/chat.py, docs/PERFORMANCE.md).
psycogreen does the same for psycopg 2; psycopg 3 has no such hook, so
``psycopg.waiting.wait`` (what every query waits with) is replaced;
connecting keeps psycopg's own wait.
"""

from __future__ import annotations

from gevent.socket import wait_read, wait_readwrite, wait_write
from psycopg import waiting
from psycopg.waiting import Ready, Wait

_WAIT = {Wait.R: (wait_read, Ready.R), Wait.W: (wait_write, Ready.W),
         # Which of the two is ready is not known: psycopg's generators
         # accept both (a read with nothing to read, a flush that sends
         # nothing, and they ask again).
         Wait.RW: (wait_readwrite, Ready.RW)}


def wait_gevent(gen, fileno: int, interval: float | None = 0.0, timeout: float | None = None):
    """``psycopg.waiting.wait``'s contract: run the generator, waiting on
    ``fileno`` whenever it asks; ``timeout`` in seconds for the whole of it."""
    if timeout is not None:
        return _psycopg_wait(gen, fileno, interval=interval, timeout=timeout)
    try:
        wait_for = next(gen)
        while True:
            wait, ready = _WAIT[wait_for]
            wait(fileno)
            wait_for = gen.send(ready)
    except StopIteration as stop:
        return stop.value


_psycopg_wait = waiting.wait


def use_gevent_waits() -> None:
    """Make psycopg wait through gevent's loop (idempotent)."""
    if waiting.wait is not wait_gevent:
        waiting.wait = wait_gevent

