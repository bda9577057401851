"""Forum fixtures: one signed-in test client per person, helpers to post."""

from __future__ import annotations

import contextvars
import re

import pytest

from portal.extensions import db
from portal.forum.models import ForumCategory, ForumPost, ForumTopic
from tests.conftest import FreshContextClient
from tests.support import csrf_token, submit

EN = {"Accept-Language": "en"}
PASSWORD = "un mot de passe"


@pytest.fixture
def client_for(app, database):
    """``client_for(user)`` → a test client of its own, signed in as ``user``."""

    def make(user=None):
        app.test_client_class = FreshContextClient
        client = app.test_client()
        if user is not None:
            response = submit(client, "/account/login", {"login": user.pseudonym, "password": PASSWORD})
            assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return client

    return make


@pytest.fixture
def topics_index(app, database):
    """The forum's search index rebuilt from this test's (rolled-back)
    database: an index left by an earlier test must not leak its topics, or
    its outbox checkpoint, into this one."""
    from search_index.forum import index

    index.rebuild()
    return index


@pytest.fixture
def category(database):
    return database.session.scalar(db.select(ForumCategory).where(ForumCategory.slug == "autonomie"))


@pytest.fixture
def people(create_user):
    """A young person, a verified professional, a moderator (with e-mail)."""
    return {
        "young": create_user("young", pseudonym="lea-13", email="lea@example.org"),
        "pro": create_user("professional", pseudonym="pro-camille", full_name="Camille Conseil",
                           email="camille@example.org"),
        "moderator": create_user("moderator", pseudonym="modo", email="modo@example.org"),
    }


def new_topic(client, category_slug: str, title: str, body: str, **extra):
    url = f"/forum/{category_slug}/new"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "title": title,
                                  "body": body, **extra}, headers=EN)


def topic_url(topic: ForumTopic) -> str:
    return f"/forum/{topic.category.slug}/{topic.id}-{topic.slug}"


def reply(client, topic: ForumTopic, body: str, **extra):
    return client.post(f"/forum/topics/{topic.id}/reply",
                       data={"csrf_token": csrf_token(client, topic_url(topic)), "body": body, **extra},
                       headers=EN)


def moderate(client, post_id: int, action: str, reason: str = "checked"):
    return client.post(f"/forum/moderation/posts/{post_id}/{action}",
                       data={"csrf_token": csrf_token(client, "/forum/moderation/"), "reason": reason},
                       headers=EN)


def latest_topic() -> ForumTopic:
    db.session.expire_all()
    return db.session.scalars(db.select(ForumTopic).order_by(ForumTopic.id.desc())).first()


def latest_post() -> ForumPost:
    db.session.expire_all()
    return db.session.scalars(db.select(ForumPost).order_by(ForumPost.id.desc())).first()


def text_of(response) -> str:
    return response.get_data(as_text=True)


def in_fresh_context(fn, *args, **kwargs):
    return contextvars.Context().run(fn, *args, **kwargs)


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
