"""The ceiling for bench/chat.py: a bare python-socketio server speaking the
same events (start, take, send → message to the room) with no Flask, no
database, no checks — on the same server and async mode as the portal.

    python bench/chat_echo_server.py PORT [gevent|threading]

``gevent`` (the default, as ``flask portal serve``): the standard library is
monkey-patched first thing, then gevent's WSGIServer with gevent-websocket's
handler (simple-websocket when gevent-websocket is not installed).
``threading``: Werkzeug's threaded server and simple-websocket."""

import sys

MODE = sys.argv[2] if len(sys.argv) > 2 else "gevent"
if MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import itertools  # noqa: E402

import socketio  # noqa: E402

sio = socketio.Server(async_mode=MODE)
ids = itertools.count(1)


@sio.on("start", namespace="/chat")
def start(sid, data):
    conv = next(ids)
    sio.enter_room(sid, f"conv:{conv}", namespace="/chat")
    return {"ok": True, "conversation_id": conv, "resume_token": "x"}


@sio.on("take", namespace="/chat")
def take(sid, data):
    sio.enter_room(sid, f"conv:{data['conversation_id']}", namespace="/chat")
    return {"ok": True}


@sio.on("send", namespace="/chat")
def send(sid, data):
    message = {"id": next(ids), "conversation_id": data["conversation_id"], "author": "visitor",
               "body": data["body"], "client_msg_id": data["client_msg_id"], "created_at": None}
    sio.emit("message", message, to=f"conv:{data['conversation_id']}", skip_sid=sid, namespace="/chat")
    return {"ok": True, "id": message["id"], "created_at": None}


def main(port: int) -> None:
    app = socketio.WSGIApp(sio)
    if MODE == "gevent":
        from gevent.pywsgi import WSGIServer

        try:
            from geventwebsocket.handler import WebSocketHandler
        except ImportError:
            WebSocketHandler = None
        kwargs = {"handler_class": WebSocketHandler} if WebSocketHandler else {}
        WSGIServer(("127.0.0.1", port), app, log=None, **kwargs).serve_forever()
    else:
        from werkzeug.serving import run_simple

        run_simple("127.0.0.1", port, app, threaded=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
