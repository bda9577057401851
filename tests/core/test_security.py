"""Cookies and CSRF, as a browser would see them."""

from tests.support import csrf_token


def _set_cookie_headers(response):
    return [v for k, v in response.headers.items() if k == "Set-Cookie"]


def test_session_cookie_is_httponly_and_lax_and_secure_only_over_https(app, client):
    plain = client.get("/account/login")
    cookies = [c for c in _set_cookie_headers(plain) if c.startswith("passerelle_session=")]
    assert cookies, "the login form stores its CSRF token in the session"
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    assert "Secure" not in cookies[0]

    secure = app.test_client().get("/account/login", base_url="https://localhost")
    cookies = [c for c in _set_cookie_headers(secure) if c.startswith("passerelle_session=")]
    assert "Secure" in cookies[0]


def test_forms_without_csrf_token_are_refused(client, dummy_user):
    response = client.post("/account/login", data={"login": "dummy", "password": "un mot de passe"})
    assert response.status_code == 400
    token = csrf_token(client, "/account/login")
    response = client.post("/account/login", data={
        "login": "dummy", "password": "un mot de passe", "csrf_token": token})
    assert response.status_code == 302


def test_nul_bytes_in_input_are_refused_not_a_crash(client):
    token = csrf_token(client, "/account/login")
    response = client.post("/account/login", data={
        "login": "a\x00b", "password": "x", "csrf_token": token})
    assert response.status_code == 400
