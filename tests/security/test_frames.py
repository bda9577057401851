"""Issue 14, input bounds on the wire: a Socket.IO frame over the limit is
answered with an error acknowledgement, then the socket is dropped — on a
real server (``flask portal serve``, gevent), not the test client."""

from __future__ import annotations

import threading

import socketio


def test_a_frame_over_the_limit_gets_an_error_ack_then_the_socket_is_dropped(chat_server):
    client = socketio.Client(reconnection=False)
    dropped = threading.Event()
    client.on("disconnect", lambda *args: dropped.set(), namespace="/chat")
    client.connect(chat_server, namespaces=["/chat"], transports=["websocket"], wait_timeout=10)
    try:
        # A frame under the limit is handled as usual.
        small = client.call("send", {"conversation_id": 1, "client_msg_id": "a", "body": "x"},
                            namespace="/chat", timeout=10)
        assert small["ok"] is False and small["error"] != "too_large"
        ack = client.call("send", {"conversation_id": 1, "client_msg_id": "b",
                                   "body": "x" * 100_000}, namespace="/chat", timeout=10)
        assert ack["ok"] is False and ack["error"] == "too_large", ack
        assert dropped.wait(5), "the socket was not dropped"
    finally:
        client.disconnect()
