"""What the reading pages load: a fixed number of queries whatever the
number of posts shown (counted in tests and in bench/forum.py)."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, or_, select

from portal.extensions import db
from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus


def categories() -> list[ForumCategory]:
    return list(db.session.scalars(select(ForumCategory).order_by(ForumCategory.position,
                                                                  ForumCategory.id)))


def category_by_slug(slug: str) -> ForumCategory | None:
    return db.session.scalar(select(ForumCategory).where(ForumCategory.slug == slug))


def topics_page(category: ForumCategory, page: int) -> list[ForumTopic]:
    per_page = current_app.config["FORUM_TOPICS_PER_PAGE"]
    return list(db.session.scalars(
        select(ForumTopic).where(ForumTopic.category_id == category.id,
                                 ForumTopic.status == PostStatus.VISIBLE)
        .order_by(ForumTopic.last_post_at.desc(), ForumTopic.id.desc())
        .offset((page - 1) * per_page).limit(per_page + 1)))


def topic(topic_id: int) -> ForumTopic | None:
    return db.session.get(ForumTopic, topic_id)  # its category comes joined


def posts_page(topic: ForumTopic, page: int, viewer_id: int | None) -> list[ForumPost]:
    """Visible posts of the page, and the viewer's own held ones (so they
    see what waits and why). Authors come from the snapshot columns."""
    per_page = current_app.config["FORUM_POSTS_PER_PAGE"]
    shown = ForumPost.status == PostStatus.VISIBLE
    if viewer_id is not None:
        shown = or_(shown, (ForumPost.author_id == viewer_id)
                    & ForumPost.status.in_([PostStatus.PENDING, PostStatus.HIDDEN]))
    return list(db.session.scalars(
        select(ForumPost).where(ForumPost.topic_id == topic.id, shown)
        .order_by(ForumPost.id).offset((page - 1) * per_page).limit(per_page)))


def post(post_id: int) -> ForumPost | None:
    return db.session.get(ForumPost, post_id)


def page_count(topic: ForumTopic) -> int:
    per_page = current_app.config["FORUM_POSTS_PER_PAGE"]
    return max(1, -(-(topic.post_count or 0) // per_page))


# --- versions of the reading pages (portal.core.page_cache) --------------------------
# Every operation that changes what a reading page shows says so with
# forum/pages.py's topic_changed (or category_changed), which moves
# ``updated_at``: so these few columns name the state of a page.
#
# Read on every anonymous page view, cached or not: a plain statement of
# raw values on the request's connection, no ORM and no SQL compilation.

_INDEX_VERSION = "SELECT count(*), max(updated_at) FROM forum_categories"
_CATEGORY_VERSION = (
    "SELECT c.id, c.updated_at, (SELECT max(t.updated_at) FROM forum_topics t"
    " WHERE t.category_id = c.id) FROM forum_categories c WHERE c.slug = {0}")
_TOPIC_VERSION = (
    "SELECT t.status, t.updated_at, t.post_count, t.highlighted_post_id, t.locked, c.updated_at"
    " FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id WHERE t.id = {0}")


def _read_version(sql: str, *params) -> tuple | None:
    connection = db.session.connection()
    placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    row = connection.exec_driver_sql(sql.format(placeholder), params).first()
    return tuple(row) if row is not None else None


def index_version() -> tuple | None:
    return _read_version(_INDEX_VERSION)


def category_version(category: str) -> tuple | None:
    # The latest change of any topic of the category (a reply, a hidden post,
    # a new title): one step down the (category_id, updated_at) index.
    return _read_version(_CATEGORY_VERSION, category)


def topic_version(category: str, topic_id: int, slug: str) -> tuple | None:
    found = _read_version(_TOPIC_VERSION, topic_id)
    if found is None or found[0] != PostStatus.VISIBLE.value:
        return None
    return found


def awaiting_moderation() -> tuple:
    """The posts a moderator must look at: held, or hidden by reports."""
    return (ForumPost.status.in_([PostStatus.PENDING, PostStatus.HIDDEN]),
            ForumPost.held_reason.is_not(None))


def moderation_count() -> int:
    """How many posts wait in the moderation queue (shown in moderators' menu)."""
    return db.session.scalar(select(func.count()).select_from(ForumPost)
                             .where(*awaiting_moderation())) or 0
