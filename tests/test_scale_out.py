"""Two app processes (gunicorn, as in production) sharing PostgreSQL and
Redis both serve pages; a session and the login throttle are shared."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from tests.support import (
    flask_env,
    free_port,
    require,
    run_flask,
    start_process,
    stop_process,
    wait_until_serving,
)

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DATABASE = "passerelle_scale_out"


def _fresh_database(url: str) -> str:
    server = sa.engine.make_url(url)
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        conn.execute(sa.text(f"CREATE DATABASE {DATABASE}"))
    engine.dispose()
    return server.set(database=DATABASE).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def two_nodes(tmp_path_factory):
    database_url, redis_url = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")
    require(bool(database_url and redis_url),
            "TEST_DATABASE_URL and TEST_REDIS_URL are needed for the multi-process test")
    url = _fresh_database(database_url)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    nodes, processes = [], []
    for name in ("a", "b"):
        # Separate instance folders: the nodes share nothing but PostgreSQL and Redis.
        instance = tmp_path_factory.mktemp(f"node-{name}")
        env = flask_env(instance, PORTAL_DATABASE_URL=url, PORTAL_REDIS_URL=redis_url,
                        PORTAL_SECRET_KEY="shared-by-the-nodes")
        if name == "a":
            run_flask(env, "portal", "setup")
        port = free_port()
        processes.append(start_process(  # as in production (README): one gevent worker
            [GUNICORN, "-k", "gevent", "-w", "1", "--worker-connections", "1000",
             "-b", f"127.0.0.1:{port}", "wsgi:app"], env, instance / "gunicorn.log"))
        nodes.append(f"http://127.0.0.1:{port}")
        wait_until_serving(nodes[-1], processes[-1])  # the port opens before the app is loaded
    yield nodes
    for process in processes:
        stop_process(process)


def _login(session: requests.Session, node: str, login: str, password: str):
    form = session.get(f"{node}/account/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    return session.post(f"{node}/account/login", allow_redirects=False,
                        data={"csrf_token": token, "login": login, "password": password})


def test_both_nodes_serve_pages(two_nodes):
    for node in two_nodes:
        assert requests.get(f"{node}/", timeout=10).status_code == 200
        assert requests.get(f"{node}/healthz", timeout=10).json() == {"status": "ok"}


def test_a_session_opened_on_one_node_works_on_the_other(two_nodes):
    a, b = two_nodes
    session = requests.Session()
    assert _login(session, a, "admin", "passerelle-demo").status_code == 302
    page = session.get(f"{b}/admin/", timeout=10)
    assert page.status_code == 200 and "Administration" in page.text


def test_login_failures_are_counted_across_nodes(two_nodes):
    a, b = two_nodes
    for _ in range(5):
        assert _login(requests.Session(), a, "moderation", "wrong").status_code == 200
    assert _login(requests.Session(), b, "moderation", "passerelle-demo").status_code == 429
