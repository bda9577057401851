"""The layout, languages and error pages, as a visitor meets them."""

import logging

from portal import create_app
from portal.core.i18n import LANGUAGE_COOKIE


def test_home_is_french_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "Trouve de l’aide près de chez toi" in page


def test_language_follows_the_browser(client):
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    dutch = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Find help near you" in english
    assert '<html lang="nl">' in dutch and "Vind hulp" in dutch


def test_switching_language_is_remembered_and_returns_to_the_page(client):
    response = client.get("/language/nl?next=/account/login")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/login")
    cookie = client.get_cookie(LANGUAGE_COOKIE)
    assert cookie.value == "nl" and cookie.http_only
    # The choice wins over the browser's language on later pages.
    page = client.get("/account/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="nl">' in page and "Inloggen" in page


def test_language_switch_is_not_an_open_redirect(client):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.get("/language/en", query_string={"next": target})
        assert response.headers["Location"] in ("/", "http://localhost/")


def test_unknown_language_is_a_404(client):
    assert client.get("/language/de").status_code == 404


def test_every_page_has_landmarks_skip_link_and_language_switcher(client):
    page = client.get("/").get_data(as_text=True)
    assert 'class="skip-link" href="#main"' in page
    assert '<main id="main"' in page and "<header" in page and "<footer" in page
    assert 'aria-label="Menu principal"' in page
    assert 'hreflang="nl"' in page and 'hreflang="en"' in page


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "nl"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page and "Pagina niet gevonden" in page


def test_api_errors_are_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.is_json and response.json["code"] == 404 and response.json["message"]


def test_unexpected_error_is_a_500_page_and_a_log_line(tmp_path, caplog):
    app = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/db.sqlite"})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in page and "Traceback" not in page
    assert "<h1>" in page
    assert any("secret internals" in (r.exc_text or str(r.exc_info)) for r in caplog.records)


def test_health_check_answers_when_the_database_does(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_openapi_document_is_published(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["info"]["title"] == "Passerelle"
