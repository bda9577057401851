"""Help on every page and the screening API: the header's link to /aide, the
numbers as tel: links for France or Belgium, the quick exit where a young
person reads about what is happening to them, and POST /api/v1/safety/check
(shape, 422 naming the field, the rate limit, the OpenAPI document)."""

from __future__ import annotations

import re

import pytest

from portal.safety import presenting

#: Tests that need the rebuilt engine (detect's branch, issue 12): Belgian
#: numbers (``help_numbers(country=…)``, ``all_help_numbers``), handles.
needs_new_engine = pytest.mark.skipif(
    presenting.countries() == ("FR",),
    reason="needs the rebuilt screening engine (all_help_numbers, help_numbers(country=…); issue 12)")

FR = {"Accept-Language": "fr"}


def page(client, url, **headers):
    response = client.get(url, headers=headers or FR)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def header(html: str) -> str:
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def tel_links(html: str) -> list[str]:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.findall(r'href="tel:([^"]+)"', main)


@pytest.mark.parametrize("url", ["/", "/guide/", "/forum/", "/chat/", "/assistant/", "/information/",
                                 "/account/login", "/aide"])
def test_every_page_has_the_help_link_in_its_header(client, url):
    bar = header(page(client, url))
    link = re.search(r'<a class="help-now" href="([^"]+)">([^<]+)</a>', bar)
    assert link, url
    assert link.group(1) == "/aide"
    assert link.group(2) == "Besoin d’aide tout de suite ?"


def test_the_help_page_gives_the_numbers_as_tel_links_in_plain_words(client):
    html = page(client, "/aide")
    numbers = tel_links(html)
    assert numbers[:1] and "112" in numbers and "119" in numbers and "3114" in numbers
    assert "Tu n’es pas seul" in html  # addressed with tu
    assert "Les numéros à appeler en France" in html
    assert 'href="/chat/"' in html  # and a human


def test_without_belgian_numbers_there_is_no_belgian_page(client):
    """Today's engine knows France's numbers only: no switch, France whatever was asked."""
    if presenting.countries() != ("FR",):
        pytest.skip("the engine has Belgian numbers")
    for url in ("/aide?pays=BE", "/aide?commune=Mouscron"):
        html = page(client, url)
        assert "Les numéros à appeler en France" in html and "country-switch" not in html


@needs_new_engine
def test_the_country_comes_from_the_switch_the_commune_or_the_language(client):
    html = page(client, "/aide")
    assert 'aria-current="true">En France' in html and 'href="/aide?pays=BE"' in html
    assert 'aria-current="true">En Belgique' in page(client, "/aide?pays=BE")
    assert 'aria-current="true">En Belgique' in page(client, "/aide?commune=Mouscron")
    assert 'aria-current="true">En France' in page(client, "/aide?commune=Tourcoing")
    assert 'aria-current="true">In België' in page(client, "/aide", **{"Accept-Language": "nl"})
    # The switch wins over the language.
    assert 'aria-current="true">In Frankrijk' in page(client, "/aide?pays=FR",
                                                      **{"Accept-Language": "nl"})


@needs_new_engine
def test_belgian_numbers_on_the_belgian_page(client):
    numbers = tel_links(page(client, "/aide?pays=BE"))
    assert {"112", "103", "1813"} <= {n.replace(" ", "") for n in numbers}
    assert "3114" not in numbers


@pytest.mark.parametrize("url, shown", [
    ("/aide", True), ("/chat/", True), ("/forum/", True), ("/assistant/", True),
    ("/", False), ("/guide/", False), ("/account/login", False)])
def test_the_quick_exit_is_on_the_chat_forum_assistant_and_help_pages(client, url, shown):
    bar = header(page(client, url))
    exit_link = re.search(r'<a class="quick-exit" href="([^"]+)" rel="noreferrer" data-quick-exit>', bar)
    assert bool(exit_link) == shown, url
    if shown:
        assert exit_link.group(1) == client.application.config["SAFETY_QUICK_EXIT_URL"]
        assert re.search(r'<script src="/static/js/quick-exit-[0-9a-f]+\.js" defer>', bar)


def test_the_quick_exit_is_not_on_the_professionals_console(client, create_user, login):
    pro = create_user("professional")
    login(pro)
    response = client.get("/chat/console")
    assert "data-quick-exit" not in response.get_data(as_text=True)


def check(client, payload, **headers):
    return client.post("/api/v1/safety/check", json=payload, headers=headers or FR)


def test_the_api_gives_kinds_numbers_and_personal_data(client):
    response = check(client, {"text": "je veux mourir, appelle moi au 06 39 98 12 45", "locale": "en"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"distress", "personal_data"}
    assert "suicide" in body["distress"]["kinds"]
    numbers = body["distress"]["numbers"]
    assert numbers[0]["number"] == "3114" and numbers[-1]["number"] == "112"
    assert all(set(n) == {"number", "label", "tel"} and n["tel"].startswith("tel:") for n in numbers)
    assert "Suicide prevention" in numbers[0]["label"]  # the locale asked for
    assert body["personal_data"] == ["phone"]


def test_the_api_answers_an_ordinary_text_with_nothing(client):
    body = check(client, {"text": "comment faire une demande d'APL ?"}).get_json()
    assert body == {"distress": {"kinds": [], "numbers": []}, "personal_data": []}


@pytest.mark.parametrize("payload, field", [
    ({}, "text"), ({"text": ""}, "text"), ({"text": "x" * 8001}, "text"),
    ({"text": "bonjour", "locale": "de"}, "locale"), ({"text": "bonjour", "commune": "x" * 101}, "commune"),
    ({"text": 12}, "text")])
def test_the_api_refuses_bad_input_naming_the_field(client, payload, field):
    response = check(client, payload)
    assert response.status_code == 422
    body = response.get_json()
    assert body["message"] and field in body["errors"]["json"]


def test_the_api_is_rate_limited(app, client):
    previous = app.config["SAFETY_CHECK_LIMIT"]
    app.config["SAFETY_CHECK_LIMIT"] = "3 per minute"
    try:
        codes = [check(client, {"text": "bonjour"}).status_code for _ in range(4)]
    finally:
        app.config["SAFETY_CHECK_LIMIT"] = previous
    assert codes == [200, 200, 200, 429]


def test_the_api_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/safety/check"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][body]["properties"]) == {"text", "locale", "commune"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert set(spec["components"]["schemas"][answer.rsplit("/", 1)[1]]["properties"]) == {
        "distress", "personal_data"}
    assert "422" in operation["responses"]


@pytest.mark.parametrize("commune, country", [
    ("Mouscron", "BE"), ("7700", "BE"), ("Courtrai", "BE"), ("Tourcoing", "FR"), ("59000", "FR"),
    ("nulle part", None), ("", None)])
def test_the_country_of_a_commune_comes_from_the_gazetteer(app, commune, country):
    with app.app_context():
        assert presenting.country_of_commune(commune) == country
