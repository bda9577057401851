"""Issue 14, headers: the key pages render in Chromium under the strict
Content-Security-Policy with no violation (nothing inline without a nonce,
every script, style, image and socket allowed), and no other site can frame
a page."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context, sign_in
from tests.support import free_port

pytestmark = pytest.mark.browser


#: Runs before any script of the page (Playwright injects it outside the
#: page's CSP): every violation the browser reports is kept.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


class Watched:
    """A page whose console messages about policies and whose CSP violation
    events are collected."""

    def __init__(self, browser, locale="en-GB"):
        self.context = new_context(browser, locale)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console = []
        self.page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if any(word in text for word in ("Content Security Policy", "Refused to",
                                         "Permissions-Policy", "Permissions policy")):
            self.console.append(text)

    def problems(self) -> list[str]:
        return self.console + self.page.evaluate("window.__violations || []")

    def check(self, where: str):
        assert self.problems() == [], where



def test_key_pages_render_with_no_policy_violation(browser, live_server):
    watched = Watched(browser)
    page = watched.page
    try:
        page.goto(live_server + "/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        watched.check("home")

        # Guide results with the map (Leaflet, its CSS, markers; tiles are
        # refused by the test's network, not by the policy).
        page.goto(live_server + "/guide/?q=logement&near=Roubaix")
        expect(page.locator(".hit").first).to_be_visible()
        page.get_by_role("button", name="Show the map").click()
        expect(page.locator("#guide-map .leaflet-marker-icon").first).to_be_visible()
        page.wait_for_timeout(300)
        watched.check("guide results with the map")

        page.goto(live_server + "/forum/")
        category = page.evaluate(
            "[...document.querySelectorAll('main a')].map(a => a.href)"
            ".find(h => /\\/forum\\/[a-z0-9-]+\\/$/.test(h))")
        page.goto(category)
        topic = page.evaluate(
            "[...document.querySelectorAll('main a')].map(a => a.href)"
            ".find(h => /\\/forum\\/[a-z0-9-]+\\/\\d+-/.test(h))")
        page.goto(topic)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        watched.check("forum topic")

        page.goto(live_server + "/assistant/")
        page.get_by_label("Your question").fill("comment trouver un logement")
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page.locator("main")).to_contain_text("logement")
        page.wait_for_timeout(300)
        watched.check("assistant")

        # The chat opens its Socket.IO connection (connect-src 'self').
        page.goto(live_server + "/chat/")
        page.select_option("#chat-theme", "logement")
        page.fill("#chat-commune", "Lille")
        page.fill("#chat-first", "Bonjour, je cherche un logement")
        page.get_by_role("button", name="Start the conversation").click()
        expect(page.locator("#chat-room")).to_be_visible()
        watched.check("chat")
    finally:
        watched.context.close()


def test_the_professionals_pages_render_with_no_policy_violation(browser, live_server):
    watched = Watched(browser)
    page = watched.page
    try:
        sign_in(page, live_server, "pro-insertion")
        page.goto(live_server + "/appointments/agenda?view=week")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        watched.check("agenda")
        page.goto(live_server + "/chat/console")
        expect(page.locator("main")).to_be_visible()
        page.wait_for_timeout(500)
        watched.check("chat console")
    finally:
        watched.context.close()


@pytest.fixture
def framing_site(live_server):
    """Another site (a real server on localhost, another origin than the
    portal's 127.0.0.1) whose page frames a page of the portal and, as a
    control, one of its static files (which carry no frame policy)."""
    body = (f'<h1>framer</h1><iframe name="page" src="{live_server}/account/login"></iframe>'
            f'<iframe name="file" src="{live_server}/static/js/portal.js"></iframe>').encode()

    class Framer(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Framer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_another_site_cannot_frame_a_page(browser, framing_site):
    watched = Watched(browser)
    page = watched.page
    try:
        page.goto(framing_site)
        control = page.frame(name="file")
        expect(control.locator("body")).to_contain_text("use strict")
        framed = page.frame(name="page")
        page.wait_for_timeout(300)
        # Chromium shows its error page in place of the portal's form.
        assert framed.locator("input[name=password]").count() == 0
        assert "Passerelle" not in framed.content()
    finally:
        watched.context.close()


def test_the_recorder_sees_a_violation(browser, live_server):
    """The check above is not blind: an inline script added to a page of the
    portal is refused and reported."""
    watched = Watched(browser)
    try:
        watched.page.goto(live_server + "/")
        watched.page.evaluate("""() => {
          const s = document.createElement("script");
          s.textContent = "window.__ran = true";
          document.body.appendChild(s);
        }""")
        watched.page.wait_for_timeout(200)
        assert watched.page.evaluate("window.__ran === undefined")
        assert any("script-src" in p for p in watched.problems()), watched.problems()
    finally:
        watched.context.close()
