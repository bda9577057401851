"""Issue 15's must-hold in Chromium: a regional administrator creates a
second territory with its own host; its editor then sees only it (on that
host); a young person in Tourcoing finds a Mouscron service."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.support import sign_in

pytestmark = pytest.mark.browser

#: Like support.new_context, but the test server's other host names too
#: (Chromium resolves *.localhost to this machine itself).
ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|([a-z0-9-]+\.)*localhost[:/])")


def _page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    context.route(ELSEWHERE, lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page



def test_a_regional_administrator_creates_a_territory_its_editor_sees_only_it(browser,
                                                                             live_server):
    port = urlsplit(live_server).port
    context, page = _page(browser)
    try:
        # The Douaisis administrator (demo) creates the Cambrésis, on its own host.
        sign_in(page, live_server, "admin-douai")
        page.goto(f"{live_server}/admin/territories/")
        # This address shows the default territory, but they act in the Douaisis only.
        expect(page.get_by_text("Cette adresse affiche le territoire Arrondissement de Lille"
                                " et voisins belges.")).to_be_visible()
        expect(page.locator("tbody tr")).to_have_count(1)
        expect(page.locator("tbody tr").first).to_contain_text("Douaisis")
        page.get_by_role("link", name="Créer un territoire").click()
        page.get_by_label("Nom", exact=True).fill("Cambrésis")
        page.get_by_label("Nom court (dans les adresses et les commandes)").fill("cambresis")
        page.get_by_label("Noms d'hôte auxquels répond ce territoire").fill("cambrai.localhost")
        page.get_by_label("Arrondissements").fill("592")
        # A pale accent colour is refused, with the reason, and the form is kept.
        page.get_by_label("Couleur d'accent").fill("#ffdd00")
        page.get_by_role("button", name="Créer").click()
        expect(page.get_by_text(re.compile("4,5:1"))).to_be_visible()
        expect(page.get_by_label("Nom", exact=True)).to_have_value("Cambrésis")
        page.get_by_label("Couleur d'accent").fill("#6a1b4d")
        page.get_by_role("button", name="Créer").click()
        expect(page.get_by_role("heading", level=1, name="Territoire : Cambrésis")).to_be_visible()
        expect(page.get_by_role("heading", level=2, name=re.compile(r"\d+ communes"))).to_be_visible()
        # Its editor: the Douaisis editor moves to the Cambrésis.
        page.get_by_label("Pseudonyme du compte de l'équipe").fill("redaction-douai")
        page.get_by_role("button", name="Donner ce territoire").click()
        expect(page.get_by_role("listitem").filter(has_text="redaction-douai")).to_be_visible()
        page.goto(f"{live_server}/admin/territories/")
        page.get_by_role("link", name="Douaisis (démonstration)").click()
        page.get_by_role("button", name="Retirer redaction-douai").click()
        expect(page.get_by_text("Le compte n'agit plus sur Douaisis (démonstration).")).to_be_visible()
    finally:
        context.close()

    # On the new territory's own address, its editor sees it, and only it.
    context, page = _page(browser)
    try:
        cambrai = f"http://cambrai.localhost:{port}"
        sign_in(page, cambrai, "redaction-douai")
        page.goto(f"{cambrai}/admin/territories/")
        expect(page.get_by_text("Cette adresse affiche le territoire Cambrésis.")).to_be_visible()
        rows = page.locator("tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Cambrésis")
        expect(page.get_by_text("Douaisis")).to_have_count(0)
        expect(page.get_by_role("link", name="Créer un territoire")).to_have_count(0)
        # …and may not open another territory's page.
        assert page.goto(f"{cambrai}/admin/territories/1").status in (403, 404)
    finally:
        context.close()


def test_a_young_person_in_tourcoing_finds_a_mouscron_service(browser, live_server):
    context, page = _page(browser)
    try:
        page.goto(f"{live_server}/guide/")
        page.get_by_label("Que cherches-tu ?").fill("Infor Jeunes")
        page.get_by_label("Où ?").fill("Tourcoing")
        page.get_by_label("Dans un rayon de").select_option("2")
        page.get_by_role("main").get_by_role("button", name="Rechercher").click()
        hits = page.locator(".hit")
        expect(hits.first).to_be_visible()
        # Mouscron is beyond 2 km, across the border, and its Infor Jeunes serves Tourcoing.
        mouscron = hits.filter(has_text="Mouscron")
        expect(mouscron.first).to_be_visible()
        expect(mouscron.filter(has_text=re.compile("Infor Jeunes", re.I)).first).to_be_visible()
    finally:
        context.close()
