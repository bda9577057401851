"""Every field a topic page shows is covered by the page cache's explicit
invalidation (portal/forum/pages.py): a column that changes the rendered page
must be listed in ``pages.TOPIC_PAGE_SHOWS`` with the operations that change
it, and each of those operations must call ``pages.topic_changed``.

So a new field shown on the topic page, not declared, fails here — before an
anonymous reader is served a stale copy of the page.
"""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

import sqlalchemy as sa

from portal.core import page_cache
from portal.extensions import db
from portal.forum import moderation, operations, pages
from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus
from tests.forum.conftest import EN, latest_topic, new_topic, reply, topic_url

#: Columns whose change is not a change of content: keys, and the version itself.
NOT_CONTENT = {"id", "updated_at", "created_at", "category_id", "topic_id", "author_id"}
_CSRF = re.compile(r'name="csrf_token"[^>]*value="[^"]*"|value="[^"]*"[^>]*name="csrf_token"')


def _other_value(column: sa.Column, value):
    """A different value of the column's type (None when there is none to try)."""
    python_type = column.type.python_type if hasattr(column.type, "python_type") else None
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None:
        others = [member for member in enum_class if member != value]
        return others[0] if others else None
    if python_type is bool:
        return not value
    if python_type is int:
        return (value or 0) + 7
    if python_type is str:
        length = getattr(column.type, "length", None) or 200
        new = "X" * len(value) if value and set(value) != {"X"} else f"Changed {column.name}"
        return new[:length]
    if value is not None and hasattr(value, "tzinfo"):
        return value - timedelta(days=400)
    if column.name.endswith("_at"):
        from portal.core.time import utcnow

        return utcnow() - timedelta(days=400)
    return None


def _page(client, topic) -> str:
    response = client.get(topic_url(topic), headers=EN)
    return f"{response.status_code}\n" + _CSRF.sub("", response.get_data(as_text=True))


def test_every_field_the_topic_page_shows_is_declared(client_for, people, category, app,
                                                      monkeypatch):
    pro = client_for(people["pro"])
    new_topic(pro, "autonomie", "Which fields show?", "The first post.")
    topic = latest_topic()
    reply(pro, topic, "A professional answer.")
    db.session.expire_all()
    posts = db.session.scalars(sa.select(ForumPost).where(ForumPost.topic_id == topic.id)
                               .order_by(ForumPost.id)).all()
    assert [p.status for p in posts] == [PostStatus.VISIBLE, PostStatus.VISIBLE]
    # Rendered every time (no cached copy), so that a change shows at once.
    monkeypatch.setitem(app.extensions, page_cache.EXTENSION_KEY, None)
    reader = client_for()
    rows = [(ForumTopic, topic.id), (ForumPost, posts[-1].id), (ForumCategory, topic.category_id)]
    shown = set()
    for model, row_id in rows:
        table = model.__table__
        for column in table.columns:
            if column.name in NOT_CONTENT:
                continue
            db.session.expire_all()
            before_row = db.session.execute(sa.select(table).where(table.c.id == row_id)).one()
            new = _other_value(column, getattr(before_row, column.name))
            if new is None:
                continue
            before = _page(reader, topic)
            savepoint = db.session.begin_nested()
            # The version column keeps its value: only the content changes.
            db.session.execute(sa.update(table).where(table.c.id == row_id).values(
                {column.name: new, "updated_at": before_row.updated_at}))
            after = _page(reader, topic)
            savepoint.rollback()
            if after != before:
                shown.add(f"{table.name}.{column.name}")
    undeclared = shown - set(pages.TOPIC_PAGE_SHOWS)
    assert undeclared == set(), f"shown on the topic page but not in pages.TOPIC_PAGE_SHOWS: {undeclared}"
    assert shown, "the probe changed nothing on the page: it would prove nothing"


def test_every_operation_that_changes_a_shown_field_says_so():
    for field, changed_by in pages.TOPIC_PAGE_SHOWS.items():
        assert changed_by, field
        for name in changed_by:
            function = getattr(operations, name, None) or getattr(moderation, name)
            source = inspect.getsource(function)
            calls = ("topic_changed(", "topics_changed(", "category_changed(",
                     *(f"{helper}(" for helper in pages.CALLING_HELPERS))
            assert any(call in source for call in calls), (
                f"{name} changes {field} but does not call pages.topic_changed")

