"""SMS providers and web push, each against a local server speaking its API."""

from __future__ import annotations

import pytest

from portal.core.commit import commit
from portal.extensions import db
from portal.notifications import kinds, pipeline, sms
from portal.notifications.models import Channel, DeliveryStatus
from tests.notifications.conftest import MONDAY_10, deliveries
from tests.notifications.providers import BrevoServer, OvhServer, PushServer


@pytest.fixture
def use_backend(app):
    previous = app.extensions.get("portal.sms")

    def use(url):
        app.extensions["portal.sms"] = sms.from_url(url, app)
        return app.extensions["portal.sms"]

    yield use
    app.extensions.pop("portal.sms", None)
    if previous is not None:
        app.extensions["portal.sms"] = previous


@pytest.fixture
def ovh_server(monkeypatch):
    with OvhServer() as server:
        for name, value in OvhServer.KEYS.items():
            monkeypatch.setenv(f"OVH_{name.upper()}", value)
        yield server


@pytest.fixture
def brevo_server(monkeypatch):
    with BrevoServer() as server:
        monkeypatch.setenv("BREVO_API_KEY", BrevoServer.KEY)
        yield server


def _sms_contact(number="+33612345678", **fields):
    contact = pipeline.contact_for(Channel.SMS, number)
    contact.confirmed_at = MONDAY_10
    for key, value in fields.items():
        setattr(contact, key, value)
    db.session.flush()
    return contact


def _reminder(contact, event="appointment:1:reminder"):
    pipeline.notify(kinds.BOOKING_REMINDER, [pipeline.contact_recipient(contact)], event=event,
                    now=MONDAY_10)
    commit()


def test_ovh_gets_a_signed_job(app, database, ovh_server, use_backend):
    use_backend(f"ovh://ovh-eu/{OvhServer.SERVICE}?sender=Passerelle&api={ovh_server.base}/1.0")
    _reminder(_sms_contact())
    assert ovh_server.errors == []
    [job] = ovh_server.received
    assert job["receivers"] == ["+33612345678"] and job["sender"] == "Passerelle"
    assert job["message"] == "Rappel : tu as un rendez-vous demain. Les détails sont sur Passerelle."
    assert job["noStopClause"] is False  # a reminder is not transactional: STOP stays
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.SENT and delivery.provider_ref == "1001"


def test_ovh_errors(app, database, ovh_server, use_backend):
    use_backend(f"ovh://ovh-eu/sms-wrong-1?api={ovh_server.base}/1.0")
    _reminder(_sms_contact())
    assert ovh_server.errors == ["service"]
    [delivery] = deliveries()
    # A 404 is not fixed by waiting: retried later all the same, never lost.
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "does not exist" in delivery.error and delivery.not_before > MONDAY_10


def test_ovh_refuses_a_bad_signature(app, database, ovh_server, use_backend, monkeypatch):
    monkeypatch.setenv("OVH_APPLICATION_SECRET", "not-the-secret")
    use_backend(f"ovh://ovh-eu/{OvhServer.SERVICE}?api={ovh_server.base}/1.0")
    _reminder(_sms_contact())
    assert ovh_server.errors == ["signature"] and ovh_server.received == []
    assert "credential" in deliveries()[0].error


def test_brevo_gets_the_documented_body(app, database, brevo_server, use_backend):
    use_backend(f"brevo://api.brevo.com?sender=Passerelle&api={brevo_server.base}/v3")
    _reminder(_sms_contact("+32470123456"))
    assert brevo_server.errors == []
    [sent] = brevo_server.received
    assert sent["recipient"] == "32470123456" and sent["sender"] == "Passerelle"
    assert sent["type"] == "marketing" and sent["tag"] == "booking_reminder"
    assert deliveries()[0].provider_ref == "1"


@pytest.mark.parametrize("status,code,final", [
    (402, "not_enough_credits", DeliveryStatus.FAILED),
    (400, "invalid_parameter", DeliveryStatus.FAILED),
    (503, "unavailable", DeliveryStatus.PENDING),
])
def test_brevo_errors(app, database, brevo_server, use_backend, status, code, final):
    use_backend(f"brevo://api.brevo.com?sender=Passerelle&api={brevo_server.base}/v3")
    brevo_server.fail_with = (status, {"code": code, "message": "refused"})
    _reminder(_sms_contact())
    [delivery] = deliveries()
    assert delivery.status == final and code in delivery.error


def test_brevo_wrong_key(app, database, brevo_server, use_backend, monkeypatch):
    monkeypatch.setenv("BREVO_API_KEY", "wrong")
    use_backend(f"brevo://api.brevo.com?api={brevo_server.base}/v3")
    _reminder(_sms_contact())
    assert brevo_server.errors == ["api-key"]
    assert deliveries()[0].status == DeliveryStatus.FAILED


def test_secrets_never_in_the_url(app):
    with pytest.raises(RuntimeError, match="secrets"):
        sms.from_url("brevo://key:secret@api.brevo.com", app)


def test_sms_daily_cost_cap_and_per_number_limit(app, database, brevo_server, use_backend,
                                                 monkeypatch):
    use_backend(f"brevo://api.brevo.com?api={brevo_server.base}/v3")
    monkeypatch.setitem(app.config, "SMS_PER_NUMBER_DAILY", 2)
    monkeypatch.setitem(app.config, "NOTIFY_DAILY_CAP", 10)
    contact = _sms_contact()
    for n in range(3):
        _reminder(contact, event=f"appointment:{n}:reminder")
    assert len(brevo_server.received) == 2
    assert deliveries()[-1].reason == "sms_number_limit"
    monkeypatch.setitem(app.config, "SMS_DAILY_SEGMENT_CAP", 2)
    _reminder(_sms_contact("+33698765432"), event="appointment:9:reminder")
    assert len(brevo_server.received) == 2 and deliveries()[-1].reason == "sms_cost_cap"


def test_push_is_encrypted_for_the_browser(app, database):
    with PushServer() as server:
        contact = pipeline.contact_for(Channel.PUSH, server.endpoint)
        contact.push_keys, contact.confirmed_at = server.keys, MONDAY_10
        contact.under_15 = True  # push is their channel
        db.session.flush()
        pipeline.notify(kinds.FORUM_ANSWER, [pipeline.contact_recipient(contact)],
                        event="forum:post:1", now=MONDAY_10, context={})
        commit()
        assert server.errors == []
        [payload] = server.received
        assert payload["title"] == "Tu as une nouvelle réponse sur Passerelle"
        assert deliveries()[0].status == DeliveryStatus.SENT
        # A browser that unsubscribed (410) switches the contact off.
        server.gone = True
        pipeline.notify(kinds.FORUM_ANSWER, [pipeline.contact_recipient(contact)],
                        event="forum:post:2", now=MONDAY_10, context={})
        commit()
        assert deliveries()[-1].reason == "push_gone" and contact.disabled_at is not None
