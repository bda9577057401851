"""Issue 14, input bounds: every integer, page, id and date of a route, a
query, the API and a socket payload is bounded and answered 404/422 (or a
socket ``{ok: false}``) naming the field — never a 500 — on SQLite and on
PostgreSQL (whose ``integer`` stops at 2³¹−1)."""

from __future__ import annotations

import re

import pytest

from portal.core.bounds import MAX_ID, too_large_ack
from tests.booking.conftest import make_professional
from tests.forum.conftest import latest_topic, new_topic, topic_url

HUGE_IDS = [str(MAX_ID + 1), str(2**70), "9" * 5000]
#: Values a tester types into any query parameter.
BAD_VALUES = ["1e20", str(10**20), "2147483648", "9999-12-31", "0001-01-01", "x" * 3000]
PARAMETERS = ["page", "date", "from", "to", "type", "type_id", "category", "structure",
              "start", "per_page", "age", "radius_km", "limit", "near"]


def _sub(rule: str, value: str) -> str:
    rule = re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", rule)
    return re.sub(r"<(?:[a-z]+:)?\w+>", value, rule)


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.rule.startswith("/static") \
                and rule.endpoint not in ("accounts.logout",):
            yield rule


def test_huge_ids_in_urls_are_404_never_500(app, client, create_user, login):
    login(create_user(role="admin"))
    checked = 0
    for rule in _get_rules(app):
        if "<int:" not in rule.rule:
            continue
        for value in HUGE_IDS:
            response = client.get(_sub(rule.rule, value))
            assert response.status_code == 404, (rule.rule, value[:20], response.status_code)
            checked += 1
    assert checked > 30  # every <int:…> route of the app


@pytest.mark.parametrize("signed_in", ["admin", "professional"])
def test_out_of_range_query_values_are_never_a_500(app, client, create_user, login, signed_in,
                                                    database):
    if signed_in == "professional":
        login(make_professional(database.session, create_user).account)
    elif signed_in:
        login(create_user(role=signed_in))
    # Every parameter at once, one bad value at a time: a view stops at the
    # first it refuses, so each value is also sent alone to the views that
    # refused it (the next parameter they read may be the one that breaks).
    for rule in _get_rules(app):
        url = _sub(rule.rule, "1")
        for value in BAD_VALUES:
            response = client.get(url, query_string=dict.fromkeys(PARAMETERS, value))
            assert response.status_code < 500, (url, value[:20])
            if response.status_code == 422:
                for name in PARAMETERS:
                    response = client.get(url, query_string={name: value})
                    assert response.status_code < 500, (url, name, value[:20])


def _message(response) -> str:
    return response.get_data(as_text=True)


def test_pages_past_the_last_possible_one_are_404(client, create_user, login):
    login(create_user(role="admin"))
    for url in ("/admin/users", "/admin/audit", "/forum/moderation/log", "/information/",
                "/forum/search"):
        response = client.get(url, query_string={"q": "logement", "page": str(10**20)})
        assert response.status_code == 404, url
        assert client.get(url, query_string={"q": "logement", "page": "2"}).status_code == 200, url
        response = client.get(url, query_string={"q": "logement", "page": "1e20"})
        assert response.status_code == 422, url
        assert "page" in _message(response)


def test_the_agenda_refuses_dates_it_cannot_show_naming_the_field(client, create_user, login,
                                                                   database):
    login(make_professional(database.session, create_user).account)
    assert client.get("/appointments/agenda?date=2026-03-30").status_code == 200
    for value in ("9999-12-31", "0001-01-01", "2026-13-45", "demain"):
        response = client.get("/appointments/agenda", query_string={"date": value})
        assert response.status_code == 422, value
        assert "date" in _message(response)


def test_the_chat_page_refuses_a_structure_past_the_ids_range(client):
    assert client.get("/chat/?structure=12").status_code == 200
    response = client.get(f"/chat/?structure={10**20}")
    assert response.status_code == 422
    assert "structure" in _message(response)


def test_a_topic_link_with_foreign_parameters_redirects_without_them(client, create_user, login,
                                                                       category):
    login(create_user(role="young", pseudonym="lina"))
    new_topic(client, category.slug, "Un titre de question", "Une question assez longue ici.")
    topic = latest_topic()
    wrong = topic_url(topic).replace(topic.slug, "autre")
    for query in (f"category={10**20}", "category=-1", "page=2&category=x"):
        response = client.get(f"{wrong}?{query}")
        assert response.status_code == 301, query
        assert "category" not in response.headers["Location"]


