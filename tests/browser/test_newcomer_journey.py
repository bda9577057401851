"""Issue 2's must-hold: a newcomer opens the portal, switches to Dutch and
back, registers as a professional; the demo administrator verifies them;
the professional can then sign in."""

import re

import pytest
from playwright.sync_api import expect

from portal.core.demo import DEMO_ADMIN
from tests.browser.support import in_menu

pytestmark = pytest.mark.browser


def _sign_in(page, base, login, password, accepted=True):
    page.goto(f"{base}/account/login")
    page.get_by_label("Pseudo ou adresse e-mail").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    if accepted:
        expect(page).not_to_have_url(re.compile("/account/login"))


def test_newcomer_journey(live_server, page, mailbox):
    base = live_server
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouve de l’aide près de chez toi")

    in_menu(page).get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vind hulp bij jou in de buurt")
    in_menu(page).get_by_role("link", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # Register as a professional.
    in_menu(page).get_by_role("link", name="Se connecter").click()
    page.get_by_role("link", name=re.compile("Créer un compte")).click()
    page.get_by_role("link", name=re.compile("professionnel", re.I)).first.click()
    page.locator("#full_name").fill("Camille Testeuse")
    page.locator("#email").fill("camille.testeuse@mission-locale.example")
    page.locator("#structure_name").fill("Mission locale de Roubaix")
    page.locator("#job_title").fill("Conseillère en insertion")
    page.locator("#password").fill("une phrase de passe")
    page.locator("#confirm").fill("une phrase de passe")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert any(m["To"] == "camille.testeuse@mission-locale.example" for m in mailbox)

    # Not open yet.
    _sign_in(page, base, "camille.testeuse@mission-locale.example", "une phrase de passe",
             accepted=False)
    expect(page.locator(".form-errors")).to_contain_text("administrat")

    # The demo administrator verifies the professional.
    _sign_in(page, base, DEMO_ADMIN["pseudonym"], DEMO_ADMIN["password"])
    in_menu(page).get_by_role("link", name="Administration").click()
    row = page.get_by_role("row").filter(has_text="Camille Testeuse")
    row.get_by_role("button", name=re.compile("^Valider")).click()
    expect(page.locator(".flash")).to_contain_text("Camille Testeuse")
    in_menu(page).get_by_role("button", name="Se déconnecter").click()

    # The professional can now sign in.
    _sign_in(page, base, "camille.testeuse@mission-locale.example", "une phrase de passe")
    expect(in_menu(page).get_by_role("link", name="Mon compte (Camille Testeuse)")).to_be_visible()
