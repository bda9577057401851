"""Reminders 24 hours before: claimed from the database by a periodic task,
handed once to the notification pipeline, never lost when a worker dies or
the mail server fails."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.booking import notify, schedule
from portal.booking import operations as ops
from portal.booking.models import Side
from portal.booking.tasks import queue_due_reminders
from portal.core.commit import commit
from portal.core.tasks import huey
from portal.extensions import db

NOW = datetime(2031, 5, 5, 8, 0, tzinfo=UTC)  # a Monday, 10:00 in Paris


def _book(person, start, email="lea@example.org"):
    kind = schedule.appointment_type(person.id, None)
    appointment = ops.book_slot(person, kind, start, name="Léa", email=email, now=NOW,
                                locale="en")  # the tests read the English wording
    commit()
    return appointment


def _reminders(mailbox):
    return [m for m in mailbox if "reminder" in m["Subject"]]


@pytest.fixture
def booked(professional, mailbox):
    person = professional()
    appointment = _book(person, NOW + timedelta(days=3))
    mailbox.clear()
    return appointment


def test_a_reminder_goes_once_24_hours_before(booked, mailbox, database):
    start = booked.starts_at
    assert ops.claim_due_reminders(start - timedelta(hours=25)) == []
    claim = start - timedelta(hours=23)
    assert ops.claim_due_reminders(claim) == [booked.id]
    assert ops.claim_due_reminders(claim + timedelta(minutes=1)) == []  # already claimed
    commit()
    assert ops.send_reminder(booked.id, claim, claim) is True
    commit()
    assert ops.send_reminder(booked.id, claim, claim) is False
    assert ops.claim_due_reminders(start - timedelta(hours=1)) == []
    sent = _reminders(mailbox)
    assert len(sent) == 1 and sent[0]["To"] == "lea@example.org"
    assert sent[0]["Message-ID"] == f"<reminder-{booked.uid}@passerelle>"
    assert notify.manage_url(booked, Side.YOUNG).split("/manage/")[1] in \
        sent[0].get_body(("plain",)).get_content()


def test_a_claim_never_followed_by_a_reminder_is_taken_again_after_the_lease(booked, mailbox):
    """A worker claimed it and died (a restart): after the lease, the next tick
    claims it again, and only the new claim may send."""
    claim = booked.starts_at - timedelta(hours=23)
    assert ops.claim_due_reminders(claim) == [booked.id]
    commit()
    assert ops.claim_due_reminders(claim + timedelta(minutes=10)) == []
    reclaim = claim + ops.REMINDER_LEASE + timedelta(minutes=1)
    assert ops.claim_due_reminders(reclaim) == [booked.id]
    commit()
    assert ops.send_reminder(booked.id, claim, reclaim) is False  # the dead worker's claim
    assert ops.send_reminder(booked.id, reclaim, reclaim) is True
    commit()
    assert len(_reminders(mailbox)) == 1


def test_a_mail_server_failure_keeps_the_reminder_for_later_and_sends_it_once(
        booked, mailbox, monkeypatch):
    """The reminder is handed to the notification pipeline; the SMTP server
    refuses; the delivery waits for the pipeline's retry and goes once."""
    from portal.notifications import tasks as notification_tasks
    from portal.notifications.models import Delivery, DeliveryStatus

    claim = booked.starts_at - timedelta(hours=23)
    ops.claim_due_reminders(claim)
    commit()

    def refused(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("SMTP down")

    monkeypatch.setattr(smtplib.SMTP, "sendmail", refused)
    assert ops.send_reminder(booked.id, claim, claim) is True
    commit()
    assert _reminders(mailbox) == []
    [delivery] = db.session.scalars(sa.select(Delivery).where(Delivery.kind == "booking_reminder"))
    assert delivery.status == DeliveryStatus.PENDING and "SMTP down" in delivery.error
    monkeypatch.undo()
    assert ops.send_reminder(booked.id, claim, claim) is False  # handed over once only
    later = delivery.not_before + timedelta(seconds=1)
    assert notification_tasks.sweep_once(later) == 1
    commit()
    assert len(_reminders(mailbox)) == 1
    assert notification_tasks.sweep_once(later + timedelta(hours=1)) == 0
    commit()
    assert len(_reminders(mailbox)) == 1


def test_no_reminder_for_cancelled_late_or_mailless_appointments(professional, mailbox):
    person = professional()
    cancelled = _book(person, NOW + timedelta(days=3))
    ops.cancel_appointment(cancelled, by=Side.YOUNG, now=NOW)
    late = _book(person, NOW + timedelta(hours=22))  # booked less than 24 hours ahead
    assert late.remind_at is None
    phone_only = ops.book_slot(person, schedule.appointment_type(person.id, None),
                               NOW + timedelta(days=2), name="Sam", phone="0600000000", now=NOW)
    commit()
    assert phone_only.remind_at is not None
    assert ops.claim_due_reminders(NOW + timedelta(days=3)) == []


def test_moving_an_appointment_moves_its_reminder(booked, mailbox):
    claim = booked.starts_at - timedelta(hours=23)
    ops.claim_due_reminders(claim)
    ops.send_reminder(booked.id, claim, claim)
    commit()
    new_start = booked.starts_at + timedelta(days=2)
    ops.reschedule_appointment(booked, new_start, by=Side.YOUNG, now=claim)
    commit()
    assert booked.reminder_sent_at is None and booked.remind_at == new_start - timedelta(hours=24)
    assert ops.claim_due_reminders(new_start - timedelta(hours=23)) == [booked.id]


@pytest.fixture
def immediate_tasks():
    """Huey's immediate mode: a queued task runs at once, in this thread."""
    storage = huey.storage
    huey.immediate = True
    yield huey
    huey.immediate = False
    huey.storage = storage


def test_the_periodic_task_queues_the_sending_after_its_claim_commits(
        booked, mailbox, immediate_tasks, database):
    tick = booked.starts_at - timedelta(hours=23)
    assert queue_due_reminders(tick) == [booked.id]
    assert _reminders(mailbox) == []  # nothing before the claim is committed
    commit()
    assert len(_reminders(mailbox)) == 1
    database.session.refresh(booked)
    assert booked.reminder_sent_at is not None
    assert queue_due_reminders(tick + timedelta(hours=1)) == []
    commit()
    assert len(_reminders(mailbox)) == 1


def test_the_sms_reminder_goes_the_evening_before_to_a_confirmed_number(
        app, booked, mailbox, tmp_path):
    """E-mail 24 hours before; SMS at 18:00 (Paris) the day before, only to a
    number its owner confirmed in the subscription centre."""
    import json

    from portal.notifications import pipeline
    from portal.notifications import tasks as notification_tasks
    from portal.notifications.models import Channel
    from portal.notifications.sms import OutboxSms

    previous = app.extensions.get("portal.sms")
    app.extensions["portal.sms"] = OutboxSms(str(tmp_path / "sms"))
    try:
        booked.phone = "06 12 34 56 78"
        contact = pipeline.contact_for(Channel.SMS, "+33612345678")
        contact.confirmed_at = NOW
        commit()
        claim = booked.starts_at - timedelta(hours=23)  # 11:00 in Paris the day before
        ops.claim_due_reminders(claim)
        assert ops.send_reminder(booked.id, claim, claim) is True
        commit()
        assert len(_reminders(mailbox)) == 1 and not (tmp_path / "sms").exists()
        evening = notify.evening_before(booked.starts_at)
        assert evening.hour == 18 and (booked.starts_at - evening) < timedelta(hours=24)
        assert notification_tasks.sweep_once(evening - timedelta(minutes=1)) == 0
        assert notification_tasks.sweep_once(evening) == 1
        commit()
        [sms] = [json.loads(p.read_text()) for p in (tmp_path / "sms").iterdir()]
        assert sms["to"] == "+33612345678"
        assert "demain" in sms["text"] and booked.person.last_name not in sms["text"]
    finally:
        app.extensions.pop("portal.sms", None)
        if previous is not None:
            app.extensions["portal.sms"] = previous
