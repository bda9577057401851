"""Contacts, subscriptions, the consent record and deliveries."""

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
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import UTCDateTime, str_enum
from portal.core.time import utcnow
from portal.extensions import db


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"


class Frequency(enum.StrEnum):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"      # waiting for its window or being sent
    SENT = "sent"            # the backend accepted it: the receipt
    SUPPRESSED = "suppressed"  # a rule said no (consent, age, pause, switched off)
    FAILED = "failed"        # the backend refused it for good


class Contact(db.Model):
    """An address or a number or a browser that may receive messages,
    with or without an account (the subscription centre needs none)."""

    __tablename__ = "notification_contacts"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_notification_contacts_address"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "notification_channel"))
    #: e-mail (lower case), E.164 number, or the push endpoint URL.
    address: Mapped[str] = mapped_column(String(512))
    #: Web push: the browser's keys (p256dh, auth).
    push_keys: Mapped[dict | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    #: Under 15: push and on-site notices only (never e-mail or SMS).
    under_15: Mapped[bool] = mapped_column(Boolean, default=False)
    territory_code: Mapped[str | None] = mapped_column(String(20))
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "notification_frequency"),
                                                 default=Frequency.INSTANT)
    #: The person's own quiet hours, minutes after midnight (Europe/Paris).
    quiet_from: Mapped[int | None] = mapped_column(Integer)
    quiet_until: Mapped[int | None] = mapped_column(Integer)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Double opt-in: nothing but the confirmation goes before this is set.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: SMS code (its hash) and when it was sent.
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    code_attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Switched off: STOP, unsubscribed, hard bounce, complaint…
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="contact", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.disabled_at is None

    def topics(self) -> set[str]:
        return {s.topic for s in self.subscriptions}


class Subscription(db.Model):
    """One topic a contact asked for: ``theme:emploi``, ``territory:59350``,
    ``kind:newsletter``, ``kind:forum_answer``…"""

    __tablename__ = "notification_subscriptions"
    __table_args__ = (UniqueConstraint("contact_id", "topic",
                                       name="uq_notification_subscriptions_topic"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("notification_contacts.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="subscriptions")


class ConsentRecord(db.Model):
    """Append-only: what a person agreed to or withdrew, when, how, under
    which wording. Never updated or deleted while the contact exists (the
    listeners below refuse it); the person can download it."""

    __tablename__ = "notification_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("notification_contacts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    channel: Mapped[str] = mapped_column(String(10))
    #: requested, confirmed, topics, paused, unsubscribed, stop, bounced…
    action: Mapped[str] = mapped_column(String(30))
    #: How: api, centre, one_click, sms_stop, provider, email_link, sms_code.
    how: Mapped[str] = mapped_column(String(30))
    wording_version: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text)


@event.listens_for(ConsentRecord, "before_update")
def _no_update(mapper, connection, target):
    raise ValueError("the consent record is append-only")


@event.listens_for(ConsentRecord, "before_delete")
def _no_delete(mapper, connection, target):
    raise ValueError("the consent record is append-only")


class Delivery(db.Model):
    """One message on one channel to one recipient: the unit of sending and
    its receipt. Unique on ``key`` (event + recipient + channel), so the same
    event never makes two messages."""

    __tablename__ = "notification_deliveries"
    #: The sweep's question: what is pending and due.
    __table_args__ = (Index("ix_notification_deliveries_due", "status", "not_before"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "notification_delivery_channel"))
    address: Mapped[str] = mapped_column(String(512))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification_contacts.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    transactional: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "notification_delivery_status"), default=DeliveryStatus.PENDING)
    #: Quiet hours, caps: not sent before this.
    not_before: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: A claim (lease) by one sending task; expired, the sweep claims it again.
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: What is sent, rendered at the event in the recipient's language.
    content: Mapped[dict | None] = mapped_column(JSON)
    segments: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(40))
    provider_ref: Mapped[str | None] = mapped_column(String(120))
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
