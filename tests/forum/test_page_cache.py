"""The anonymous readers' page cache (portal/core/page_cache.py), through the forum's
reading pages: never stale, never shared with a signed-in person, revalidated
by phones with a 304."""

from __future__ import annotations

import gzip

from portal.forum.models import PostStatus
from tests.forum.conftest import (
    EN,
    latest_post,
    latest_topic,
    moderate,
    new_topic,
    reply,
    text_of,
    topic_url,
)
from tests.support import submit


def _published_topic(client_for, people, title="A cached question", body="The question itself."):
    new_topic(client_for(people["pro"]), "autonomie", title, body)  # professionals post live
    return latest_topic()


def test_a_hidden_or_deleted_post_leaves_every_cached_page(client_for, people, category):
    pro, moderator, anonymous = client_for(people["pro"]), client_for(people["moderator"]), client_for()
    topic = _published_topic(client_for, people)
    reply(pro, topic, "An answer that will be hidden.")
    hidden = latest_post()
    reply(pro, topic, "An answer that will be deleted.")
    deleted = latest_post()
    page = text_of(anonymous.get(topic_url(topic), headers=EN))
    listing = text_of(anonymous.get("/forum/autonomie/", headers=EN))
    assert "will be hidden" in page and "will be deleted" in page and "3 messages" in listing
    assert moderate(moderator, hidden.id, "hide", "off topic").status_code == 302
    assert moderate(moderator, deleted.id, "delete", "insult").status_code == 302
    page = text_of(anonymous.get(topic_url(topic), headers=EN))
    assert "will be hidden" not in page and "will be deleted" not in page
    assert "1 message" in text_of(anonymous.get("/forum/autonomie/", headers=EN))


def test_new_topics_reach_the_cached_category_pages(client_for, people, category):
    anonymous = client_for()
    before = text_of(anonymous.get("/forum/autonomie/", headers=EN))
    index_before = text_of(anonymous.get("/forum/", headers=EN))
    _published_topic(client_for, people, title="A brand new question")
    assert "A brand new question" not in before
    assert "A brand new question" in text_of(anonymous.get("/forum/autonomie/", headers=EN))
    assert text_of(anonymous.get("/forum/", headers=EN)) != index_before  # count, last message


def test_a_deleted_account_is_no_longer_named_on_cached_pages(client_for, people, category, database):
    topic = _published_topic(client_for, people)
    anonymous = client_for()
    assert "Camille Conseil" in text_of(anonymous.get(topic_url(topic), headers=EN))
    pro = client_for(people["pro"])
    response = submit(pro, "/account/delete", {"password": "un mot de passe"}, form_url="/account/")
    assert response.status_code == 302
    page = text_of(anonymous.get(topic_url(topic), headers=EN))
    assert "Camille Conseil" not in page and "Deleted account" in page


def test_signed_in_readers_never_get_nor_leave_the_shared_page(client_for, people, category):
    topic = _published_topic(client_for, people)
    anonymous, young = client_for(), client_for(people["young"])
    assert 'name="csrf_token"' not in text_of(anonymous.get(topic_url(topic), headers=EN))
    own = young.get(topic_url(topic), headers=EN)
    assert 'name="csrf_token"' in text_of(own) and "Send my answer" in text_of(own)
    assert "lea-13" in text_of(own) and "ETag" not in own.headers
    # And the anonymous page did not pick up the young person's form or name.
    shared = text_of(anonymous.get(topic_url(topic), headers=EN))
    assert "Send my answer" not in shared and "lea-13" not in shared


def test_a_pending_message_for_the_visitor_is_not_swallowed(client_for, people, category):
    topic = _published_topic(client_for, people)
    anonymous = client_for()
    anonymous.get(topic_url(topic), headers=EN)  # cached now
    with anonymous.session_transaction() as session:
        session["_flashes"] = [("success", "A note for this visitor only.")]
    assert "A note for this visitor only." in text_of(anonymous.get(topic_url(topic), headers=EN))
    assert "A note for this visitor only." not in text_of(client_for().get(topic_url(topic), headers=EN))


