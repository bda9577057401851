"""Forum rules: posting, publishing, flags, moderation, follows.

Operations take explicit arguments and flush; the caller's unit of work
commits. Emits and e-mails are queued for after the commit.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from portal.accounts import Role, User, has_role, holders_of, is_moderator, is_professional
from portal.core import observe
from portal.core.mail import queue_mail
from portal.core.refusal import Refusal
from portal.core.text import slugify
from portal.core.time import as_utc, utcnow
from portal.core.urls import external_url
from portal.extensions import db
from portal.forum import events, pages, queries
from portal.forum.models import (
    ForumCategory,
    ForumFlag,
    ForumFollow,
    ForumPost,
    ForumTopic,
    HeldReason,
    ModerationAction,
    ModerationLog,
    PostStatus,
)
from portal.forum.rendering import render_markdown
from portal.notifications import kinds as notification_kinds
from portal.notifications import pipeline as notifications
from portal.safety import presenting

MAX_BODY = 10_000
MAX_TITLE = 160


class ForumError(Refusal):
    """A forum rule was broken: ``ForumError("locked")`` (a :class:`Refusal`)."""

    MESSAGES = {
        "suspended": _l("Your account is suspended: you cannot post on the forum for now."),
        "locked": _l("This topic is closed to new answers."),
        "empty": _l("Please write a message."),
        "title": _l("Please give your topic a title."),
        "already_flagged": _l("You have already reported this message."),
        "not_professional": _l("Only an answer from a professional can be highlighted."),
        "not_visible": _l("This message is not published."),
    }

    STATUS = {"suspended": 403, "locked": 409, "already_flagged": 409}

    def __init__(self, code: str):
        super().__init__(code, self.MESSAGES[code], status=self.STATUS.get(code, 422))


# --- helpers -------------------------------------------------------------------------

def topic_slug(text: str) -> str:
    return slugify(text, max_length=60, default="sujet")


def _trusted(user: User) -> bool:
    return is_professional(user) or has_role(user, Role.MODERATOR, Role.EDITOR)


def _needs_moderation(user: User) -> bool:
    if _trusted(user):
        return False
    published = db.session.scalar(
        select(func.count()).select_from(ForumPost).where(
            ForumPost.author_id == user.id, ForumPost.status == PostStatus.VISIBLE))
    return published < current_app.config["FORUM_MODERATED_FIRST_POSTS"]


def _log(moderator: User, action: ModerationAction, reason: str, *, post: ForumPost | None = None,
         topic_id: int | None = None, target_user_id: int | None = None) -> ModerationLog:
    entry = ModerationLog(moderator_id=moderator.id, moderator_name=moderator.pseudonym,
                          action=action, reason=(reason or "").strip()[:500],
                          post_id=post.id if post else None,
                          topic_id=topic_id or (post.topic_id if post else None),
                          target_user_id=target_user_id or (post.author_id if post else None))
    db.session.add(entry)
    return entry


def first_post_id(topic_id: int) -> int | None:
    return db.session.scalar(select(func.min(ForumPost.id)).where(ForumPost.topic_id == topic_id))


# --- posting -------------------------------------------------------------------------

def _check_can_post(user: User) -> None:
    if user.is_suspended:
        raise ForumError("suspended")


def screened_text(body: str, title: str | None = None) -> str:
    """What portal.safety reads of a post: a new topic's title with its body."""
    return f"{title}\n{body}" if title else body


