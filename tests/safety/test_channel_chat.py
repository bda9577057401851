"""The live chat through portal.safety, through the real socket events: a
young person's distress flags the conversation urgent, shows them the numbers
and alerts the professionals online (the queue of those who may take it, the
one assigned once it is under way); a message with contact details is neither
urgent nor held (it goes to the professional only); professionals' own words
are never screened for distress."""

from __future__ import annotations

from portal.chat.models import Conversation
from tests.chat.test_rules import _pro_socket, call

DISTRESS = "jveux mourir, jen peux plus"  # caught by today's engine and the new one
HANDLE = "ajoute moi sur snap c lea.59 ou appelle moi au 06 39 98 12 45"


def received(sock, name: str | None = None):
    """The events this socket received since last asked (all of them, by name)."""
    events = {}
    for e in sock.client.get_received("/chat"):
        args = e["args"]
        events.setdefault(e["name"], []).append(args[0] if isinstance(args, list) else args)
    return events.get(name, []) if name else events


def test_distress_in_a_waiting_conversation_alerts_the_queue_and_shows_the_numbers(
        chat_socket, create_user, login, database):
    visitor = chat_socket()
    _, pro = _pro_socket(chat_socket, create_user, login)
    conv = call(visitor, "start", {"theme": "emploi", "message": "Bonjour"})
    received(pro, "queue_update")  # the new conversation, not yet urgent
    ack = call(visitor, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "d1",
                                 "body": DISTRESS})
    # The young person sees the numbers for what they wrote, suicide first, 17 and 112 last.
    shown = [n["number"] for n in ack["help"]]
    assert shown[0] == "3114" and shown[-2:] == ["17", "112"]
    assert all(n["tel"] == f"tel:{n['number']}" for n in ack["help"])
    # The professional online is alerted: the queue item is now urgent, and first.
    updates = received(pro, "queue_update")
    assert [u["urgent"] for u in updates if u["conversation_id"] == conv["conversation_id"]] == [True]
    assert call(pro, "queue")["queue"][0]["conversation_id"] == conv["conversation_id"]
    assert database.session.get(Conversation, conv["conversation_id"], populate_existing=True).urgent
    # Resuming, the young person is shown the numbers again.
    assert call(visitor, "resume", {"resume_token": conv["resume_token"]})["help"]


def test_distress_in_a_conversation_under_way_alerts_the_professional_assigned(
        chat_socket, create_user, login, database):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "emploi", "message": "Bonjour"})
    conv_id = conv["conversation_id"]
    _, pro = _pro_socket(chat_socket, create_user, login)
    assert call(pro, "take", {"conversation_id": conv_id})["ok"]
    received(pro, "status")
    ack = call(visitor, "send", {"conversation_id": conv_id, "client_msg_id": "d1", "body": DISTRESS})
    assert ack["help"][0]["number"] == "3114"
    got = received(pro)
    assert [s["urgent"] for s in got["status"] if s["conversation_id"] == conv_id] == [True]
    assert [m["body"] for m in got["message"]] == [DISTRESS]
    # Once urgent, the next message alerts nobody again.
    call(visitor, "send", {"conversation_id": conv_id, "client_msg_id": "d2", "body": DISTRESS})
    assert received(pro, "status") == []


def test_contact_details_go_to_the_professional_without_alarm(chat_socket, create_user, login, database):
    visitor = chat_socket()
    _, pro = _pro_socket(chat_socket, create_user, login)
    conv = call(visitor, "start", {"theme": "emploi", "message": "Bonjour"})
    received(pro, "queue_update")
    ack = call(visitor, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "h1",
                                 "body": HANDLE})
    assert ack["ok"] and "help" not in ack
    assert received(pro, "queue_update") == []
    assert not database.session.get(Conversation, conv["conversation_id"], populate_existing=True).urgent


def test_a_professionals_words_are_not_screened_for_distress(chat_socket, create_user, login, database):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "emploi", "message": "Bonjour"})
    _, pro = _pro_socket(chat_socket, create_user, login)
    assert call(pro, "take", {"conversation_id": conv["conversation_id"]})["ok"]
    ack = call(pro, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "p1",
                             "body": "Quand tu dis que tu veux mourir, tu peux appeler le 3114."})
    assert ack["ok"] and "help" not in ack
    assert not database.session.get(Conversation, conv["conversation_id"], populate_existing=True).urgent


def test_the_first_message_of_start_is_screened_the_same_way(chat_socket, create_user, login, database):
    visitor = chat_socket()
    _, pro = _pro_socket(chat_socket, create_user, login)
    conv = call(visitor, "start", {"theme": "emploi", "message": DISTRESS})
    assert conv["urgent"] is True and conv["help"][0]["number"] == "3114"  # for what was written
    assert [n["number"] for n in conv["help"]][-2:] == ["17", "112"]
    assert [u["urgent"] for u in received(pro, "queue_update")][-1] is True