def test_phones_revalidate_and_get_a_304_until_the_topic_changes(client_for, people, category):
    pro, anonymous = client_for(people["pro"]), client_for()
    topic = _published_topic(client_for, people)
    first = anonymous.get(topic_url(topic), headers=EN)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache" and "Cookie" in first.headers["Vary"]
    again = anonymous.get(topic_url(topic), headers={**EN, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    # Another language is another page.
    french = anonymous.get(topic_url(topic), headers={"Accept-Language": "fr", "If-None-Match": etag})
    assert french.status_code == 200 and french.headers["ETag"] != etag
    reply(pro, topic, "Something new.")
    changed = anonymous.get(topic_url(topic), headers={**EN, "If-None-Match": etag})
    assert changed.status_code == 200 and "Something new." in text_of(changed)
    assert changed.headers["ETag"] != etag


def test_browsers_accepting_gzip_get_the_stored_page_compressed(client_for, people, category):
    topic = _published_topic(client_for, people)
    anonymous = client_for()
    plain = anonymous.get(topic_url(topic), headers=EN)
    zipped = anonymous.get(topic_url(topic), headers={**EN, "Accept-Encoding": "gzip, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert len(zipped.get_data()) < len(plain.get_data()) / 2


def test_a_page_held_for_its_author_is_never_cached(client_for, people, category):
    young = client_for(people["young"])
    new_topic(young, "autonomie", "Waiting question", "Only I can see this.")
    topic = latest_topic()
    assert latest_post().status == PostStatus.PENDING
    assert client_for().get(topic_url(topic), headers=EN).status_code == 404
    assert "Only I can see this." in text_of(young.get(topic_url(topic), headers=EN))
    assert client_for().get(topic_url(topic), headers=EN).status_code == 404


def test_the_cache_can_be_turned_off(client_for, people, category, app):
    from portal.core import page_cache

    topic = _published_topic(client_for, people)
    kept = app.extensions[page_cache.EXTENSION_KEY]
    app.extensions[page_cache.EXTENSION_KEY] = None
    try:
        response = client_for().get(topic_url(topic), headers=EN)
        assert response.status_code == 200 and "ETag" not in response.headers
    finally:
        app.extensions[page_cache.EXTENSION_KEY] = kept


def test_processes_share_the_pages_and_keep_them_across_a_restart(tmp_path):
    """Two stores on one folder stand for two worker processes, or for the
    same one before and after a restart."""
    from portal.core.page_cache import PageStore

    first, second = PageStore(tmp_path, 1 << 20), PageStore(tmp_path, 1 << 20)
    page = gzip.compress(b"<p>a page</p>")
    first.put("ab" * 16, page)
    assert second.get("ab" * 16) == page
    assert PageStore(tmp_path, 1 << 20).get("ab" * 16) == page
    assert second.get("cd" * 16) is None


def test_the_oldest_pages_go_once_the_folder_is_full(tmp_path):
    import os

    from portal.core.page_cache import PageStore

    pages = PageStore(tmp_path, 10_000)
    body = os.urandom(1000)  # does not compress: 1,000 bytes a page
    for i in range(15):
        etag = f"{i:032x}"
        pages.put(etag, body)
        os.utime(pages._path(etag), (1_000_000 + i, 1_000_000 + i))
    # Writing swept as it went: never more than a fifth over the size, the newest kept.
    count, size = pages.size()
    assert size <= 12_000 and count == size // 1000
    assert pages.get(f"{0:032x}") is None and pages.get(f"{14:032x}") == body
    # Another process with a smaller size sweeps down to 80 % of it, oldest first.
    smaller = PageStore(tmp_path, 5_000)
    assert smaller.sweep() == count - 4
    assert smaller.size() == (4, 4000) and smaller.get(f"{14:032x}") == body
