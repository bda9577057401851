"""The pipeline: an event → rules → rendered per channel → a delivery row.

:func:`notify` is what every domain calls (inside its unit of work). It
writes one :class:`Delivery` per (event, recipient, channel) — the unique
key makes a repeated event a no-op — and, once the transaction commits,
hands what may go now to the task queue (``sending.py``). What waits for a
window stays pending with its ``not_before``; the sweep sends it then.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.core.commit import after_commit
from portal.core.mail import render_mail
from portal.core.time import utcnow
from portal.extensions import db
from portal.notifications import gsm, rendering, rules
from portal.notifications.kinds import Kind
from portal.notifications.models import Channel, Contact, Delivery, DeliveryStatus, Frequency


@dataclass
class Recipient:
    channel: Channel
    address: str
    locale: str = "fr"
    user_id: int | None = None
    contact: Contact | None = None
    under_15: bool = False


def contact_for(channel: Channel, address: str, locale: str | None = None,
                user_id: int | None = None) -> Contact:
    """The contact row of an address, made if new (unconfirmed, no topics):
    every message carries a one-click unsubscribe, and unsubscribing must
    have something to switch off."""
    address = address.strip().lower() if channel == Channel.EMAIL else address.strip()
    contact = db.session.scalar(select(Contact).where(Contact.channel == channel,
                                                      Contact.address == address))
    if contact is None:
        contact = Contact(channel=channel, address=address, locale=locale or "fr",
                          user_id=user_id, under_15=False, code_attempts=0)
        try:
            with db.session.begin_nested():
                db.session.add(contact)
        except IntegrityError:  # made by a concurrent unit meanwhile
            contact = db.session.scalar(select(Contact).where(Contact.channel == channel,
                                                              Contact.address == address))
    return contact


def email_recipient(address: str, locale: str | None = None, user_id: int | None = None,
                    under_15: bool = False) -> Recipient:
    contact = contact_for(Channel.EMAIL, address, locale, user_id)
    return Recipient(Channel.EMAIL, contact.address, locale or contact.locale or "fr",
                     user_id=user_id, contact=contact, under_15=under_15)


def email_recipients(addresses: Iterable[str], locale: str | None = None) -> list[Recipient]:
    """Many addresses at once (a newsletter): their contacts in one query."""
    addresses = [a.strip().lower() for a in addresses]
    known = {}
    for start in range(0, len(addresses), 500):
        for contact in db.session.scalars(select(Contact).where(
                Contact.channel == Channel.EMAIL, Contact.address.in_(addresses[start:start + 500]))):
            known[contact.address] = contact
    new = [Contact(channel=Channel.EMAIL, address=a, locale=locale or "fr", under_15=False,
                   code_attempts=0) for a in dict.fromkeys(addresses) if a not in known]
    if new:
        try:
            with db.session.begin_nested():
                db.session.add_all(new)
            known.update({c.address: c for c in new})
        except IntegrityError:  # a concurrent unit made some: one by one
            return [email_recipient(a, locale) for a in addresses]
    return [Recipient(Channel.EMAIL, a, locale or known[a].locale or "fr", contact=known[a],
                      user_id=known[a].user_id, under_15=known[a].under_15) for a in addresses]


def contact_recipient(contact: Contact) -> Recipient:
    return Recipient(contact.channel, contact.address, contact.locale or "fr",
                     user_id=contact.user_id, contact=contact, under_15=contact.under_15)


def confirmed_number(raw: str | None) -> Contact | None:
    """The SMS contact of a number typed somewhere (a booking form), if its
    owner confirmed it (double opt-in) and did not switch it off."""
    from portal.notifications import phones

    try:
        number = phones.normalise(raw or "")
    except phones.NotAMobile:
        return None
    contact = db.session.scalar(select(Contact).where(Contact.channel == Channel.SMS,
                                                      Contact.address == number))
    return contact if contact is not None and contact.is_active else None


def recipients_for_user(user, channels: Iterable[Channel] = tuple(Channel)) -> list[Recipient]:
    """An account's e-mail and its confirmed numbers and browsers."""
    channels = set(channels)
    under_15 = bool(getattr(user, "is_under_15", False))
    found = []
    if Channel.EMAIL in channels and user.email and not under_15:
        found.append(email_recipient(user.email, user.locale, user.id))
    for contact in db.session.scalars(select(Contact).where(
            Contact.user_id == user.id, Contact.channel != Channel.EMAIL,
            Contact.confirmed_at.is_not(None), Contact.disabled_at.is_(None))):
        if contact.channel in channels:
            recipient = contact_recipient(contact)
            recipient.under_15 = recipient.under_15 or under_15
            found.append(recipient)
    return found


