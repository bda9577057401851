"""What the forum's reading pages show, and the one call that says it changed.

Anonymous readers get cached pages (core/page_cache.py) keyed by a version
(forum/queries.py: the topic's ``updated_at`` and a few counters, its
category's ``updated_at``). Nothing infers that a page changed: every
operation that changes what a topic page shows calls :func:`topic_changed`
(the category page and the index read the same columns, so they follow).
``TOPIC_PAGE_SHOWS`` lists each field the topic page shows with the
operations that change it; tests/forum/test_page_fields.py changes every
column behind the page and fails for a field that shows but is not listed,
or an operation listed that does not call :func:`topic_changed`.
"""

from __future__ import annotations

from sqlalchemy import update

from portal.core.time import utcnow
from portal.extensions import db
from portal.forum.models import ForumCategory, ForumTopic

#: table.column → the operations (forum/operations.py) that change it.
_NEW_POST = ("create_topic", "reply")  # a post shown once published (_new_post → _publish)
_MODERATED = ("approve_post", "hide_post", "delete_post", "flag_post")
TOPIC_PAGE_SHOWS: dict[str, tuple[str, ...]] = {
    "forum_topics.title": ("create_topic",),
    "forum_topics.slug": ("create_topic",),
    "forum_topics.status": _NEW_POST + _MODERATED,
    "forum_topics.highlighted_post_id": ("highlight_post", "hide_post", "delete_post"),
    "forum_posts.body_html": _NEW_POST + ("edit_post", "delete_post"),
    "forum_posts.author_name": _NEW_POST + ("detach_user",),
    "forum_posts.author_is_professional": _NEW_POST,
    "forum_posts.author_structure": _NEW_POST,
    "forum_posts.edited_at": ("edit_post",),
    "forum_posts.status": _NEW_POST + _MODERATED,
    "forum_categories.title": ("create_category",),
    "forum_categories.slug": ("create_category",),
    "forum_categories.theme": ("create_category",),
}

#: Internal steps that call topic_changed for the operations built on them.
CALLING_HELPERS = ("_new_post", "_publish", "_unpublish")


def topic_changed(topic: ForumTopic) -> None:
    """Every cached copy of this topic's pages (and its category's) is stale."""
    topic.updated_at = utcnow()


def topics_changed(topic_ids) -> None:
    """:func:`topic_changed` for many topics at once (one statement)."""
    ids = list(topic_ids)
    if ids:
        db.session.execute(update(ForumTopic).where(ForumTopic.id.in_(ids))
                           .values(updated_at=utcnow()))


def category_changed(category: ForumCategory) -> None:
    """The category's page and every topic page naming it are stale."""
    category.updated_at = utcnow()
