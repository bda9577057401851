"""Flags, moderators' actions and their log, follows and e-mail, live events,
query counts."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db, socketio
from portal.forum.models import HeldReason, ModerationLog, PostStatus
from tests.forum.conftest import (
    EN,
    in_fresh_context,
    latest_post,
    latest_topic,
    moderate,
    new_topic,
    reply,
    text_of,
    topic_url,
)
from tests.support import assert_queries_do_not_grow, submit


def _flag(client, post_id, reason="not nice"):
    return submit(client, f"/forum/posts/{post_id}/flag", {"reason": reason})


def test_three_flags_hide_a_post_pending_review(client_for, people, create_user, category):
    """Must hold."""
    new_topic(client_for(people["pro"]), "autonomie", "Question from a pro", "First.")
    topic = latest_topic()
    reply(client_for(people["pro"]), topic, "A post people dislike.")
    post = latest_post()
    flaggers = [client_for(create_user("young")) for _ in range(3)]
    assert _flag(flaggers[0], post.id).status_code == 302
    _flag(flaggers[0], post.id)  # the same person twice counts once
    _flag(flaggers[1], post.id)
    assert latest_post().status == PostStatus.VISIBLE
    _flag(flaggers[2], post.id, "insulting")
    post = latest_post()
    assert post.status == PostStatus.HIDDEN and post.held_reason == HeldReason.FLAGS
    assert "A post people dislike" not in text_of(client_for().get(topic_url(topic), headers=EN))
    queue = text_of(client_for(people["moderator"]).get("/forum/moderation/", headers=EN))
    assert "A post people dislike" in queue and "insulting" in queue


def test_moderator_actions_are_logged_with_their_reason(client_for, people, category):
    """Must hold: a moderator's action is in the log."""
    moderator = client_for(people["moderator"])
    new_topic(client_for(people["pro"]), "autonomie", "Question for the log", "First.")
    topic = latest_topic()
    reply(client_for(people["pro"]), topic, "To be hidden.")
    post = latest_post()
    assert moderate(moderator, post.id, "hide", reason="off topic").status_code == 302
    assert moderate(moderator, post.id, "delete", reason="").status_code == 302  # refused: no reason
    assert latest_post().status == PostStatus.HIDDEN
    edit_url = f"/forum/moderation/posts/{topic.id and latest_post().id}/edit"
    submit(moderator, edit_url, {"body": "Edited text.", "reason": "typo"})
    moderate(moderator, post.id, "approve", reason="fine after all")
    db.session.expire_all()
    actions = [(e.action.value, e.reason, e.moderator_name) for e in
               db.session.scalars(sa.select(ModerationLog).order_by(ModerationLog.id))]
    assert actions == [("hide", "off topic", "modo"), ("edit", "typo", "modo"),
                       ("approve", "fine after all", "modo")]
    log = text_of(moderator.get("/forum/moderation/log", headers=EN))
    assert "off topic" in log and "Hidden" in log
    assert "Edited text." in text_of(client_for().get(topic_url(topic), headers=EN))


def test_only_moderators_moderate(client_for, people, category):
    young = client_for(people["young"])
    assert young.get("/forum/moderation/").status_code == 403
    assert client_for(people["pro"]).get("/forum/moderation/log").status_code == 403
    assert client_for().get("/forum/moderation/").status_code == 302


def test_followers_get_an_email_and_unsubscribe_in_one_click(client_for, people, category, mailbox):
    young, pro = client_for(people["young"]), client_for(people["pro"])
    new_topic(young, "autonomie", "Followed question", "Please answer.", follow="y")
    topic = latest_topic()
    moderate(client_for(people["moderator"]), latest_post().id, "approve")
    reply(pro, topic, "Here is an answer.")
    mail = next(m for m in mailbox if m["To"] == "lea@example.org")
    assert "Followed question" in mail["Subject"] and "Here is an answer." in mail.get_content()
    link = re.search(r"(https?://\S+/forum/unsubscribe/\S+)", mail.get_content()).group(1)
    assert mail["List-Unsubscribe"].strip() == f"<{link}>"
    path = link.split("localhost", 1)[-1]
    # A link scanner's GET only shows the button: still following.
    assert "Stop the e-mails about this topic?" in text_of(client_for().get(path, headers=EN))
    mailbox.clear()
    reply(pro, topic, "Still followed.")
    assert [m for m in mailbox if m["To"] == "lea@example.org"]
    # The button, or a mail program's RFC 8058 POST (no CSRF token), unsubscribes.
    assert "no longer get e-mails" in text_of(
        client_for().post(path, data={"List-Unsubscribe": "One-Click"}, headers=EN))
    mailbox.clear()
    reply(pro, topic, "Second answer.")
    assert not [m for m in mailbox if m["To"] == "lea@example.org"]


