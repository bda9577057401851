"""The /chat protocol against a running portal, with real python-socketio
clients, on SQLite and PostgreSQL (docs/CHAT_PROTOCOL.md)."""

from __future__ import annotations

import threading
import uuid


def _start(visitor, **fields):
    ack = visitor.call("start", {"theme": "logement", "commune": "Lille", **fields})
    assert ack["ok"], ack
    return ack


def _send(client, conv_id, body, cmid=None):
    return client.call("send", {"conversation_id": conv_id, "body": body,
                                "client_msg_id": cmid or uuid.uuid4().hex})


def test_a_message_is_stored_before_its_ack(chat_client):
    visitor = chat_client()
    conv = _start(visitor, message="Bonjour, je cherche un logement.", client_msg_id="first")
    assert conv["message"]["id"] and conv["status"] == "waiting"
    ack = _send(visitor, conv["conversation_id"], "Pour septembre.")
    assert ack["ok"] and ack["id"] > conv["message"]["id"]
    # Another socket, right after the ack, finds it stored.
    other = chat_client()
    resumed = other.call("resume", {"resume_token": conv["resume_token"]})
    assert [m["id"] for m in resumed["messages"]] == [conv["message"]["id"], ack["id"]]
    assert resumed["messages"][1]["body"] == "Pour septembre."


def test_the_same_client_msg_id_again_returns_the_same_id(chat_client):
    visitor = chat_client()
    conv = _start(visitor)
    first = _send(visitor, conv["conversation_id"], "Une fois", cmid="retry-1")
    again = _send(visitor, conv["conversation_id"], "Une fois", cmid="retry-1")
    assert first["ok"] and again["ok"] and again["id"] == first["id"] and again["duplicate"]
    # Retries racing each other from two sockets of the same conversation.
    second = chat_client()
    second.call("resume", {"resume_token": conv["resume_token"]})
    acks = []
    threads = [threading.Thread(target=lambda c=c: acks.append(_send(c, conv["conversation_id"], "Deux", "retry-2")))
               for c in (visitor, second, visitor)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({a["id"] for a in acks}) == 1 and all(a["ok"] for a in acks)
    bodies = [m["body"] for m in visitor.call("resume", {"resume_token": conv["resume_token"]})["messages"]]
    assert bodies == ["Une fois", "Deux"]


def test_resume_returns_every_message_after_the_last_seen_in_order(chat_client):
    visitor, pro = chat_client(), chat_client("pro-a")
    conv = _start(visitor)
    conv_id = conv["conversation_id"]
    assert pro.call("take", {"conversation_id": conv_id})["ok"]
    acked = []

    def talk(client, who):
        for i in range(15):
            ack = _send(client, conv_id, f"{who} {i}")
            assert ack["ok"], ack
            acked.append(ack["id"])

    threads = [threading.Thread(target=talk, args=(visitor, "v")), threading.Thread(target=talk, args=(pro, "p"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    full = visitor.call("resume", {"resume_token": conv["resume_token"]})["messages"]
    ids = [m["id"] for m in full]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert set(acked) <= set(ids)
    for cut in (0, ids[3], ids[len(ids) // 2], ids[-1]):
        after = chat_client().call("resume", {"resume_token": conv["resume_token"], "after_id": cut})
        assert [m["id"] for m in after["messages"]] == [i for i in ids if i > cut]
    # What the professional received live is the visitor's part, in id order.
    # The visitor's ack can come back before the professional's copy arrives:
    # wait for all fifteen (a lost one fails the wait).
    pro.wait_for(lambda n, d: n == "message" and d["author"] == "visitor" and d["body"] == "v 14")
    live = [m["id"] for m in pro.received("message") if m["author"] == "visitor"]
    assert live == sorted(live) and len(live) == 15


def test_posting_into_someone_elses_conversation_is_refused(chat_client):
    owner, stranger = chat_client(), chat_client()
    conv = _start(owner)
    _start(stranger)
    refused = _send(stranger, conv["conversation_id"], "Intrus")
    assert refused == {"ok": False, "error": "forbidden", "message": refused["message"]}
    # A professional who did not take it cannot post either, nor read it.
    pro_b = chat_client("pro-b")
    assert _send(pro_b, conv["conversation_id"], "Hello")["error"] == "forbidden"
    assert pro_b.call("open", {"conversation_id": conv["conversation_id"]})["error"] == "forbidden"
    assert stranger.call("resume", {"resume_token": "not-a-token-at-all"})["error"] == "not_found"
    messages = owner.call("resume", {"resume_token": conv["resume_token"]})["messages"]
    assert all(m["body"] not in ("Intrus", "Hello") for m in messages)


def test_two_professionals_taking_at_once_exactly_one_gets_it(chat_client):
    visitor = chat_client()
    pros = [chat_client("pro-a"), chat_client("pro-b")]
    for _ in range(3):
        conv_id = _start(visitor, message="Qui me répond ?")["conversation_id"]
        barrier, acks = threading.Barrier(2), []

        def take(pro, conv_id=conv_id, barrier=barrier, acks=acks):
            barrier.wait()
            acks.append(pro.call("take", {"conversation_id": conv_id}))

        threads = [threading.Thread(target=take, args=(p,)) for p in pros]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(a["ok"] for a in acks) == [False, True]
        assert next(a for a in acks if not a["ok"])["error"] == "taken"
        status = visitor.wait_for(lambda n, d, c=conv_id: n == "status" and d["conversation_id"] == c)
        assert status["status"] == "active"


def test_the_professional_and_the_young_person_talk_in_real_time(chat_client):
    visitor, pro = chat_client(), chat_client("pro-a")
    assert pro.call("presence", {"online": True})["ok"]
    conv = _start(visitor, message="Bonjour")
    conv_id = conv["conversation_id"]
    pro.wait_for(lambda n, d: n == "queue_update" and d["conversation_id"] == conv_id)
    assert pro.call("take", {"conversation_id": conv_id})["ok"]
    ack = _send(pro, conv_id, "Bonjour, je vous écoute.")
    got = visitor.wait_for(lambda n, d: n == "message" and d.get("id") == ack["id"])
    assert got["author"] == "professional" and got["body"] == "Bonjour, je vous écoute."
    visitor.call("typing", {"conversation_id": conv_id, "typing": True})
    pro.wait_for(lambda n, d: n == "typing" and d["by"] == "visitor" and d["typing"])
    assert visitor.call("close", {"conversation_id": conv_id})["ok"]
    pro.wait_for(lambda n, d: n == "status" and d["status"] == "closed")
    assert visitor.call("rate", {"conversation_id": conv_id, "rating": 5, "word": "merci"})["ok"]
    assert pro.call("presence", {"online": False})["ok"]
