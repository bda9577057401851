"""Two app processes (gunicorn, as in production) sharing PostgreSQL and
Redis: a young person on one and a professional on the other chat in real
time; when Redis goes away each keeps serving its own clients, and both
reach each other again once it is back.

Redis here is a private ``redis-server`` started by the test on a free port,
so stopping it disturbs no other test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.chat.conftest import (
    PASSWORD,
    ChatClient,
    create_professional,
    disable_account,
    fresh_postgres,
    login_cookie,
    signed_in_session,
)
from tests.chat.test_revocation import watch_disconnect
from tests.support import (
    flask_env,
    free_port,
    require,
    run_flask,
    start_process,
    stop_process,
    wait_for_port,
    wait_until_serving,
)

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _redis(port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=log.open("a"), stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    return process


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    database_url = os.environ.get("TEST_DATABASE_URL")
    require(bool(database_url and os.environ.get("TEST_REDIS_URL")),
            "TEST_DATABASE_URL and TEST_REDIS_URL are needed for the multi-process chat test")
    require(Path(REDIS_SERVER).exists(), "redis-server is not installed")
    url = fresh_postgres(database_url, "passerelle_chat_scale_out")
    logs = tmp_path_factory.mktemp("chat-redis")
    redis_port = free_port()
    state = {"redis": _redis(redis_port, logs / "redis.log"), "port": redis_port, "logs": logs}
    processes, bases = [], []
    for name in ("a", "b"):
        instance = tmp_path_factory.mktemp(f"chat-node-{name}")
        env = flask_env(instance, PORTAL_DATABASE_URL=url, PORTAL_SECRET_KEY="shared-by-the-nodes",
                        PORTAL_REDIS_URL=f"redis://127.0.0.1:{redis_port}/3")
        if name == "a":
            run_flask(env, "portal", "setup", "--no-demo")
            create_professional(env, "pro-a")
            create_professional(env, "pro-x")
            run_flask(env, "portal", "create-user", "--pseudonym", "admin-x", "--role", "admin",
                      "--password", PASSWORD)
        port = free_port()
        # As in production (README): one gevent worker per process.
        processes.append(start_process([GUNICORN, "-k", "gevent", "-w", "1", "--worker-connections", "1000",
                                        "-b", f"127.0.0.1:{port}", "wsgi:app"], env, instance / "gunicorn.log"))
        bases.append(f"http://127.0.0.1:{port}")
    for base, process in zip(bases, processes, strict=True):
        # The port opens before the worker has loaded the app: a client
        # connecting then could wait past its 5 s handshake timeout.
        wait_until_serving(base, process)
    state["bases"] = bases
    yield state
    for process in processes:
        stop_process(process)
    stop_process(state["redis"])


def _exchange(visitor, pro, conv_id, text):
    ack = visitor.call("send", {"conversation_id": conv_id, "client_msg_id": uuid.uuid4().hex, "body": text})
    assert ack["ok"], ack
    pro.wait_for(lambda n, d: n == "message" and d.get("id") == ack["id"], timeout=10)
    answer = pro.call("send", {"conversation_id": conv_id, "client_msg_id": uuid.uuid4().hex,
                               "body": f"re: {text}"})
    assert answer["ok"], answer
    visitor.wait_for(lambda n, d: n == "message" and d.get("id") == answer["id"], timeout=10)


def test_disabling_on_one_node_disconnects_the_socket_held_by_the_other(nodes):
    a, b = nodes["bases"]
    pro = ChatClient(a, login_cookie(a, "pro-x"))
    try:
        assert pro.call("console")["ok"]
        seen = watch_disconnect(pro)
        started = time.monotonic()
        disable_account(signed_in_session(b, "admin-x"), b, "pro-x")
        assert seen["event"].wait(1.0), "the socket on the other node is still connected"
        assert seen["at"] - started < 1.0
    finally:
        if pro.sio.connected:
            pro.close()


def test_chat_across_two_processes_survives_redis_going_away(nodes):
    a, b = nodes["bases"]
    visitor = ChatClient(a)
    pro_on_b = ChatClient(b, login_cookie(b, "pro-a"))
    # Signed in before Redis goes: signing in counts failures in Redis.
    pro_on_a, local = ChatClient(a, login_cookie(a, "pro-a")), ChatClient(a)
    try:
        assert pro_on_b.call("presence", {"online": True})["ok"]
        conv = visitor.call("start", {"theme": "logement", "message": "Bonjour depuis A"})
        pro_on_b.wait_for(lambda n, d: n == "queue_update" and d["conversation_id"] == conv["conversation_id"])
        assert pro_on_b.call("take", {"conversation_id": conv["conversation_id"]})["ok"]
        _exchange(visitor, pro_on_b, conv["conversation_id"], "A vers B")

        # Redis goes away: node A still serves a conversation held entirely on A.
        stop_process(nodes["redis"])
        conv2 = local.call("start", {"theme": "emploi", "message": "Redis est parti"})
        assert conv2["ok"], conv2
        assert pro_on_a.call("take", {"conversation_id": conv2["conversation_id"]})["ok"]
        _exchange(local, pro_on_a, conv2["conversation_id"], "toujours là")

        # Redis is back: the processes reach each other again.
        nodes["redis"] = _redis(nodes["port"], nodes["logs"] / "redis.log")
        deadline = time.monotonic() + 30
        while True:
            ack = visitor.call("send", {"conversation_id": conv["conversation_id"],
                                        "client_msg_id": uuid.uuid4().hex, "body": "de retour ?"})
            try:
                pro_on_b.wait_for(lambda n, d, i=ack["id"]: n == "message" and d.get("id") == i, timeout=2)
                break
            except AssertionError:
                assert time.monotonic() < deadline, "the nodes did not reconnect to Redis"
        _exchange(visitor, pro_on_b, conv["conversation_id"], "A vers B encore")
        for client in (pro_on_a, local):
            client.close()
    finally:
        visitor.close()
        pro_on_b.close()
