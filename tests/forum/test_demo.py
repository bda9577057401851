"""The demo forum `make run` seeds: a few topics in every category, answered by
the demo professionals, and nothing our own screening would hold."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.forum.demo import TOPICS
from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus
from portal.safety import screen
from tests.forum.conftest import EN, text_of


def test_every_category_has_answered_topics(app, database, client):
    from portal.cli import seed

    seed()
    for category in database.session.scalars(select(ForumCategory)):
        topics = database.session.scalars(select(ForumTopic).where(
            ForumTopic.category_id == category.id, ForumTopic.status == PostStatus.VISIBLE)).all()
        assert len(topics) >= 3, category.slug
        assert category.topic_count == len(topics)
        for topic in topics:
            professional = database.session.scalar(select(func.count()).select_from(ForumPost).where(
                ForumPost.topic_id == topic.id, ForumPost.author_is_professional.is_(True)))
            assert professional >= 1, topic.title
    page = text_of(client.get("/forum/autonomie/", headers=EN))
    assert "Payer le permis de conduire" in page and "Answer from a professional" in page


def test_the_demo_texts_pass_the_forums_own_screening(app):
    with app.app_context():
        for _, _, title, question, answers, _ in TOPICS:
            for text in (title, question, *(answer for _, answer in answers)):
                found = screen(text)
                assert not found.personal_data and not found.banned and not found.distress, text


def test_no_demo_post_is_dated_in_the_future(app, database):
    # Issue 21: the last topics were dated up to a week ahead.
    from portal.cli import seed
    from portal.core.time import utcnow

    seed()
    now = utcnow()
    assert database.session.scalar(select(func.count()).select_from(ForumPost)) > 10
    assert all(p.created_at <= now for p in database.session.scalars(select(ForumPost)))
    assert all(t.last_post_at <= now for t in database.session.scalars(select(ForumTopic)))
