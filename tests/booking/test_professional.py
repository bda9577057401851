"""Professionals: who may open the agenda, what it shows, outcomes, settings,
and the private calendar feed."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from icalendar import Calendar

from portal.booking import operations as ops
from portal.booking import schedule
from portal.booking.models import Appointment, AppointmentType, Mode, Status
from portal.booking.slots import local_instant
from portal.core.commit import commit
from portal.core.time import PARIS, utcnow
from tests.booking.support import tomorrow
from tests.support import assert_queries_do_not_grow, csrf_token

EN = {"Accept-Language": "en"}


def _book(database, person, name="Léa", **contact):
    """Book the first free slot from tomorrow on, as the API would."""
    kind = schedule.appointment_type(person.id, None)
    day = (utcnow().astimezone(PARIS) + timedelta(days=1)).date()
    slot = schedule.next_free_slots(person.id, kind, utcnow(), local_instant(day, time(0)))[0]
    appointment = ops.book_slot(person, kind, slot.start, name=name, now=utcnow(), locale="en",
                                **(contact or {"phone": "0600000000"}))
    commit()
    return appointment


def _past(database, person, hours_ago=2) -> Appointment:
    """An appointment that already began (written directly: nobody books the past)."""
    start = utcnow() - timedelta(hours=hours_ago)
    appointment = Appointment(person_id=person.id, starts_at=start,
                              ends_at=start + timedelta(minutes=30), blocked_from=start,
                              blocked_until=start + timedelta(minutes=30), status=Status.BOOKED,
                              title="Premier rendez-vous", mode=Mode.STRUCTURE, place="",
                              name="Sam", phone="0600000000", under_15=False, note="",
                              locale="fr", sequence=0)
    database.session.add(appointment)
    commit()
    return appointment


@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("young", 403), ("unlinked professional", 403), ("owner", 200)])
def test_who_may_open_the_agenda(client, professional, create_user, login, who, expected):
    person = professional()
    if who == "young":
        login(create_user(role="young"))
    elif who == "unlinked professional":
        login(create_user(role="professional", email="other@example.org"))
    elif who == "owner":
        login(person.account)
    for url in ("/appointments/agenda", "/appointments/settings"):
        assert client.get(url, headers=EN).status_code == expected


def test_the_agenda_shows_appointments_with_the_young_persons_details(
        client, professional, database, login):
    person = professional()
    appointment = _book(database, person, name="Léa", email="lea@example.org",
                        phone="0612345678")
    login(person.account)
    day = appointment.starts_at.astimezone(PARIS).date().isoformat()
    for view in ("week", "day"):
        html = client.get(f"/appointments/agenda?view={view}&date={day}", headers=EN).get_data(
            as_text=True)
        assert "Léa" in html and "0612345678" in html and "lea@example.org" in html
        assert f'id="appointment-{appointment.id}"' in html


def test_outcomes_only_once_the_appointment_began(client, professional, database, login):
    person = professional()
    future, past = _book(database, person), _past(database, person)
    login(person.account)
    token = csrf_token(client, "/appointments/agenda")
    client.post(f"/appointments/agenda/{future.id}/done", data={"csrf_token": token})
    client.post(f"/appointments/agenda/{past.id}/missed", data={"csrf_token": token})
    database.session.refresh(future)
    database.session.refresh(past)
    assert future.status == Status.BOOKED
    assert past.status == Status.MISSED
    client.post(f"/appointments/agenda/{past.id}/done", data={"csrf_token": token})
    database.session.refresh(past)
    assert past.status == Status.DONE


def test_someone_elses_appointment_is_out_of_reach(client, professional, database, login,
                                                    create_user):
    mine, theirs = professional(), professional(email="them@example.org")
    appointment = _past(database, theirs)
    login(mine.account)
    token = csrf_token(client, "/appointments/agenda")
    assert client.post(f"/appointments/agenda/{appointment.id}/done",
                       data={"csrf_token": token}).status_code == 404
    assert client.post(f"/appointments/agenda/{appointment.id}/cancel",
                       data={"csrf_token": token}).status_code == 404


def test_cancelling_from_the_agenda_tells_the_young_person(client, professional, database,
                                                           login, mailbox):
    person = professional()
    appointment = _book(database, person, email="lea@example.org")
    login(person.account)
    mailbox.clear()
    client.post(f"/appointments/agenda/{appointment.id}/cancel",
                data={"csrf_token": csrf_token(client, "/appointments/agenda")})
    database.session.refresh(appointment)
    assert appointment.status == Status.CANCELLED and appointment.cancelled_by == "professional"
    to_young = next(m for m in mailbox if m["To"] == "lea@example.org")
    assert "had to cancel your appointment" in to_young.get_body(("plain",)).get_content()


def test_settings_types_hours_and_exceptions_shape_the_slots(client, professional, database,
                                                             login):
    person = professional(weekly=[], types=[])
    login(person.account)
    page = client.get("/appointments/settings", headers=EN).get_data(as_text=True)
    assert "No appointment type yet" in page
    token = csrf_token(client, "/appointments/settings")
    created = client.post("/appointments/settings/types/new", data={
        "csrf_token": token, "name": "Entretien", "duration_minutes": 60, "mode": "phone",
        "place": "", "min_notice_minutes": 0, "window_days": 30, "buffer_before_minutes": 0,
        "buffer_after_minutes": 0})
    assert created.status_code == 302
    kind = database.session.scalars(database.select(AppointmentType).where(
        AppointmentType.person_id == person.id)).one()
    assert kind.mode == Mode.PHONE and kind.duration_minutes == 60
    bad = client.post("/appointments/settings/ranges", headers=EN, data={
        "csrf_token": token, "weekday": 2, "start_time": "12:00", "end_time": "09:00"})
    assert bad.status_code == 422 and "The end must come after the start." in bad.get_data(
        as_text=True)
    for day in range(7):
        client.post("/appointments/settings/ranges", data={
            "csrf_token": token, "weekday": day, "start_time": "09:00", "end_time": "11:00"})
    day = tomorrow()
    api = f"/api/v1/directory/entries/person-{person.id}/slots?from={day}&to={day}T23:59"
    assert len(client.get(api).json) == 2
    client.post("/appointments/settings/exceptions", data={
        "csrf_token": token, "kind": "closed", "starts_on": day, "ends_on": "",
        "start_time": "", "end_time": "", "note": "Formation"})
    assert client.get(api).json == []
    client.post("/appointments/settings/exceptions", data={
        "csrf_token": token, "kind": "open", "starts_on": day, "ends_on": "",
        "start_time": "14:00", "end_time": "15:00", "note": ""})
    assert [s["start"][11:16] for s in client.get(api).json] == ["14:00"]
    refused = client.post("/appointments/settings/exceptions", headers=EN, data={
        "csrf_token": token, "kind": "open", "starts_on": day, "ends_on": "", "start_time": "",
        "end_time": "", "note": ""})
    assert refused.status_code == 422
    client.post(f"/appointments/settings/types/{kind.id}/deactivate", data={"csrf_token": token})
    assert client.get(api).json == []


def test_the_private_feed_lists_appointments_and_can_be_revoked(client, professional, database,
                                                               login):
    person = professional()
    appointment = _book(database, person, name="Léa", phone="0612345678")
    login(person.account)
    token = csrf_token(client, "/appointments/settings")
    client.post("/appointments/settings/feed/new", data={"csrf_token": token})
    page = client.get("/appointments/settings").get_data(as_text=True)
    feed_url = re.search(r'value="(http[^"]+/appointments/feed/[^"]+\.ics)"', page).group(1)
    feed_path = feed_url.split("localhost", 1)[1]
    calendar = Calendar.from_ical(client.get(feed_path).data)
    assert "METHOD" not in calendar  # published, not sent
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{appointment.uid}@passerelle"]
    assert "Léa" in str(events[0]["SUMMARY"]) and "0612345678" in str(events[0]["DESCRIPTION"])
    client.post("/appointments/settings/feed/new", data={"csrf_token": token})
    assert client.get(feed_path).status_code == 404  # the old link stopped working
    client.post("/appointments/settings/feed/revoke", data={"csrf_token": token})
    assert "/appointments/feed/" not in client.get("/appointments/settings").get_data(as_text=True)


def test_the_agenda_runs_no_query_per_appointment(client, professional, database, login):
    person = professional()
    _book(database, person, name="Léa")
    login(person.account)
    day = (utcnow().astimezone(PARIS) + timedelta(days=1)).date().isoformat()

    def page():
        assert client.get(f"/appointments/agenda?view=week&date={day}", headers=EN
                          ).status_code == 200

    def more_appointments():
        for n in range(5):
            _book(database, person, name=f"Sam {n}")

    assert_queries_do_not_grow(page, more_appointments, at_most=12)
