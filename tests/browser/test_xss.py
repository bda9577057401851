"""Issue 14, attack tests: an XSS corpus (tests/security/data/xss_payloads.txt,
180 payloads, each calling ``window.__xss(n)`` if it ever runs) through the
fields that render people's text — forum titles and posts, pseudonyms, a
guide entry's texts written by a professional, chat messages and the chat
pseudonym in the professional's console — rendered in Chromium with the
Content-Security-Policy bypassed, so that what is checked is the escaping
and sanitising itself (the policy is a second wall, tested in test_csp.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context
from tests.chat.conftest import ChatClient
from tests.support import (
    FLASK,
    ROOT,
    flask_env,
    free_port,
    run_flask,
    start_process,
    stop_process,
    wait_until_serving,
)

#: The instance takes minutes to set up on a loaded machine (demo + corpus).
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

CORPUS = ROOT / "tests" / "security" / "data" / "xss_payloads.txt"
PAYLOADS = [line.replace("\\n", "\n") for line in CORPUS.read_text().splitlines()
            if line and not line.startswith("#")]
DEMO_PASSWORD = "passerelle-demo"

#: Stores the corpus through the portal's own operations (sanitising
#: included) in the instance the server then serves.
SEED = r'''
import sys
from portal import create_app
from portal.core.commit import committing
from portal.accounts.operations import create_staff_user
from portal.extensions import db

payloads = [line.replace("\\n", "\n") for line in open(sys.argv[1]).read().splitlines()
            if line and not line.startswith("#")]
app = create_app()

@committing
def seed():
    from portal.directory.models import Structure, Person
    from portal.forum import operations as forum
    from portal.forum.models import ForumCategory, PostStatus

    category = db.session.scalar(db.select(ForumCategory).order_by(ForumCategory.id))
    # Forty authors (each account costs an Argon2 hash), pseudonyms from the corpus.
    authors = []
    for i, payload in enumerate(payloads[:40]):
        user = create_staff_user(pseudonym=f"xss-author-{i}", password="un mot de passe xss",
                                 role="moderator")
        user.pseudonym = payload[:40]  # as stored, whatever the form would have refused
        authors.append(user)
    db.session.flush()
    corpus, _ = forum.create_topic(category, authors[0], title="Corpus XSS", body=payloads[0])
    for i, payload in enumerate(payloads):
        author = authors[i % len(authors)]
        topic, post = forum.create_topic(category, author, title=payload, body=payload)
        reply = forum.reply(corpus, author, body=payload)
        for p in (post, reply):
            if p.status != PostStatus.VISIBLE:
                forum._publish(p)
    structure = db.session.scalar(db.select(Structure).order_by(Structure.id))
    structure.description = "\n".join(payloads)
    structure.accessibility = "\n".join(payloads)
    person = db.session.scalar(db.select(Person).where(Person.structure_id == structure.id))
    if person is not None:
        person.role = payloads[1][:120]
    db.session.flush()
    print(category.slug, corpus.id, corpus.slug, structure.id)

with app.app_context():
    seed()
'''


@pytest.fixture(scope="module")
def xss_portal(tmp_path_factory):
    instance = tmp_path_factory.mktemp("xss")
    env = flask_env(instance, PORTAL_SECRET_KEY="xss-tests")
    run_flask(env, "portal", "setup")
    seeded = subprocess.run([sys.executable, "-c", SEED, str(CORPUS)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=True)
    category, topic_id, topic_slug, structure_id = seeded.stdout.split()[-4:]
    port = free_port()
    process = start_process([FLASK, "portal", "serve", "--port", str(port), "--no-worker"], env,
                            instance / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, process)
        yield {"base": base, "category": category, "topic": f"{topic_id}-{topic_slug}",
               "structure": structure_id}
    finally:
        stop_process(process)


SENTINEL = """
window.__xssHits = [];
window.__xss = function (n) { window.__xssHits.push(n); };
"""


class Watched:
    def __init__(self, browser):
        # bypass_csp: the page's policy would stop most payloads by itself.
        self.context = new_context(browser, "en-GB", bypass_csp=True)
        self.context.add_init_script(SENTINEL)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str, seen: list):
        self.page.goto(url)
        self.page.wait_for_timeout(150)  # onerror/onload of what the page holds
        seen.append((url, self.page.evaluate("window.__xssHits"), list(self.dialogs)))

    def hits(self) -> list:
        return self.page.evaluate("window.__xssHits")


def test_the_corpus_runs_nowhere(browser, xss_portal):
    base = xss_portal["base"]
    watched = Watched(browser)
    seen: list = []
    try:
        # The sentinel works on these pages: a payload that does get in is caught.
        watched.page.goto(base + "/")
        watched.page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(0)>')")
        watched.page.wait_for_timeout(300)
        assert watched.hits() == [0]

        # Forum: titles in the category's pages, posts and pseudonyms in a topic's.
        for page in range(1, len(PAYLOADS) // 30 + 2):
            watched.visit(f"{base}/forum/{xss_portal['category']}/?page={page}", seen)
        for page in range(1, len(PAYLOADS) // 20 + 2):
            watched.visit(f"{base}/forum/{xss_portal['category']}/{xss_portal['topic']}"
                          f"?page={page}", seen)
        watched.visit(f"{base}/forum/search?q=xss", seen)
        watched.visit(f"{base}/search/?q=xss", seen)
        # The guide entry's texts.
        watched.visit(f"{base}/guide/structures/{xss_portal['structure']}", seen)
        # The moderators' pages show the authors too.
        watched.page.goto(f"{base}/account/login")
        watched.page.fill("input[name=login]", "moderation")
        watched.page.fill("input[name=password]", DEMO_PASSWORD)
        watched.page.locator("form button[type=submit]").last.click()
        watched.visit(f"{base}/forum/moderation/log", seen)
        executed = [(url, hits, dialogs) for url, hits, dialogs in seen if hits or dialogs]
        assert executed == [], executed
        assert len(seen) >= 15
        # The pages did show the payloads, as text.
        watched.page.goto(f"{base}/guide/structures/{xss_portal['structure']}")
        assert "<script>__xss(1)</script>" in watched.page.locator("main").inner_text()
    finally:
        watched.context.close()


def test_chat_messages_and_pseudonyms_run_nowhere_in_the_console(browser, xss_portal):
    base = xss_portal["base"]
    visitors = []
    for start in range(0, len(PAYLOADS), 60):
        visitor = ChatClient(base)
        chunk = PAYLOADS[start:start + 60]
        reply = visitor.call("start", {"theme": "emploi", "commune": "Roubaix",
                                       "pseudonym": chunk[0][:40],
                                       "message": "\n".join(chunk)[:4000]})
        assert reply["ok"], reply
        for i, payload in enumerate(chunk):
            if i % 2:
                continue
            ack = visitor.call("send", {"conversation_id": reply["conversation_id"],
                                        "client_msg_id": f"x{start}-{i}", "body": payload})
            assert ack["ok"] or ack["error"] == "rate_limited", ack
        visitors.append(visitor)
    watched = Watched(browser)
    try:
        page = watched.page
        page.goto(f"{base}/account/login")
        page.fill("input[name=login]", "pro-insertion")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.goto(f"{base}/chat/console")
        items = page.locator(".queue-item")
        expect(items.first).to_be_visible()
        page.wait_for_timeout(500)
        # Take each offered conversation: its messages are rendered in full.
        for _ in range(min(items.count(), len(visitors))):
            page.locator(".queue-item").first.get_by_role("button", name="Take").click()
            page.wait_for_timeout(700)
        expect(page.locator(".conversation").first).to_be_visible()
        assert "__xss(" in page.locator(".conversation").first.inner_text()
        assert watched.hits() == [] and watched.dialogs == [], (watched.hits(), watched.dialogs)
    finally:
        watched.context.close()
        for visitor in visitors:
            visitor.close()
