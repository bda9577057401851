"""The forum through portal.safety, through the real routes: a post or a title
that sounds like distress is held for a moderator, its author is shown the
numbers for what they wrote, the moderators are alerted (by e-mail, at the
top of their queue); a post carrying contact details is held and its author
told why, without numbers nor alarm."""

from __future__ import annotations

import pytest

from portal.forum.models import HeldReason, PostStatus
from tests.forum.conftest import EN, latest_post, latest_topic, new_topic, reply, text_of, topic_url
from tests.safety.test_channel_help import needs_new_engine

DISTRESS = "jveux mourir, personne m'ecoute"  # caught by today's engine and the new one


def help_block(page: str) -> str:
    """The numbers shown above the topic (forum/topic.html's help card)."""
    assert 'class="forum-help card" role="alert"' in page
    return page.split('class="forum-help card" role="alert"')[1].split("</div>")[0]


def moderators_mail(mailbox) -> list:
    return [m for m in mailbox if m["To"] == "modo@example.org"]


@pytest.mark.parametrize("title, body", [
    ("Besoin de parler", DISTRESS),  # the post
    (DISTRESS, "Voila, c'est tout."),  # the title only
])
def test_distress_holds_the_post_shows_the_numbers_and_alerts_the_moderators(
        client_for, people, category, mailbox, title, body):
    # A verified professional's posts go live at once: only the distress holds this one.
    author, moderator = client_for(people["pro"]), client_for(people["moderator"])
    response = new_topic(author, "autonomie", title, body)
    assert response.status_code == 302
    post = latest_post()
    assert post.distress and post.status == PostStatus.PENDING
    assert post.held_reason == HeldReason.DISTRESS
    page = text_of(author.get(response.headers["Location"], headers=EN))
    numbers = help_block(page)
    assert numbers.index("tel:3114") < numbers.index("tel:17") < numbers.index("tel:112")
    assert "so that someone answers you" in page  # why it waits, in plain words
    # Nobody else reads it before a moderator.
    assert client_for().get(topic_url(latest_topic()), headers=EN).status_code == 404
    # The moderators: an e-mail, and the post at the top of their queue, marked.
    assert moderators_mail(mailbox)
    queue = text_of(moderator.get("/forum/moderation/", headers=EN))
    assert f'data-post-id="{post.id}"' in queue and "forum-queue-item--distress" in queue


def test_a_reply_in_distress_is_held_the_same_way(client_for, people, category, mailbox):
    author = client_for(people["pro"])
    new_topic(author, "autonomie", "Un sujet ordinaire", "Comment trouver un stage ?")
    topic = latest_topic()
    assert latest_post().status == PostStatus.VISIBLE and not moderators_mail(mailbox)
    response = reply(author, topic, "en vrai jveux mourir")
    assert latest_post().held_reason == HeldReason.DISTRESS
    assert "tel:3114" in help_block(text_of(author.get(response.headers["Location"], headers=EN)))
    assert moderators_mail(mailbox)


def test_contact_details_hold_the_post_without_numbers_nor_alarm(client_for, people, category, mailbox):
    author = client_for(people["pro"])
    response = new_topic(author, "autonomie", "Pour en parler", "appelle moi au 06 39 98 12 45")
    post = latest_post()
    assert post.held_reason == HeldReason.PERSONAL_DATA and post.detected == "phone"
    assert not post.distress
    page = text_of(author.get(response.headers["Location"], headers=EN))
    assert "personal information" in page and 'class="forum-help card"' not in page
    assert not moderators_mail(mailbox)


def test_a_phone_number_in_the_title_holds_the_post(client_for, people, category):
    new_topic(client_for(people["pro"]), "autonomie", "Mon 06 39 98 12 45", "Ecris moi.")
    assert latest_post().held_reason == HeldReason.PERSONAL_DATA


@needs_new_engine
def test_a_social_network_handle_holds_the_post(client_for, people, category):
    new_topic(client_for(people["pro"]), "autonomie", "On parle ailleurs", "ajoute moi sur snap")
    assert latest_post().held_reason == HeldReason.PERSONAL_DATA
    assert "handle" in latest_post().detected
