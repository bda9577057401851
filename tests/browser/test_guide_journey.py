"""Issue 3's must-hold: from the home page a young person searches, sees the
map and the list, opens an entry and writes to the professional; the e-mail
reaches a real SMTP server without the young person's address."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_map_entry_and_contact(live_server, page, mailbox):
    page.goto(live_server + "/")
    page.get_by_label("Que cherches-tu ?").fill("logement")
    page.get_by_label("Où ?").fill("Roubaix")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()

    results = page.locator(".hit")
    expect(results.first).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("Roubaix"))).to_be_visible()
    # Every result carries its distance.
    assert all("km" in text for text in page.locator(".hit-meta").all_inner_texts())

    # On a phone the map is one tap away; its markers are there.
    page.get_by_role("button", name="Afficher la carte").click()
    map_box = page.locator("#guide-map")
    expect(map_box).to_be_visible()
    expect(map_box.locator(".leaflet-marker-icon").first).to_be_visible()

    # Open a person who takes messages by e-mail, and write to them.
    page.locator(".hit--person").filter(has=page.locator(".channel--email")).first \
        .get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("Ton prénom ou ton pseudo").fill("Yanis")
    page.get_by_label("Ton adresse e-mail").fill("yanis.test@example.net")
    page.get_by_label("Ton message").fill("Bonjour, je cherche un logement à Roubaix pour la rentrée.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator(".flash")).to_be_visible()

    professional_mail = [m for m in mailbox if "yanis" not in m["To"]]
    assert len(professional_mail) == 1
    message = professional_mail[0]
    assert "je cherche un logement à Roubaix" in message.get_content()
    assert "yanis.test@example.net" not in str(message)
