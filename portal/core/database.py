"""Engine settings: a cheap liveness check for pooled PostgreSQL
connections, and what makes SQLite behave for a multi-threaded server.

PostgreSQL: a pooled connection the server has closed (a restart, an admin
ending it, an idle timeout) is found at checkout and replaced, as
``pool_pre_ping`` would, but without its round trip (one per chat message):
an idle connection has nothing to read, so a socket that polls readable (the
server's goodbye, or end of file) means it is gone — SQLAlchemy's documented
"pessimistic" check raising ``DisconnectionError`` from a checkout listener.

SQLite:

- foreign keys on (SQLite leaves them off by default);
- WAL journal and a busy timeout, so readers do not block the writer and a
  second writer waits instead of failing at once;
- the driver's own transaction handling off and an explicit BEGIN instead:
  pysqlite otherwise defers BEGIN in ways that break SAVEPOINT;
- ``BEGIN IMMEDIATE`` for every unit of work that may write (a POST, a
  Socket.IO event, a task, a CLI command): it takes the write lock first, so
  a check-then-write cannot race and a busy database makes the writer wait
  (busy_timeout) instead of failing when a read transaction tries to become a
  write one. Page views (GET) keep a plain BEGIN so readers run side by side.

Under gevent (``flask portal serve``) every greenlet shares one thread, so
nothing may wait on that thread:

- SQLite's busy handler waits by sleeping the thread: a writer waiting for
  the lock would freeze the very greenlet holding it. There the busy timeout
  is 0 and ``BEGIN IMMEDIATE`` is retried with gevent's sleep until the same
  deadline, so the holder runs meanwhile.
- A commit that crosses ``wal_autocheckpoint`` copies the WAL into the
  database and fsyncs it (0.05–0.3 s on a busy disk), every greenlet waiting.
  There automatic checkpoints are off and a checkpoint runs every second in
  gevent's pool of real threads (see ``_checkpoint_every_second``), so
  commits only append to the WAL.
"""

import functools
import logging
import select
import sqlite3
import time

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.pool import Pool

from portal.config import gevent_patched

BUSY_TIMEOUT_S = 10
CHECKPOINT_EVERY_S = 1
RESTART_AFTER_FRAMES = 4000  # 16 MB of WAL (SQLite's own autocheckpoint: 1000)
RESTART_WAIT_S = 0.05
log = logging.getLogger(__name__)


@functools.cache
def _system_poll():
    """The system's poll (looked up once: checkout is on every event's path);
    gevent's stand-in would build watchers and a timeout for a zero-timeout look."""
    if gevent_patched():
        from gevent.monkey import get_original

        return get_original("select", "poll")
    return select.poll


@event.listens_for(Pool, "checkout")
def _postgres_still_there(dbapi_connection, connection_record, connection_proxy):
    pgconn = getattr(dbapi_connection, "pgconn", None)  # psycopg 3 only
    if pgconn is None:
        return
    if dbapi_connection.closed:
        raise DisconnectionError("connection closed")
    poll = _system_poll()()
    poll.register(pgconn.socket, select.POLLIN | select.POLLERR | select.POLLHUP)
    if poll.poll(0):
        raise DisconnectionError("the server closed the connection")


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={0 if gevent_patched() else BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    if gevent_patched():
        cursor.execute("PRAGMA wal_autocheckpoint=0")
        path = cursor.execute("PRAGMA database_list").fetchone()[2]
        if path and path not in _checkpointers:
            import gevent
            import gevent.event

            global _writers_may_begin
            if _writers_may_begin is None:
                _writers_may_begin = gevent.event.Event()
                _writers_may_begin.set()
            _checkpointers[path] = gevent.spawn(_checkpoint_every_second, path)
    cursor.close()


#: Database file → the greenlet checkpointing it (gevent only).
_checkpointers: dict = {}
#: Closed while a RESTART checkpoint runs: writers of this process wait for
#: it (cooperatively) before BEGIN IMMEDIATE (gevent only).
_writers_may_begin = None


def _checkpoint_every_second(path: str) -> None:
    """Every second a PASSIVE checkpoint in a real thread (it copies and
    syncs while the greenlets go on). Under steady writes it never catches up
    with the frames added meanwhile, so the WAL would grow for ever: past
    ``RESTART_AFTER_FRAMES``, the writers of this process hold off while a
    RESTART copies the few frames left and syncs (milliseconds on a quiet
    disk); the next writer then starts the WAL from the top."""
    import gevent

    threadpool = gevent.get_hub().threadpool
    while True:
        gevent.sleep(CHECKPOINT_EVERY_S)
        try:
            if threadpool.apply(_checkpoint, (path, "PASSIVE")) >= RESTART_AFTER_FRAMES:
                _writers_may_begin.clear()
                try:
                    threadpool.apply(_checkpoint, (path, "RESTART"))
                finally:
                    _writers_may_begin.set()
        except Exception:  # a disk error: the next commit will say so; keep trying
            log.warning("SQLite checkpoint of %s failed", path, exc_info=True)


def _checkpoint(path: str, mode: str) -> int:
    """In a real thread (sqlite3 lets go of the GIL while it copies and
    syncs); the frames in the WAL. A writer of another process is waited
    for at most ``RESTART_WAIT_S``, then the checkpoint does what it can."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=RESTART_WAIT_S,
                                 check_same_thread=False)
    try:
        return connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()[1]
    finally:
        connection.close()


def _may_write() -> bool:
    if not has_request_context():
        return True  # a task, a CLI command
    if getattr(request, "event", None) is not None:
        return True  # a Socket.IO event (its environ is the handshake's GET)
    return request.method not in ("GET", "HEAD", "OPTIONS")


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn):
    if conn.dialect.name != "sqlite":
        return
    if not _may_write():
        conn.exec_driver_sql("BEGIN")
        return
    if gevent_patched():
        _wait_for_write_lock(conn)
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _wait_for_write_lock(conn) -> None:
    """BEGIN IMMEDIATE, retried with a cooperative sleep while another
    connection writes; past the deadline, one last try raises as usual."""
    deadline, delay = time.monotonic() + BUSY_TIMEOUT_S, 0.001
    if _writers_may_begin is not None:
        _writers_may_begin.wait(BUSY_TIMEOUT_S)
    while time.monotonic() + delay < deadline:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not isinstance(exc.orig, sqlite3.OperationalError) or not (
                    "locked" in str(exc.orig) or "busy" in str(exc.orig)):
                raise
        time.sleep(delay)  # gevent's sleep: the other greenlets run meanwhile
        delay = min(delay * 2, 0.05)
    conn.exec_driver_sql("BEGIN IMMEDIATE")
