"""Writing to a professional: the e-mail reaches them without the young
person's address, unless the young person chose to share it."""

import re

from tests.support import csrf_token


def _send(client, person, **fields):
    page = f"/guide/persons/{person.id}"
    # The sign-in page always has a form: its token is the session's token.
    token = csrf_token(client, "/account/login")
    data = {"csrf_token": token, "name": "Yanis", "email": "yanis@example.net",
            "body": "Bonjour, je cherche un logement pour septembre.", **fields}
    return client.post(f"{page}/contact", data=data, headers={"Accept-Language": "fr"})


def test_the_message_reaches_the_professional_without_the_sender_address(
        client, create_structure, create_person, mailbox):
    person = create_person(create_structure(), email="pro@example.org")
    assert _send(client, person).status_code == 302
    [message] = mailbox
    assert message["To"] == "pro@example.org"
    text = message.get_content()
    assert "je cherche un logement" in text
    assert "yanis@example.net" not in text and "yanis@example.net" not in str(message)
    assert message["Reply-To"] is None


def test_the_professional_answers_through_the_portal(client, app, create_structure, create_person,
                                                     mailbox):
    person = create_person(create_structure(), email="pro@example.org")
    _send(client, person)
    link = re.search(r"https?://\S+/guide/messages/\S+/reply", mailbox[0].get_content()).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    mailbox.clear()
    pro_client = app.test_client()
    token = csrf_token(pro_client, path)
    response = pro_client.post(path, data={"csrf_token": token, "body": "Passe nous voir mardi."})
    assert response.status_code == 200
    [answer] = mailbox
    assert answer["To"] == "yanis@example.net" and "Passe nous voir mardi." in answer.get_content()
    assert "pro@example.org" not in str(answer)


def test_sharing_the_address_and_asking_for_a_copy(client, create_structure, create_person, mailbox):
    person = create_person(create_structure(), email="pro@example.org")
    _send(client, person, share_email="y", wants_copy="y")
    by_recipient = {m["To"]: m for m in mailbox}
    assert by_recipient["pro@example.org"]["Reply-To"] == "yanis@example.net"
    assert "yanis@example.net" in by_recipient


def test_errors_keep_what_was_typed(client, create_structure, create_person, mailbox):
    person = create_person(create_structure())
    response = _send(client, person, email="pas une adresse")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and mailbox == []
    assert "je cherche un logement pour septembre." in page and 'value="pas une adresse"' in page


def test_the_contact_form_is_rate_limited(client, create_structure, create_person):
    person = create_person(create_structure())
    codes = [_send(client, person).status_code for _ in range(6)]
    assert codes[:5] == [302] * 5 and codes[5] == 429


def test_no_contact_form_without_the_email_channel(client, create_structure, create_person):
    person = create_person(create_structure(), channels=("phone",))
    assert _send(client, person).status_code == 404
