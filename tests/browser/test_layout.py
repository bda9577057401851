"""Issue 21's defects, as a person sees them:

- a control the page hid (``hidden``) is neither visible nor focusable, on
  every page, with JavaScript on and off (CSS ``display`` rules used to win:
  the chat's composer before a chat, "Around me" without JavaScript, "Show
  the map" on desktop);
- the phone layout: a compact header whose menu opens without JavaScript,
  the guide's results in view with the focus on their count after a search,
  the map toggle at the top of the results, the assistant's button never over
  a control, and large tap targets.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, PHONE, in_menu, new_context

pytestmark = pytest.mark.browser

PAGES = ["/", "/guide/", "/guide/?q=logement&near=Roubaix#results", "/information/",
         "/information/F13609", "/assistant/", "/chat/", "/forum/", "/search/?q=logement",
         "/account/login", "/account/register/young", "/appointments/", "/offline"]

#: Hidden elements that are visible, and hidden controls that take the focus.
HIDDEN_BUT_THERE = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wrong = [];
  for (const box of document.querySelectorAll('[hidden]')) {
    if (box.checkVisibility()) wrong.push('visible: ' + name(box));
    for (const el of [box, ...box.querySelectorAll(controls)]) {
      if (!el.matches(controls)) continue;
      el.focus();
      if (document.activeElement === el) wrong.push('focusable: ' + name(el));
    }
  }
  return wrong;
}"""

#: Visible controls under the assistant's floating button, page by page down.
UNDER_LAUNCHER = """() => {
  const launcher = document.querySelector('.assistant-launcher');
  if (!launcher || !launcher.checkVisibility()) return [];
  const covered = [];
  const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
    .filter((el) => el !== launcher && el.checkVisibility());
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    const l = launcher.getBoundingClientRect();
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width && r.height && r.left < l.right && r.right > l.left && r.top < l.bottom && r.bottom > l.top)
        covered.push((el.textContent || el.name || el.id || el.tagName).trim().slice(0, 40));
    }
  }
  window.scrollTo(0, 0);
  return [...new Set(covered)];
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_hidden_controls_are_neither_seen_nor_focused(live_server, browser, javascript, viewport):
    context = new_context(browser, viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    wrong = {}
    for path in PAGES:
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        found = page.evaluate(HIDDEN_BUT_THERE)
        if found:
            wrong[path] = found
    # The chat before it starts: the start form only, no composer, no "end" button.
    page.goto(live_server + "/chat/")
    for control in ("#chat-input", "#chat-close", "#chat-composer button"):
        expect(page.locator(control)).to_be_hidden()
    if not javascript:
        page.goto(live_server + "/guide/?q=logement&near=Roubaix")
        expect(page.locator(".around-me")).to_be_hidden()  # it needs JavaScript
        expect(page.locator(".map-toggle")).to_be_hidden()
    context.close()
    assert wrong == {}


def test_the_phone_header_is_compact_and_its_menu_works_without_javascript(live_server, browser):
    for javascript in (True, False):
        context = new_context(browser, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(live_server + "/")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 72, header  # it took 252 of 844 pixels
        nav = page.get_by_role("navigation", name="Menu principal")
        expect(nav).to_be_hidden()
        menu = in_menu(page)
        expect(nav).to_be_visible()
        # The language switch is in the header's menu; links are large tap targets.
        expect(menu.get_by_role("link", name="Nederlands")).to_be_visible()
        for link in nav.get_by_role("link").all():
            assert link.bounding_box()["height"] >= 44
        menu.get_by_role("link", name="Forum").click()
        expect(page).to_have_url(re.compile("/forum/$"))
        context.close()


def test_after_a_search_the_results_are_in_view_with_the_count_focused(live_server, browser):
    context = new_context(browser)
    page = context.new_page()
    page.goto(live_server + "/guide/")
    page.get_by_label("Que cherches-tu ?").fill("logement")
    page.get_by_label("Où ?").fill("Roubaix")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    heading = page.locator("#results-title")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text(re.compile(r"\d+ résultats"))
    # The map toggle comes first in the results, before the list.
    toggle = page.get_by_role("button", name="Afficher la carte")
    expect(toggle).to_be_in_viewport()
    assert toggle.bounding_box()["y"] < page.locator(".hit").first.bounding_box()["y"]
    toggle.click()
    # Popups give the distance, the address and the channels; the place searched has a marker.
    expect(page.locator(".leaflet-interactive").first).to_be_visible()  # the searched place
    markers = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    if not markers.count():  # all in clusters: open one
        page.locator(".marker-cluster").first.dispatch_event("click")
        page.wait_for_timeout(600)
    markers.first.dispatch_event("click")
    popup = page.locator(".map-popup")
    expect(popup).to_be_visible()
    expect(popup.locator(".map-popup__distance")).to_contain_text("km")
    assert popup.locator(".map-popup__address").inner_text().strip()
    context.close()

    # On a wide screen the map is beside the list and there is no toggle.
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server + "/guide/?q=logement&near=Roubaix#results")
    expect(page.locator("#guide-map")).to_be_visible()
    expect(page.locator(".map-toggle")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("width", [390, 1366, 1600, 1920])
def test_the_assistant_button_never_covers_a_control(live_server, browser, width):
    context = new_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    covered = {}
    for path in ["/", "/guide/?q=logement&near=Roubaix", "/chat/", "/information/F13609",
                 "/account/register/young"]:
        page.goto(live_server + path)
        found = page.evaluate(UNDER_LAUNCHER)
        if found:
            covered[path] = found
    # Where it does not float, "Ask" is in the header's menu.
    launcher = page.locator(".assistant-launcher")
    if not launcher.is_visible():
        expect(in_menu(page).get_by_role("link", name="Poser une question")).to_be_visible()
    context.close()
    assert covered == {}