def test_topic_page_query_count_does_not_grow_with_posts(client_for, people, category, app):
    pro = client_for(people["pro"])
    new_topic(pro, "autonomie", "Counting queries", "Post 1.")
    topic = latest_topic()
    reader = client_for(people["young"])
    reply(pro, topic, "Post 2.")

    def page():
        assert reader.get(topic_url(topic), headers=EN).status_code == 200

    def more_posts():
        for i in range(15):
            reply(pro, topic, f"Post {i + 3}.")

    assert_queries_do_not_grow(page, more_posts, at_most=8)


def test_category_page_query_count_does_not_grow_with_topics(client_for, people, category, app):
    pro = client_for(people["pro"])
    new_topic(pro, "autonomie", "First of many", "Post 1.")
    reader = client_for(people["young"])

    def page():
        assert reader.get("/forum/autonomie/", headers=EN).status_code == 200

    def more_topics():
        for i in range(6):
            new_topic(pro, "autonomie", f"Topic number {i}", "A question.")

    assert_queries_do_not_grow(page, more_topics, at_most=8)


def test_live_events_reach_the_topic_and_the_moderators(client_for, people, category, app, socketio_client):
    pro = client_for(people["pro"])
    new_topic(pro, "autonomie", "Live question", "Watch me.")
    topic = latest_topic()
    reader = in_fresh_context(socketio.test_client, app, namespace="/forum")
    ack = in_fresh_context(reader.emit, "watch", {"topic_id": topic.id}, namespace="/forum", callback=True)
    assert ack == {"ok": True}
    moderator_client = client_for(people["moderator"])
    moderators = in_fresh_context(socketio.test_client, app, namespace="/forum",
                                  flask_test_client=moderator_client)
    reply(pro, topic, "A live answer.")
    post = latest_post()
    received = reader.get_received("/forum")
    assert {"name": "post", "args": [{"topic_id": topic.id, "post_id": post.id}],
            "namespace": "/forum"} in received
    fragment = text_of(client_for().get(f"/forum/posts/{post.id}/fragment", headers=EN))
    assert "A live answer." in fragment and "Professional" in fragment
    # A young person's first post: the moderators' queue hears of it, the topic does not.
    new_topic(client_for(people["young"]), "autonomie", "Held question", "I am new here.")
    queue_events = [e for e in moderators.get_received("/forum") if e["name"] == "queue"]
    assert queue_events and queue_events[-1]["args"][0]["post_id"] == latest_post().id
    assert client_for().get(f"/forum/posts/{latest_post().id}/fragment").status_code == 404
    reader.disconnect(namespace="/forum")
    moderators.disconnect(namespace="/forum")


def test_anonymous_readers_never_get_a_stale_page(client_for, people, category):
    pro, moderator, anonymous = client_for(people["pro"]), client_for(people["moderator"]), client_for()
    new_topic(pro, "autonomie", "Cached question", "Original text.")
    topic = latest_topic()
    assert "Original text." in text_of(anonymous.get(topic_url(topic), headers=EN))
    submit(moderator, f"/forum/moderation/posts/{latest_post().id}/edit",
           {"body": "Text after edit.", "reason": "personal data"})
    page = text_of(anonymous.get(topic_url(topic), headers=EN))
    assert "Text after edit." in page and "Original text." not in page
    reply(pro, topic, "A second post.")
    assert "A second post." in text_of(anonymous.get(topic_url(topic), headers=EN))
