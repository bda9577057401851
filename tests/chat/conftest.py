"""Chat fixtures: a running portal (``flask portal serve``, as ``make run``
does) per database backend, professionals' accounts on it, and real
python-socketio clients."""

from __future__ import annotations

import contextvars
import os
import re
import subprocess
import threading

import pytest
import requests
import socketio
import sqlalchemy as sa

from tests.support import (
    FLASK,
    flask_env,
    free_port,
    require,
    run_flask,
    start_process,
    stop_process,
    wait_until_serving,
)

PASSWORD = "un mot de passe"
SCRATCH_DATABASE = "passerelle_chat_protocol"


def fresh_postgres(url: str, name: str) -> str:
    server = sa.engine.make_url(url)
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def create_professional(env: dict, pseudonym: str) -> None:
    run_flask(env, "portal", "create-user", "--pseudonym", pseudonym, "--role", "professional",
              "--password", PASSWORD)


def signed_in_session(base: str, pseudonym: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/account/login", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = session.post(f"{base}/account/login", allow_redirects=False, timeout=10,
                            data={"csrf_token": token, "login": pseudonym, "password": PASSWORD})
    assert response.status_code == 302, response.text[:500]
    return session


def login_cookie(base: str, pseudonym: str) -> str:
    session = signed_in_session(base, pseudonym)
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def disable_account(admin: requests.Session, base: str, pseudonym: str) -> None:
    """What an administrator does on the users' page: find them, disable them."""
    page = admin.get(f"{base}/admin/users", params={"q": pseudonym}, timeout=10).text
    user_id = re.search(r'/admin/users/(\d+)/active', page).group(1)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = admin.post(f"{base}/admin/users/{user_id}/active", data={"csrf_token": token},
                          allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:300]


class ChatClient:
    """A python-socketio client on ``/chat`` that records what it receives."""

    def __init__(self, base: str, cookie: str | None = None):
        self.sio = socketio.Client(reconnection=False)
        self.events: list[tuple[str, dict]] = []
        self.changed = threading.Condition()
        for name in ("message", "status", "typing", "read", "queue_update", "queue_remove", "note"):
            self.sio.on(name, self._recorder(name), namespace="/chat")
        self.sio.connect(base, namespaces=["/chat"], transports=["websocket"],
                         headers={"Cookie": cookie} if cookie else {}, wait_timeout=10)

    def _recorder(self, name):
        def record(data):
            with self.changed:
                self.events.append((name, data))
                self.changed.notify_all()
        return record

    def call(self, event: str, data: dict | None = None) -> dict:
        return self.sio.call(event, data or {}, namespace="/chat", timeout=15)

    def wait_for(self, predicate, timeout: float = 10):
        with self.changed:
            assert self.changed.wait_for(lambda: any(predicate(n, d) for n, d in self.events),
                                         timeout), f"not received; got {self.events}"
        return next(d for n, d in self.events if predicate(n, d))

    def received(self, name: str) -> list[dict]:
        return [d for n, d in self.events if n == name]

    def close(self):
        self.sio.disconnect()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def chat_server(request, tmp_path_factory):
    """A portal served by ``flask portal serve`` with two professionals."""
    instance = tmp_path_factory.mktemp(f"chat-{request.param}")
    env = prepared_instance(request.param, instance, SCRATCH_DATABASE, "chat-protocol-tests",
                            professionals=("pro-a", "pro-b"))
    run_flask(env, "portal", "create-user", "--pseudonym", "admin-a", "--role", "admin",
              "--password", PASSWORD)
    port = free_port()
    process = serve(env, port, instance / "server.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


def prepared_instance(backend: str, instance, scratch_database: str, secret: str,
                      professionals=()) -> dict:
    """The environment of a migrated portal without demo, on SQLite in
    ``instance`` or on a fresh PostgreSQL database, with these professionals."""
    extra = {}
    if backend == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        require(bool(url), "TEST_DATABASE_URL is not set: the PostgreSQL variant is skipped")
        extra["PORTAL_DATABASE_URL"] = fresh_postgres(url, scratch_database)
    env = flask_env(instance, PORTAL_SECRET_KEY=secret, **extra)
    run_flask(env, "portal", "setup", "--no-demo")
    for pseudonym in professionals:
        create_professional(env, pseudonym)
    return env


def serve(env: dict, port: int, log) -> subprocess.Popen:
    """``flask portal serve`` on ``port``, once it answers. (gevent: the
    command loads the app, then starts again patched and loads it a second
    time, portal/core/serving.py.)"""
    process = start_process([FLASK, "portal", "serve", "--port", str(port), "--no-worker"], env,
                            log)
    wait_until_serving(f"http://127.0.0.1:{port}", process)
    return process


@pytest.fixture
def chat_client(chat_server):
    clients = []

    def connect(pseudonym: str | None = None) -> ChatClient:
        cookie = login_cookie(chat_server, pseudonym) if pseudonym else None
        clients.append(ChatClient(chat_server, cookie))
        return clients[-1]

    yield connect
    # Each disconnect waits on its reader thread: close them side by side.
    closers = [threading.Thread(target=c.close) for c in clients]
    for t in closers:
        t.start()
    for t in closers:
        t.join()


class InProcessSocket:
    """Flask-SocketIO's test client, each event in a fresh context.

    The ``database`` fixture keeps an app context open for the test; without
    this, every event would share its ``g`` (and Flask-Login's cached user),
    which a real server never does — as ``FreshContextClient`` does for HTTP.
    """

    def __init__(self, socketio_client):
        self.client = contextvars.Context().run(socketio_client, "/chat")

    def call(self, event: str, data=None):
        return contextvars.Context().run(self.client.emit, event, data if data is not None else {},
                                         namespace="/chat", callback=True)


@pytest.fixture
def chat_socket(socketio_client):
    return lambda: InProcessSocket(socketio_client)
