"""Helpers of the browser tests (plain functions, not fixtures)."""

from __future__ import annotations

import re

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: Map tiles and anything else not served by the test server never leave the
#: machine: the browser is told they failed.
ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")


def new_context(browser, locale: str = "fr-FR", viewport: dict = PHONE, **options):
    """A browser context at phone size (by default) that reaches only the test server."""
    context = browser.new_context(locale=locale, viewport=viewport, **options)
    context.route(ELSEWHERE, lambda route: route.abort())
    return context


def in_menu(page):
    """The header's menu, opened first where it is folded behind its button (phones)."""
    menu = page.locator("#site-menu")
    summary = menu.locator("> summary")
    if summary.is_visible() and menu.get_attribute("open") is None:
        summary.click()
    return menu


DEMO_PASSWORD = "passerelle-demo"


def sign_in(page, base: str, login: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form (the demo accounts share one password)."""
    from playwright.sync_api import expect

    page.goto(f"{base}/account/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("input[name=login]")).to_have_count(0)
