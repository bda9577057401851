"""The contact form and booking notes through portal.safety, through the
real routes: a message that sounds like distress is not sent yet — the
numbers come first, with what was typed kept — and goes once the person has
seen them; contact details in these private messages to a professional are
expected and go at once, without numbers."""

from __future__ import annotations

import re

from portal.booking.models import Appointment
from tests.booking.support import link_in, slot_links, tomorrow
from tests.support import csrf_token

FR = {"Accept-Language": "fr"}
DISTRESS = "Bonjour, je veux mourir et je sais pas a qui en parler."  # caught by today's engine
CONTACT = "Bonjour, ajoute moi sur snap lea.59 ou appelle moi au 06 39 98 12 45."


def numbers_card(page: str) -> str | None:
    found = re.search(r'<section class="card card--urgent before-sending".*?</section>', page, re.S)
    return found.group(0) if found else None


def tels(card: str) -> list[str]:
    return re.findall(r'href="tel:([^"]+)"', card)


def contact(client, person, body, **extra):
    data = {"csrf_token": csrf_token(client, "/account/login"), "name": "Yanis",
            "email": "yanis@example.net", "body": body, **extra}
    return client.post(f"/guide/persons/{person.id}/contact", data=data, headers=FR)


def test_the_contact_form_shows_the_numbers_before_sending_distress(
        client, create_structure, create_person, mailbox):
    person = create_person(create_structure(), email="pro@example.org")
    first = contact(client, person, DISTRESS)
    page = first.get_data(as_text=True)
    card = numbers_card(page)
    assert first.status_code == 200 and card, page[:500]
    assert tels(card)[0] == "3114" and tels(card)[-2:] == ["17", "112"]
    assert "pas encore envoyé" in card  # says plainly that nothing left yet
    assert mailbox == []  # the professional has nothing yet
    # What was typed is kept, and the form now says the numbers were seen.
    assert "je veux mourir et je sais pas a qui en parler." in page
    assert '<input type="hidden" name="safety_seen" value="1">' in page
    second = contact(client, person, DISTRESS, safety_seen="1")
    assert second.status_code == 302
    assert [m["To"] for m in mailbox] == ["pro@example.org"]
    assert "je veux mourir" in mailbox[0].get_content()


def test_contact_details_in_a_message_to_a_professional_go_at_once(
        client, create_structure, create_person, mailbox):
    person = create_person(create_structure(), email="pro@example.org")
    response = contact(client, person, CONTACT)
    assert response.status_code == 302
    assert [m["To"] for m in mailbox] == ["pro@example.org"]


def _book(client, person, note, **extra):
    page = client.get(f"/appointments/with/person-{person.id}?from={tomorrow()}", headers=FR)
    link = slot_links(page.get_data(as_text=True))[0]
    data = {"csrf_token": csrf_token(client, link), "name": "Léa", "email": "lea@example.org",
            "phone": "", "note": note, **extra}
    return link, client.post(link, data=data, headers=FR)


def test_a_booking_note_in_distress_shows_the_numbers_before_booking(
        client, professional, database, mailbox):
    person = professional()
    link, first = _book(client, person, DISTRESS)
    page = first.get_data(as_text=True)
    card = numbers_card(page)
    assert first.status_code == 200 and card
    assert tels(card)[0] == "3114"
    assert database.session.scalars(database.select(Appointment)).all() == []
    assert mailbox == []
    assert 'value="Léa"' in page and "je veux mourir" in page  # kept as typed
    data = {"csrf_token": csrf_token(client, link), "name": "Léa", "email": "lea@example.org",
            "phone": "", "note": DISTRESS, "safety_seen": "1"}
    second = client.post(link, data=data, headers=FR)
    assert second.status_code == 302
    [appointment] = database.session.scalars(database.select(Appointment)).all()
    assert appointment.note == DISTRESS
    # The professional reads the note on their page of the appointment.
    pro_page = client.get(re.sub(r"^https?://[^/]+", "", link_in(
        next(m for m in mailbox if m["To"] == "pro@example.org"))), headers=FR)
    assert "je veux mourir" in pro_page.get_data(as_text=True)


def test_an_ordinary_booking_note_books_at_once(client, professional, database):
    _, response = _book(client, professional(), CONTACT)
    assert response.status_code == 302
    assert database.session.scalars(database.select(Appointment)).one().note == CONTACT
