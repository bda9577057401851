"""Issue 14, headers: a strict CSP with nonces, no framing, no sniffing, a
careful referrer, powerful features off (geolocation only on the guide's
search), HSTS only over HTTPS, and the map tiles allowed by configuration."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string

from portal import create_app
from portal.core.headers import tiles_source
from tests.support import ROOT


def _csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def _permissions(response) -> dict[str, str]:
    return dict(item.strip().split("=", 1)
                for item in response.headers["Permissions-Policy"].split(","))


def test_a_page_carries_every_security_header(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = _csp(response)
    nonce = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert csp["script-src"] == ["'self'", *nonce] and len(nonce) == 1
    assert csp["style-src"] == ["'self'", *nonce]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    # Nothing inline without the nonce: no 'unsafe-inline' or 'unsafe-eval' anywhere.
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert _permissions(response)["geolocation"] == "()"
    assert _permissions(response)["camera"] == "()"
    assert "Strict-Transport-Security" not in response.headers


def test_each_response_has_its_own_nonce_and_templates_can_use_it(app, client):
    first, second = (_csp(client.get("/"))["script-src"][1] for _ in range(2))
    assert first != second
    with app.test_request_context("/"):
        app.preprocess_request()
        html = render_template_string('<script nonce="{{ csp_nonce() }}"></script>')
        response = app.process_response(app.make_response(html))
        nonce = _csp(response)["script-src"][1]
    in_page = re.search(r'nonce="([^"]+)"', html).group(1)
    assert nonce == f"'nonce-{in_page}'"


def test_geolocation_only_on_the_guide_search(client):
    assert _permissions(client.get("/guide/"))["geolocation"] == "(self)"
    for url in ("/", "/forum/", "/chat/", "/account/login", "/api/v1/communes?q=lille"):
        assert _permissions(client.get(url))["geolocation"] == "()", url


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/guide/").headers
    secure = client.get("/guide/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_error_pages_and_the_api_carry_the_headers_too(client):
    for url in ("/no-such-page", "/api/v1/openapi.json", "/api/v1/directory/entries/999999"):
        response = client.get(url)
        assert _csp(response)["frame-ancestors"] == ["'none'"], url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_never_sniffed(client):
    response = client.get("/static/js/portal.js")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_map_tiles_origin_comes_from_the_configuration(tmp_path):
    default = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x"})
    other = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x",
                        "MAP_TILES_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"})
    images = _csp(default.test_client().get("/account/login"))["img-src"]
    assert "https://tile.openstreetmap.org" in images
    images = _csp(other.test_client().get("/account/login"))["img-src"]
    assert images == ["'self'", "data:", "https://*.tiles.example.org"]


@pytest.mark.parametrize(("url", "source"), [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.basemaps.example/{z}/{x}/{y}.png", "https://*.basemaps.example"),
    ("http://127.0.0.1:8001/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8001"),
    ("/tiles/{z}/{x}/{y}.png", None),
    ("", None),
])
def test_tiles_source(url, source):
    assert tiles_source(url) == source


def test_a_placeholder_deeper_in_the_host_is_refused():
    with pytest.raises(ValueError, match="MAP_TILES_URL"):
        tiles_source("https://tiles.{s}.example/{z}/{x}/{y}.png")


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def test_templates_have_no_inline_script_or_style_without_the_nonce():
    """The browser refuses them under this policy: JS and CSS live in
    portal/static/, or an inline block carries ``nonce="{{ csp_nonce() }}"``
    (JSON data blocks are not scripts and need none)."""
    offenders = []
    for template in (ROOT / "portal").rglob("*.html"):
        text = template.read_text()
        for match in INLINE_SCRIPT.finditer(text):
            if "csp_nonce()" not in match.group(0):
                offenders.append(f"{template}: {match.group(0)}")
        for match in re.finditer(r"<style\b[^>]*>", text):
            if "csp_nonce()" not in match.group(0):
                offenders.append(f"{template}: {match.group(0)}")
        if re.search(r"\sstyle=", text):
            offenders.append(f"{template}: style=")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{template}: an on…= handler")
    assert not offenders, offenders
