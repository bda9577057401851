"""Registering, as a young person and as a professional."""

import re

from portal.accounts.models import ProfessionalStatus, Role, User
from tests.support import submit

YOUNG = "/account/register/young"
PRO = "/account/register/professional"


def _young(client, **fields):
    data = {"pseudonym": "Lea59", "age_range": "18-25", "email": "",
            "password": "une phrase secrète", "confirm": "une phrase secrète", **fields}
    return submit(client, YOUNG, data, headers={"Accept-Language": "en"})


def test_a_young_person_registers_with_just_a_pseudonym(client, database, mailbox):
    response = _young(client)
    # Without an e-mail address: the recovery codes, shown once (issue 21).
    assert response.status_code == 200 and "recovery-codes" in response.get_data(as_text=True)
    user = database.session.query(User).one()
    assert (user.pseudonym, user.role, user.email) == ("Lea59", Role.YOUNG, None)
    assert user.password_hash.startswith("$argon2id$")
    assert mailbox == []
    # Signed in straight away.
    assert "Lea59" in client.get("/").get_data(as_text=True)


def test_with_an_email_a_verification_link_is_sent_and_works(client, database, mailbox):
    _young(client, email="lea@example.org")
    assert len(mailbox) == 1
    link = re.search(r"https?://\S+/account/verify/\S+", mailbox[0].get_content()).group(0)
    path = link.replace("http://localhost", "")
    # Opening the link (as a mail scanner would) changes nothing: it asks.
    page = client.get(path, headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "Yes, confirm this address" in page.get_data(as_text=True)
    assert database.session.query(User).one().email_verified_at is None
    response = submit(client, path, {})
    assert response.status_code == 302
    assert database.session.query(User).one().email_verified_at is not None


def test_under_15_no_email_is_asked_or_stored(client, database, mailbox):
    response = _young(client, age_range="13-14", email="kid@example.org")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Under 15, we do not ask for an e-mail address" in page
    assert 'value="Lea59"' in page  # what was typed is kept
    assert database.session.query(User).count() == 0
    response = _young(client, age_range="13-14")
    # No e-mail: recovery codes instead, shown once (issue 21).
    assert response.status_code == 200 and "recovery-codes" in response.get_data(as_text=True)
    user = database.session.query(User).one()
    assert user.email is None and user.age_range.value == "13-14"
    assert mailbox == []


def test_field_errors_are_shown_in_the_page_language_and_input_is_kept(client, database):
    response = submit(client, YOUNG, {"pseudonym": "Lé", "age_range": "", "email": "pas-un-mail",
                                      "password": "court", "confirm": "autre"},
                      headers={"Accept-Language": "fr"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Lé"' in page and 'value="pas-un-mail"' in page
    assert 'aria-invalid="true"' in page
    assert "A pseudonym has 3 to 30 characters." not in page  # shown in French, not English
    assert database.session.query(User).count() == 0


def test_pseudonyms_are_unique_whatever_the_case_and_accents(client, database, create_user):
    create_user(pseudonym="Léa59")
    response = _young(client, pseudonym="lea59")
    assert "This pseudonym is already taken" in response.get_data(as_text=True)


def test_a_professional_waits_for_verification(client, database, mailbox):
    response = submit(client, PRO, {
        "full_name": "Camille Durand", "email": "camille@mission-locale.example",
        "structure_name": "Mission locale de Roubaix", "job_title": "Conseillère",
        "password": "une phrase secrète", "confirm": "une phrase secrète"},
        headers={"Accept-Language": "en"})
    assert response.status_code == 200
    user = database.session.query(User).one()
    assert user.role == Role.PROFESSIONAL
    assert user.professional_status == ProfessionalStatus.PENDING
    assert len(mailbox) == 1 and mailbox[0]["To"] == "camille@mission-locale.example"
    # Not signed in and cannot sign in yet.
    response = submit(client, "/account/login", {"login": "camille@mission-locale.example",
                                                 "password": "une phrase secrète"},
                      headers={"Accept-Language": "en"})
    assert "waiting for an administrator" in response.get_data(as_text=True)
