"""SIGKILL mid-chat: a real server (``flask portal serve``, both databases)
is killed with ``kill -9`` while a young person and a professional are
writing; restarted on the same instance, every acknowledged message is there,
in order, exactly once, and both sides resume where they were."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import socketio

from tests.chat.conftest import (
    SCRATCH_DATABASE,
    ChatClient,
    login_cookie,
    prepared_instance,
    serve,
)
from tests.support import free_port, stop_process


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request, tmp_path):
    env = prepared_instance(request.param, tmp_path, SCRATCH_DATABASE + "_kill", "sigkill-tests",
                            professionals=("pro-a",))
    port = free_port()
    state = {"base": f"http://127.0.0.1:{port}", "runs": 0}

    def start():
        state["runs"] += 1
        state["process"] = serve(env, port, tmp_path / f"server-{state['runs']}.log")

    state["start"] = start
    start()
    yield state
    stop_process(state["process"])


def _sender(client, conv_id, prefix, acked, stop):
    """Send until stopped or the server dies; record what was acknowledged."""
    n = 0
    while not stop.is_set():
        cmid = f"{prefix}-{n}"
        try:
            ack = client.call("send", {"conversation_id": conv_id, "client_msg_id": cmid,
                                       "body": f"{prefix} message {n}"})
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError,
                socketio.exceptions.DisconnectedError, OSError):
            return
        if ack and ack.get("ok"):
            acked.append((cmid, ack["id"]))
        n += 1


def test_every_acknowledged_message_survives_a_kill_9(server):
    base = server["base"]
    cookie = login_cookie(base, "pro-a")
    visitor, pro = ChatClient(base), ChatClient(base, cookie)
    conv = visitor.call("start", {"theme": "emploi", "message": "Bonjour", "client_msg_id": "v-start"})
    conv_id = conv["conversation_id"]
    assert pro.call("take", {"conversation_id": conv_id})["ok"]

    acked = {"v": [], "p": []}
    stop = threading.Event()
    threads = [threading.Thread(target=_sender, args=(visitor, conv_id, "v", acked["v"], stop)),
               threading.Thread(target=_sender, args=(pro, conv_id, "p", acked["p"], stop))]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(acked["v"]) + len(acked["p"]) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    server["process"].kill()  # SIGKILL, mid-chat: no shutdown, no flush
    server["process"].wait()
    for t in threads:
        t.join(timeout=20)
    stop.set()
    for client in (visitor, pro):
        try:
            client.sio.disconnect()
        except Exception:  # noqa: BLE001  (the server is gone; the client may already know)
            pass
    assert len(acked["v"]) >= 10 and len(acked["p"]) >= 10, acked

    server["start"]()
    back = ChatClient(base)
    resumed = back.call("resume", {"resume_token": conv["resume_token"]})
    assert resumed["ok"] and resumed["status"] == "active"
    stored = {m["id"]: m for m in resumed["messages"]}
    for side in ("v", "p"):
        for cmid, message_id in acked[side]:
            assert message_id in stored, f"acknowledged message {cmid} ({message_id}) lost"
            assert stored[message_id]["client_msg_id"] == cmid
    ids = [m["id"] for m in resumed["messages"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))

    # The young person resumes from the last message seen, and retries the
    # one in flight at the kill: stored once, never twice.
    last_seen = acked["v"][-1][1]
    after = back.call("resume", {"resume_token": conv["resume_token"], "after_id": last_seen})
    assert all(m["id"] > last_seen for m in after["messages"])
    in_flight = f"v-{len(acked['v'])}"
    retry = back.call("send", {"conversation_id": conv_id, "client_msg_id": in_flight,
                               "body": "le message en cours"})
    again = back.call("send", {"conversation_id": conv_id, "client_msg_id": in_flight,
                               "body": "le message en cours"})
    assert retry["ok"] and again["ok"] and again["id"] == retry["id"] and again["duplicate"]

    # The professional's session outlived the process: the console resumes.
    console = ChatClient(base, cookie)
    state = console.call("console")
    assert state["ok"] and [c["conversation_id"] for c in state["conversations"]] == [conv_id]
    reply = console.call("send", {"conversation_id": conv_id, "client_msg_id": uuid.uuid4().hex,
                                  "body": "Je suis toujours là."})
    assert reply["ok"]
    back.wait_for(lambda n, d: n == "message" and d.get("id") == reply["id"])
    back.close()
    console.close()
