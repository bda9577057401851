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
