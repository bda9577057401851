"""Engine settings that make SQLite behave for a multi-threaded server.

- foreign keys on (SQLite leaves them off by default);
- WAL journal and a busy timeout, so readers do not block the writer and a
  second writer waits instead of failing at once;
- the driver's own transaction handling off and an explicit BEGIN instead:
  pysqlite otherwise defers BEGIN in ways that break SAVEPOINT and lets a
  check-then-write race.
"""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
