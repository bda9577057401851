"""The server of ``flask portal serve`` (``make run``).

gevent (the default): one process holds thousands of Socket.IO connections
as greenlets. gevent must patch the standard library before anything imports
it (socket, ssl, threading, psycopg — which picks a cooperative wait only if
patched first), and a ``flask`` command has already imported the whole app.
So ``flask portal serve`` replaces itself (same process id) with

    python -m gevent.monkey --module portal.core.serving --host H --port P [--no-worker]

which patches first thing, then builds the app and serves it on gevent's
WSGIServer (WebSockets through simple-websocket). ``threading`` keeps
Werkzeug's threaded server, in the ``flask`` process itself.
"""

from __future__ import annotations

import argparse
import os
import sys


def gevent_command(host: str, port: int, no_worker: bool) -> list[str]:
    return [sys.executable, "-m", "gevent.monkey", "--module", "portal.core.serving",
            "--host", host, "--port", str(port), *(["--no-worker"] if no_worker else [])]


def tune_gevent() -> None:
    """Settings for a gevent process holding thousands of sockets, once the
    app is built (``flask portal serve``, and wsgi.py under ``gunicorn -k gevent``).

    - Greenlets do not record who spawned them (gevent's default keeps every
      spawning stack: tens of thousands of frame objects, slower spawns).
    - The garbage collector stops every greenlet while it runs. A full
      collection walks every object of every socket (hundreds of thousands
      for 2,000 sockets: 0.2–0.8 s here), and with CPython's defaults the
      objects of events in flight, promoted to the old generation, bring one
      several times a minute at 300 messages/s (bench/chat.py). So: the app's
      own objects are set aside (``gc.freeze``), young collections run less
      often and stay small, and the full collection runs every
      ``FULL_COLLECTION_EVERY_S`` instead (cyclic garbage that reached the old
      generation waits for it; everything else is freed by reference counting
      at once).
    """
    import gc

    import gevent

    from portal.core.green_psycopg import use_gevent_waits

    use_gevent_waits()
    gevent.config.track_greenlet_tree = False
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)

    def collect_fully():
        while True:
            gevent.sleep(FULL_COLLECTION_EVERY_S)
            gc.collect()

    gevent.spawn(collect_fully)


#: CPython's defaults are (700, 10, 10); the third one here means "never by itself".
GC_THRESHOLDS = (5_000, 5, 1_000_000)
FULL_COLLECTION_EVERY_S = 600


def run(app, host: str, port: int, no_worker: bool) -> None:
    """Serve ``app`` in this process, in its Socket.IO async mode."""
    from portal.core.tasks import start_consumer_in_process
    from portal.extensions import socketio

    if socketio.async_mode == "gevent":
        tune_gevent()
    if not no_worker:
        start_consumer_in_process()
    # Flask ignores app.run() inside a `flask` command unless told otherwise;
    # serving is exactly what this command is for.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    print(f"Passerelle is at http://{host}:{port}/ (Socket.IO: {socketio.async_mode})", flush=True)
    socketio.run(app, host=host, port=port, use_reloader=False, log_output=True,
                 # threading mode: Werkzeug's server, as before gevent.
                 **({"allow_unsafe_werkzeug": True} if socketio.async_mode == "threading" else {}))


def main(argv: list[str] | None = None) -> None:
    from portal.config import gevent_patched

    if not gevent_patched():
        sys.exit("run me as: python -m gevent.monkey --module portal.core.serving …")
    parser = argparse.ArgumentParser(prog="portal.core.serving")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--no-worker", action="store_true")
    args = parser.parse_args(argv)

    from portal import create_app

    run(create_app(), args.host, args.port, args.no_worker)


if __name__ == "__main__":
    main()
