"""Alerts in Chromium at phone size: subscribe, confirm from the e-mail,
choose in the centre, stop from the unsubscribe link — each page through
axe-core (no critical or serious violation), without an account."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context
from tests.browser.test_screens import AXE, SHOTS, _axe
from tests.support import require

pytestmark = pytest.mark.browser


def _mail_to(mailbox, address, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in mailbox if m["To"] == address]
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no mail to {address}")


def test_subscribe_confirm_choose_and_stop(live_server, browser, mailbox):
    require(AXE.exists(), "axe-core is not installed (npm ci)")
    source = AXE.read_text()
    SHOTS.mkdir(exist_ok=True)
    problems: list[str] = []
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)

    def look(name):
        page.wait_for_load_state("load")
        page.screenshot(path=str(SHOTS / f"alerts-{name}.png"))
        problems.extend(f"{name}: {p}" for p in _axe(page, source))

    try:
        page.goto(live_server + "/")
        page.get_by_role("link", name=re.compile("Mes alertes")).click()
        expect(page).to_have_url(re.compile("/alerts/$"))
        look("1-manage")
        answer = context.request.post(live_server + "/api/v1/subscriptions", data={
            "channel": "email", "address": "alertes@example.org",
            "topics": ["theme:logement"], "locale": "fr"})
        assert answer.status == 202
        mail = _mail_to(mailbox, "alertes@example.org")
        link = re.search(r"(http\S+/alerts/confirm/\S+)", mail.get_content()).group(1)
        page.goto(link)
        look("2-confirm")
        page.get_by_role("button", name="Confirmer").click()
        expect(page).to_have_url(re.compile("/alerts/centre/"))
        expect(page.get_by_role("checkbox", name=re.compile("Logement"))).to_be_checked()
        look("3-centre")
        page.get_by_role("checkbox", name=re.compile("Réponses dans le forum")).check()
        page.get_by_role("radio", name="Une fois par semaine").check()
        page.get_by_role("button", name="Enregistrer mes choix").click()
        expect(page.get_by_text("Tes choix sont enregistrés.")).to_be_visible()
        expect(page.get_by_role("radio", name="Une fois par semaine")).to_be_checked()
        page.get_by_role("link", name="Tout arrêter").click()
        expect(page.get_by_role("button", name="Me désabonner")).to_be_visible()
        look("4-unsubscribe")
        page.get_by_role("button", name="Me désabonner").click()
        expect(page.get_by_role("heading", name=re.compile("ne recevras plus rien"))).to_be_visible()
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
