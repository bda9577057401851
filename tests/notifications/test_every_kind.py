"""Every kind × each of its channels: sent once, however often the event
comes; the discreet texts never carry the payload."""

from __future__ import annotations

import json

import pytest
from flask_mailman import EmailMessage

from portal.core.commit import commit
from portal.extensions import db
from portal.notifications import kinds, operations, pipeline
from portal.notifications.models import Channel, DeliveryStatus
from tests.notifications.conftest import MONDAY_10, deliveries
from tests.notifications.providers import PushServer

SECRET = "Sujet très personnel"


class _Thing:
    """Whatever a template reads (a post, a topic, an entry…): all the same text."""

    last_checked_at = MONDAY_10

    def __getattr__(self, name):
        return SECRET


CONTEXT = {"post": _Thing(), "topic": _Thing(), "entry": _Thing(), "link": "https://x/1",
           "body": SECRET, "name": "Camille", "code": "123456", "subject": SECRET,
           "entries": [{"name": SECRET, "link": "https://x/2"}], "unsubscribe_url": None}
CASES = [(kind, channel) for kind in kinds.KINDS.values() for channel in kind.channels]


@pytest.mark.parametrize("kind,channel", CASES, ids=lambda v: getattr(v, "name", str(v)))
def test_sent_once(app, database, mailbox, sms_outbox, kind, channel):
    with PushServer() as push:
        address = {Channel.EMAIL: "lea@example.org", Channel.SMS: "+33612345678",
                   Channel.PUSH: push.endpoint}[channel]
        contact = pipeline.contact_for(channel, address)
        contact.confirmed_at = MONDAY_10
        contact.push_keys = push.keys if channel == Channel.PUSH else None
        db.session.flush()
        if kind.needs_subscription:
            operations.update_preferences(contact, topics=[f"kind:{kind.name}"],
                                          frequency=contact.frequency, quiet_from=None,
                                          quiet_until=None, now=MONDAY_10)
        email = None
        # Booking builds its own e-mails (with the calendar file).
        if kind.name.startswith("booking") and channel == Channel.EMAIL:
            email = EmailMessage(subject=SECRET, body=SECRET, to=[address],
                                 from_email=app.config["MAIL_DEFAULT_SENDER"])
        for _ in range(3):
            pipeline.notify(kind, [pipeline.contact_recipient(contact)], event="the-event",
                            context=CONTEXT, email=email, now=MONDAY_10)
            commit()
        [delivery] = deliveries()
        assert delivery.status == DeliveryStatus.SENT, delivery.error
        if channel == Channel.EMAIL:
            assert len(mailbox) == 1 and mailbox[0]["List-Unsubscribe-Post"]
        elif channel == Channel.SMS:
            [sms] = [json.loads(p.read_text()) for p in sms_outbox.iterdir()]
            assert SECRET not in sms["text"]
        else:
            [payload] = push.received
            assert SECRET not in json.dumps(payload, ensure_ascii=False)
