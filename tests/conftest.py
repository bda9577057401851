"""Fixtures in the spirit of Indico's and Flaskr's.

- ``app``: one app per database backend (SQLite always; PostgreSQL when
  ``TEST_DATABASE_URL`` is set), schema made by the real Alembic migrations.
- ``database``: every test runs inside a transaction rolled back afterwards;
  the code under test still commits (into a savepoint).
- under pytest-xdist, each worker its own PostgreSQL database and Redis db
  (``tests.support.isolate_worker_services``).
- ``smtp_server`` / ``mailbox``: a real SMTP server (aiosmtpd) on loopback
  that the app sends to.
"""

from __future__ import annotations

import contextvars
import email
import email.policy
import os
import threading

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from flask_migrate import upgrade

from portal import create_app
from portal.core.commit import commit
from portal.extensions import db, limiter, socketio
from tests.support import free_port, isolate_worker_services, require, submit

# Under pytest-xdist (make test runs two workers) each worker gets its own
# PostgreSQL database and Redis db, so that resetting a schema or flushing a
# queue in one worker never pulls the ground from under the other.
isolate_worker_services()

#: Fixtures that start portal processes (servers, nodes): such tests are
#: marked ``processes`` and left out of ``make test-fast``.
PROCESS_FIXTURES = frozenset({"chat_server", "chat_client", "server", "two_nodes"})
#: Modules that start processes without those fixtures.
PROCESS_MODULES = ("test_sigkill.py", "test_gevent_sqlite.py", "test_green_psycopg.py",
                   "test_scale_out.py", "test_scale_out_chat.py")
REDIS_MODULES = ("test_scale_out.py", "test_scale_out_chat.py")


def pytest_collection_modifyitems(config, items):
    """The markers ``make test-fast`` selects on, applied from what a test
    uses: its database variant (``postgres``), the processes it starts
    (``processes``), Redis (``redis``); ``browser`` is set by tests/browser."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "postgresql" in callspec.params.values():
            item.add_marker(pytest.mark.postgres)
        module = item.path.name
        if PROCESS_FIXTURES & set(item.fixturenames) or module in PROCESS_MODULES:
            item.add_marker(pytest.mark.processes)
        if module in REDIS_MODULES:
            item.add_marker(pytest.mark.redis)


class _Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self):
        with self._lock:
            self.messages.clear()


@pytest.fixture(autouse=True)
def _socketio_server_kept():
    """Flask-SocketIO keeps one server for the process, replaced by every
    create_app(): a test that builds its own app (with Redis, say) must not
    leave the next tests' socket clients talking to that one."""
    before = getattr(socketio, "server", None)
    yield
    if before is not None:
        socketio.server = before


@pytest.fixture(scope="session")
def smtp_server():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = inbox
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    """The messages the real SMTP server received during this test."""
    smtp_server.inbox.clear()
    return smtp_server.inbox.messages


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def app(request, tmp_path_factory, smtp_server):
    instance = tmp_path_factory.mktemp(f"instance-{request.param}")
    if request.param == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        require(bool(url), "TEST_DATABASE_URL is not set: the PostgreSQL variant is skipped")
        _reset_postgres(url)
    else:
        url = f"sqlite:///{instance / 'test.db'}"
    app = create_app({
        "INSTANCE_DIR": str(instance),
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server.port,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "REDIS_URL": None,
        # Observatory events written at once, in the test's transaction.
        "OBSERVE_FLUSH_SECONDS": 0,
    })
    with app.app_context():
        upgrade(revision="heads")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def notifications_daytime(monkeypatch):
    """The notification pipeline decides quiet hours from its clock: at 21:00
    or on a Sunday a forum or chat e-mail waits for 08:00. Tests that are not
    about that see a weekday's 10:00 in Paris; tests about it pass ``now``."""
    from datetime import UTC, datetime

    from portal.notifications import pipeline

    monkeypatch.setattr(pipeline, "utcnow", lambda: datetime(2026, 12, 7, 9, 0, tzinfo=UTC))


@pytest.fixture
def database(app):
    """A transaction around the test, rolled back at the end.

    Flask-SQLAlchemy picks the bind from ``db.engines``, so the engine is
    swapped for one connection in a transaction; every session of the test
    (its own and each request's) joins it through a savepoint.
    """
    with app.app_context():
        engines = db.engines
        originals = dict(engines)
        connection = originals[None].connect()
        transaction = connection.begin()
        engines[None] = connection
        original_session = db.session
        db.session = db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        try:
            yield db
        finally:
            db.session.remove()
            db.session = original_session
            engines.update(originals)
            if transaction.is_active:
                transaction.rollback()
            connection.close()
    limiter.reset()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (so its own ``g`` and database
    session), as on a real server, even though the test holds one open."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app, database):
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def socketio_client(app, client):
    def connect(namespace=None):
        return socketio.test_client(app, namespace=namespace, flask_test_client=client)

    return connect


@pytest.fixture
def create_user(database):
    """``create_user(role="professional", pseudonym=…)`` → a committed user."""
    from portal.accounts.operations import create_staff_user

    counter = iter(range(1, 10_000))

    def factory(role="young", pseudonym=None, email=None, password="un mot de passe", **fields):
        n = next(counter)
        user = create_staff_user(pseudonym=pseudonym or f"{role}-{n}", email=email,
                                 role=role, password=password)
        for key, value in fields.items():
            setattr(user, key, value)
        database.session.flush()
        return user

    return factory


@pytest.fixture
def dummy_user(create_user):
    return create_user(pseudonym="dummy", email="dummy@example.org")


@pytest.fixture
def login(client):
    def do_login(user_or_login, password="un mot de passe"):
        login_name = getattr(user_or_login, "pseudonym", user_or_login)
        return submit(client, "/account/login", {"login": login_name, "password": password})

    return do_login


@pytest.fixture
def create_structure(database, fresh_index):
    """``create_structure(name, commune=…, **fields)`` → a committed structure
    (tests/factories.py); the index starts from this test's database."""
    from tests.factories import new_structure

    def factory(name=None, commune="59512", **fields):  # Roubaix
        structure = new_structure(name, commune=commune, **fields)
        database.session.add(structure)
        commit()
        return structure

    return factory


@pytest.fixture
def create_person(database):
    from tests.factories import new_person

    def factory(structure, email="camille@example.org", **fields):
        person = new_person(structure, email=email, **fields)
        database.session.add(person)
        commit()
        return person

    return factory


@pytest.fixture
def create_service(database):
    from tests.factories import new_service

    def factory(structure, **fields):
        service = new_service(structure, **fields)
        database.session.add(service)
        commit()
        return service

    return factory


@pytest.fixture
def fresh_index(app, database):
    """The search index rebuilt from this test's (rolled-back) database: an
    index left by an earlier test must not leak its entries, or its outbox
    checkpoint, into this one."""
    from search_index import indexer

    indexer.rebuild()
    return indexer
