"""Safety tests: the screening is pure computation (one portal without a
database is enough; labels are translated in a request context, as in a
page), and the channel tests borrow the channels' own fixtures (forum:
signed-in clients, people, a category; chat: in-process sockets; the guide's
structures and persons; a bookable professional; the information base)."""

from __future__ import annotations

import pytest

from portal import create_app
from tests.booking.conftest import professional  # noqa: F401
from tests.chat.conftest import chat_socket  # noqa: F401
from tests.forum.conftest import category, client_for, people  # noqa: F401
from tests.knowledge.conftest import all_articles, all_sheets  # noqa: F401


@pytest.fixture(scope="module")
def request_context(tmp_path_factory):
    instance = tmp_path_factory.mktemp("safety-instance")
    app = create_app({"INSTANCE_DIR": str(instance), "SECRET_KEY": "test-secret",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'unused.db'}",
                      "REDIS_URL": None})
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield app
