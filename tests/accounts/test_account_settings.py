"""Issue 21: account basics — back where one was after signing in or up;
pseudonym, password, e-mail (re-verified) and age range changed from the
account page; recovery codes for accounts without e-mail; per-role links."""

from __future__ import annotations

import re

from portal.accounts.models import RecoveryCode, User
from tests.support import submit

EN = {"Accept-Language": "en"}
PASSWORD = "un mot de passe"
TOPIC = "/forum/autonomie/12-un-sujet"


def _register(client, **fields):
    data = {"pseudonym": "Nour13", "age_range": "13-14", "email": "",
            "password": "une phrase secrète", "confirm": "une phrase secrète", **fields}
    return submit(client, "/account/register/young?next=" + TOPIC, data, headers=EN)


def test_sign_in_and_sign_up_go_back_where_one_was(client, create_user, login):
    user = create_user()
    # The header's sign-in link carries the page one is on.
    page = client.get(TOPIC.rsplit("/", 1)[0] + "/", headers=EN).get_data(as_text=True)
    assert 'href="/account/login?next=/forum/autonomie/"' in page
    response = submit(client, "/account/login?next=" + TOPIC,
                      {"login": user.pseudonym, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith(TOPIC)
    client.post("/account/logout", data={"csrf_token": _token(client)})
    # Sign-up keeps it through the register pages, and comes back there.
    assert f'href="/account/register?next={TOPIC}"' in client.get(
        "/account/login?next=" + TOPIC).get_data(as_text=True)
    assert f'href="/account/register/young?next={TOPIC}"' in client.get(
        "/account/register?next=" + TOPIC).get_data(as_text=True)
    response = _register(client, age_range="18-25", email="nour@example.org")
    assert response.status_code == 302 and response.headers["Location"].endswith(TOPIC)
    # Never another site.
    response = submit(client, "/account/login?next=https://evil.example/",
                      {"login": user.pseudonym, "password": PASSWORD})
    assert response.headers["Location"] in ("/", "http://localhost/")


def _token(client):
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))
    return match.group(1) if match else ""


def test_recovery_codes_are_shown_once_and_let_one_back_in_once(client, database, login):
    response = _register(client)
    assert response.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>", response.get_data(as_text=True))
    assert len(codes) == 8
    assert TOPIC in response.get_data(as_text=True)  # then on to where they were
    user = database.session.scalar(database.select(User).where(User.pseudonym == "Nour13"))
    assert all(len(rc.code_hash) == 64 and rc.code_hash not in codes
               for rc in database.session.scalars(database.select(RecoveryCode)))
    client.post("/account/logout", data={"csrf_token": _token(client)})

    new = {"pseudonym": "nour13", "code": codes[3].lower().replace("-", " "),
           "password": "un nouveau mot de passe", "confirm": "un nouveau mot de passe"}
    response = submit(client, "/account/password/recover", new, headers=EN)
    assert response.status_code == 302
    assert "7 recovery codes left" in client.get("/account/", headers=EN).get_data(as_text=True)
    client.post("/account/logout", data={"csrf_token": _token(client)})
    # A code works once; the new password works.
    again = submit(client, "/account/password/recover", new, headers=EN)
    assert again.status_code == 200 and "already used" in again.get_data(as_text=True)
    assert login("Nour13", "un nouveau mot de passe").status_code == 302

    # Signed in: a new set replaces the old one.
    response = submit(client, "/account/recovery-codes",
                      {"current_password": "un nouveau mot de passe"}, form_url="/account/")
    fresh = re.findall(r"<code>([A-Z2-9-]{11})</code>", response.get_data(as_text=True))
    assert len(fresh) == 8 and not set(fresh) & set(codes)
    assert database.session.scalar(database.select(database.func.count()).select_from(
        RecoveryCode).where(RecoveryCode.user_id == user.id)) == 8


def test_the_account_page_changes_pseudonym_password_email_and_age(
        client, create_user, login, database, mailbox, app):
    other = create_user(pseudonym="Déjà-pris")
    user = create_user(pseudonym="Sam", age_range=None)
    login(user)

    def stored():
        database.session.expire_all()
        return database.session.get(User, user.id)

    # Pseudonym: unique whatever the accents.
    taken = submit(client, "/account/pseudonym", {"pseudonym": "deja-pris"},
                   form_url="/account/", headers=EN)
    assert taken.status_code == 400 and "already taken" in taken.get_data(as_text=True)
    assert submit(client, "/account/pseudonym", {"pseudonym": "Sam_59"},
                  form_url="/account/").status_code == 302
    assert stored().pseudonym == "Sam_59" and other
    # E-mail: the current password, then a verification link to the new address.
    wrong = submit(client, "/account/email", {"email": "sam@example.org",
                                              "current_password": "pas le bon"},
                   form_url="/account/", headers=EN)
    assert wrong.status_code == 400 and "not right" in wrong.get_data(as_text=True)
    assert submit(client, "/account/email", {"email": "sam@example.org",
                                             "current_password": PASSWORD},
                  form_url="/account/").status_code == 302
    fresh = stored()
    assert fresh.email == "sam@example.org" and fresh.email_verified_at is None
    assert [m["To"] for m in mailbox] == ["sam@example.org"]
    assert "/account/verify/" in mailbox[0].get_content()
    # Age range: not under 15 with an e-mail address kept.
    refused = submit(client, "/account/age", {"age_range": "13-14"}, form_url="/account/",
                     headers=EN)
    assert refused.status_code == 400 and "remove yours first" in refused.get_data(as_text=True)
    assert submit(client, "/account/age", {"age_range": "15-17"},
                  form_url="/account/").status_code == 302
    # Password: this device stays signed in, the others are signed out.
    other_device = app.test_client()
    login_other = submit(other_device, "/account/login", {"login": "Sam_59", "password": PASSWORD})
    assert login_other.status_code == 302
    assert submit(client, "/account/password", {
        "current_password": PASSWORD, "password": "une autre phrase", "confirm": "une autre phrase"},
        form_url="/account/").status_code == 302
    assert client.get("/account/").status_code == 200
    assert other_device.get("/account/").status_code == 302


def test_the_menu_has_each_roles_pages_and_the_moderation_count(client, create_user, login):
    def menu_for(user):
        login(user)
        page = client.get("/", headers=EN).get_data(as_text=True)
        client.post("/account/logout", data={"csrf_token": _token(client)})
        return page[page.index('class="main-nav"'):page.index("</nav>", page.index('class="main-nav"'))]

    young = menu_for(create_user())
    for label in ("Chat console", "Agenda", "Moderation queue", "Administration"):
        assert label not in young
    pro = menu_for(create_user(role="professional"))
    assert "Chat console" in pro and "Agenda" in pro and "Administration" not in pro
    moderator = menu_for(create_user(role="moderator"))
    assert 'href="/forum/moderation/"' in moderator and "Moderation queue" in moderator
    admin = menu_for(create_user(role="admin"))
    assert 'href="/admin/"' in admin and "Moderation queue" in admin
