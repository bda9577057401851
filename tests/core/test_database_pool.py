"""Pooled PostgreSQL connections: one the server has closed is replaced at
checkout (a restart must not cost anyone an error), a live one is kept
(checking must not cost a round trip, nor a new connection)."""

from __future__ import annotations

import os
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

import portal.core.database  # noqa: F401  (the checkout check is registered on import)
from tests.support import require

BACKEND_PID = sa.text("SELECT pg_backend_pid()")


@pytest.fixture
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    require(bool(url), "TEST_DATABASE_URL is not set: the PostgreSQL pool test is skipped")
    return url


@pytest.fixture
def pooled(postgres_url):
    engine = sa.create_engine(postgres_url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(BACKEND_PID).scalar_one()


def test_a_live_connection_is_kept(pooled):
    assert backend_pid(pooled) == backend_pid(pooled)


def test_a_connection_the_server_closed_is_replaced_without_an_error(pooled, postgres_url):
    first = backend_pid(pooled)
    admin = sa.create_engine(postgres_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first}).scalar_one()
        deadline = time.monotonic() + 10
        while conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                           {"pid": first}).scalar_one() and time.monotonic() < deadline:
            time.sleep(0.05)
    admin.dispose()

    second = backend_pid(pooled)  # the pooled connection is dead: no error, a new one

    assert second != first
    assert backend_pid(pooled) == second
