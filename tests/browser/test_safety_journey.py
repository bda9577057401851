"""Help on a phone (390×844), in Chromium: the header's "Besoin d'aide tout de
suite ?" link is in view on every page and leads to the numbers as tel:
links; the quick exit leaves at once for a neutral page, and Back does not
return to the page left (nor does Escape pressed twice); without JavaScript
it is a plain link that still leaves; /aide passes axe-core."""

from __future__ import annotations

import pytest

from tests.browser.support import PHONE, new_context
from tests.browser.test_screens import AXE, SHOTS, _axe
from tests.support import require

#: The default neutral site (config SAFETY_QUICK_EXIT_URL); the browser may
#: reach nothing but the test server, so this page is served by Playwright.
NEUTRAL = "https://www.google.com/search?q=meteo"
NEUTRAL_PAGE = "<!doctype html><html lang='fr'><title>Météo</title><h1>Météo : soleil</h1></html>"


@pytest.fixture(scope="module")
def axe():
    require(AXE.exists(), "axe-core is not installed (npm ci): the axe check is skipped")
    return AXE.read_text()


@pytest.fixture
def phone(browser):
    def make(**options):
        context = new_context(browser, **options)
        # Registered last, so tried first: the neutral page, and only it, is "reachable".
        context.route("https://www.google.com/**", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE))
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page
    return make


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] \
        and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("path", ["/", "/guide/", "/forum/", "/chat/", "/assistant/"])
def test_the_help_link_is_in_view_and_leads_to_the_numbers(live_server, phone, path):
    page = phone()
    page.goto(live_server + path)
    link = page.locator("header a.help-now")
    assert link.is_visible() and in_view(page, link), path
    assert link.inner_text().strip() == "Besoin d’aide tout de suite ?"
    # Nothing wider than the phone: the header's extra link pushes nothing off screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    link.click()
    page.wait_for_url(live_server + "/aide")
    numbers = page.locator("#help-numbers a[href^='tel:']")
    assert numbers.count() >= 5
    assert numbers.first.is_visible()
    shown = [numbers.nth(i).get_attribute("href") for i in range(numbers.count())]
    assert "tel:112" in shown and "tel:3114" in shown


def test_the_quick_exit_leaves_and_back_does_not_return(live_server, phone):
    page = phone()
    page.goto(live_server + "/")
    page.goto(live_server + "/aide")
    button = page.locator("a.quick-exit")
    assert button.is_visible() and in_view(page, button)
    button.click()
    page.wait_for_url(NEUTRAL)
    assert page.locator("h1").inner_text() == "Météo : soleil"
    page.go_back()
    page.wait_for_load_state()
    assert page.url == live_server + "/"  # the page before, never /aide


@pytest.mark.parametrize("path", ["/chat/", "/forum/", "/assistant/"])
def test_escape_twice_leaves_too(live_server, phone, path):
    page = phone()
    page.goto(live_server + "/")
    page.goto(live_server + path)
    page.wait_for_load_state("load")
    page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    assert page.url == live_server + path  # once is not enough (it closes things)
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == live_server + "/"


def test_without_javascript_the_quick_exit_is_a_plain_link(live_server, phone):
    page = phone(java_script_enabled=False)
    page.goto(live_server + "/aide")
    button = page.locator("a.quick-exit")
    assert button.get_attribute("rel") == "noreferrer" and button.get_attribute("href") == NEUTRAL
    button.click()
    page.wait_for_url(NEUTRAL)


def test_the_help_page_passes_axe(live_server, phone, axe):
    """…and is saved under screenshots/ (git-ignored) for a person to look at."""
    SHOTS.mkdir(exist_ok=True)
    page = phone()
    for name, path in (("aide", "/aide"), ("aide-be", "/aide?pays=BE"), ("chat", "/chat/")):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        page.screenshot(path=str(SHOTS / f"safety-{name}-phone.png"))
        assert _axe(page, axe) == [], path
