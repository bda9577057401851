"""The screenshot check (issue 21): the main pages at 390×844 and 1366×900, in
French and Dutch, each run through axe-core (from npm, injected by
Playwright) — no critical or serious violation — and saved as PNG under
``screenshots/`` (git-ignored) for a person to look at:

    make test PYTEST_ARGS="tests/browser/test_screens.py"
    # then open screenshots/*.png

Pages: home, guide results, an entry, information, an article, an answer of
the assistant, the chat before / during / after a conversation, a forum topic,
booking, the account page and the professionals' console.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, PHONE, new_context
from tests.support import ROOT, require

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
LOCALES = {"fr": "fr-FR", "nl": "nl-BE"}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
DEMO_PASSWORD = "passerelle-demo"


@pytest.fixture(scope="module")
def axe_source() -> str:
    require(AXE.exists(), "axe-core is not installed (npm ci): the screenshot check is skipped")
    return AXE.read_text()


@pytest.fixture(scope="module")
def places(live_server, browser) -> dict:
    """URLs that depend on the demo's data: a person taking appointments, a topic."""
    context = new_context(browser)
    request = context.request
    found = request.get(live_server + "/api/v1/directory/search?near=Lille&radius_km=50"
                                      "&type=person&per_page=100").json()
    hits = found.get("hits") or found.get("results") or []
    bookable = next(h for h in hits if "booking" in h["channels"])
    forum = request.get(live_server + "/forum/").text()
    category = re.findall(r'href="(/forum/[a-z-]+/)"', forum)[0]
    topic = re.findall(r'href="(/forum/[a-z-]+/\d+-[^"]+)"', request.get(live_server + category).text())[0]
    context.close()
    return {"entry": bookable["url"], "booking": f"/appointments/with/{bookable['id']}",
            "topic": topic}


def _sign_in(page, base: str, login: str) -> None:
    page.goto(base + "/account/login")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/account/login"))


def _axe(page, source: str) -> list[str]:
    page.evaluate(source)
    result = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']})""")
    return [f"{v['impact']} {v['id']}: {v['help']} — "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else json.dumps(n["target"])
                        for n in v["nodes"][:4])
            for v in result["violations"] if v["impact"] in ("critical", "serious")]


def _look(page, shots: Path, name: str, source: str, problems: list[str]) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(250)  # the map's tiles fail, its markers settle
    page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
    problems += [f"{name}: {p}" for p in _axe(page, source)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("locale", LOCALES)
def test_main_pages_look_right_and_pass_axe(live_server, browser, axe_source, places, locale,
                                            size):
    SHOTS.mkdir(exist_ok=True)
    prefix = f"{locale}-{size}"
    problems: list[str] = []
    context = new_context(browser, LOCALES[locale], SIZES[size], bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    base = live_server

    def look(name, path=None):
        if path is not None:
            page.goto(base + path)
        _look(page, SHOTS, f"{prefix}-{name}", axe_source, problems)

    try:
        look("01-home", "/")
        look("02-guide-results", "/guide/?q=logement&near=Roubaix#results")
        look("03-entry", places["entry"])
        look("04-information", "/information/")
        look("05-article", "/information/F13609")

        page.goto(base + "/assistant/")
        page.locator("#ask-form [name=question]").fill("je cherche un logement à Tourcoing")
        page.locator("#ask-form button[type=submit]").click()
        expect(page.locator(".bubble--bot").first).to_be_visible()
        look("06-assistant-answer")

        look("07-chat-before", "/chat/")
        page.select_option("#chat-theme", "logement")
        page.fill("#chat-first", "Bonjour, je cherche un logement pour septembre.")
        page.locator("#chat-start button[type=submit]").click()
        expect(page.locator("#chat-room")).to_be_visible()
        look("08-chat-during")
        page.locator("#chat-close").click()
        expect(page.locator("#chat-rating")).to_be_visible()
        look("09-chat-after")

        look("10-forum-topic", places["topic"])
        look("11-booking", places["booking"])

        _sign_in(page, base, "moderation")
        look("12-account", "/account/")
        page.context.clear_cookies()
        _sign_in(page, base, "pro-ecoute")
        look("13-console", "/chat/console")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
