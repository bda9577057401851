"""The disabled-professional scenario on a real server (``flask portal
serve``, both databases): an administrator disables a professional whose
console is open; the socket is disconnected within a second, and nothing
from that session works after — no event, no new socket, no page."""

from __future__ import annotations

import threading
import time

import pytest
import requests
import socketio

from tests.chat.conftest import ChatClient, disable_account, login_cookie, signed_in_session


def watch_disconnect(client: ChatClient) -> dict:
    seen = {"event": threading.Event()}

    def gone(*_):
        seen.setdefault("at", time.monotonic())
        seen["event"].set()

    client.sio.on("disconnect", gone, namespace="/chat")
    client.sio.on("signed_out", lambda *_: seen.setdefault("told", True), namespace="/chat")
    return seen


def test_a_disabled_professional_is_disconnected_within_a_second(chat_server):
    cookie = login_cookie(chat_server, "pro-a")
    pro = ChatClient(chat_server, cookie)
    visitor = ChatClient(chat_server)
    try:
        assert pro.call("presence", {"online": True})["ok"]
        conv = visitor.call("start", {"theme": "emploi", "message": "Bonjour"})
        pro.wait_for(lambda n, d: n == "queue_update")
        seen = watch_disconnect(pro)
        admin = signed_in_session(chat_server, "admin-a")
        started = time.monotonic()
        disable_account(admin, chat_server, "pro-a")
        assert seen["event"].wait(1.0), "the professional's socket is still connected"
        assert seen["at"] - started < 1.0
        assert seen.get("told") is True
        # Anything after: a new socket with the same cookie is refused...
        with pytest.raises(socketio.exceptions.ConnectionError):
            ChatClient(chat_server, cookie)
        # ...and so is every page of the session.
        page = requests.get(f"{chat_server}/chat/console", headers={"Cookie": cookie},
                            allow_redirects=False, timeout=10)
        assert page.status_code == 302 and "/account/login" in page.headers["Location"]
        # The young person is still waiting, untouched.
        assert visitor.call("resume", {"resume_token": conv["resume_token"]})["status"] == "waiting"
    finally:
        visitor.close()
        if pro.sio.connected:
            pro.close()
