"""Issue 21: what goes over the wire — compressed pages and API answers,
fingerprinted static files kept by phones for a year, the forum's page cache
compressed once (never twice), and the installable web app (manifest, icons,
service worker, offline page)."""

from __future__ import annotations

import gzip
import json
import re

import brotli

from portal.core.assets import FINGERPRINTED
from tests.support import ROOT, require

EN = {"Accept-Language": "en"}
MANIFEST = ROOT / "portal" / "static" / "cache_manifest.json"


def _decoded(response) -> bytes:
    data = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    return data


def test_pages_and_api_answers_are_compressed(client):
    page = client.get("/", headers={**EN, "Accept-Encoding": "gzip, deflate, br"})
    assert page.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in page.headers["Vary"]
    plain = client.get("/", headers={**EN, "Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert len(page.get_data()) < len(plain.get_data()) / 2
    assert b"Passerelle" in _decoded(page)
    api = client.get("/api/v1/communes?q=roubaix", headers={"Accept-Encoding": "gzip"})
    assert api.status_code == 200
    if len(api.get_data()) > 500 or api.headers.get("Content-Encoding"):
        assert json.loads(_decoded(api))[0]["name"] == "Roubaix"


def test_static_files_are_fingerprinted_precompressed_and_kept_a_year(client):
    require(MANIFEST.exists(), "static files not compiled (make assets)")
    page = client.get("/", headers=EN).get_data(as_text=True)
    css = re.search(r'href="(/static/css/portal-[0-9a-f]{32}\.css)"', page).group(1)
    assert FINGERPRINTED.search(css)
    response = client.get(css, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert b"[hidden]" in brotli.decompress(response.get_data())
    # A plain name (not in any page) is kept a minute only.
    plain = client.get("/static/css/portal.css")
    assert plain.headers["Cache-Control"] == "max-age=60, public"
    # A favicon for every page.
    assert re.search(r'<link rel="icon" href="/static/icons/icon-[0-9a-f]{32}\.svg"', page)


def test_the_forum_page_cache_is_compressed_once_with_one_etag(client, app):
    from portal.cli import seed

    seed()
    listing = client.get("/forum/autonomie/", headers=EN).get_data(as_text=True)
    url = re.search(r'href="(/forum/autonomie/\d+-[^"]+)"', listing).group(1)
    accept = {**EN, "Accept-Encoding": "gzip, br"}
    first, second = client.get(url, headers=accept), client.get(url, headers=accept)
    # The stored gzip bytes, already on the first answer: nothing compresses them again.
    for response in (first, second):
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"</html>" in gzip.decompress(response.get_data())
    assert first.headers["ETag"] == second.headers["ETag"]
    again = client.get(url, headers={**accept, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_the_web_app_manifest_names_icons_that_exist(client):
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": "fr"})
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(_decoded(response))
    assert manifest["lang"] == "fr" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["theme_color"] == "#3a2a8c"
    sizes = {i["sizes"] for i in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(i["purpose"] == "maskable" for i in manifest["icons"])
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_the_service_worker_and_its_offline_page(client, create_user, login):
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw.mimetype == "text/javascript"
    assert sw.headers["Cache-Control"] == "no-cache"
    assert b"addEventListener(\"fetch\"" in _decoded(sw)
    offline = client.get("/offline", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    for number in ("3114", "119", "115", "3018", "112"):
        assert f'href="tel:{number}"' in offline
    assert 'id="offline-pages"' in offline
    # Only public reading pages may be kept on the phone, and only for anonymous readers.
    assert client.get("/").headers.get("X-Offline-Readable") == "1"
    assert "X-Offline-Readable" not in client.get("/account/login").headers
    assert "X-Offline-Readable" not in client.get("/chat/").headers
    login(create_user())
    assert "X-Offline-Readable" not in client.get("/").headers