def _new_post(topic: ForumTopic, author: User, body: str, ip_hash: str | None,
              title: str | None = None) -> ForumPost:
    body = (body or "").replace("\r\n", "\n").strip()[:MAX_BODY]
    if not body:
        raise ForumError("empty")
    found = presenting.screen(screened_text(body, title))
    post = ForumPost(topic=topic, author_id=author.id, author_name=author.display_name,
                     author_is_professional=author.is_verified_professional,
                     author_structure=author.structure_name if author.is_verified_professional else None,
                     body=body, body_html=render_markdown(body), status=PostStatus.PENDING,
                     distress=bool(found.distress), flag_count=0, ip_hash=ip_hash)
    if found.personal_data:
        post.held_reason = HeldReason.PERSONAL_DATA
        post.detected = ",".join(found.personal_data)
    elif found.distress:
        # Read by a person before anyone else: answers to distress are not left to chance.
        post.held_reason = HeldReason.DISTRESS
    elif found.banned:
        post.held_reason = HeldReason.BANNED_WORDS
    elif _needs_moderation(author):
        post.held_reason = HeldReason.FIRST_POSTS
    db.session.add(post)
    db.session.flush()
    if post.held_reason is None:
        _publish(post)
    else:
        events.queue_changed(post, distress=post.distress)
    if post.distress:
        _alert_moderators(post)
    return post


def create_topic(category: ForumCategory, author: User, *, title: str, body: str,
                 ip_hash: str | None = None, follow: bool = False) -> tuple[ForumTopic, ForumPost]:
    _check_can_post(author)
    title = " ".join((title or "").split())[:MAX_TITLE]
    if not title:
        raise ForumError("title")
    topic = ForumTopic(category=category, author_id=author.id, author_name=author.display_name,
                       title=title, slug=topic_slug(title), status=PostStatus.PENDING,
                       post_count=0, last_post_at=utcnow(), locked=False)
    db.session.add(topic)
    db.session.flush()
    post = _new_post(topic, author, body, ip_hash, title=title)
    if follow:
        follow_topic(topic, author)
    return topic, post


def reply(topic: ForumTopic, author: User, *, body: str, ip_hash: str | None = None,
          follow: bool = False) -> ForumPost:
    _check_can_post(author)
    if topic.locked or topic.status == PostStatus.DELETED:
        raise ForumError("locked")
    post = _new_post(topic, author, body, ip_hash)
    if follow:
        follow_topic(topic, author)
    return post


def _publish(post: ForumPost) -> None:
    topic = post.topic
    was_visible = topic.status == PostStatus.VISIBLE
    post.status = PostStatus.VISIBLE
    post.held_reason = None
    now = utcnow()
    topic.post_count = (topic.post_count or 0) + 1
    topic.last_post_at = max(topic.last_post_at, post.created_at or now) if topic.last_post_at else now
    category = topic.category
    if not was_visible and post.id == first_post_id(topic.id):
        topic.status = PostStatus.VISIBLE
        category.topic_count = (category.topic_count or 0) + 1
        observe.record("forum_topic", theme=category.theme)
    elif post.author_is_professional and not _professional_answered_before(topic, post):
        hours = (as_utc(post.created_at or now) - as_utc(topic.created_at)).total_seconds() / 3600
        observe.record("forum_answered", theme=category.theme, value=max(hours, 0))
    category.last_post_at = now
    pages.topic_changed(topic)
    db.session.flush()
    if topic.status == PostStatus.VISIBLE:
        events.post_published(post)
        _notify_followers(post)


def _professional_answered_before(topic: ForumTopic, post: ForumPost) -> bool:
    return db.session.scalar(select(ForumPost.id).where(
        ForumPost.topic_id == topic.id, ForumPost.id != post.id, ForumPost.author_is_professional,
        ForumPost.status == PostStatus.VISIBLE).limit(1)) is not None


def _unpublish(post: ForumPost, status: PostStatus, reason: HeldReason | None) -> None:
    was_visible = post.status == PostStatus.VISIBLE
    post.status = status
    post.held_reason = reason
    topic = post.topic
    if was_visible:
        topic.post_count = max(0, (topic.post_count or 0) - 1)
        events.post_removed(post)
    if topic.highlighted_post_id == post.id:
        topic.highlighted_post_id = None
    if post.id == first_post_id(topic.id) and topic.status == PostStatus.VISIBLE:
        # The question goes, the topic goes with it.
        topic.status = status
        topic.category.topic_count = max(0, (topic.category.topic_count or 0) - 1)
    pages.topic_changed(topic)
    db.session.flush()


