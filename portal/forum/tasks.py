"""Scheduled work of the forum: the observatory's count of questions still
without a professional's answer 48 hours after they were asked."""

from __future__ import annotations

from datetime import datetime, timedelta

from huey import crontab
from sqlalchemy import exists, select

from portal.core import observe
from portal.core.tasks import periodic_task
from portal.core.time import utcnow
from portal.extensions import db
from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus

UNANSWERED_AFTER = timedelta(hours=48)


def count_unanswered(now: datetime | None = None) -> int:
    """Topics that turned 48 hours old in the last hour with no visible
    professional's answer: one anonymous event each (their theme only)."""
    now = now or utcnow()
    oldest, newest = now - UNANSWERED_AFTER - timedelta(hours=1), now - UNANSWERED_AFTER
    answered = exists().where(ForumPost.topic_id == ForumTopic.id, ForumPost.author_is_professional,
                              ForumPost.status == PostStatus.VISIBLE)
    themes = db.session.scalars(
        select(ForumCategory.theme).join(ForumTopic, ForumTopic.category_id == ForumCategory.id)
        .where(ForumTopic.status == PostStatus.VISIBLE, ForumTopic.created_at >= oldest,
               ForumTopic.created_at < newest, ~answered)).all()
    for theme in themes:
        observe.record("forum_unanswered_48h", theme=theme)
    return len(themes)


@periodic_task(crontab(minute="7"))
def unanswered_questions() -> int:
    return count_unanswered()
