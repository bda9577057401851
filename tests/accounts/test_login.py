"""Signing in and out; throttling of failures."""

from tests.support import csrf_token, submit


def test_sign_in_with_pseudonym_or_email_and_sign_out(client, create_user):
    create_user(pseudonym="Noa", email="noa@example.org")
    assert submit(client, "/account/login", {"login": "noa", "password": "un mot de passe"}).status_code == 302
    assert "Noa" in client.get("/account/").get_data(as_text=True)
    token = csrf_token(client, "/account/")
    client.post("/account/logout", data={"csrf_token": token})
    assert client.get("/account/").status_code == 302  # back to the sign-in page
    assert submit(client, "/account/login", {"login": "NOA@example.org",
                                             "password": "un mot de passe"}).status_code == 302


def test_a_new_session_on_sign_in(client, create_user):
    create_user(pseudonym="Noa")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    submit(client, "/account/login", {"login": "Noa", "password": "un mot de passe"})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_wrong_password_is_refused_without_saying_which_part_is_wrong(client, create_user):
    create_user(pseudonym="Noa")
    wrong_password = submit(client, "/account/login", {"login": "Noa", "password": "nope nope nope"},
                            headers={"Accept-Language": "en"}).get_data(as_text=True)
    no_account = submit(client, "/account/login", {"login": "Nobody", "password": "nope nope nope"},
                        headers={"Accept-Language": "en"}).get_data(as_text=True)
    message = "The pseudonym, e-mail address or password is not right."
    assert message in wrong_password and message in no_account


def test_five_failures_on_an_account_lock_that_address_with_retry_after(client, create_user):
    create_user(pseudonym="Noa")
    for _ in range(5):
        assert submit(client, "/account/login", {"login": "Noa", "password": "bad"}).status_code == 200
    response = submit(client, "/account/login", {"login": "Noa", "password": "un mot de passe"})
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 30 * 60


def test_failures_from_one_address_on_many_accounts_block_it_for_all(client, create_user, app):
    create_user(pseudonym="Target")
    for n in range(int(app.config["LOGIN_ADDRESS_FAILURE_LIMIT"].split()[0])):
        submit(client, "/account/login", {"login": f"guess{n}", "password": "bad"},
               environ_base={"REMOTE_ADDR": "203.0.113.9"})
    response = submit(client, "/account/login", {"login": "Target", "password": "un mot de passe"},
                      environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 429
    # Another address can still sign in to that account.
    response = submit(client, "/account/login", {"login": "Target", "password": "un mot de passe"},
                      environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert response.status_code == 302


def test_a_disabled_account_cannot_sign_in(client, create_user):
    create_user(pseudonym="Gone", is_active_account=False)
    response = submit(client, "/account/login", {"login": "Gone", "password": "un mot de passe"},
                      headers={"Accept-Language": "en"})
    assert "This account is disabled" in response.get_data(as_text=True)
