"""A young person and a professional chat in two browser contexts, then the
young person's phone loses the network: nothing typed is lost."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context

pytestmark = pytest.mark.browser


def _context(browser):
    context = new_context(browser, "en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    return context, page


def _start(young, live_server, text):
    young.goto(f"{live_server}/chat/")
    young.select_option("#chat-theme", "logement")
    young.fill("#chat-commune", "Lille")
    young.fill("#chat-first", text)
    young.get_by_role("button", name="Start the conversation").click()
    expect(young.locator("#chat-room")).to_be_visible()


def _take(pro, text):
    item = pro.locator(".queue-item", has_text=text)
    item.get_by_role("button", name="Take").click()
    conversation = pro.locator(".conversation", has_text=text)
    expect(conversation).to_be_visible()
    return conversation


def test_young_person_and_professional_chat_then_the_network_drops(browser, live_server):
    young_context, young = _context(browser)
    pro_context, pro = _context(browser)
    try:
        pro.goto(f"{live_server}/account/login")
        pro.fill("input[name=login]", "pro-info-jeunes")
        pro.fill("input[name=password]", "passerelle-demo")
        pro.locator("form button[type=submit]").last.click()
        pro.goto(f"{live_server}/chat/console")
        pro.check("#presence-online")
        expect(pro.locator("#presence-state")).to_have_text("You are online.")

        # start → queue → take
        _start(young, live_server, "Hello, I need a place to stay in September.")
        expect(young.locator("#chat-status")).to_contain_text("queue")
        conversation = _take(pro, "I need a place to stay")
        expect(young.locator("#chat-status")).to_contain_text("You are talking with")

        # exchange
        pro_input = conversation.locator(".chat-composer textarea")
        pro_input.fill("Hello! Are you a student or working?")
        pro_input.press("Enter")
        expect(young.locator(".chat-message--professional", has_text="student or working")).to_be_visible()
        young.fill("#chat-input", "A student, at the university. See https://example.org/room")
        young.press("#chat-input", "Enter")
        sent = young.locator(".chat-message--mine", has_text="A student")
        expect(sent).to_have_attribute("data-state", re.compile("sent|read"))
        link = conversation.locator(".chat-message--visitor a", has_text="https://example.org/room")
        expect(link).to_have_attribute("rel", "noopener noreferrer nofollow ugc")
        expect(sent).to_have_attribute("data-state", "read")  # the console had it on screen

        # typing
        young.locator("#chat-input").press_sequentially("I also")
        expect(conversation.locator(".chat-typing")).to_be_visible()
        young.fill("#chat-input", "")

        # close → rating
        conversation.get_by_role("button", name="Close").click()
        expect(young.locator("#chat-status")).to_have_text("This conversation is closed.")
        young.locator("#chat-rating input[value='4']").check()
        young.fill("#chat-word", "helpful")
        young.get_by_role("button", name="Send my rating").click()
        expect(young.locator("#chat-rating-done")).to_be_visible()

        # A new conversation; the phone goes offline; two messages typed; back online.
        young.get_by_role("button", name="Start a new conversation").click()
        _start(young, live_server, "Another question about housing benefits.")
        conversation = _take(pro, "housing benefits")
        expect(young.locator("#chat-status")).to_contain_text("You are talking with")
        young_context.set_offline(True)
        expect(young.locator("#chat-connection")).to_be_visible()
        for text in ("First while offline", "Second while offline"):
            young.fill("#chat-input", text)
            young.press("#chat-input", "Enter")
        pending = young.locator(".chat-message--mine[data-state='sending']")
        expect(pending).to_have_count(2)
        young_context.set_offline(False)
        expect(young.locator(".chat-message--mine[data-state='sending']")).to_have_count(0)
        received = conversation.locator(".chat-message--visitor .chat-message__body")
        expect(received).to_have_text(["Another question about housing benefits.",
                                       "First while offline", "Second while offline"])
        young.reload()  # and the stored conversation says the same: once each, in order
        expect(young.locator(".chat-message--mine .chat-message__body")).to_have_text(
            ["Another question about housing benefits.", "First while offline", "Second while offline"])
    finally:
        young_context.close()
        pro_context.close()