def delivery_key(event: str, channel: Channel, address: str) -> str:
    """The idempotency key: event + recipient + channel."""
    return hashlib.sha256(f"{event}\x1f{channel.value}\x1f{address}".encode()).hexdigest()


# --- the rules ------------------------------------------------------------------------

@dataclass
class Decision:
    status: DeliveryStatus
    not_before: datetime
    reason: str | None = None


def decide(kind: Kind, recipient: Recipient, topics: set[str], now: datetime) -> Decision:
    contact = recipient.contact
    suppressed = lambda reason: Decision(DeliveryStatus.SUPPRESSED, now, reason)  # noqa: E731
    opt_in = kind.name in ("confirm_email", "confirm_sms")
    if contact is not None and contact.disabled_at is not None:
        # A new opt-in may reach an address its owner unsubscribed, never
        # one that bounced or complained.
        if not opt_in or contact.disabled_reason in ("hard_bounce", "complaint", "soft_bounces"):
            return suppressed("switched_off")
    if (recipient.under_15 or (contact is not None and contact.under_15)) \
            and recipient.channel in (Channel.EMAIL, Channel.SMS):
        return suppressed("under_15")
    if kind.needs_subscription:
        if contact is None or contact.confirmed_at is None:
            return suppressed("not_confirmed")
        wanted = contact.topics()
        if f"kind:{kind.name}" not in wanted and not (topics & wanted):
            return suppressed("not_subscribed")
    if kind.transactional:
        return Decision(DeliveryStatus.PENDING, now)
    if contact is not None and contact.paused_until is not None and contact.paused_until > now:
        return suppressed("paused")
    quiet = (contact.quiet_from, contact.quiet_until) if contact is not None else (None, None)
    if kind.needs_subscription and contact.frequency != Frequency.INSTANT:
        # A digest: what happened by the end of a day (or a week) goes in one
        # message the next morning (the next Monday).
        return Decision(DeliveryStatus.PENDING,
                        rules.digest_slot(now, contact.frequency.value, *quiet), "digest")
    not_before = rules.next_window(now, *quiet)
    cap = current_app.config["NOTIFY_DAILY_CAP"]
    while _sent_that_day(recipient, not_before) >= cap:
        not_before = rules.next_window(rules.next_local_day(not_before), *quiet)
    reason = "quiet_hours" if not_before > now else None
    return Decision(DeliveryStatus.PENDING, not_before, reason)


def _sent_that_day(recipient: Recipient, moment: datetime) -> int:
    """Non-transactional messages to this address planned for that local day."""
    start = rules.start_of_local_day(moment)
    return db.session.scalar(select(func.count(Delivery.id)).where(
        Delivery.channel == recipient.channel, Delivery.address == recipient.address,
        Delivery.transactional.is_(False),
        Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENT)),
        Delivery.not_before >= start, Delivery.not_before < start + timedelta(days=1))) or 0


# --- the event ------------------------------------------------------------------------

def notify(kind: Kind, recipients: Iterable[Recipient], *, event: str,
           context: dict | None = None, topics: Iterable[str] = (),
           email: EmailMessage | None = None, now: datetime | None = None,
           not_before: datetime | None = None) -> list[Delivery]:
    """One event for these recipients: a delivery per recipient and channel
    the kind has, sent once the caller's transaction commits (or when its
    window opens). ``email``: a message built by the domain (attachments),
    used instead of rendering ``kind.email_template``. ``not_before``: not
    sent before then (an SMS reminder at 18:00 the day before), and then only
    in a window."""
    now = now or utcnow()
    context = dict(context or {})
    topics = set(topics)
    wanted = []
    for recipient in recipients:
        if recipient.channel not in kind.channels:
            continue
        if recipient.channel == Channel.EMAIL and not (email or kind.email_template):
            continue
        if recipient.channel != Channel.EMAIL and not kind.template_for(recipient.channel):
            continue
        wanted.append((delivery_key(event, recipient.channel, recipient.address), recipient))
    # The same event for the same person and channel: once. One query for
    # the whole list (a campaign), not one per recipient.
    keys = [key for key, _ in wanted]
    existing = set()
    for start in range(0, len(keys), 500):
        existing.update(db.session.scalars(select(Delivery.key).where(
            Delivery.key.in_(keys[start:start + 500]))))
    made = []
    for key, recipient in wanted:
        if key in existing:
            continue
        existing.add(key)
        made.append(_delivery(kind, recipient, key, topics, context, email, now, not_before))
    made = _insert(made)
    to_send = [(d.id, d.claim) for d in made if d.claim]
    if to_send:
        from portal.notifications.tasks import enqueue

        after_commit(enqueue, to_send)
    return made


