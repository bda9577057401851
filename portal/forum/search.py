"""What the forum gives the search index: one document per visible topic
(search_index/forum.py), and which changes write its outbox rows.

Registered when the forum blueprint loads. A change to a post re-indexes its
topic; a change to a topic upserts or deletes it; a category whose slug or
theme changes re-indexes its topics. Only visible posts of visible topics are
read, so nothing held, hidden or deleted reaches the index.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import object_session

from portal.extensions import db
from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus
from portal.forum.rendering import plain_text
from search_index.forum import FORUM_TOPIC_TYPE, register_topic_documents
from search_index.registry import DELETE, UPSERT, register_source

#: A topic's document holds its question and at most this many answers, of at
#: most this many characters together: a huge topic stays a bounded document.
MAX_ANSWERS = 50
MAX_ANSWERS_CHARS = 20_000


def topic_path(category_slug: str, topic_id: int, slug: str) -> str:
    """Site-relative, and buildable outside a request (``flask search rebuild``)."""
    return current_app.url_map.bind("").build(
        "forum.topic", {"category": category_slug, "topic_id": topic_id, "slug": slug})


def fetch(ids: list[int]) -> list[dict]:
    topics = db.session.scalars(select(ForumTopic).where(
        ForumTopic.id.in_(ids), ForumTopic.status == PostStatus.VISIBLE)).all()
    if not topics:
        return []
    texts, professional = _visible_posts([t.id for t in topics])
    return [document(t, texts.get(t.id, []), t.id in professional) for t in topics]


def _visible_posts(topic_ids: list[int]) -> tuple[dict[int, list[str]], set[int]]:
    """The text of each topic's first visible posts (the question, then the
    first answers), and which topics have a visible answer from a professional."""
    numbered = select(
        ForumPost.topic_id, ForumPost.body_html, ForumPost.author_is_professional,
        func.row_number().over(partition_by=ForumPost.topic_id, order_by=ForumPost.id).label("n"),
    ).where(ForumPost.topic_id.in_(topic_ids), ForumPost.status == PostStatus.VISIBLE).subquery()
    texts: dict[int, list[str]] = defaultdict(list)
    rows = db.session.execute(select(numbered.c.topic_id, numbered.c.body_html)
                              .where(numbered.c.n <= MAX_ANSWERS + 1)
                              .order_by(numbered.c.topic_id, numbered.c.n))
    for topic_id, body_html in rows:
        texts[topic_id].append(plain_text(body_html))
    professional = set(db.session.scalars(
        select(numbered.c.topic_id).where(numbered.c.n > 1,
                                          numbered.c.author_is_professional.is_(True))
        .distinct()))
    return texts, professional


def document(topic: ForumTopic, texts: list[str], professional: bool) -> dict:
    answers, size = [], 0
    for text in texts[1:]:
        if size >= MAX_ANSWERS_CHARS:
            break
        answers.append(text[:MAX_ANSWERS_CHARS - size])
        size += len(answers[-1])
    category = topic.category
    return {
        "id": topic.id, "title": topic.title, "question": texts[0] if texts else "",
        "answers": "\n".join(answers), "theme": category.theme, "category_id": category.id,
        "category_slug": category.slug, "url": topic_path(category.slug, topic.id, topic.slug),
        "answers_count": max(0, (topic.post_count or 0) - 1), "professional": professional,
        "last_post_at": topic.last_post_at,
    }


def all_ids() -> list[int]:
    return list(db.session.scalars(select(ForumTopic.id)
                                   .where(ForumTopic.status == PostStatus.VISIBLE)
                                   .order_by(ForumTopic.id)))


def _is_new_and_unseen(obj) -> bool:
    """A row just added that nobody can see yet (a held post, a topic waiting
    for its first post): nothing to index."""
    session = object_session(obj)
    return session is not None and obj in session.new and obj.status != PostStatus.VISIBLE


def _post_changed(post: ForumPost, deleted: bool):
    if not deleted and _is_new_and_unseen(post):
        return []
    return [(FORUM_TOPIC_TYPE, post.topic_id, UPSERT)]


def _topic_changed(topic: ForumTopic, deleted: bool):
    if not deleted and _is_new_and_unseen(topic):
        return []
    return [(FORUM_TOPIC_TYPE, topic.id, DELETE if deleted else UPSERT)]


def _category_changed(category: ForumCategory, deleted: bool):
    # Its counters change with every post: only its slug (in the topics'
    # addresses) and its theme are in the documents.
    state = orm_inspect(category)
    if not deleted and not any(state.attrs[name].history.has_changes()
                               for name in ("slug", "theme")):
        return []
    session = object_session(category)
    if session is None or category.id is None:
        return []
    topic_ids = session.scalars(select(ForumTopic.id).where(ForumTopic.category_id == category.id))
    return [(FORUM_TOPIC_TYPE, topic_id, DELETE if deleted else UPSERT) for topic_id in topic_ids]


def register() -> None:
    register_topic_documents(fetch, all_ids)
    register_source(ForumPost, _post_changed)
    register_source(ForumTopic, _topic_changed)
    register_source(ForumCategory, _category_changed)
