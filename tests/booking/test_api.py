"""The public booking API, through HTTP: slots of a guide entry, booking one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from portal.booking.models import Appointment, AppointmentType, Status
from portal.core.time import PARIS, utcnow


def _entry(person) -> str:
    return f"person-{person.id}"


def test_free_slots_are_listed_in_paris_time_with_their_offset(client, professional):
    person = professional(weekly=[(d, time(9), time(11)) for d in range(7)])
    response = client.get(f"/api/v1/directory/entries/{_entry(person)}/slots")
    assert response.status_code == 200
    slots = response.json
    assert slots and set(slots[0]) == {"start", "end"}
    for slot in slots:
        start, end = datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"])
        assert start.utcoffset() == start.astimezone(PARIS).utcoffset()
        assert start.astimezone(PARIS).time() in (time(9), time(9, 30), time(10), time(10, 30))
        assert end - start == timedelta(minutes=30)
        assert start > utcnow()
    # Fourteen days by default.
    assert datetime.fromisoformat(slots[-1]["start"]) < utcnow() + timedelta(days=15)


def test_the_period_and_the_type_can_be_chosen(client, professional, database):
    person = professional(types=[dict(name="Court", duration_minutes=30),
                                 dict(name="Long", duration_minutes=60)])
    long_id = database.session.scalar(database.select(AppointmentType.id).where(
        AppointmentType.person_id == person.id, AppointmentType.name == "Long"))
    tomorrow = (utcnow().astimezone(PARIS) + timedelta(days=1)).date()
    url = f"/api/v1/directory/entries/{_entry(person)}/slots"
    one_day = client.get(url, query_string={"from": tomorrow.isoformat(),
                                            "to": (tomorrow + timedelta(days=1)).isoformat()})
    assert one_day.status_code == 200
    assert {datetime.fromisoformat(s["start"]).date() for s in one_day.json} == {tomorrow}
    assert len(one_day.json) == 24  # 08:00–20:00 every half hour
    hours = client.get(url, query_string={"from": tomorrow.isoformat(), "type_id": long_id,
                                          "to": (tomorrow + timedelta(days=1)).isoformat()})
    assert len(hours.json) == 12
    assert all(datetime.fromisoformat(s["end"]) - datetime.fromisoformat(s["start"])
               == timedelta(hours=1) for s in hours.json)


def test_bad_periods_and_unknown_entries(client, professional):
    person = professional()
    url = f"/api/v1/directory/entries/{_entry(person)}/slots"
    assert client.get(url, query_string={"from": "yesterday"}).status_code == 422
    assert client.get(url, query_string={"from": "2026-01-10", "to": "2026-01-01"}).status_code == 422
    assert client.get(url, query_string={"from": "2026-01-01", "to": "2026-06-01"}).status_code == 422
    assert client.get(url, query_string={"type_id": 999999}).status_code == 404
    assert client.get("/api/v1/directory/entries/person-999999/slots").status_code == 404
    structure = f"structure-{person.structure_id}"
    assert client.get(f"/api/v1/directory/entries/{structure}/slots").status_code == 404


def test_a_person_without_the_booking_channel_has_no_slots(client, professional):
    person = professional(channels=("email",))
    assert client.get(f"/api/v1/directory/entries/{_entry(person)}/slots").status_code == 404


def _first_slot(client, person) -> str:
    """The first free slot from tomorrow on (never one about to start)."""
    tomorrow = (utcnow().astimezone(PARIS) + timedelta(days=1)).date().isoformat()
    return client.get(f"/api/v1/directory/entries/{_entry(person)}/slots",
                      query_string={"from": tomorrow}).json[0]["start"]


def test_booking_answers_201_with_signed_links_then_409_with_the_next_slots(
        client, professional, mailbox):
    person = professional()
    start = _first_slot(client, person)
    created = client.post("/api/v1/appointments", json={
        "entry_id": _entry(person), "start": start, "name": "Léa", "email": "lea@example.org"})
    assert created.status_code == 201, created.json
    body = created.json
    assert set(body) >= {"id", "manage_url", "ics_url"}
    assert client.get(body["manage_url"]).status_code == 200
    assert client.get(body["ics_url"]).headers["Content-Type"].startswith("text/calendar")

    again = client.post("/api/v1/appointments", json={
        "entry_id": _entry(person), "start": start, "name": "Sam", "phone": "06 00 00 00 00"},
        headers={"Accept-Language": "en"})
    assert again.status_code == 409
    assert (again.json["code"], again.json["error"]) == (409, "slot_taken")
    assert "just taken" in again.json["message"]
    assert again.json["next_slots"] and again.json["next_slots"][0]["start"] != start
    # The young person and the professional were both written to.
    assert sorted(m["To"] for m in mailbox) == ["lea@example.org", "pro@example.org"]


@pytest.mark.parametrize("payload, field", [
    ({"name": ""}, "name"),
    ({"email": "not-an-address"}, "email"),
    ({"start": "tomorrow morning"}, "start"),
    ({"entry_id": None}, "entry_id"),
])
def test_invalid_requests_are_refused_with_422(client, professional, payload, field):
    person = professional()
    data = {"entry_id": _entry(person), "start": _first_slot(client, person), "name": "Léa",
            "email": "lea@example.org", **payload}
    response = client.post("/api/v1/appointments", json=data)
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]


def test_rules_of_booking_are_422_with_a_message(client, professional):
    person = professional()
    start = _first_slot(client, person)
    base = {"entry_id": _entry(person), "start": start, "name": "Léa"}
    en = {"Accept-Language": "en"}
    no_contact = client.post("/api/v1/appointments", json=base, headers=en)
    assert no_contact.status_code == 422 and "e-mail address or a phone" in no_contact.json["message"]
    under_15 = client.post("/api/v1/appointments", headers=en,
                           json={**base, "under_15": True, "email": "kid@example.org"})
    assert under_15.status_code == 422 and "Under 15" in under_15.json["message"]
    off_grid = datetime.fromisoformat(start) + timedelta(minutes=7)
    wrong = client.post("/api/v1/appointments", headers=en, json={
        **base, "phone": "0600000000", "start": off_grid.isoformat()})
    assert wrong.status_code == 422 and "not one of the free slots" in wrong.json["message"]


def test_under_15_books_without_any_contact_and_no_mail_is_sent(client, professional, mailbox,
                                                               database):
    person = professional()
    response = client.post("/api/v1/appointments", json={
        "entry_id": _entry(person), "start": _first_slot(client, person), "name": "Noa",
        "under_15": True})
    assert response.status_code == 201
    appointment = database.session.scalar(
        database.select(Appointment).where(Appointment.uid == response.json["id"]))
    assert appointment.under_15 and appointment.email is None
    assert appointment.status == Status.BOOKED
    # Only the professional hears of it.
    assert [m["To"] for m in mailbox] == ["pro@example.org"]


def test_the_api_is_described_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "/api/v1/directory/entries/{entry_id}/slots" in paths
    assert set(paths["/api/v1/appointments"]["post"]["responses"]) >= {"201", "409", "422"}
