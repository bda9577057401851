"""Issue 4's must-hold: a young person asks the assistant "jsuis à la rue ce soir"
(the emergency numbers come first), then a question answered by an article,
opens the article (source and date shown) and reaches the chat entry point."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context

pytestmark = pytest.mark.browser


@pytest.fixture
def en_page(browser):
    context = new_context(browser, "en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_ask_open_article_and_reach_the_chat(live_server, en_page):
    page = en_page
    page.goto(live_server + "/assistant/")
    page.get_by_label("Your question").fill("jsuis à la rue ce soir")
    page.get_by_role("button", name="Ask", exact=True).click()

    bubble = page.locator(".bubble--bot").last
    expect(bubble).to_be_visible()
    expect(bubble).to_have_class(re.compile("bubble--emergency"))
    first_number = bubble.locator(".numbers .number").first
    expect(first_number).to_have_text("115")
    expect(first_number).to_have_attribute("href", "tel:115")

    page.get_by_label("Your question").fill("comment payer mon permis")
    page.get_by_role("button", name="Ask", exact=True).click()
    answer = page.locator(".bubble--bot").nth(1)
    article_link = answer.locator(".answer-articles a").first
    expect(article_link).to_contain_text("permis")
    chat_href = answer.locator("a.chat-link").get_attribute("href")
    assert chat_href and chat_href.startswith("/chat/")

    article_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("permis")
    expect(page.locator(".article-source")).to_contain_text(
        re.compile(r"Source: Service-Public.fr, sheet F\d+, last updated (\d+ \w+|\w+ \d+,) 20\d\d"))

    page.goto(live_server + chat_href)
    assert "/chat/" in page.url
    expect(page.get_by_role("heading", level=1)).to_be_visible()
