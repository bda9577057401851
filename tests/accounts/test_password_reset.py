"""Password reset by a signed, expiring, single-use link; deleting one's account."""

import re

from itsdangerous import URLSafeTimedSerializer

from portal.accounts.models import User
from tests.support import csrf_token, submit


def _link(message):
    url = re.search(r"https?://\S+/account/password/reset/\S+", message.get_content()).group(0)
    return url.replace("http://localhost", "")


def test_reset_link_changes_the_password_once(client, create_user, mailbox):
    create_user(pseudonym="Ines", email="ines@example.org")
    response = submit(client, "/account/password/forgot", {"email": "ines@example.org"})
    assert response.status_code == 200 and len(mailbox) == 1
    link = _link(mailbox[0])
    response = submit(client, link, {"password": "nouvelle phrase", "confirm": "nouvelle phrase"})
    assert response.status_code == 302
    assert submit(client, "/account/login", {"login": "Ines", "password": "nouvelle phrase"}).status_code == 302
    # The link is spent: the password it was made for has changed.
    assert client.get(link).status_code == 400


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, mailbox):
    response = submit(client, "/account/password/forgot", {"email": "nobody@example.org"},
                      headers={"Accept-Language": "en"})
    assert "If an account uses this address" in response.get_data(as_text=True)
    assert mailbox == []


def test_expired_or_forged_links_are_refused(app, client, create_user):
    user = create_user(pseudonym="Ines", email="ines@example.org")
    forged = URLSafeTimedSerializer("not the key", salt="passerelle-password-reset").dumps(
        {"u": user.id, "f": "x"})
    assert client.get(f"/account/password/reset/{forged}").status_code == 400


def test_changing_the_password_ends_other_sessions(app, client, create_user, login, database):
    user = create_user(pseudonym="Ines", email="ines@example.org")
    login(user)
    other_device = app.test_client()
    submit(other_device, "/account/login", {"login": "Ines", "password": "un mot de passe"})
    from portal.accounts.operations import set_password

    set_password(user, "encore une autre")
    database.session.commit()
    assert other_device.get("/account/").status_code == 302


def test_deleting_ones_account(client, create_user, login, database):
    login(create_user(pseudonym="Bye"))
    token = csrf_token(client, "/account/")
    response = client.post("/account/delete", data={"csrf_token": token, "password": "wrong"},
                           headers={"Accept-Language": "en"})
    assert "The password is not right." in response.get_data(as_text=True)
    client.post("/account/delete", data={"csrf_token": token, "password": "un mot de passe"})
    assert database.session.query(User).filter_by(pseudonym_key="bye").count() == 0
