"""The pipeline end to end: event → rules → rendering → backend → receipt,
through the real SMTP server, the real migrations and the real commit point."""

from __future__ import annotations

import json
from datetime import timedelta

from portal.core.commit import commit
from portal.extensions import db
from portal.notifications import kinds, operations, pipeline, tasks
from portal.notifications.models import Channel, DeliveryStatus
from tests.notifications.conftest import MONDAY_10, MONDAY_21, TUESDAY_08, deliveries


def _answer(address, now, event="forum:post:1", locale="fr", under_15=False):
    recipient = pipeline.email_recipient(address, locale, under_15=under_15)
    made = pipeline.notify(kinds.FORUM_ANSWER, [recipient], event=event, now=now,
                           context=_forum_context())
    commit()
    return made


def _forum_context():
    class Topic:
        title = "Trouver une alternance"

    class Post:
        author_name = "Camille"
        body = "Regarde du côté de la mission locale."

    return {"topic": Topic(), "post": Post(), "link": "https://passerelle.example/forum/t/1",
            "unsubscribe_url": None}


def test_an_event_is_sent_once_with_its_receipt(database, mailbox):
    made = _answer("lea@example.org", MONDAY_10)
    assert len(made) == 1 and len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == "lea@example.org"
    assert "Trouver une alternance" in message["Subject"]
    # RFC 8058 headers on every message, and a stable Message-ID.
    assert message["List-Unsubscribe"].strip().startswith("<http") and "/alerts/unsubscribe/" in \
        message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.SENT and delivery.sent_at is not None
    assert message["Message-ID"] == f"<{delivery.key[:32]}@passerelle>"
    assert delivery.content is None  # the text is not kept once sent

    # The same event again (a retry, a double click): nothing new.
    assert _answer("lea@example.org", MONDAY_10) == []
    assert len(mailbox) == 1 and len(deliveries()) == 1
    # Another event for the same person is another message.
    _answer("lea@example.org", MONDAY_10 + timedelta(minutes=1), event="forum:post:2")
    assert len(mailbox) == 2


def test_rendered_in_the_recipients_language(database, mailbox):
    _answer("noor@example.org", MONDAY_10, locale="nl")
    _answer("jeanne@example.org", MONDAY_10, locale="fr", event="forum:post:9")
    subjects = {m["To"]: m["Subject"] for m in mailbox}
    assert subjects["noor@example.org"] != subjects["jeanne@example.org"]
    assert "Nouvelle réponse" in subjects["jeanne@example.org"]


def test_a_message_due_at_21_waits_for_08(database, mailbox):
    _answer("lea@example.org", MONDAY_21)
    assert mailbox == []
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and delivery.reason == "quiet_hours"
    assert delivery.not_before == TUESDAY_08
    # The sweep before the window sends nothing; at 08:00 it sends it, once.
    assert tasks.sweep_once(TUESDAY_08 - timedelta(minutes=1)) == 0
    commit()
    assert tasks.sweep_once(TUESDAY_08) == 1
    commit()
    assert len(mailbox) == 1
    assert tasks.sweep_once(TUESDAY_08 + timedelta(minutes=5)) == 0
    commit()
    assert len(mailbox) == 1 and deliveries()[0].status == DeliveryStatus.SENT


def test_transactional_messages_go_at_night(database, mailbox):
    contact = pipeline.contact_for(Channel.EMAIL, "lea@example.org")
    db.session.flush()
    operations.send_confirmation(contact, MONDAY_21)
    commit()
    assert len(mailbox) == 1 and "/alerts/confirm/" in mailbox[0].get_content()


def test_under_15_get_no_email_or_sms(database, mailbox, sms_outbox):
    _answer("jeune@example.org", MONDAY_10, under_15=True)
    assert mailbox == []
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.SUPPRESSED and delivery.reason == "under_15"


def test_alerts_need_a_confirmed_subscription_on_a_topic(database, mailbox):
    contact = pipeline.contact_for(Channel.EMAIL, "abo@example.org")
    db.session.flush()

    def alert(event):
        pipeline.notify(kinds.GUIDE_ALERT, [pipeline.contact_recipient(contact)], event=event,
                        topics={"theme:emploi"}, now=MONDAY_10,
                        context={"entries": [{"name": "Mission locale", "link": "https://x"}]})
        commit()

    alert("alert:1")
    assert mailbox == [] and deliveries()[-1].reason == "not_confirmed"
    contact.confirmed_at = MONDAY_10
    db.session.flush()
    alert("alert:2")
    assert mailbox == [] and deliveries()[-1].reason == "not_subscribed"
    operations.update_preferences(contact, topics=["theme:emploi"], frequency=contact.frequency,
                                  quiet_from=None, quiet_until=None, now=MONDAY_10)
    alert("alert:3")
    assert len(mailbox) == 1 and "Mission locale" in mailbox[0].get_content()
    # The centre's link is in the alert (no account needed to change it).
    assert "/alerts/centre/" in mailbox[0].get_content()


