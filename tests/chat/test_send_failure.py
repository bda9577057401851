"""A message whose sender saw an error reaches the professional once, after
the retry, on both databases (chat/posting.py, rule 3).

No surrounding test transaction here: each event commits for real, as on a
server, so PostgreSQL's ``send`` statement commits by itself (the measured
fast path, chat/sending.py) while SQLite's steps wait for the event's commit.
An error after the store then leaves the message stored on PostgreSQL (its
emits dropped with the rolled-back event) and unstored on SQLite; either way
the sender retries with the same ``client_msg_id``, and the professional must
get the message exactly once.
"""

from __future__ import annotations

import contextvars
import uuid

import pytest
import sqlalchemy as sa

from portal.accounts.operations import create_staff_user
from portal.chat.models import Conversation, Message
from portal.core.commit import commit
from portal.extensions import db, limiter, socketio
from tests.conftest import FreshContextClient
from tests.support import submit

NS = "/chat"


class _Socket:
    def __init__(self, app, http):
        self.client = contextvars.Context().run(
            socketio.test_client, app, namespace=NS, flask_test_client=http)

    def call(self, event, data=None):
        return contextvars.Context().run(self.client.emit, event, data or {}, namespace=NS,
                                         callback=True)

    def messages(self) -> list[dict]:
        events = [e["args"] for e in self.client.get_received(NS) if e["name"] == "message"]
        return [args[0] if isinstance(args, list) else args for args in events]


@pytest.fixture
def committing(app):
    """The app with real commits; the rows this test made are removed after."""
    app.test_client_class = FreshContextClient
    made: dict[str, list] = {"users": [], "conversations": []}
    with app.app_context():
        yield made
        db.session.rollback()
        ids = made["conversations"]
        if ids:
            db.session.execute(sa.delete(Message).where(Message.conversation_id.in_(ids)))
            db.session.execute(sa.delete(Conversation).where(Conversation.id.in_(ids)))
        for user_id in made["users"]:
            for table in db.metadata.sorted_tables:
                if table.name.startswith(("account_", "chat_")) and "user_id" in table.c:
                    db.session.execute(sa.delete(table).where(table.c.user_id == user_id))
            db.session.execute(sa.text("DELETE FROM users WHERE id = :id"), {"id": user_id})
        db.session.commit()
    limiter.reset()


def test_a_send_that_failed_after_the_store_reaches_the_professional_once_after_the_retry(
        app, committing, monkeypatch):
    with app.app_context():
        pro_user = create_staff_user(pseudonym=f"pro-{uuid.uuid4().hex[:8]}", email=None,
                                     role="professional", password="un mot de passe")
        commit()
        committing["users"].append(pro_user.id)
        pseudonym = pro_user.pseudonym
    pro_http = app.test_client()
    assert submit(pro_http, "/account/login",
                  {"login": pseudonym, "password": "un mot de passe"}).status_code == 302
    pro = _Socket(app, pro_http)
    assert pro.call("presence", {"online": True})["ok"]
    visitor = _Socket(app, app.test_client())
    conv = visitor.call("start", {"theme": "logement"})
    committing["conversations"].append(conv["conversation_id"])
    assert pro.call("take", {"conversation_id": conv["conversation_id"]})["ok"]
    pro.messages()  # what came before the test's message

    # The event fails after the message was stored (here: choosing the help
    # numbers to answer with, the next step of ``send``), as any later error would.
    import portal.chat.sockets as chat_sockets
    real = chat_sockets.presenting.distress_numbers
    failures = iter([True])

    def fails_once(screening, *args, **kwargs):
        if next(failures, False):
            raise RuntimeError("an error after the store")
        return real(screening, *args, **kwargs)

    monkeypatch.setattr(chat_sockets.presenting, "distress_numbers", fails_once)
    sent = {"conversation_id": conv["conversation_id"], "client_msg_id": "c-1",
            "body": "J'ai besoin d'un logement"}
    first = visitor.call("send", sent)
    assert first["ok"] is False and first["error"] == "server_error"  # the sender saw an error
    assert pro.messages() == []  # nothing announced for an event that failed
    retried = visitor.call("send", sent)
    assert retried["ok"], retried
    received = [m for m in pro.messages() if m["id"] == retried["id"]]
    assert len(received) == 1, received
    assert received[0]["body"] == "J'ai besoin d'un logement"
    with app.app_context():
        stored = db.session.scalars(sa.select(Message).where(
            Message.conversation_id == conv["conversation_id"],
            Message.client_msg_id == "c-1")).all()
        assert [m.id for m in stored] == [retried["id"]]
