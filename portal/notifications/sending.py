"""Sending deliveries: claims, the backends, receipts.

A delivery is sent only by whoever holds its claim (a random token with a
lease, set by one conditional UPDATE), so two workers never send the same
one; a claim whose worker died expires and the sweep claims it again, so
none is lost. Each receipt is committed as soon as its backend accepted the
message — a deliberate exception to one commit per task (docs/ARCHITECTURE.md):
a worker killed halfway through a batch must not send the first half again.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select, update

from portal.core.commit import commit
from portal.extensions import db, mail
from portal.notifications import push, rules, sms
from portal.notifications.models import Channel, Contact, Delivery, DeliveryStatus
from portal.notifications.rendering import StoredEmail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _claimable(now: datetime):
    return and_(Delivery.status == DeliveryStatus.PENDING, Delivery.not_before <= now,
                or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now))


def claim_due(now: datetime, limit: int | None = None) -> list[tuple[int, str]]:
    """Claim what is due and unclaimed (or whose claim expired)."""
    limit = limit or current_app.config["NOTIFY_SWEEP_LIMIT"]
    ids = list(db.session.scalars(select(Delivery.id).where(_claimable(now))
                                  .order_by(Delivery.not_before, Delivery.id).limit(limit)))
    if not ids:
        return []
    token = secrets.token_hex(8)
    db.session.execute(
        update(Delivery).where(Delivery.id.in_(ids), _claimable(now))
        .values(claim=token, claimed_until=now + current_app.config["NOTIFY_CLAIM_LEASE"])
        .execution_options(synchronize_session=False))
    claimed = db.session.scalars(select(Delivery.id).where(Delivery.id.in_(ids),
                                                           Delivery.claim == token))
    return [(delivery_id, token) for delivery_id in claimed]


def _digests(deliveries: list[Delivery]):
    """Each delivery alone, except digest items of one address and channel:
    the first carries the others (``[(carrier, [others…]), …]``)."""
    carriers: dict[tuple, tuple[Delivery, list[Delivery]]] = {}
    order = []
    for delivery in deliveries:
        if delivery.reason == "digest":
            key = (delivery.channel, delivery.address)
            if key in carriers:
                carriers[key][1].append(delivery)
                continue
            carriers[key] = (delivery, [])
            order.append(carriers[key])
        else:
            order.append((delivery, []))
    return order


def _digest_content(carrier: Delivery, items: list[Delivery], contact: Contact | None) -> dict:
    """One message for the carrier and its items."""
    # (SMS and push items are discreet "something new" texts: the carrier's
    # own goes, once, for all of them.)
    from flask_babel import force_locale
    from flask_mailman import EmailMessage

    from portal.core.mail import render_mail
    from portal.notifications import rendering

    parts = [carrier, *items]
    locale = carrier.content.get("locale") or "fr"
    with force_locale(locale):
        centre = rendering.centre_url(contact)
    subject, body = render_mail("notifications/digest", locale=locale, centre_url=centre,
                                items=[p.content for p in parts])
    message = EmailMessage(subject=subject, body=body, to=[carrier.address],
                           from_email=current_app.config["MAIL_DEFAULT_SENDER"])
    return rendering.email_content(message, carrier.address, rendering.unsubscribe_url(contact),
                                   carrier.key)


class _Postpone(Exception):
    def __init__(self, until: datetime, reason: str):
        self.until, self.reason = until, reason


def deliver(claims: list[tuple[int, str]], now: datetime) -> dict[str, int]:
    """Send the claimed deliveries; one SMTP connection for the e-mails."""
    counts = {"sent": 0, "failed": 0, "suppressed": 0, "postponed": 0, "skipped": 0}
    wanted = dict(claims)
    deliveries = [d for d in db.session.scalars(
        select(Delivery).where(Delivery.id.in_(list(wanted))).order_by(Delivery.id))
        if d.claim == wanted[d.id] and d.status == DeliveryStatus.PENDING]
    counts["skipped"] = len(claims) - len(deliveries)
    connection = None
    if any(d.channel == Channel.EMAIL for d in deliveries):
        connection = mail.get_connection(fail_silently=False)
        connection.open()  # kept open across the batch (send_messages would close its own)
    limits = _SmsLimits(now, [d.address for d in deliveries if d.channel == Channel.SMS])
    contacts = {c.id: c for c in db.session.scalars(select(Contact).where(
        Contact.id.in_([d.contact_id for d in deliveries if d.contact_id])))}
    try:
        for delivery, group in _digests(deliveries):
            contact = contacts.get(delivery.contact_id)
            message = None
            if delivery.channel == Channel.EMAIL and (delivery.content or {}).get("digest"):
                message = _digest_content(delivery, group, contact)
            outcome = _send_one(delivery, contact, now, connection, limits, message)
            counts[outcome] += 1
            for item in group:  # the items travelled in the carrier's message
                item.status, item.reason = delivery.status, delivery.reason
                item.sent_at, item.provider_ref = delivery.sent_at, f"digest:{delivery.id}"
                item.not_before, item.error = delivery.not_before, delivery.error
                item.claim = item.claimed_until = None
                if delivery.status != DeliveryStatus.PENDING:
                    item.content = None
            commit()  # this receipt stands whatever happens to the next one
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001  (the receipts are committed)
                log.warning("closing the SMTP connection failed", exc_info=True)
    return counts


def _send_one(delivery: Delivery, contact: Contact | None, now: datetime, connection,
              limits: _SmsLimits, message: dict | None = None) -> str:
    """``message``: what to send instead of the delivery's own content (a digest)."""
    if contact is not None and contact.disabled_at is not None \
            and not delivery.kind.startswith("confirm_"):
        return _finish(delivery, DeliveryStatus.SUPPRESSED, reason="switched_off")
    if contact is not None and not delivery.transactional and contact.paused_until \
            and contact.paused_until > now:
        return _finish(delivery, DeliveryStatus.SUPPRESSED, reason="paused")
    try:
        if delivery.channel == Channel.EMAIL:
            # One connection for the batch; the backend opens it at the first
            # message (and again after a failure closed it).
            connection.send_messages([StoredEmail(message or delivery.content)])
            ref = None
        elif delivery.channel == Channel.SMS:
            limits.check(delivery)
            ref = sms.backend().send(delivery.address, delivery.content["text"],
                                     transactional=delivery.transactional,
                                     tag=delivery.kind).provider_ref
            limits.count(delivery)
        else:
            keys = (contact.push_keys if contact is not None else None) or {}
            ref = push.send(delivery.address, keys, delivery.content)
    except _Postpone as wait:
        delivery.claim, delivery.claimed_until = None, None
        delivery.not_before, delivery.reason = wait.until, wait.reason
        return "postponed"
    except push.PushGone:
        if contact is not None:
            contact.disabled_at, contact.disabled_reason = now, "push_gone"
        return _finish(delivery, DeliveryStatus.SUPPRESSED, reason="push_gone")
    except Exception as exc:  # noqa: BLE001  (SMTP, provider, network: retried or failed)
        if delivery.channel == Channel.EMAIL and connection is not None:
            # A broken session: the next message opens its own.
            try:
                connection.close()
            except Exception:  # noqa: BLE001
                pass
        return _failed(delivery, exc, now)
    delivery.status, delivery.sent_at = DeliveryStatus.SENT, now
    delivery.provider_ref = (ref or None) and str(ref)[:120]
    delivery.attempts += 1
    delivery.claim = delivery.claimed_until = None
    # What was said is personal and no longer needed: the receipt keeps
    # when, where and how long, not the text.
    delivery.content = None
    return "sent"


