"""Subscriptions and consent: asking, confirming, changing, leaving.

Double opt-in for every address and number (a link by e-mail, a code by
SMS; a browser's own permission prompt for push). Every change writes a row
of the append-only consent record: when, channel, wording version, how.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core.refusal import Refusal
from portal.core.themes import is_theme_code
from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.extensions import db
from portal.notifications import kinds, phones, pipeline, tokens
from portal.notifications.models import Channel, ConsentRecord, Contact, Frequency, Subscription

#: The wording people agree to; bump it when the centre's texts change.
WORDING_VERSION = "2026-12"
PAUSE = timedelta(days=14)
CODE_ATTEMPTS = 5
KIND_TOPICS = ("kind:guide_alert", "kind:forum_answer", "kind:appointment_reminder",
               "kind:consultation", "kind:newsletter")


def valid_topic(topic: str) -> bool:
    family, _, value = topic.partition(":")
    if family == "theme":
        return is_theme_code(value)
    if family == "territory":
        return 1 <= len(value) <= 20 and value.replace("-", "").isalnum()
    if family == "kind":
        return topic in KIND_TOPICS
    return False


def record(contact: Contact, action: str, how: str, detail: str | None = None,
           now: datetime | None = None) -> ConsentRecord:
    entry = ConsentRecord(contact_id=contact.id, at=now or utcnow(), channel=contact.channel.value,
                          action=action, how=how, wording_version=WORDING_VERSION, detail=detail)
    db.session.add(entry)
    return entry


def normalise_address(channel: Channel, address: str, push_keys: dict | None = None) -> str:
    address = (address or "").strip()
    if channel == Channel.EMAIL:
        try:
            return validate_email(address, check_deliverability=False).normalized.lower()
        except EmailNotValidError as exc:
            raise Refusal("invalid_address", _l("This e-mail address is not valid."),
                          field="address") from exc
    if channel == Channel.SMS:
        try:
            return phones.normalise(address)
        except phones.NotAMobile as exc:
            raise Refusal("invalid_address", _l("Give a French or Belgian mobile number."),
                          field="address") from exc
    if not address.startswith("https://") or len(address) > 512 \
            or not push_keys or not {"p256dh", "auth"} <= set(push_keys):
        raise Refusal("invalid_address", _l("This browser subscription is not valid."),
                      field="address")
    return address


def request_subscription(*, channel: Channel, address: str, topics: list[str], locale: str,
                         under_15: bool = False, how: str = "api",
                         push_keys: dict | None = None, territory_code: str | None = None,
                         user_id: int | None = None, now: datetime | None = None) -> Contact:
    """Ask for topics on a channel; a confirmation goes unless already confirmed."""
    now = now or utcnow()
    if under_15 and channel != Channel.PUSH:
        raise Refusal("under_15", _l("Under 15, alerts come as notifications in your browser, "
                                     "not by e-mail or SMS."), field="channel")
    bad = [t for t in topics if not valid_topic(t)]
    if bad or not topics:
        raise Refusal("invalid_topics", _l("Choose at least one topic from the list."),
                      field="topics")
    address = normalise_address(channel, address, push_keys)
    contact = pipeline.contact_for(channel, address, locale, user_id)
    contact.locale = locale if locale in current_app.config["LOCALES"] else "fr"
    contact.under_15 = contact.under_15 or under_15
    if push_keys:
        contact.push_keys = {"p256dh": push_keys["p256dh"], "auth": push_keys["auth"]}
    if territory_code:
        contact.territory_code = territory_code
    if user_id and not contact.user_id:
        contact.user_id = user_id
    have = contact.topics()
    for topic in sorted(set(topics) - have):
        contact.subscriptions.append(Subscription(topic=topic, created_at=now))
    db.session.flush()
    record(contact, "requested", how, detail=" ".join(sorted(set(topics))), now=now)
    if channel == Channel.PUSH:
        # The browser's own permission prompt was the opt-in.
        _confirm(contact, "browser_permission", now)
    elif not contact.is_active:
        send_confirmation(contact, now)
    db.session.flush()
    return contact


def send_confirmation(contact: Contact, now: datetime) -> None:
    event = f"confirm:{contact.id}:{now.timestamp():.0f}"
    recipient = pipeline.contact_recipient(contact)
    if contact.channel == Channel.EMAIL:
        link = external_url("notifications.confirm", token=tokens.make(tokens.CONFIRM, contact))
        pipeline.notify(kinds.CONFIRM_EMAIL, [recipient], event=event, context={"link": link},
                        now=now)
    else:
        code = f"{secrets.randbelow(10 ** 6):06d}"
        contact.code_hash, contact.code_sent_at, contact.code_attempts = _hash(code), now, 0
        pipeline.notify(kinds.CONFIRM_SMS, [recipient], event=event, context={"code": code},
                        now=now)


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def _confirm(contact: Contact, how: str, now: datetime) -> None:
    contact.confirmed_at = now
    contact.disabled_at = contact.disabled_reason = None
    contact.code_hash = None
    record(contact, "confirmed", how, now=now)


def confirm_link(contact: Contact, now: datetime | None = None) -> None:
    if contact.confirmed_at is None or contact.disabled_at is not None:
        _confirm(contact, "email_link", now or utcnow())
        db.session.flush()


def confirm_code(channel_address: str, code: str, now: datetime | None = None) -> Contact:
    now = now or utcnow()
    wrong = Refusal("wrong_code", _l("This code is not right, or it has expired."), field="code")
    try:
        number = phones.normalise(channel_address)
    except phones.NotAMobile as exc:
        raise wrong from exc
    contact = db.session.scalar(select(Contact).where(Contact.channel == Channel.SMS,
                                                      Contact.address == number))
    if contact is None or contact.code_hash is None or contact.code_sent_at is None \
            or now - contact.code_sent_at > timedelta(hours=1) \
            or contact.code_attempts >= CODE_ATTEMPTS:
        raise wrong
    if not hmac.compare_digest(contact.code_hash, _hash((code or "").strip())):
        contact.code_attempts += 1
        db.session.flush()
        raise wrong
    _confirm(contact, "sms_code", now)
    db.session.flush()
    return contact


def unsubscribe(contact: Contact, how: str, now: datetime | None = None) -> None:
    """Everything off for this address (RFC 8058 one-click, STOP, the centre)."""
    now = now or utcnow()
    if contact.disabled_at is None:
        contact.disabled_at, contact.disabled_reason = now, "unsubscribed"
        record(contact, "unsubscribed", how, now=now)
        db.session.flush()


def switch_off(channel: Channel, address: str, reason: str, how: str,
               now: datetime | None = None) -> Contact | None:
    """STOP replies, bounces, complaints: the address gets nothing more."""
    now = now or utcnow()
    contact = db.session.scalar(select(Contact).where(Contact.channel == channel,
                                                      Contact.address == address))
    if contact is None:
        contact = pipeline.contact_for(channel, address)
    if contact.disabled_at is None:
        contact.disabled_at, contact.disabled_reason = now, reason
        record(contact, reason, how, now=now)
        db.session.flush()
    return contact


SOFT_BOUNCES = 3
SOFT_BOUNCE_WINDOW = timedelta(days=30)


def soft_bounce(address: str, how: str, now: datetime | None = None) -> str | None:
    """Recorded in the consent record (it explains a later switch-off); the
    third within 30 days switches the address off."""
    now = now or utcnow()
    contact = pipeline.contact_for(Channel.EMAIL, address)
    db.session.flush()
    record(contact, "soft_bounce", how, now=now)
    db.session.flush()
    recent = db.session.scalar(select(func.count(ConsentRecord.id)).where(
        ConsentRecord.contact_id == contact.id, ConsentRecord.action == "soft_bounce",
        ConsentRecord.at >= now - SOFT_BOUNCE_WINDOW))
    if recent >= SOFT_BOUNCES and contact.disabled_at is None:
        switch_off(Channel.EMAIL, contact.address, "soft_bounces", how, now=now)
        return "soft_bounces"
    return None


def pause(contact: Contact, now: datetime | None = None) -> None:
    now = now or utcnow()
    contact.paused_until = now + PAUSE
    record(contact, "paused", "centre", detail=contact.paused_until.isoformat(), now=now)
    db.session.flush()


def update_preferences(contact: Contact, *, topics: list[str], frequency: Frequency,
                       quiet_from: int | None, quiet_until: int | None,
                       now: datetime | None = None) -> None:
    now = now or utcnow()
    bad = [t for t in topics if not valid_topic(t)]
    if bad:
        raise Refusal("invalid_topics", _l("Choose topics from the list."), field="topics")
    wanted = set(topics)
    for subscription in list(contact.subscriptions):
        if subscription.topic not in wanted:
            contact.subscriptions.remove(subscription)
    for topic in sorted(wanted - contact.topics()):
        contact.subscriptions.append(Subscription(topic=topic, created_at=now))
    contact.frequency = frequency
    contact.quiet_from, contact.quiet_until = quiet_from, quiet_until
    record(contact, "topics", "centre", detail=f"{' '.join(sorted(wanted))} | {frequency.value}",
           now=now)
    db.session.flush()


def consent_export(contact: Contact) -> dict:
    rows = db.session.scalars(select(ConsentRecord).where(ConsentRecord.contact_id == contact.id)
                              .order_by(ConsentRecord.at, ConsentRecord.id))
    return {"channel": contact.channel.value, "address": contact.address,
            "topics": sorted(contact.topics()),
            "records": [{"at": r.at.isoformat(), "channel": r.channel, "action": r.action,
                         "how": r.how, "wording_version": r.wording_version, "detail": r.detail}
                        for r in rows]}


def send_centre_link(channel: Channel, address: str, now: datetime | None = None) -> None:
    """The footer's "manage my alerts": the signed link goes to the address
    itself (whether it is known is never shown)."""
    now = now or utcnow()
    try:
        address = normalise_address(channel, address, {"p256dh": "", "auth": ""})
    except Refusal:
        raise
    contact = db.session.scalar(select(Contact).where(Contact.channel == channel,
                                                      Contact.address == address))
    if contact is None or contact.confirmed_at is None:
        return
    link = external_url("notifications.centre", token=tokens.make(tokens.CENTRE, contact))
    pipeline.notify(kinds.CENTRE_LINK, [pipeline.contact_recipient(contact)],
                    event=f"centre:{contact.id}:{now.timestamp():.0f}", context={"link": link},
                    now=now)
