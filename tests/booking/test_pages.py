"""A young person's journey without JavaScript: guide → slots → form →
confirmation → the signed link (cancel, move), and "My appointments"."""

from __future__ import annotations

import re
from datetime import UTC
from urllib.parse import urlsplit

import pytest

from portal.booking.models import Appointment, Status
from tests.booking.support import event_of, link_in, slot_links, tomorrow
from tests.support import csrf_token

EN = {"Accept-Language": "en"}


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _book(client, person, data, link_index=0):
    """Open the slots page from tomorrow on, follow a slot, submit the form."""
    page = client.get(f"/appointments/with/person-{person.id}?from={tomorrow()}", headers=EN)
    link = slot_links(page.get_data(as_text=True))[link_index]
    token = csrf_token(client, link)
    return link, client.post(link, data={"csrf_token": token, **data}, headers=EN)


def _only(database) -> Appointment:
    return database.session.scalars(database.select(Appointment)).one()


def test_the_guide_entry_leads_to_the_free_slots(client, professional):
    person = professional()
    entry = client.get(f"/guide/persons/{person.id}", headers=EN).get_data(as_text=True)
    assert f'href="/appointments/with/person-{person.id}"' in entry
    page = client.get(f"/appointments/with/person-{person.id}", headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Book an appointment with Camille Exemple" in html
    assert "Paris" in html and len(slot_links(html)) > 10


def test_booking_through_the_form_sends_the_confirmation_with_a_calendar_file(
        client, professional, database, mailbox):
    person = professional()
    _, response = _book(client, person, {"name": "Léa", "email": "lea@example.org",
                                         "phone": ""})
    assert response.status_code == 302
    confirmation = client.get(_path(response.headers["Location"]), headers=EN)
    assert "Your appointment is booked" in confirmation.get_data(as_text=True)
    appointment = _only(database)
    assert appointment.status == Status.BOOKED and appointment.sequence == 0

    to_young = next(m for m in mailbox if m["To"] == "lea@example.org")
    calendar, event = event_of(to_young)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{appointment.uid}@passerelle"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == appointment.starts_at.astimezone(UTC)
    assert event.decoded("DTEND") == appointment.ends_at.astimezone(UTC)
    assert event.decoded("DTSTART").tzinfo is not None  # an instant, not a floating time
    to_pro = next(m for m in mailbox if m["To"] == "pro@example.org")
    assert "Léa" in to_pro.get_body(("plain",)).get_content()
    assert link_in(to_young) != link_in(to_pro)  # each side has its own link


def test_under_15_no_email_is_asked_and_the_confirmation_stays_on_screen(
        client, professional, database, mailbox):
    person = professional()
    _, refused = _book(client, person, {"name": "Noa", "under_15": "y",
                                        "email": "noa@example.org"})
    assert refused.status_code == 422
    assert "Under 15, we do not ask for an e-mail address" in refused.get_data(as_text=True)
    _, booked = _book(client, person, {"name": "Noa", "under_15": "y"})
    assert booked.status_code == 302
    page = client.get(_path(booked.headers["Location"]), headers=EN).get_data(as_text=True)
    assert "Keep this page: we did not send an e-mail." in page
    assert "/appointments/manage/" in page  # the link to keep, shown on screen
    assert _only(database).under_15
    assert [m["To"] for m in mailbox] == ["pro@example.org"]


def test_a_contact_is_needed_from_15_on(client, professional):
    _, response = _book(client, professional(), {"name": "Léa"})
    assert response.status_code == 422
    assert "Please give an e-mail address or a phone number" in response.get_data(as_text=True)


def test_the_loser_of_a_slot_is_told_and_offered_the_next_free_slots(client, professional):
    person = professional()
    link, first = _book(client, person, {"name": "Léa", "phone": "0600000000"})
    assert first.status_code == 302
    # Someone who opened the form before the slot went submits it now.
    second = client.post(link, data={"csrf_token": csrf_token(client, "/appointments/"),
                                     "name": "Sam", "phone": "0611111111"}, headers=EN)
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "this slot was just taken" in html
    offered = slot_links(html)
    assert offered and link not in offered


def test_cancel_from_the_link_sends_a_cancellation_with_the_same_uid(
        client, professional, database, mailbox):
    person = professional()
    _book(client, person, {"name": "Léa", "email": "lea@example.org"})
    manage = _path(link_in(next(m for m in mailbox if m["To"] == "lea@example.org")))
    appointment = _only(database)
    mailbox.clear()
    response = client.post(f"{manage}/cancel", data={"csrf_token": csrf_token(client, manage)},
                           headers=EN)
    assert response.status_code == 302
    page = client.get(manage, headers=EN).get_data(as_text=True)
    assert "cancelled by the young person" in page and "Cancel the appointment" not in page
    database.session.refresh(appointment)
    assert appointment.status == Status.CANCELLED and appointment.cancelled_by == "young"
    calendar, event = event_of(next(m for m in mailbox if m["To"] == "lea@example.org"))
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == f"{appointment.uid}@passerelle" and event["SEQUENCE"] == 1
    assert any(m["To"] == "pro@example.org" for m in mailbox)
    # The slot is free again.
    again = client.get(f"/appointments/with/person-{person.id}?from={tomorrow()}").get_data(
        as_text=True)
    assert appointment.starts_at.strftime("%Y%m%dT%H%MZ") in again


def test_move_from_the_link_keeps_the_uid_and_increments_the_sequence(
        client, professional, database, mailbox):
    person = professional()
    _book(client, person, {"name": "Léa", "email": "lea@example.org"})
    appointment = _only(database)
    uid, first_start = appointment.uid, appointment.starts_at
    manage = _path(link_in(next(m for m in mailbox if m["To"] == "lea@example.org")))
    mailbox.clear()
    move = client.get(f"{manage}/move", headers=EN)
    keys = re.findall(r'name="start" value="(\w+)"', move.get_data(as_text=True))
    assert keys
    response = client.post(f"{manage}/move", headers=EN, data={
        "csrf_token": csrf_token(client, f"{manage}/move"), "start": keys[3]})
    assert response.status_code == 302
    database.session.refresh(appointment)
    assert appointment.uid == uid and appointment.sequence == 1
    assert appointment.starts_at != first_start
    calendar, event = event_of(next(m for m in mailbox if m["To"] == "lea@example.org"))
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{uid}@passerelle" and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == appointment.starts_at.astimezone(UTC)
    # The downloadable file says the same.
    ics = client.get(f"{manage}/rendez-vous.ics")
    assert b"SEQUENCE:1" in ics.data and uid.encode() in ics.data


def test_the_professional_link_shows_the_young_persons_details_and_can_move_it(
        client, professional, database, mailbox):
    person = professional()
    _book(client, person, {"name": "Léa", "email": "lea@example.org", "phone": "0612345678"})
    pro_link = _path(link_in(next(m for m in mailbox if m["To"] == "pro@example.org")))
    page = client.get(pro_link, headers=EN).get_data(as_text=True)
    assert "Appointment with Léa" in page and "0612345678" in page
    mailbox.clear()
    move = client.get(f"{pro_link}/move").get_data(as_text=True)
    key = re.findall(r'name="start" value="(\w+)"', move)[0]
    client.post(f"{pro_link}/move", data={"csrf_token": csrf_token(client, pro_link),
                                          "start": key})
    young_mail = next(m for m in mailbox if m["To"] == "lea@example.org")
    assert "Camille Exemple moved your appointment" in young_mail.get_body(("plain",)).get_content()


@pytest.mark.parametrize("token", ["nope", "WzEsImFiY2RlZmdoIl0.forged-signature"])
def test_a_bad_link_is_a_404(client, token):
    assert client.get(f"/appointments/manage/{token}").status_code == 404
    assert client.get(f"/appointments/manage/{token}/rendez-vous.ics").status_code == 404


def test_my_appointments_finds_one_from_its_link_for_anyone(client, professional, mailbox):
    person = professional()
    _book(client, person, {"name": "Léa", "email": "lea@example.org"})
    link = link_in(next(m for m in mailbox if m["To"] == "lea@example.org"))
    page = client.get("/appointments/", headers=EN)
    assert page.status_code == 200 and "Find an appointment from its link" in page.get_data(
        as_text=True)
    found = client.post("/appointments/", data={"csrf_token": csrf_token(client, "/appointments/"),
                                                "link": f"  {link}  "})
    assert found.status_code == 302 and _path(found.headers["Location"]) == _path(link)
    lost = client.post("/appointments/", headers=EN, data={
        "csrf_token": csrf_token(client, "/appointments/"), "link": "https://example.org/x"})
    assert lost.status_code == 422 and "not one of ours" in lost.get_data(as_text=True)


def test_a_signed_in_young_person_sees_their_appointments(client, professional, create_user,
                                                         login):
    person = professional()
    young = create_user(role="young", pseudonym="lea", email="lea@example.org")
    login(young)
    form = client.get(slot_links(client.get(
        f"/appointments/with/person-{person.id}?from={tomorrow()}").get_data(as_text=True))[0],
        headers=EN).get_data(as_text=True)
    assert 'value="lea"' in form and 'value="lea@example.org"' in form  # prefilled
    _book(client, person, {"name": "lea", "email": "lea@example.org"})
    page = client.get("/appointments/", headers=EN).get_data(as_text=True)
    assert "Coming up" in page and "Camille Exemple" in page


def test_an_old_link_to_a_taken_slot_says_so_before_the_form(client, professional):
    person = professional()
    link, first = _book(client, person, {"name": "Léa", "phone": "0600000000"})
    assert first.status_code == 302
    page = client.get(link, headers=EN).get_data(as_text=True)
    assert "this slot was just taken" in page and 'name="name"' not in page
    assert slot_links(page)