def forget_old(now: datetime) -> int:
    """Retention: receipts are kept ``NOTIFY_RECEIPTS_KEPT`` (long enough to
    answer "was I sent this?"), then deleted; unconfirmed contacts that asked
    for nothing are forgotten after ``NOTIFY_UNCONFIRMED_KEPT``. The consent
    record stays as long as its contact."""
    config = current_app.config
    gone = db.session.execute(delete(Delivery).where(
        Delivery.created_at < now - config["NOTIFY_RECEIPTS_KEPT"],
        Delivery.status != DeliveryStatus.PENDING)).rowcount or 0
    stale = select(Contact.id).where(
        Contact.confirmed_at.is_(None), Contact.disabled_at.is_(None),
        Contact.created_at < now - config["NOTIFY_UNCONFIRMED_KEPT"],
        ~select(Delivery.id).where(Delivery.contact_id == Contact.id,
                                   Delivery.status == DeliveryStatus.PENDING).exists())
    for contact in db.session.scalars(select(Contact).where(Contact.id.in_(stale))):
        if not contact.subscriptions:
            db.session.delete(contact)
            gone += 1
    db.session.flush()
    return gone


def _finish(delivery: Delivery, status: DeliveryStatus, reason: str) -> str:
    delivery.status, delivery.reason = status, reason
    delivery.claim = delivery.claimed_until = None
    delivery.content = None
    return "suppressed" if status == DeliveryStatus.SUPPRESSED else "failed"


