"""Issue 6's must-hold: a young person posts a question; it waits in the
queue; a moderator approves; a professional answers; the young person, with
the topic open, sees the answer appear without reloading."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.support import in_menu, new_context

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "passerelle-demo"


def _context(browser):
    context = new_context(browser, "en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _sign_in(page, base, login, password=DEMO_PASSWORD):
    page.goto(f"{base}/account/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("input[name=login]")).to_have_count(0)


def test_question_queue_approval_professional_answer_live(browser, live_server):
    young_context, young = _context(browser)
    moderator_context, moderator = _context(browser)
    pro_context, pro = _context(browser)
    pseudonym = f"sky{uuid.uuid4().hex[:6]}"
    try:
        # A young person registers (a pseudonym is enough) and asks.
        young.goto(f"{live_server}/account/register/young")
        young.fill("#pseudonym", pseudonym)
        young.locator("input[name=age_range][value='15-17']").check()
        young.fill("#password", "une phrase de passe")
        young.fill("#confirm", "une phrase de passe")
        young.locator("main form button[type=submit]").click()
        # No e-mail given: the recovery codes, once, then on.
        expect(young.locator(".recovery-codes li")).to_have_count(8)
        young.get_by_role("link", name="I have kept them, continue").click()
        young.goto(f"{live_server}/forum/")
        young.get_by_role("link", name="Autonomy").click()
        young.get_by_role("link", name="Ask a question").click()
        young.fill("#title", "Can I rent a studio at 17?")
        young.fill("#body", "My parents agree but the **agency** says no. What can I do?")
        young.get_by_role("button", name="Publish my question").click()
        expect(young.locator(".forum-post--held")).to_contain_text("read by a moderator")
        topic_url = young.url.split("#")[0]
        young.evaluate("window.__stillTheSamePage = true")

        # It waits in the moderators' queue; a moderator approves it.
        _sign_in(moderator, live_server, "moderation")
        moderator.goto(f"{live_server}/forum/moderation/")
        item = moderator.locator(".forum-queue-item", has_text="Can I rent a studio at 17?")
        expect(item).to_be_visible()
        item.get_by_role("button", name="Approve").click()
        expect(moderator.locator(".forum-queue-item", has_text="Can I rent a studio at 17?")).to_have_count(0)

        # Still waiting for nobody else: the public sees the question now.
        expect(young.locator(".forum-post--held")).to_have_count(0)

        # A professional answers.
        _sign_in(pro, live_server, "pro-info-jeunes")
        pro.goto(topic_url)
        expect(pro.get_by_role("heading", level=1)).to_have_text("Can I rent a studio at 17?")
        pro.fill("#body", "Yes, with your parents as guarantors. Come and see us at the **PIJ**.")
        pro.get_by_role("button", name="Send my answer").click()

        # The young person sees it appear, marked, without reloading.
        answer = young.locator(".forum-post--professional", has_text="guarantors")
        expect(answer).to_be_visible()
        expect(answer.locator(".forum-pro-tag")).to_have_text("Professional")
        expect(answer.locator("strong", has_text="PIJ")).to_be_visible()
        assert young.evaluate("window.__stillTheSamePage") is True
        assert re.match(r".*/forum/autonomie/\d+-can-i-rent-a-studio-at-17$", topic_url)

        # Anyone finds it from the search box of every page, by a word of the answer.
        moderator.goto(f"{live_server}/information/")
        site_search = in_menu(moderator).get_by_role("search", name="Whole site")
        site_search.get_by_role("searchbox").fill("guarantors")
        site_search.get_by_role("button").click()
        forum = moderator.get_by_role("region", name=re.compile("^Forum"))
        forum.get_by_role("link", name="Can I rent a studio at 17?").click()
        expect(moderator.get_by_role("heading", level=1)).to_have_text("Can I rent a studio at 17?")
    finally:
        young_context.close()
        moderator_context.close()
        pro_context.close()