def test_personal_quiet_hours_and_pause(database, mailbox):
    contact = pipeline.contact_for(Channel.EMAIL, "calme@example.org")
    contact.quiet_from, contact.quiet_until = 9 * 60, 12 * 60  # 09:00-12:00 Paris
    db.session.flush()
    _answer("calme@example.org", MONDAY_10)
    assert mailbox == [] and deliveries()[0].not_before == MONDAY_10.replace(hour=11)
    operations.pause(contact, now=MONDAY_10)
    _answer("calme@example.org", MONDAY_10, event="forum:post:3")
    assert deliveries()[-1].reason == "paused"


def test_frequency_cap_moves_the_rest_to_the_next_day(app, database, mailbox):
    cap = app.config["NOTIFY_DAILY_CAP"]
    for n in range(cap + 1):
        _answer("bavard@example.org", MONDAY_10, event=f"forum:post:{n}")
    assert len(mailbox) == cap
    assert deliveries()[-1].not_before == TUESDAY_08


def test_a_claim_whose_worker_died_is_sent_once_by_the_sweep(app, database, mailbox):
    """The worker died after the claim was committed, before sending."""
    recipient = pipeline.email_recipient("lea@example.org")
    pipeline.notify(kinds.FORUM_ANSWER, [recipient], event="forum:post:7", now=MONDAY_10,
                    context=_forum_context())
    db.session.info.pop("portal.after_commit")  # the process died before its after-commit
    commit()
    assert mailbox == []
    lease = app.config["NOTIFY_CLAIM_LEASE"]
    assert tasks.sweep_once(MONDAY_10 + lease - timedelta(seconds=1)) == 0  # still claimed
    assert tasks.sweep_once(MONDAY_10 + lease + timedelta(seconds=1)) == 1
    commit()
    assert len(mailbox) == 1
    assert tasks.sweep_once(MONDAY_10 + 3 * lease) == 0
    commit()
    assert len(mailbox) == 1


def test_sms_and_push_are_discreet(database, sms_outbox):
    contact = pipeline.contact_for(Channel.SMS, "+33612345678")
    contact.confirmed_at = MONDAY_10
    db.session.flush()
    pipeline.notify(kinds.FORUM_ANSWER, [pipeline.contact_recipient(contact)],
                    event="forum:post:5", now=MONDAY_10, context=_forum_context())
    commit()
    [sent] = [json.loads(p.read_text()) for p in sms_outbox.iterdir()]
    assert sent["to"] == "+33612345678"
    assert sent["text"] == "Tu as une nouvelle réponse sur Passerelle"
    assert "alternance" not in sent["text"]
    assert deliveries()[0].segments == 1


def test_receipts_and_unconfirmed_addresses_are_forgotten(app, database, mailbox):
    from portal.notifications import sending
    from portal.notifications.models import Contact

    _answer("ancienne@example.org", MONDAY_10)
    kept = pipeline.contact_for(Channel.EMAIL, "abonnee@example.org")
    kept.confirmed_at = MONDAY_10
    db.session.flush()
    later = MONDAY_10 + app.config["NOTIFY_UNCONFIRMED_KEPT"] + timedelta(days=1)
    sending.forget_old(later)
    assert len(deliveries()) == 1  # the receipt stays 13 months
    assert {c.address for c in db.session.scalars(db.select(Contact))} == {
        "abonnee@example.org"}  # the unconfirmed one that asked nothing is gone
    sending.forget_old(MONDAY_10 + app.config["NOTIFY_RECEIPTS_KEPT"] + timedelta(days=1))
    assert deliveries() == []


def test_a_daily_digest_includes_yesterday_and_excludes_today(database, mailbox):
    from datetime import datetime

    from portal.notifications.models import Frequency

    contact = pipeline.contact_for(Channel.EMAIL, "digest@example.org")
    contact.confirmed_at = MONDAY_10
    db.session.flush()
    operations.update_preferences(contact, topics=["kind:guide_alert"], frequency=Frequency.DAILY,
                                  quiet_from=None, quiet_until=None, now=MONDAY_10)

    def alert(name, now):
        pipeline.notify(kinds.GUIDE_ALERT, [pipeline.contact_recipient(contact)], event=name,
                        now=now, context={"entries": [{"name": name, "link": "https://x"}]})
        commit()

    alert("Point info Roubaix", MONDAY_10)
    alert("Mission locale Lille", MONDAY_21 + timedelta(hours=1, minutes=30))  # Monday 23:30
    alert("Foyer Tourcoing", TUESDAY_08 - timedelta(minutes=30))  # Tuesday 07:30
    assert mailbox == []
    assert tasks.sweep_once(TUESDAY_08) == 2  # Monday's two, as one message
    commit()
    [digest] = mailbox
    text = digest.get_content()
    assert "Point info Roubaix" in text and "Mission locale Lille" in text
    assert "Foyer Tourcoing" not in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [d.status for d in deliveries()] == [DeliveryStatus.SENT, DeliveryStatus.SENT,
                                                DeliveryStatus.PENDING]
    wednesday = datetime(2026, 12, 9, 7, 0, tzinfo=TUESDAY_08.tzinfo)
    assert tasks.sweep_once(wednesday) == 1
    commit()
    assert len(mailbox) == 2 and "Foyer Tourcoing" in mailbox[1].get_content()
