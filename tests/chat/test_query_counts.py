"""The console (what a professional's console loads when it (re)connects: the
queue and their conversations, with messages) makes no query per
conversation — tests/support.py's query-count helper, as on the other hot pages."""

from __future__ import annotations

from tests.support import assert_queries_do_not_grow


def test_the_console_runs_no_query_per_conversation(chat_socket, create_user, login, database):
    pro = create_user(role="professional", full_name="Camille Martin")
    assert login(pro).status_code == 302
    console = chat_socket()
    assert console.call("presence", {"online": True})["ok"]

    def start_and_take(n: int):
        visitor = chat_socket()
        conv = visitor.call("start", {"theme": "logement", "message": f"Question {n}"})
        assert console.call("take", {"conversation_id": conv["conversation_id"]})["ok"]
        chat_socket().call("start", {"theme": "logement", "message": f"Waiting {n}"})

    start_and_take(0)

    def page():
        loaded = console.call("console")
        assert loaded["ok"] and loaded["conversations"] and loaded["queue"]

    def more():
        for n in range(1, 5):
            start_and_take(n)

    assert_queries_do_not_grow(page, more, at_most=15)