# --- flags -----------------------------------------------------------------------------

def flag_post(post: ForumPost, user: User, reason: str) -> ForumFlag:
    if post.status != PostStatus.VISIBLE:
        raise ForumError("not_visible")
    exists = db.session.scalar(select(ForumFlag.id).where(ForumFlag.post_id == post.id,
                                                          ForumFlag.user_id == user.id))
    if exists:
        raise ForumError("already_flagged")
    flag = ForumFlag(post_id=post.id, user_id=user.id, reason=(reason or "").strip()[:300] or "-",
                     resolved=False)
    db.session.add(flag)
    # Counted in the database: two reports at once both count.
    db.session.execute(update(ForumPost).where(ForumPost.id == post.id)
                       .values(flag_count=ForumPost.flag_count + 1))
    db.session.flush()
    db.session.refresh(post, ["flag_count"])
    if post.flag_count >= current_app.config["FORUM_FLAG_THRESHOLD"]:
        _unpublish(post, PostStatus.HIDDEN, HeldReason.FLAGS)
        events.queue_changed(post)
    return flag


# --- moderation ------------------------------------------------------------------------

def approve_post(post: ForumPost, moderator: User, reason: str = "") -> None:
    if post.status != PostStatus.VISIBLE:
        _publish(post)
    post.flag_count = 0
    db.session.execute(update(ForumFlag).where(ForumFlag.post_id == post.id).values(resolved=True))
    _log(moderator, ModerationAction.APPROVE, reason, post=post)
    events.queue_changed(post)


def hide_post(post: ForumPost, moderator: User, reason: str) -> None:
    _unpublish(post, PostStatus.HIDDEN, HeldReason.MODERATOR)
    _log(moderator, ModerationAction.HIDE, reason, post=post)
    events.queue_changed(post)


def delete_post(post: ForumPost, moderator: User, reason: str) -> None:
    """Kept as a row for the log, its text erased."""
    _unpublish(post, PostStatus.DELETED, None)
    post.body = ""
    post.body_html = ""
    _log(moderator, ModerationAction.DELETE, reason, post=post)
    events.queue_changed(post)


def edit_post(post: ForumPost, moderator: User, body: str, reason: str) -> None:
    body = (body or "").replace("\r\n", "\n").strip()[:MAX_BODY]
    if not body:
        raise ForumError("empty")
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = utcnow()
    post.detected = None
    pages.topic_changed(post.topic)
    _log(moderator, ModerationAction.EDIT, reason, post=post)
    db.session.flush()
    if post.status == PostStatus.VISIBLE:
        events.post_published(post)  # clients fetch the new text


def dismiss_flags(post: ForumPost, moderator: User, reason: str = "") -> None:
    approve_post(post, moderator, reason)


def suspend_user(user: User, moderator: User, *, days: int, reason: str) -> None:
    user.suspended_until = utcnow() + timedelta(days=max(1, min(int(days), 3650)))
    _log(moderator, ModerationAction.SUSPEND, reason, target_user_id=user.id)
    db.session.flush()


def highlight_post(post: ForumPost, by: User, reason: str = "") -> None:
    """A professional's answer, shown at the top of the topic (moderators,
    or the person who asked)."""
    if not post.author_is_professional:
        raise ForumError("not_professional")
    if post.status != PostStatus.VISIBLE:
        raise ForumError("not_visible")
    post.topic.highlighted_post_id = post.id
    pages.topic_changed(post.topic)
    if is_moderator(by):
        _log(by, ModerationAction.HIGHLIGHT, reason, post=post)
    db.session.flush()


def moderation_queue(limit: int = 100) -> list[ForumPost]:
    return list(db.session.scalars(
        select(ForumPost).where(*queries.awaiting_moderation())
        .order_by(ForumPost.distress.desc(), ForumPost.id).limit(limit)))


def _moderators() -> list[User]:
    return list(db.session.scalars(select(User).where(
        holders_of(Role.MODERATOR), User.email.is_not(None))))


