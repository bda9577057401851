"""Authorisation of every event (in process, through Flask-SocketIO's test
client): a socket acts only on conversations it started, resumed or —
for a professional — took."""

from __future__ import annotations

import pytest

from portal.chat.models import Conversation, Status

NS = "/chat"

VISITOR_EVENTS = ["send", "typing", "read", "close", "rate", "contact"]
PRO_EVENTS = ["console", "presence", "queue", "take", "open", "note", "transfer", "block",
              "colleagues", "canned_save", "canned_delete"]


def _payload(event, conv_id):
    return {"conversation_id": conv_id, "client_msg_id": "x1", "body": "Intrusion",
            "typing": True, "up_to_id": 1, "rating": 1, "email": "a@example.org",
            "online": True, "id": 1, "title": "t", "note": "n", "to_user_id": 1}


def call(client, event, data=None):
    return client.call(event, data)


@pytest.fixture
def conversation(chat_socket):
    owner = chat_socket()
    ack = call(owner, "start", {"theme": "logement", "message": "Bonjour"})
    assert ack["ok"]
    return owner, ack


@pytest.mark.parametrize("event", VISITOR_EVENTS + PRO_EVENTS)
def test_an_anonymous_socket_that_did_not_start_it_is_refused(event, conversation, chat_socket,
                                                              database):
    _, conv = conversation
    stranger = chat_socket()
    ack = call(stranger, event, _payload(event, conv["conversation_id"]))
    assert ack["ok"] is False and ack["error"] in ("forbidden", "invalid"), (event, ack)
    stored = database.session.get(Conversation, conv["conversation_id"])
    database.session.refresh(stored)
    assert stored.status == Status.WAITING and stored.visitor_email is None


@pytest.mark.parametrize("event", VISITOR_EVENTS + ["open", "note", "transfer", "block"])
def test_a_professional_who_did_not_take_it_is_refused(event, conversation, chat_socket,
                                                       create_user, login, database):
    _, conv = conversation
    pro = create_user(role="professional")
    assert login(pro).status_code == 302
    ack = call(chat_socket(), event, _payload(event, conv["conversation_id"]))
    assert ack["ok"] is False and ack["error"] in ("forbidden", "invalid"), (event, ack)


def test_a_young_person_account_is_no_professional(conversation, chat_socket, create_user, login):
    _, conv = conversation
    assert login(create_user(role="young")).status_code == 302
    client = chat_socket()
    for event in PRO_EVENTS:
        assert call(client, event, _payload(event, conv["conversation_id"]))["ok"] is False, event


def test_the_visitor_cannot_use_professional_events_on_their_own_conversation(conversation):
    owner, conv = conversation
    for event in ("take", "note", "transfer", "block", "open"):
        ack = call(owner, event, {"conversation_id": conv["conversation_id"], "body": "x", "to_user_id": 1})
        assert ack["ok"] is False, event


def test_malformed_payloads_are_refused(conversation):
    owner, conv = conversation
    for data in (None, [], "x", {"conversation_id": "1", "client_msg_id": "a", "body": "b"},
                 {"conversation_id": conv["conversation_id"], "body": "b"}):
        assert call(owner, "send", data)["error"] in ("invalid", "forbidden")
    assert call(owner, "start", {"theme": "not-a-theme"})["error"] == "invalid"


def test_pages_of_professionals_are_closed_to_others(client, create_user, login):
    assert client.get("/chat/console").status_code == 302
    login(create_user(role="young"))
    assert client.get("/chat/console").status_code == 403
    assert client.get("/chat/console/history").status_code == 403
    assert client.get("/chat/settings").status_code == 403