def _failed(delivery: Delivery, exc: Exception, now: datetime) -> str:
    delivery.attempts += 1
    delivery.error = f"{type(exc).__name__}: {exc}"[:300]
    permanent = getattr(exc, "permanent", False) or isinstance(exc, smtplib.SMTPRecipientsRefused)
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        log.warning("delivery %s failed for good: %s", delivery.id, delivery.error)
        return _finish(delivery, DeliveryStatus.FAILED, reason="refused")
    # Try again later: 2, 4, 8… minutes; the sweep picks it up.
    delivery.claim = delivery.claimed_until = None
    delivery.not_before = now + timedelta(minutes=2 ** delivery.attempts)
    log.warning("delivery %s will be retried: %s", delivery.id, delivery.error)
    return "postponed"


class _SmsLimits:
    """The daily cost cap (segments, all numbers) and the per-number limit,
    read once per batch from the receipts and counted on as it sends."""

    def __init__(self, now: datetime, numbers: list[str]):
        self.day = rules.start_of_local_day(now)
        self.tomorrow = rules.next_window(rules.next_local_day(now))
        self.segments = None
        self.numbers = numbers
        self.per_number: dict[str, int] = {}

    def _load(self) -> None:
        sent = and_(Delivery.channel == Channel.SMS, Delivery.status == DeliveryStatus.SENT,
                    Delivery.sent_at >= self.day)
        self.segments = db.session.scalar(
            select(func.coalesce(func.sum(Delivery.segments), 0)).where(sent)) or 0
        for start in range(0, len(self.numbers), 500):
            self.per_number.update(db.session.execute(
                select(Delivery.address, func.count(Delivery.id))
                .where(sent, Delivery.address.in_(self.numbers[start:start + 500]))
                .group_by(Delivery.address)).all())

    def check(self, delivery: Delivery) -> None:
        if self.segments is None:
            self._load()
        config = current_app.config
        if self.segments + (delivery.segments or 1) > config["SMS_DAILY_SEGMENT_CAP"]:
            log.warning("SMS daily cap reached: delivery %s waits for tomorrow", delivery.id)
            raise _Postpone(self.tomorrow, "sms_cost_cap")
        if self.per_number.get(delivery.address, 0) >= config["SMS_PER_NUMBER_DAILY"]:
            raise _Postpone(self.tomorrow, "sms_number_limit")

    def count(self, delivery: Delivery) -> None:
        self.segments += delivery.segments or 1
        self.per_number[delivery.address] = self.per_number.get(delivery.address, 0) + 1