# --- the API -------------------------------------------------------------------------

def test_api_entry_ids_out_of_range_or_not_ascii_are_404(client):
    for entry in (f"person-{MAX_ID + 1}", f"person-{'9' * 50}", "person-²", "person-١٢"):
        for url in (f"/api/v1/directory/entries/{entry}", f"/api/v1/directory/entries/{entry}/slots"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response.json["code"] == 404


def test_api_slots_refuse_far_dates_and_huge_type_ids_naming_the_field(client, create_user,
                                                                       database):
    person = make_professional(database.session, create_user)
    url = f"/api/v1/directory/entries/person-{person.id}/slots"
    assert client.get(url).status_code == 200
    for name, value in (("from", "0001-01-01"), ("to", "9999-12-31T23:59"),
                        ("from", "9999-12-31"), ("type_id", str(10**20))):
        response = client.get(url, query_string={name: value})
        assert response.status_code == 422, (name, value)
        assert name in response.json["errors"]["query"], response.json


def test_every_422_of_post_appointments_matches_its_openapi_schema(client, create_user, database):
    import jsonschema

    spec = client.get("/api/v1/openapi.json").json
    schema = spec["paths"]["/api/v1/appointments"]["post"]["responses"]["422"]["content"][
        "application/json"]["schema"]
    resolver_schema = {**schema, "components": spec["components"]}
    person = make_professional(database.session, create_user)
    bodies = [
        {},
        {"entry_id": f"person-{person.id}", "name": "Yanis", "start": "0001-01-01T09:00"},
        {"entry_id": f"person-{person.id}", "name": "", "start": "2026-03-30T09:00"},
        {"entry_id": f"person-{person.id}", "name": "Yanis", "start": "2026-03-30T09:00",
         "type_id": 10**20},
        {"entry_id": f"person-{person.id}", "name": "Yanis", "start": "2026-03-30T09:03"},
        {"entry_id": f"person-{person.id}", "name": "Yanis", "start": "2099-03-30T09:00",
         "under_15": True, "email": "yanis@example.net"},
    ]
    for body in bodies:
        response = client.post("/api/v1/appointments", json=body)
        assert response.status_code == 422, (body, response.status_code, response.json)
        jsonschema.validate(response.json, resolver_schema)


# --- sockets -------------------------------------------------------------------------

@pytest.mark.parametrize("event", ["send", "typing", "read", "close", "rate", "contact"])
def test_socket_ids_past_the_range_are_refused_naming_the_field(chat_socket, event):
    socket = chat_socket()
    ack = socket.call(event, {"conversation_id": 2**70, "client_msg_id": "m1", "body": "x",
                              "up_to_id": 1, "rating": 3, "email": "a@example.net"})
    assert ack["ok"] is False
    assert ack["error"] == "out_of_range" and ack["field"] == "conversation_id", ack
    assert "conversation_id" in ack["message"]


def test_the_professional_events_refuse_huge_ids_too(chat_socket, create_user, login):
    login(create_user(role="professional", pseudonym="pro-x"))
    socket = chat_socket()
    for event, payload in (("take", {"conversation_id": 2**70}),
                           ("open", {"conversation_id": 2**63}),
                           ("canned_delete", {"id": 2**70})):
        ack = socket.call(event, payload)
        assert ack["ok"] is False and ack["error"] == "out_of_range", (event, ack)


def test_the_forum_socket_refuses_a_huge_topic_id(socketio_client):
    forum = socketio_client("/forum")
    ack = forum.emit("watch", {"topic_id": 2**70}, namespace="/forum", callback=True)
    assert ack["ok"] is False and ack["error"] == "out_of_range" and ack["field"] == "topic_id"
    assert forum.emit("unwatch", {"topic_id": 2**70}, namespace="/forum", callback=True)["ok"]


def test_the_ack_of_an_oversized_frame_names_its_event():
    frame = '42/chat,17["send",{"body":"' + "x" * 100 + '"}]'
    assert too_large_ack(frame).startswith('43/chat,17[{"ok": false, "error": "too_large"')
    assert too_large_ack('42["watch",{}]') is None  # no ack asked: nothing to answer
    assert too_large_ack("4" + "x" * 10) is None
