"""Conversations, messages, notes, canned answers, presence, blocks, indicators.

Conversations are anonymous: the young person is known only by a resume
token (its SHA-256 is stored, never the token), an optional pseudonym and,
only if they chose to leave one, an e-mail address for the answer.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, UTCDateTime, str_enum
from portal.core.time import utcnow
from portal.extensions import db

#: How far from their structure a professional takes conversations, until they
#: choose (kilometres; None on a presence is everywhere).
DEFAULT_DESK_RADIUS_KM = 20


class Status(enum.StrEnum):
    WAITING = "waiting"  # in the queue, nobody has taken it
    ACTIVE = "active"  # a professional took it
    CLOSED = "closed"


class Author(enum.StrEnum):
    VISITOR = "visitor"
    PROFESSIONAL = "professional"
    SYSTEM = "system"


class Conversation(TimestampMixin, db.Model):
    __tablename__ = "chat_conversations"
    __table_args__ = (Index("ix_chat_conversations_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: SHA-256 of the visitor's resume token (the token itself is never stored).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[Status] = mapped_column(str_enum(Status, "chat_status"), default=Status.WAITING)
    theme: Mapped[str] = mapped_column(String(40))
    commune_insee: Mapped[str | None] = mapped_column(String(12))
    commune_name: Mapped[str | None] = mapped_column(String(120))
    department: Mapped[str | None] = mapped_column(String(6))
    lat: Mapped[float | None] = mapped_column()
    lon: Mapped[float | None] = mapped_column()
    age_range: Mapped[str | None] = mapped_column(String(10))
    pseudonym: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    #: Keyed hash of the starting address, so a block can hold it for a while.
    ip_hash: Mapped[str | None] = mapped_column(String(64))
    #: The structure asked for (from the guide), offered to its people first.
    structure_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="SET NULL"))
    assigned_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: The structure of whoever answers, so its supervisors see it.
    handled_by_structure_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="SET NULL"), index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Nobody was online when it started: the young person was told so.
    left_offline: Mapped[bool] = mapped_column(Boolean, default=False)
    visitor_email: Mapped[str | None] = mapped_column(String(254))
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Offered to every online professional (after 3 minutes, or at once when
    #: nobody of the first circle is online).
    widened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_message: Mapped[str] = mapped_column(String(280), default="")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_answer_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(20))
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_word: Mapped[str | None] = mapped_column(String(80))
    visitor_read_id: Mapped[int] = mapped_column(Integer, default=0)
    professional_read_id: Mapped[int] = mapped_column(Integer, default=0)

    assigned_user = relationship("User", foreign_keys=[assigned_user_id])

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class Message(db.Model):
    __tablename__ = "chat_messages"
    __table_args__ = (
        # The idempotency key: a retried send finds the stored message.
        UniqueConstraint("conversation_id", "author", "client_msg_id",
                         name="uq_chat_messages_client_msg"),
        Index("ix_chat_messages_conversation_id_id", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="CASCADE"))
    author: Mapped[Author] = mapped_column(str_enum(Author, "chat_author"))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str | None] = mapped_column(String(120))
    client_msg_id: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Note(db.Model):
    """A professional's private note (and the note that comes with a transfer)."""

    __tablename__ = "chat_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="CASCADE"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(120), default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CannedAnswer(TimestampMixin, db.Model):
    __tablename__ = "chat_canned_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Shared answers are offered to every professional.
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)


class Presence(db.Model):
    """A professional's availability: online or not, for which themes and how far."""

    __tablename__ = "chat_presence"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Territory around their structure; None is everywhere.
    radius_km: Mapped[int | None] = mapped_column(Integer, default=DEFAULT_DESK_RADIUS_KM)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Block(db.Model):
    """A visitor blocked by a professional: their token for good, their
    address (hashed) for a while so they cannot just start again."""

    __tablename__ = "chat_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    ip_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    blocked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ip_blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Settings(db.Model):
    """Administrators' settings of the chat (one row)."""

    __tablename__ = "chat_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    retention_months: Mapped[int] = mapped_column(Integer, default=12)


class Indicator(db.Model):
    """What the observatory keeps of a conversation, with nothing that could
    identify anyone: no text, no pseudonym, no token; the month only."""

    __tablename__ = "chat_indicators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)  # "2026-03"
    theme: Mapped[str] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(6))
    commune_insee: Mapped[str | None] = mapped_column(String(12))
    age_range: Mapped[str | None] = mapped_column(String(10))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    waiting_s: Mapped[int | None] = mapped_column(Integer)
    answer_s: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[int | None] = mapped_column(Integer)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Until the conversation is deleted, so that a later rating lands here.
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="SET NULL"), unique=True)
