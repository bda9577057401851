"""Issue 21: the installable web app works offline — a page read before opens
again, any other page gives the offline page with the help numbers and the
pages read last, which the person can make the phone forget."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context

pytestmark = pytest.mark.browser


def test_offline_the_pages_read_and_the_help_numbers(live_server, browser):
    context = new_context(browser, service_workers="allow")
    page = context.new_page()
    page.goto(live_server + "/")
    page.evaluate("() => navigator.serviceWorker.ready")
    # Read an article (once the worker controls the page).
    page.goto(live_server + "/information/F13609")
    title = page.get_by_role("heading", level=1).inner_text()
    article = page.url  # its canonical address, after the redirect
    page.wait_for_function("""async () => {
        const r = await caches.match('/offline/read.json');
        return r && (await r.json()).length > 0;
    }""")

    context.set_offline(True)
    page.goto(article)  # read before: there it is
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(live_server + "/forum/")  # never read: the offline page
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu es hors ligne")
    expect(page.get_by_role("main").get_by_role("link", name="3114")).to_have_attribute("href", "tel:3114")
    kept = page.locator("#offline-pages")
    expect(kept.get_by_role("link", name=title)).to_be_visible()
    # A shared phone: forget them.
    page.get_by_role("button", name="Oublier ces pages").click()
    expect(page.locator("#offline-forgotten")).to_be_visible()
    expect(kept.get_by_role("link")).to_have_count(0)
    context.set_offline(False)
    context.close()