def _alert_moderators(post: ForumPost) -> None:
    """Distress: live in the moderators' queue (queue_changed) and by e-mail, at once."""
    link = external_url("forum.moderation")
    for moderator in _moderators():
        queue_mail(moderator.email, "forum/distress", locale=moderator.locale, post=post,
                   topic=post.topic, link=link)


# --- follows ---------------------------------------------------------------------------

def follow_topic(topic: ForumTopic, user: User) -> ForumFollow:
    found = db.session.scalar(select(ForumFollow).where(ForumFollow.topic_id == topic.id,
                                                        ForumFollow.user_id == user.id))
    if found:
        return found
    follow = ForumFollow(topic_id=topic.id, user_id=user.id, token=secrets.token_urlsafe(32))
    db.session.add(follow)
    db.session.flush()
    return follow


def unfollow_topic(topic: ForumTopic, user: User) -> None:
    db.session.execute(ForumFollow.__table__.delete().where(
        ForumFollow.topic_id == topic.id, ForumFollow.user_id == user.id))


def follow_for_token(token: str) -> ForumFollow | None:
    return db.session.scalar(select(ForumFollow).where(ForumFollow.token == token))


def unsubscribe(token: str) -> ForumFollow | None:
    follow = db.session.scalar(select(ForumFollow).where(ForumFollow.token == token))
    if follow is not None:
        db.session.delete(follow)
        db.session.flush()
    return follow


def is_following(topic: ForumTopic, user) -> bool:
    if not user or not user.is_authenticated:
        return False
    return db.session.scalar(select(ForumFollow.id).where(
        ForumFollow.topic_id == topic.id, ForumFollow.user_id == user.id)) is not None


def _notify_followers(post: ForumPost) -> None:
    """Each follower, through the notification pipeline: once per post and
    channel (their e-mail, and the numbers and browsers they confirmed),
    with this topic's own one-click unsubscribe."""
    follows = db.session.scalars(
        select(ForumFollow).join(User, User.id == ForumFollow.user_id)
        .where(ForumFollow.topic_id == post.topic_id, User.is_active_account.is_(True)))
    topic = post.topic
    link = external_url("forum.topic", category=topic.category.slug, topic_id=topic.id,
                        slug=topic.slug) + f"#post-{post.id}"
    for follow in follows:
        user = follow.user
        if user.id == post.author_id:
            continue
        notifications.notify(
            notification_kinds.FORUM_ANSWER, notifications.recipients_for_user(user),
            event=f"forum:post:{post.id}",
            context={"post": post, "topic": topic, "link": link,
                     "unsubscribe_url": external_url("forum.unsubscribe", token=follow.token)})


# --- categories (editors) --------------------------------------------------------------

def create_category(*, theme: str, title: str | None, description: str | None,
                    slug: str | None = None) -> ForumCategory:
    last = db.session.scalar(select(func.max(ForumCategory.position))) or 0
    category = ForumCategory(slug=topic_slug(slug or title or theme), theme=theme,
                             title=(title or None), description=(description or None),
                             position=last + 1, topic_count=0)
    db.session.add(category)
    pages.category_changed(category)
    db.session.flush()
    return category


# --- accounts deleted --------------------------------------------------------------------

def detach_user(user: User) -> None:
    """What a deleted account wrote stays (conversations make no sense with
    holes) but no longer points to anyone."""
    name = ""  # pages show "Deleted account", in the reader's language
    topic_ids = list(db.session.scalars(select(ForumPost.topic_id).where(ForumPost.author_id == user.id)
                                        .distinct()))
    db.session.execute(update(ForumPost).where(ForumPost.author_id == user.id)
                       .values(author_id=None, author_name=name, ip_hash=None))
    db.session.execute(update(ForumTopic).where(ForumTopic.author_id == user.id)
                       .values(author_id=None, author_name=name))
    pages.topics_changed(topic_ids)  # their pages show the name