def _delivery(kind: Kind, recipient: Recipient, key: str, topics: set[str], context: dict,
              email: EmailMessage | None, now: datetime,
              not_before: datetime | None = None) -> Delivery:
    decision = decide(kind, recipient, topics, now)
    if not_before is not None and decision.status == DeliveryStatus.PENDING \
            and not_before > decision.not_before:
        contact = recipient.contact
        quiet = (contact.quiet_from, contact.quiet_until) if contact is not None else (None, None)
        decision.not_before = (not_before if kind.transactional
                               else rules.next_window(not_before, *quiet))
        decision.reason = decision.reason or "scheduled"
    delivery = Delivery(
        key=key, kind=kind.name, channel=recipient.channel, address=recipient.address,
        contact_id=recipient.contact.id if recipient.contact else None,
        user_id=recipient.user_id, transactional=kind.transactional,
        status=decision.status, not_before=decision.not_before, reason=decision.reason,
        attempts=0, created_at=now)
    if decision.status == DeliveryStatus.PENDING:
        delivery.content = _render(kind, recipient, context, email, key,
                                   digest=decision.reason == "digest")
        if recipient.channel == Channel.SMS:
            delivery.segments = gsm.segments(delivery.content["text"])
        if decision.not_before <= now:
            # Claimed at once: the task sends it after commit; should the
            # task never run, the claim expires and the sweep sends it.
            delivery.claim = secrets.token_hex(8)
            delivery.claimed_until = now + current_app.config["NOTIFY_CLAIM_LEASE"]
    return delivery


def _insert(deliveries: list[Delivery]) -> list[Delivery]:
    """All in one savepoint; if a concurrent unit raced one of the same
    events in, one by one (the other unit's row wins)."""
    if not deliveries:
        return []
    try:
        with db.session.begin_nested():
            db.session.add_all(deliveries)
        return deliveries
    except IntegrityError:
        pass
    kept = []
    for delivery in deliveries:
        fresh = Delivery(**{c.key: getattr(delivery, c.key)
                            for c in Delivery.__table__.columns if c.key != "id"})
        try:
            with db.session.begin_nested():
                db.session.add(fresh)
            kept.append(fresh)
        except IntegrityError:
            continue
    return kept


def _render(kind: Kind, recipient: Recipient, context: dict, email: EmailMessage | None,
            key: str, digest: bool = False) -> dict:
    locale = recipient.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    unsubscribe = context.get("unsubscribe_url") or rendering.unsubscribe_url(recipient.contact)
    if recipient.channel == Channel.EMAIL and digest:
        # An item of a digest: its text now, in the recipient's language; the
        # message around the items is made when the digest goes.
        subject, body = render_mail(kind.email_template, locale=locale, centre_url="", **context)
        return {"digest": True, "subject": subject, "body": body, "locale": locale}
    if recipient.channel == Channel.EMAIL:
        if email is None:
            with force_locale(locale):
                centre = rendering.centre_url(recipient.contact)
            subject, body = render_mail(kind.email_template, locale=locale,
                                        centre_url=centre, **context)
            email = EmailMessage(subject=subject, body=body, to=[recipient.address],
                                 from_email=current_app.config["MAIL_DEFAULT_SENDER"])
        return rendering.email_content(email, recipient.address, unsubscribe, key)
    template = kind.template_for(recipient.channel)
    with force_locale(locale):
        if recipient.channel == Channel.SMS:
            return {"text": gsm.normalise(rendering.text(template, **context))}
        return rendering.push_content(template, **context)
