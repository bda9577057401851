"""The observatory counts, once, each forum question still without a
professional's answer 48 hours after it was asked (forum/tasks.py)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.core.commit import commit
from portal.core.time import utcnow
from portal.forum.models import ForumPost, ForumTopic, PostStatus
from portal.forum.tasks import count_unanswered
from portal.observatory.models import Event


def _topic(category, author, age: timedelta, *, professional_answer: bool):
    created = utcnow() - age
    topic = ForumTopic(category=category, author_id=author.id, author_name=author.pseudonym,
                       title="Une question", slug="une-question", status=PostStatus.VISIBLE,
                       post_count=1, last_post_at=created, locked=False, created_at=created)
    posts = [ForumPost(topic=topic, author_id=author.id, author_name=author.pseudonym, body="?",
                       body_html="<p>?</p>", status=PostStatus.VISIBLE, created_at=created)]
    if professional_answer:
        posts.append(ForumPost(topic=topic, author_id=None, author_name="Camille",
                               author_is_professional=True, body="!", body_html="<p>!</p>",
                               status=PostStatus.VISIBLE, created_at=created + timedelta(hours=3)))
    return [topic, *posts]


def test_questions_turning_48_hours_old_without_a_professional_answer_are_counted_once(
        database, category, people):
    young = people["young"]
    database.session.add_all(
        _topic(category, young, timedelta(hours=48, minutes=30), professional_answer=False)
        + _topic(category, young, timedelta(hours=48, minutes=20), professional_answer=True)
        + _topic(category, young, timedelta(hours=47), professional_answer=False)   # not yet
        + _topic(category, young, timedelta(hours=60), professional_answer=False))  # counted before
    database.session.flush()
    assert count_unanswered() == 1
    commit()
    [event] = database.session.scalars(sa.select(Event).where(Event.kind == "forum_unanswered_48h")).all()
    assert event.theme == category.theme and event.commune is None
