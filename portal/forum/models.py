"""Categories, topics, posts, flags, follows and the moderation log.

The topic page must cost the same few queries whatever the number of posts
shown: each post keeps a snapshot of how its author was shown when it was
written (name, professional or not), so a page never loads authors one by one.
Counters on topics (visible posts, last activity) keep category pages to one
query as well.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, UTCDateTime, str_enum
from portal.core.themes import theme_label
from portal.core.time import utcnow
from portal.extensions import db


class PostStatus(enum.StrEnum):
    PENDING = "pending"    # waiting in the moderation queue
    VISIBLE = "visible"
    HIDDEN = "hidden"      # hidden by flags or by a moderator, pending review
    DELETED = "deleted"


class HeldReason(enum.StrEnum):
    FIRST_POSTS = "first_posts"
    PERSONAL_DATA = "personal_data"
    BANNED_WORDS = "banned_words"
    FLAGS = "flags"
    MODERATOR = "moderator"
    DISTRESS = "distress"

    @property
    def label(self):
        return HELD_LABELS[self]


HELD_LABELS = {
    HeldReason.FIRST_POSTS: _l("First messages of an account are read by a moderator before they are published."),
    HeldReason.PERSONAL_DATA: _l("Your message seems to contain personal information (a phone number, an e-mail address, an address or a full name). To protect you, a moderator will read it before it is published. You can also edit it out: never share how to reach you on the forum."),
    HeldReason.BANNED_WORDS: _l("Your message contains words that are not allowed on the forum. A moderator will read it before it is published."),
    HeldReason.FLAGS: _l("Several people reported this message. A moderator will look at it."),
    HeldReason.MODERATOR: _l("A moderator hid this message."),
    HeldReason.DISTRESS: _l("A moderator will read your message before it is published, so that someone answers you. If things are hard right now, the people at the numbers above can help you straight away, for free."),
}


class ForumCategory(TimestampMixin, db.Model):
    __tablename__ = "forum_categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    theme: Mapped[str] = mapped_column(String(40))
    #: None: the (translated) label of the theme.
    title: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic_count: Mapped[int] = mapped_column(Integer, default=0)
    last_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def display_title(self):
        return self.title or theme_label(self.theme)


class ForumTopic(TimestampMixin, db.Model):
    __tablename__ = "forum_topics"
    __table_args__ = (
        Index("ix_forum_topics_listing", "category_id", "status", "last_post_at"),
        # The category page's version (queries.category_version).
        Index("ix_forum_topics_category_updated", "category_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("forum_categories.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    author_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(80))
    #: The topic is shown once its first post is.
    status: Mapped[PostStatus] = mapped_column(str_enum(PostStatus, "forum_topic_status"),
                                               default=PostStatus.PENDING)
    post_count: Mapped[int] = mapped_column(Integer, default=0)  # visible posts
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: "Answer from a professional", shown at the top of the topic.
    highlighted_post_id: Mapped[int | None] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    category: Mapped[ForumCategory] = relationship(lazy="joined", innerjoin=True)


class ForumPost(TimestampMixin, db.Model):
    __tablename__ = "forum_posts"
    __table_args__ = (
        Index("ix_forum_posts_topic", "topic_id", "status", "id"),
        Index("ix_forum_posts_queue", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topics.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    #: How the author was shown when they wrote it (no author query per post).
    author_name: Mapped[str] = mapped_column(String(120))
    author_is_professional: Mapped[bool] = mapped_column(Boolean, default=False)
    author_structure: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)       # Markdown, as typed
    body_html: Mapped[str] = mapped_column(Text)  # sanitised HTML
    status: Mapped[PostStatus] = mapped_column(str_enum(PostStatus, "forum_post_status"),
                                               default=PostStatus.PENDING)
    held_reason: Mapped[HeldReason | None] = mapped_column(str_enum(HeldReason, "forum_held_reason"))
    #: What was detected, for moderators (kinds, never the values).
    detected: Mapped[str | None] = mapped_column(String(200))
    distress: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_count: Mapped[int] = mapped_column(Integer, default=0)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ip_hash: Mapped[str | None] = mapped_column(String(64))

    topic: Mapped[ForumTopic] = relationship()
    #: Only for the moderation pages and the benchmark's naive variant: the
    #: topic page uses the snapshot columns above.
    author = relationship("User", lazy="select", foreign_keys=[author_id])

    @property
    def held_label(self):
        return self.held_reason.label if self.held_reason else None


class ForumFlag(db.Model):
    __tablename__ = "forum_flags"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class ForumFollow(db.Model):
    __tablename__ = "forum_follows"
    __table_args__ = (UniqueConstraint("topic_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topics.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: The one-click unsubscribe link carries it (no sign-in needed).
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User")
    topic: Mapped[ForumTopic] = relationship()


class ModerationAction(enum.StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    EDIT = "edit"
    DELETE = "delete"
    SUSPEND = "suspend"
    HIGHLIGHT = "highlight"
    DISMISS_FLAGS = "dismiss_flags"

    @property
    def label(self):
        return ACTION_LABELS[self]


ACTION_LABELS = {
    ModerationAction.APPROVE: _l("Approved"),
    ModerationAction.HIDE: _l("Hidden"),
    ModerationAction.EDIT: _l("Edited"),
    ModerationAction.DELETE: _l("Deleted"),
    ModerationAction.SUSPEND: _l("Account suspended"),
    ModerationAction.HIGHLIGHT: _l("Highlighted as an answer from a professional"),
    ModerationAction.DISMISS_FLAGS: _l("Reports dismissed"),
}


class ModerationLog(db.Model):
    __tablename__ = "forum_moderation_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    moderator_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[ModerationAction] = mapped_column(str_enum(ModerationAction, "forum_moderation_action"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id", ondelete="SET NULL"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("forum_topics.id", ondelete="SET NULL"))
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
